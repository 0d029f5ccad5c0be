"""HTTP(S) fetches that are safe to make on behalf of users and feeds.

Every hop's host is resolved once, each address is checked, and the connection goes to a checked
address (so a DNS answer cannot change between check and connect). Redirects are followed by hand
and checked the same way; bodies are streamed against a size cap and an overall deadline.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import httpx

from worldbrief import __version__
from worldbrief.config import Settings
from worldbrief.ingest.addresses import IPAddress, IPNetwork, forbidden_reason, resolve_host
from worldbrief.ingest.errors import IngestError
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

USER_AGENT = f"worldbrief/{__version__} (+https://github.com/worldbrief/worldbrief)"
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(IngestError):
    """A URL was refused or could not be fetched (unsafe address, HTTP error, timeout, size cap)."""


@dataclass(frozen=True, slots=True)
class FetchResult:
    requested_url: str
    final_url: str  # after redirects
    status: int
    content_type: str | None  # lower case, without parameters
    charset: str | None  # as the Content-Type header declared it
    body: bytes
    etag: str | None
    last_modified: str | None
    not_modified: bool = False  # the server answered 304 to a conditional request


ALLOW_PRIVATE_SETTING = "WORLDBRIEF_FETCH_ALLOW_PRIVATE"


class SafeFetcher:
    """Fetches URLs within the limits of ``Settings`` (private addresses, timeout, size).

    ``trusted_networks`` lets chosen private networks through (an intranet feed server) while
    ``fetch_allow_private`` stays off. Environment proxies are ignored: a proxy would resolve
    names itself and bypass the address checks.
    """

    def __init__(self, settings: Settings, *, trusted_networks: Iterable[IPNetwork] = ()) -> None:
        self._allow_private = settings.fetch_allow_private
        self._timeout = settings.fetch_timeout_seconds
        self._max_bytes = settings.fetch_max_bytes
        self._trusted = tuple(trusted_networks)

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Sequence[str] = HTML_CONTENT_TYPES,
    ) -> FetchResult:
        """GET ``url``; raises ``FetchError`` with the reason when it is refused or fails.

        ``accept`` lists the content types wanted (``type/*`` allowed; empty accepts any).
        ``etag`` and ``last_modified`` make the request conditional; a 304 gives ``not_modified``.
        """
        deadline = time.monotonic() + self._timeout
        headers = _request_headers(accept, etag, last_modified)
        current = url
        for hop in range(MAX_REDIRECTS + 1):
            target = _parse_url(url, current, hop)
            # A client per hop: a pooled TLS connection checked for one host name must never
            # carry a request for another host on the same address.
            with httpx.Client(follow_redirects=False, trust_env=False) as client:
                response = self._send(client, url, target, hop, headers, deadline)
                try:
                    if response.status_code not in _REDIRECT_STATUSES:
                        return self._result(url, target, response, accept, deadline)
                    current = _redirect_location(url, target, response)
                finally:
                    response.close()
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _send(
        self,
        client: httpx.Client,
        url: str,
        target: httpx.URL,
        hop: int,
        headers: dict[str, str],
        deadline: float,
    ) -> httpx.Response:
        host = target.raw_host.decode("ascii")
        try:
            addresses = resolve_host(host, target.port or _DEFAULT_PORTS[target.scheme])
        except (OSError, UnicodeError) as error:
            raise FetchError(url, f"cannot resolve host {host!r}: {error}") from None
        if problem := self._address_problem(host, addresses):
            refused = f"redirect to {target} refused: " if hop else "refused: "
            raise FetchError(url, refused + problem)
        failure: Exception | None = None
        for address in addresses:
            request = self._pinned_request(client, target, address, headers, deadline, url)
            try:
                return client.send(request, stream=True)
            except httpx.ConnectError as error:
                failure = error
            except httpx.TimeoutException:
                raise FetchError(url, self._timed_out()) from None
            except httpx.HTTPError as error:
                raise FetchError(url, f"request to {target} failed: {error}") from None
        raise FetchError(url, f"cannot connect to {host}: {failure}")

    def refusal(self, url: str) -> str | None:
        """Why the address rules would refuse ``url`` now (a private address, say), or None.

        Resolves the host without connecting; a name that does not resolve is not refused here,
        since it may resolve by the time the URL is fetched."""
        try:
            target = _parse_url(url, url, 0)
            host = target.raw_host.decode("ascii")
            addresses = resolve_host(host, target.port or _DEFAULT_PORTS[target.scheme])
        except (FetchError, OSError, UnicodeError):
            return None
        return self._address_problem(host, addresses)

    def _address_problem(self, host: str, addresses: Sequence[IPAddress]) -> str | None:
        if self._allow_private:
            return None
        for address in addresses:
            label = forbidden_reason(address, self._trusted)
            if label is None:
                continue
            where = host if _is_address_literal(host) else f"{host} resolves to {address}, which"
            return f"{where} is {label} (set {ALLOW_PRIVATE_SETTING}=true to allow it)"
        return None

    def _pinned_request(
        self,
        client: httpx.Client,
        target: httpx.URL,
        address: IPAddress,
        headers: dict[str, str],
        deadline: float,
        url: str,
    ) -> httpx.Request:
        """A request to ``address`` that still names the host (Host header, TLS server name)."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(url, self._timed_out())
        extensions = {"sni_hostname": target.raw_host.decode("ascii")}
        return client.build_request(
            "GET",
            target.copy_with(host=str(address)),
            headers={**headers, "Host": target.netloc.decode("ascii")},
            timeout=httpx.Timeout(remaining),
            extensions=extensions if target.scheme == "https" else None,
        )

    def _result(
        self,
        url: str,
        target: httpx.URL,
        response: httpx.Response,
        accept: Sequence[str],
        deadline: float,
    ) -> FetchResult:
        status = response.status_code
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        content_type, charset = parse_content_type(response.headers.get("content-type"))
        if status == 304:
            return FetchResult(
                url, str(target), status, content_type, charset, b"", etag, last_modified, True
            )
        if not 200 <= status < 300:
            phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
            raise FetchError(url, f"the server answered HTTP {status}{phrase} for {target}")
        if accept and not content_type_accepted(content_type, accept):
            raise FetchError(
                url,
                f"content type {content_type or '(none given)'} is not accepted here; "
                f"expected {', '.join(accept)}",
            )
        body = self._read_body(url, response, deadline)
        return FetchResult(
            url, str(target), status, content_type, charset, body, etag, last_modified
        )

    def _read_body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise FetchError(url, self._too_large(f"declared as {int(declared):,} bytes, "))
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self._max_bytes:
                    raise FetchError(url, self._too_large(""))
                if time.monotonic() > deadline:
                    raise FetchError(url, self._timed_out())
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchError(url, self._timed_out()) from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"the response could not be read: {error}") from None
        return b"".join(chunks)

    def _timed_out(self) -> str:
        return f"timed out after {self._timeout:g} seconds (setting fetch_timeout_seconds)"

    def _too_large(self, detail: str) -> str:
        return (
            f"the response is too large ({detail}over the limit of {self._max_bytes:,} bytes, "
            "setting fetch_max_bytes)"
        )


def parse_content_type(header: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset=UTF-8`` → ``("text/html", "UTF-8")``."""
    if not header:
        return None, None
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower() or None, charset


def content_type_accepted(content_type: str | None, accept: Sequence[str]) -> bool:
    if content_type is None:
        return False
    for wanted in accept:
        wanted = wanted.lower()
        if wanted in {content_type, "*/*"}:
            return True
        if wanted.endswith("/*") and content_type.startswith(wanted[:-1]):
            return True
    return False


def _parse_url(requested: str, url: str, hop: int) -> httpx.URL:
    refused = f"redirect to {url} refused: " if hop else ""
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as error:
        raise FetchError(requested, f"{refused}not a valid URL ({error})") from None
    if target.scheme not in _DEFAULT_PORTS:
        scheme = f"{target.scheme}:" if target.scheme else "a URL without a scheme"
        raise FetchError(
            requested, f"{refused}only http and https URLs can be fetched, not {scheme}"
        )
    if not target.raw_host:
        raise FetchError(requested, f"{refused}the URL has no host name")
    try:
        checked_http_url(str(target))  # host names a resolver would refuse (labels over 63)
    except UnsafeUrlError as error:
        raise FetchError(requested, f"{refused}{error}") from None
    return target


def _is_address_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _redirect_location(url: str, target: httpx.URL, response: httpx.Response) -> str:
    location = response.headers.get("location")
    if not location:
        raise FetchError(url, f"HTTP {response.status_code} redirect without a Location header")
    try:
        return str(target.join(location))
    except (httpx.InvalidURL, ValueError) as error:
        raise FetchError(url, f"redirect to an invalid URL {location[:200]!r}: {error}") from None


def _request_headers(
    accept: Sequence[str], etag: str | None, last_modified: str | None
) -> dict[str, str]:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": ", ".join([*accept, "*/*;q=0.1"]) if accept else "*/*",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers
