"""The jobs, one module each. A module here defines its job and calls ``register_job``; every
module of this package is imported when the jobs are first listed, so a new job (alerts, say)
is one new file here and, if it should run on a schedule, an ``every_seconds`` default."""
