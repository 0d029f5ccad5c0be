"""Which network addresses a server-side fetch may reach.

Only globally routable unicast addresses are allowed by default: a URL from a user or a feed must
not reach the host itself, the private network or a cloud metadata service (169.254.169.254).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (numeric forms such as ``2130706433`` included).

    Raises ``OSError`` (``socket.gaierror``) when the name does not resolve.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found: dict[IPAddress, None] = {}
    for _family, _type, _proto, _canonname, sockaddr in infos:
        # IPv6 sockaddrs may carry a zone ("fe80::1%eth0"); the zone is not part of the address.
        found[ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])] = None
    return list(found)


def forbidden_reason(address: IPAddress, trusted: Iterable[IPNetwork] = ()) -> str | None:
    """Why ``address`` must not be fetched from ("a loopback address"), or None when public."""
    if any(address in network for network in trusted if network.version == address.version):
        return None
    for embedded in _embedded_ipv4(address):
        reason = forbidden_reason(embedded, trusted)
        if reason:
            return f"{reason} ({embedded}, carried inside IPv6)"
    checks = (
        ("the unspecified address", address.is_unspecified),
        ("a loopback address", address.is_loopback),
        ("a link-local address", address.is_link_local),
        ("a multicast address", address.is_multicast),
        ("a private address", address.is_private),
        ("a reserved address", address.is_reserved),
        (
            "a site-local address",
            isinstance(address, ipaddress.IPv6Address) and address.is_site_local,
        ),
        ("not a globally routable address", not address.is_global),
    )
    for label, applies in checks:
        if applies:
            return label
    return None


def _embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses carried inside an IPv6 one (mapped, 6to4, Teredo), which route to them."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    teredo = address.teredo
    nat64 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in _NAT64 else None
    candidates = [address.ipv4_mapped, address.sixtofour, teredo[1] if teredo else None, nat64]
    return [candidate for candidate in candidates if candidate is not None]
