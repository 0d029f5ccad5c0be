"""An alert mail as sent: plain-text and HTML parts from packaged templates, grouped by
watchlist and place, with a small chart of the week drawn as table bars (no image, remote or
inline, so nothing is fetched when it is opened), and the unsubscribe headers.

Every value reaches the HTML part through Jinja2's autoescaping; links are built from the
site's base URL and ids (``alert_views``). Headers lose line breaks and control characters.
"""

from __future__ import annotations

import email.policy
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from worldbrief.config import Settings
from worldbrief.domain.alert_delivery import MailingKind
from worldbrief.services.alert_views import AlertView, grouped
from worldbrief.text.characters import clean_text

_TEMPLATES = Path(__file__).resolve().parents[1] / "alerts" / "mail_templates"
CHART_WIDTH = 120  # pixels of the longest bar
CHART_MIN_ALERTS = 4  # a chart helps once there is something to compare
_HEADER_SPACE = re.compile(r"\s+")
# Lines up to RFC 5322's limit: a folded or encoded List-Unsubscribe URL is one no client reads.
_POLICY = email.policy.default.clone(max_line_length=998)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    width: int
    text_bar: str


@dataclass(frozen=True, slots=True)
class WatchlistSection:
    name: str
    places: list[tuple[str, list[AlertView]]]
    chart: list[Bar]
    chart_span: str
    unsubscribe_url: str


@dataclass(frozen=True, slots=True)
class AlertMail:
    to: str
    kind: MailingKind
    alert_ids: tuple[int, ...]
    watchlist_ids: tuple[int, ...]
    unsubscribe_urls: dict[int, str]  # each watchlist's own
    unsubscribe_all_url: str  # every watchlist of the mail


def build_message(
    settings: Settings, mail: AlertMail, views: list[AlertView], today: date
) -> EmailMessage:
    sections = [
        WatchlistSection(
            name=name,
            places=list(places.items()),
            chart=week_chart(_all(places), today),
            chart_span=f"{(today - timedelta(days=6)):%d %b} to {today:%d %b}",
            unsubscribe_url=mail.unsubscribe_urls[places_first(places).watchlist_id],
        )
        for name, places in grouped(views).items()
    ]
    subject = _subject(settings, mail, views)
    context = {
        "site_name": settings.site_name,
        "subject": subject,
        "heading": _heading(mail, len(views)),
        "watchlists": sections,
        "unsubscribe_url": mail.unsubscribe_all_url,
        "footer": "You get this mail because you follow these watchlists.",
    }
    message = EmailMessage(policy=_POLICY)
    message["From"] = settings.smtp_from
    message["To"] = mail.to
    message["Subject"] = subject
    message["Message-ID"] = message_id(settings, mail)
    # RFC 2369 and RFC 8058: a mail client may offer one-click unsubscribe with a POST.
    message["List-Unsubscribe"] = f"<{mail.unsubscribe_all_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(_environment(autoescape=False).get_template("alerts.txt").render(context))
    html = _environment(autoescape=True).get_template("alerts.html").render(context)
    message.add_alternative(html, subtype="html")
    return message


def message_id(settings: Settings, mail: AlertMail) -> str:
    """The same for the same alerts, so a mail sent again after a crash reads as the same."""
    digest = hashlib.sha256(",".join(map(str, mail.alert_ids)).encode()).hexdigest()[:24]
    host = urlsplit(settings.base_url).hostname or "localhost"
    return f"<alerts.{mail.kind.value}.{digest}@{host}>"


def week_chart(views: list[AlertView], today: date) -> list[Bar]:
    """Alerts a day over the seven days to ``today``; empty when too few to compare."""
    first = today - timedelta(days=6)
    days = Counter(v.day for v in views if first <= v.day <= today)
    if sum(days.values()) < CHART_MIN_ALERTS or len(days) < 2:
        return []
    most = max(days.values())
    bars = []
    for offset in range(7):
        day = first + timedelta(days=offset)
        count = days.get(day, 0)
        width = round(CHART_WIDTH * count / most)
        bars.append(Bar(f"{day:%a %d}", count, width, "#" * round(20 * count / most)))
    return bars


def places_first(places: dict[str, list[AlertView]]) -> AlertView:
    return next(iter(places.values()))[0]


def _all(places: dict[str, list[AlertView]]) -> list[AlertView]:
    return [v for views in places.values() for v in views]


def _heading(mail: AlertMail, count: int) -> str:
    alerts = f"{count} alert{'s' if count != 1 else ''}"
    if mail.kind is MailingKind.IMMEDIATE:
        return f"New alert: {alerts}"
    return f"{'Daily' if mail.kind is MailingKind.DAILY else 'Weekly'} digest: {alerts}"


def _subject(settings: Settings, mail: AlertMail, views: list[AlertView]) -> str:
    names = list(dict.fromkeys(v.watchlist_name for v in views))
    if mail.kind is MailingKind.IMMEDIATE and len(views) == 1:
        text = f"{names[0]}: {views[0].title}"
    elif mail.kind is MailingKind.IMMEDIATE:
        text = f"{names[0]}: {len(views)} new alerts"
    else:
        label = "Daily" if mail.kind is MailingKind.DAILY else "Weekly"
        text = f"{label} digest: {len(views)} alerts ({', '.join(names[:3])}"
        text += f" and {len(names) - 3} more)" if len(names) > 3 else ")"
    return _header_text(f"[{settings.site_name}] {text}")[:200]


def _header_text(text: str) -> str:
    return _HEADER_SPACE.sub(" ", clean_text(text)).strip()


@cache
def _environment(*, autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=autoescape,  # noqa: S701  (off for the plain-text part only)
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
