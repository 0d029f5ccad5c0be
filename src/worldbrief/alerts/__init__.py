"""Watchlist matching, pure: the terms a watchlist is indexed under, the terms of a new article
or event, and whether an item meets a watchlist's criteria (and why). No I/O; the alert pass
(``services.alerts``) reads the store and records what these decide."""
