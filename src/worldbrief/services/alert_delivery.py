"""One delivery pass over the recorded alerts: mail (immediate and digests), then webhooks.

Run by the ``alerts`` job after each alert pass, and by ``worldbrief alerts run``. The Atom
feed needs no pass: it reads the alerts when it is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from worldbrief.services.alert_mail import MailReport, run_alert_mail
from worldbrief.services.alert_webhooks import WebhookReport, run_alert_webhooks
from worldbrief.services.platform import Platform


@dataclass
class DeliveryReport:
    mail: MailReport = field(default_factory=MailReport)
    webhooks: WebhookReport = field(default_factory=WebhookReport)


def run_alert_delivery(platform: Platform, *, now: datetime | None = None) -> DeliveryReport:
    moment = now or datetime.now(UTC)
    return DeliveryReport(run_alert_mail(platform, moment), run_alert_webhooks(platform, moment))


def delivery_summary(report: DeliveryReport) -> str:
    mail, hooks = report.mail, report.webhooks
    return (
        f"mail: {mail.mails} sent ({mail.alerts} alerts), {mail.held} held (quiet hours or "
        f"cooldown), {mail.folded} folded into the next digest, {mail.failed} refused; "
        f"webhooks: {hooks.delivered} delivered, {hooks.failed} failed, "
        f"{hooks.disabled} disabled"
    )
