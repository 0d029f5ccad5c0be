#!/bin/sh
# Run once by the postgres image when it first makes the primary's data directory: admits the
# read replica's base backup and WAL stream. Replication connections match no "all" line of
# pg_hba.conf, so the image's own rule does not let them in.
echo "host replication $POSTGRES_USER all scram-sha-256" >> "$PGDATA/pg_hba.conf"
