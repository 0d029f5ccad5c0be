"""`worldbrief watchlists` and `worldbrief alerts` with the delivery commands added to both."""

from __future__ import annotations

from worldbrief.cli import alert_delivery, watchlists

app = watchlists.app
alerts_app = watchlists.alerts_app
alert_delivery.register(app, alerts_app)
