"""Use cases of watchlists: create (every value checked here, before the store sees it), list,
remove, and the Atom feed token (issued once in plain text, kept as its SHA-256, revocable).

Errors: ``WatchlistInputError`` for a value that cannot be followed (it names the value and
why), ``WatchlistOwnerError`` for an address without an account.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from worldbrief.actors.catalog import curated_actor
from worldbrief.domain import ArticleType
from worldbrief.domain.account import Account
from worldbrief.domain.watchlists import (
    Delivery,
    Division,
    EmailMode,
    SavedSearch,
    WatchCriteria,
    Watchlist,
)
from worldbrief.events.typology import typology
from worldbrief.ingest.limits import url_length_problem
from worldbrief.ingest.safe_fetch import SafeFetcher
from worldbrief.membership.emails import normalise_email
from worldbrief.membership.errors import MembershipInputError
from worldbrief.search.batch import check_query
from worldbrief.search.query import QuerySyntaxError, SearchQuery
from worldbrief.services.platform import Platform
from worldbrief.store import AccountStore, WatchlistStore
from worldbrief.store.entity_store import EntityStore
from worldbrief.text.characters import clean_text
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

MAX_NAME_LENGTH = 200
MAX_VALUES = 50  # of each kind of criterion
MAX_WATCHLISTS_PER_ACCOUNT = 200
DEFAULT_EMAIL_MODE = EmailMode.DAILY  # one digest a day unless the reader asks for more


_Value = TypeVar("_Value")


class WatchlistInputError(ValueError):
    """A value a watchlist cannot take; the message names it and says why."""


class WatchlistOwnerError(LookupError):
    """No account has the address given as a watchlist's owner."""


@dataclass(frozen=True, slots=True)
class WatchlistRequest:
    """A watchlist as a reader asks for it, every value as typed."""

    name: str
    countries: Sequence[str] = ()
    regions: Sequence[str] = ()
    divisions: Sequence[str] = ()  # "KZ/Mangystau Region"
    actors: Sequence[str] = ()
    event_types: Sequence[str] = ()  # a type, a subtype, or a subtype's id ("armed-clash")
    authors: Sequence[str] = ()
    article_types: Sequence[str] = ()
    query: str | None = None
    email: str = DEFAULT_EMAIL_MODE.value
    webhook: str | None = None


def watchlists_of(platform: Platform) -> WatchlistStore:
    return WatchlistStore.alongside(platform.store)


def add_watchlist(
    platform: Platform,
    owner_email: str,
    request: WatchlistRequest,
    now: datetime | None = None,
    *,
    existing: Callable[[Watchlist], bool] | None = None,
) -> Watchlist:
    """Create a watchlist for the account at ``owner_email``; when ``existing`` is given and
    one of the account's watchlists meets it, that one instead (checked under the write lock,
    so two requests at once make one)."""
    owner = watchlist_owner(platform, owner_email)
    criteria = checked_criteria(platform, request)
    delivery = Delivery(_email_mode(request.email), _webhook(platform, request.webhook))
    name = _name(request.name)
    store = watchlists_of(platform)
    owned = store.list_watchlists(owner.id)
    found = next((w for w in owned if existing(w)), None) if existing else None
    if found is not None:  # before the limit: a reader with the most may press Follow again
        return found
    if len(owned) >= MAX_WATCHLISTS_PER_ACCOUNT:
        raise WatchlistInputError(
            f"{owner.email} already has {MAX_WATCHLISTS_PER_ACCOUNT} watchlists, the most "
            "an account may have; remove one first"
        )
    return store.create(
        owner.id,
        name,
        criteria,
        delivery,
        atom_token_hash=None,
        now=now or datetime.now(UTC),
        existing=existing,
    )


def update_watchlist(
    platform: Platform,
    owner_email: str,
    watchlist_id: int,
    request: WatchlistRequest,
    now: datetime | None = None,
) -> Watchlist | None:
    """Replace every criterion and delivery setting of a watchlist ``owner_email`` owns, checked
    as on creation; None when the account has no such watchlist."""
    if owned_watchlist(platform, owner_email, watchlist_id) is None:
        return None
    criteria = checked_criteria(platform, request)
    delivery = Delivery(_email_mode(request.email), _webhook(platform, request.webhook))
    name = _name(request.name)
    return watchlists_of(platform).update(
        watchlist_id, name, criteria, delivery, now=now or datetime.now(UTC)
    )


def request_of(watchlist: Watchlist) -> WatchlistRequest:
    """The request that would make ``watchlist`` again: what an edit form starts from."""
    c = watchlist.criteria
    return WatchlistRequest(
        name=watchlist.name, countries=c.countries, regions=c.regions,
        divisions=tuple(d.key for d in c.divisions), actors=c.actors,
        event_types=(*c.event_types, *c.event_subtypes), authors=c.authors,
        article_types=c.article_types, query=c.search.text if c.search else None,
        email=watchlist.delivery.email.value, webhook=watchlist.delivery.webhook_url,
    )  # fmt: skip


def list_watchlists(platform: Platform, owner_email: str | None = None) -> list[Watchlist]:
    store = watchlists_of(platform)
    if owner_email is None:
        return store.list_watchlists()
    return store.list_watchlists(watchlist_owner(platform, owner_email).id)


def remove_watchlist(platform: Platform, watchlist_id: int) -> bool:
    return watchlists_of(platform).delete(watchlist_id)


def owned_watchlist(platform: Platform, owner_email: str, watchlist_id: int) -> Watchlist | None:
    """The watchlist when ``owner_email``'s account owns it; None otherwise (an API never
    tells one reader whether another's watchlist exists)."""
    found = watchlists_of(platform).get(watchlist_id)
    if found is None or found.owner_email is None:
        return None
    return found if found.owner_email == owner_email.strip().lower() else None


def issue_atom_token(platform: Platform, watchlist_id: int) -> str | None:
    """A new feed token for the watchlist (the old one stops working); shown once, kept only
    hashed. None when there is no such watchlist."""
    token = secrets.token_urlsafe(32)
    issued = watchlists_of(platform).set_atom_token(
        watchlist_id, atom_token_hash(token), datetime.now(UTC)
    )
    return token if issued else None


def revoke_atom_token(platform: Platform, watchlist_id: int) -> bool:
    return watchlists_of(platform).set_atom_token(watchlist_id, None, datetime.now(UTC))


def watchlist_for_atom_token(platform: Platform, token: str) -> Watchlist | None:
    if not token or len(token) > 200:
        return None
    return watchlists_of(platform).by_atom_token(atom_token_hash(token))


def atom_token_hash(token: str) -> str:
    # 256 random bits: a plain SHA-256 cannot be reversed or guessed, no salt needed.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def checked_criteria(platform: Platform, request: WatchlistRequest) -> WatchCriteria:
    """The criteria of ``request`` in their stored form; raises ``WatchlistInputError``."""
    for label, values in (
        ("countries", request.countries), ("regions", request.regions),
        ("divisions", request.divisions), ("actors", request.actors),
        ("event types", request.event_types), ("authors", request.authors),
        ("article types", request.article_types),
    ):  # fmt: skip
        if len(values) > MAX_VALUES:
            raise WatchlistInputError(f"at most {MAX_VALUES} {label}")
    types, subtypes = _event_kinds(request.event_types)
    query = (request.query or "").strip()
    criteria = WatchCriteria(
        countries=_unique(_country(platform, c) for c in request.countries),
        regions=_unique(_region(platform, r) for r in request.regions),
        divisions=_unique(_division(platform, d) for d in request.divisions),
        actors=_unique(_actor(platform, a) for a in request.actors),
        event_types=types,
        event_subtypes=subtypes,
        authors=_unique(_author(a) for a in request.authors),
        article_types=_unique(_article_type(t) for t in request.article_types),
        search=_search(query) if query else None,
    )
    if criteria.is_empty:
        raise WatchlistInputError(
            "a watchlist needs something to follow: a country, region, division, actor, "
            "event type, author, article type or search"
        )
    return criteria


def request_problems(platform: Platform, request: WatchlistRequest) -> dict[str, str]:
    """Each field of ``request`` that cannot be saved, with why, keyed by the field's name in
    ``WatchlistRequest`` (``""`` for a problem of the whole: nothing to follow). A form shows
    each beside its field; an empty answer means the request can be saved."""
    checks: dict[str, Callable[[], object]] = {
        "name": lambda: _name(request.name),
        "countries": lambda: [_country(platform, c) for c in _at_most(request.countries)],
        "regions": lambda: [_region(platform, r) for r in _at_most(request.regions)],
        "divisions": lambda: [_division(platform, d) for d in _at_most(request.divisions)],
        "actors": lambda: [_actor(platform, a) for a in _at_most(request.actors)],
        "event_types": lambda: _event_kinds(_at_most(request.event_types)),
        "authors": lambda: [_author(a) for a in _at_most(request.authors)],
        "article_types": lambda: [_article_type(t) for t in _at_most(request.article_types)],
        "query": lambda: _search(text) if (text := (request.query or "").strip()) else None,
        "email": lambda: _email_mode(request.email),
        "webhook": lambda: _webhook(platform, request.webhook),
    }
    problems: dict[str, str] = {}
    for field_name, check in checks.items():
        try:
            check()
        except WatchlistInputError as error:
            problems[field_name] = str(error)
    if not problems:
        try:
            checked_criteria(platform, request)
        except WatchlistInputError as error:
            problems[""] = str(error)
    return problems


def _at_most(values: Sequence[str]) -> Sequence[str]:
    if len(values) > MAX_VALUES:
        raise WatchlistInputError(f"at most {MAX_VALUES} values")
    return values


def _name(value: str) -> str:
    name = clean_text(value).strip()
    if not name:
        raise WatchlistInputError("the watchlist needs a name")
    if len(name) > MAX_NAME_LENGTH:
        raise WatchlistInputError(f"the name is over {MAX_NAME_LENGTH} characters")
    return name


def watchlist_owner(platform: Platform, email: str) -> Account:
    """The account at ``email``; raises ``WatchlistInputError`` for an address that is not
    one, ``WatchlistOwnerError`` when no account has it."""
    try:
        address = normalise_email(email)
    except MembershipInputError as error:
        raise WatchlistInputError(str(error)) from None
    account = AccountStore.alongside(platform.store).get_account(address)
    if account is None:
        raise WatchlistOwnerError("no account has that email address")
    return account


def _country(platform: Platform, value: str) -> str:
    found = platform.taxonomy.find_country(value)
    if found is None:
        raise WatchlistInputError("unknown country: give an ISO 3166-1 alpha-2 code such as KZ")
    return found.code


def _region(platform: Platform, value: str) -> str:
    key = "-".join(value.strip().lower().replace("_", " ").split())
    found = platform.taxonomy.find_region(key)
    if found is None:
        known = ", ".join(r.id for r in platform.taxonomy.top_regions())
        raise WatchlistInputError(
            f"unknown region: give a region id such as central-asia (top regions: {known})"
        )
    return found.id


def _division(platform: Platform, value: str) -> Division:
    country, slash, admin1 = value.partition("/")
    name = " ".join(clean_text(admin1).split())
    if not slash or not name:
        raise WatchlistInputError(
            "a division must be written COUNTRY/NAME, e.g. KZ/Mangystau Region"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise WatchlistInputError(f"a division name has at most {MAX_NAME_LENGTH} characters")
    return Division(_country(platform, country), name)


def _actor(platform: Platform, value: str) -> str:
    # No id holds a NUL, and PostgreSQL refuses one in text rather than finding nothing.
    actor_id = value.strip().replace("\x00", "\ufffd")
    if curated_actor(actor_id) is not None:
        return actor_id
    if actor_id and EntityStore.alongside(platform.store).get(actor_id) is not None:
        return actor_id
    raise WatchlistInputError(
        "unknown actor: give an actor id as shown on its page (e.g. the id in /actors/ID)"
    )


def _event_kinds(values: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Type names and subtype names: a value is a type, a subtype or a subtype's id, in any case."""
    kinds = typology()
    by_type = {k.type.casefold(): k.type for k in kinds}
    by_subtype = {k.subtype.casefold(): k.subtype for k in kinds}
    by_subtype.update({k.id: k.subtype for k in kinds})
    types: list[str] = []
    subtypes: list[str] = []
    for value in values:
        key = " ".join(value.split()).casefold()
        if key in by_type:
            types.append(by_type[key])
        elif key in by_subtype:
            subtypes.append(by_subtype[key])
        else:
            names = ", ".join(dict.fromkeys(k.type for k in kinds))
            raise WatchlistInputError(
                f"unknown event type: give a type ({names}), a subtype "
                "(e.g. Peaceful protest) or a subtype id (e.g. peaceful-protest)"
            )
    return tuple(dict.fromkeys(types)), tuple(dict.fromkeys(subtypes))


def _author(value: str) -> str:
    name = " ".join(clean_text(value).split())
    if not name or len(name) > MAX_NAME_LENGTH:
        raise WatchlistInputError(f"an author is a name of 1 to {MAX_NAME_LENGTH} characters")
    return name


def _article_type(value: str) -> str:
    try:
        return ArticleType.parse(value).value
    except ValueError as error:
        raise WatchlistInputError(str(error)) from None


def _search(text: str) -> SavedSearch:
    if "\x00" in text:  # no search word holds one, and PostgreSQL would refuse to keep it
        raise WatchlistInputError("the search holds a NUL character")
    try:
        check_query(SearchQuery(text=text, facets=(), snippets=False))
    except QuerySyntaxError as error:
        raise WatchlistInputError(f"the search cannot run: {error}") from None
    return SavedSearch(text=text)


def _email_mode(value: str) -> EmailMode:
    try:
        return EmailMode(value.strip().lower())
    except ValueError:
        allowed = "|".join(m.value for m in EmailMode)
        raise WatchlistInputError(f"the email mode must be one of {allowed}") from None


def _webhook(platform: Platform, url: str | None) -> str | None:
    """The safe-fetch rules apply: http(s) only, and no private address unless allowed."""
    if url is None or not url.strip():
        return None
    try:
        checked = checked_http_url(url)
    except UnsafeUrlError as error:
        raise WatchlistInputError(f"webhook refused: {error}") from None
    if problem := url_length_problem(checked):
        raise WatchlistInputError(f"webhook refused: {problem}")
    if SafeFetcher(platform.settings).refusal(checked):
        # The refusal names the host and what it resolves to; the owner is told the rule alone.
        raise WatchlistInputError(
            "webhook refused: its host is or resolves to a private, loopback or reserved "
            "address, which this site does not call"
        )
    return checked


def _unique(values: Iterable[_Value]) -> tuple[_Value, ...]:
    return tuple(dict.fromkeys(values))
