"""POSTs to URLs readers give (alert webhooks) under the safe-fetch rules (decision 0006).

The host is resolved once, every address checked (no loopback, private or link-local address
unless ``fetch_allow_private`` or a trusted network allows it) and the connection made to a
checked address, as ``SafeFetcher`` does. A redirect is not followed: a webhook that answers
one has failed (following it would re-send the body somewhere else). The answer's body is read
up to a small cap and dropped; only its status counts.
"""

from __future__ import annotations

import ssl
import time
from functools import cache

import httpx

from worldbrief.ingest.addresses import resolve_host
from worldbrief.ingest.safe_fetch import (
    _DEFAULT_PORTS,
    USER_AGENT,
    FetchError,
    SafeFetcher,
    _parse_url,
)

ANSWER_BYTES = 65536  # what is read of a receiver's answer before the connection is closed


class SafePoster(SafeFetcher):
    def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """POST ``body``; returns the 2xx status, raises ``FetchError`` with the reason for a
        refused address, a failed connection, a timeout, a redirect or another status."""
        deadline = time.monotonic() + self._timeout
        target = _parse_url(url, url, 0)
        host = target.raw_host.decode("ascii")
        try:
            addresses = resolve_host(host, target.port or _DEFAULT_PORTS[target.scheme])
        except (OSError, UnicodeError) as error:
            raise FetchError(url, f"cannot resolve host {host!r}: {error}") from None
        if problem := self._address_problem(host, addresses):
            raise FetchError(url, "refused: " + problem)
        sent = {"User-Agent": USER_AGENT, "Content-Type": "application/json", **headers}
        failure: Exception | None = None
        # A client per request, as SafeFetcher does per hop; the TLS context is built once (it
        # loads the CA bundle: most of a local request's cost when made each time).
        with httpx.Client(follow_redirects=False, trust_env=False, verify=_tls()) as client:
            for address in addresses:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchError(url, self._timed_out())
                request = client.build_request(
                    "POST",
                    target.copy_with(host=str(address)),
                    content=body,
                    headers={**sent, "Host": target.netloc.decode("ascii")},
                    timeout=httpx.Timeout(remaining),
                    extensions={"sni_hostname": host} if target.scheme == "https" else None,
                )
                try:
                    response = client.send(request, stream=True)
                except httpx.ConnectError as error:
                    failure = error
                    continue
                except httpx.TimeoutException:
                    raise FetchError(url, self._timed_out()) from None
                except httpx.HTTPError as error:
                    raise FetchError(url, f"request to {target} failed: {error}") from None
                try:
                    return _status(url, response)
                finally:
                    response.close()
        raise FetchError(url, f"cannot connect to {host}: {failure}")


@cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()


def _status(url: str, response: httpx.Response) -> int:
    status = response.status_code
    read = 0
    try:
        for chunk in response.iter_bytes():
            read += len(chunk)
            if read >= ANSWER_BYTES:
                break
    except httpx.HTTPError:
        pass  # the status is the answer; a body cut short changes nothing
    if 200 <= status < 300:
        return status
    phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
    if 300 <= status < 400:
        raise FetchError(
            url, f"the receiver answered HTTP {status}{phrase}; webhooks are not redirected"
        )
    raise FetchError(url, f"the receiver answered HTTP {status}{phrase}")
