"""`worldbrief serve` on loopback answers only to loopback names and the public URL's host, so a
web page cannot reach it by rebinding its own name to 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx

from support.live_site import live_site, site_environment
from worldbrief.config import Settings
from worldbrief.web.auth.hosts import default_allowed_hosts


def test_a_rebound_host_name_is_refused_and_loopback_names_answer(tmp_path: Path) -> None:
    env = site_environment(tmp_path / "data", base_url="https://brief.example.org")
    with live_site(env, tmp_path) as site:
        port = site.url.rsplit(":", 1)[1]
        for host, status in [
            (f"127.0.0.1:{port}", 200),
            (f"localhost:{port}", 200),
            (f"[::1]:{port}", 200),
            ("brief.example.org", 200),
            (f"rebind.attacker.example:{port}", 400),
        ]:
            answer = httpx.get(f"{site.url}/api/regions", headers={"Host": host}, timeout=30)
            assert answer.status_code == status, host
        refused = httpx.get(f"{site.url}/api/regions", headers={"Host": "evil.example"})
        assert refused.json() == {"detail": "This site does not answer to that host name."}
        page = httpx.get(f"{site.url}/regions", headers={"Host": "evil.example"})
        assert page.status_code == 400 and "host name" in page.text


def test_an_exposed_interface_answers_any_host_unless_names_are_set() -> None:
    assert default_allowed_hosts(Settings(), "0.0.0.0") == []
    named = Settings(allowed_hosts="brief.example.org, www.brief.example.org")
    assert default_allowed_hosts(named, "0.0.0.0") == ["brief.example.org", "www.brief.example.org"]
    assert "127.0.0.1" in default_allowed_hosts(Settings(), "127.0.0.1")
