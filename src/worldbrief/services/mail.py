"""Mail to readers through the configured SMTP server, sent off the request path.

Pages queue a message with the response's background tasks, so a slow or failing server never
delays an answer nor shows in it; a failure is logged, never raised.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage

from worldbrief.config import Settings

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 15.0


def mail_enabled(settings: Settings) -> bool:
    return bool(settings.smtp_host)


def new_message(settings: Settings, to: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    return message


def send_mail(settings: Settings, message: EmailMessage, purpose: str) -> bool:
    """Send through the configured SMTP server; a failure is logged (never raised): False."""
    if not settings.smtp_host:
        log.error("cannot send %r: WORLDBRIEF_SMTP_HOST is not set", message["Subject"])
        return False
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        log.error(
            "%s mail to %s not sent: SMTP server %s failed: %s",
            purpose, message["To"], server, error or type(error).__name__,
        )  # fmt: skip
        return False
    return True
