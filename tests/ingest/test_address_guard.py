"""Which addresses a server-side fetch may reach."""

from __future__ import annotations

import ipaddress

import pytest

from worldbrief.ingest.addresses import forbidden_reason, resolve_host

REFUSED = {
    "127.0.0.1": "loopback",
    "127.8.9.10": "loopback",
    "10.1.2.3": "private",
    "172.16.0.1": "private",
    "192.168.1.1": "private",
    "169.254.169.254": "link-local",
    "0.0.0.0": "unspecified",
    "224.0.0.1": "multicast",
    "255.255.255.255": "private",
    "100.64.0.1": "not a globally routable",
    "::1": "loopback",
    "::": "unspecified",
    "fe80::1": "link-local",
    "fc00::1": "private",
    "ff02::1": "multicast",
    "::ffff:127.0.0.1": "loopback",
    "::ffff:169.254.169.254": "link-local",
    "2002:7f00:1::": "loopback",  # 6to4 wrapping 127.0.0.1
    "64:ff9b::a9fe:a9fe": "link-local",  # NAT64 wrapping 169.254.169.254
}


@pytest.mark.parametrize(("address", "kind"), sorted(REFUSED.items()))
def test_non_public_addresses_are_refused(address: str, kind: str) -> None:
    reason = forbidden_reason(ipaddress.ip_address(address))
    assert reason is not None and kind in reason


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888"])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def test_trusted_network_lets_one_private_range_through() -> None:
    trusted = [ipaddress.ip_network("10.20.0.0/16")]
    assert forbidden_reason(ipaddress.ip_address("10.20.3.4"), trusted) is None
    assert forbidden_reason(ipaddress.ip_address("10.21.3.4"), trusted) is not None


@pytest.mark.parametrize("host", ["2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.1"])
def test_numeric_host_tricks_resolve_to_what_they_mean(host: str) -> None:
    assert resolve_host(host, 80) == [ipaddress.ip_address("127.0.0.1")]
