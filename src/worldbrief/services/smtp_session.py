"""One SMTP connection for many mails: a delivery pass sends its mails over one session
instead of connecting, greeting and signing in for each (``services/mail.py`` does that for the
occasional password-reset mail).

A mail that fails is logged and reported as not sent, and the connection closed: the next mail
opens a new one. A server that cannot be reached (or refuses the greeting, STARTTLS or the
sign-in) fails the session's other mails at once, without waiting for it again. Nothing is
retried here, since a failure after the server took the mail's data cannot tell whether it was
accepted; the caller holds the alerts for a later pass.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from types import TracebackType

from worldbrief.config import Settings
from worldbrief.services.mail import SMTP_TIMEOUT_SECONDS

log = logging.getLogger(__name__)

MAILS_PER_CONNECTION = 100  # servers limit a session's messages; open a new one before


class SmtpSession:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._smtp: smtplib.SMTP | None = None
        self._sent = 0
        self._unreachable: str | None = None  # why the server could not be reached, if so

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def send(self, message: EmailMessage, purpose: str) -> bool:
        """Send ``message``; False (logged, never raised) when it could not be."""
        settings = self._settings
        server = f"{settings.smtp_host}:{settings.smtp_port}"
        if self._unreachable is not None:  # one wait for a server that is down, not one a mail
            return False
        try:
            if self._smtp is None or self._sent >= MAILS_PER_CONNECTION:
                self.close()
                try:
                    self._smtp = self._connect()
                except (smtplib.SMTPException, OSError) as error:
                    self._unreachable = str(error) or type(error).__name__
                    raise
            self._smtp.send_message(message)
            self._sent += 1
        except (smtplib.SMTPException, OSError) as error:
            log.error(
                "%s mail to %s not sent: SMTP server %s failed: %s",
                purpose, message["To"], server, error or type(error).__name__,
            )  # fmt: skip
            self.close()
            return False
        return True

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
        self._smtp = None
        self._sent = 0

    def _connect(self) -> smtplib.SMTP:
        settings = self._settings
        assert settings.smtp_host
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
        try:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp
