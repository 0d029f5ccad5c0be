"""`worldbrief serve --workers 2` as a real server: an article ingested by the command line in
another process soon answers searches in every worker."""

from __future__ import annotations

import asyncio
import http.client
import json
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from support.live_site import live_site, run_cli, site_environment
from worldbrief.cli.serve import APP_FACTORY, TcpConfig

WORD = "zylorphaxtine"  # appears in no other text
ARTICLE = f"""---
title: "Salt caravans return to the {WORD} road"
published_at: 2024-05-01T08:00:00Z
access: free
---
Traders in northern Mali say the {WORD} salt caravans from Taoudenni reached Timbuktu this week
after a season of closures along the desert road.
"""
DEADLINE_SECONDS = 90.0


def _ask(url: str, workers: list[psutil.Process]) -> tuple[int, bool]:
    """Search on a new connection: the pid of the worker that answered (0 if unseen) and
    whether the article was found."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.connect()
        assert connection.sock is not None
        client_port: int = connection.sock.getsockname()[1]
        connection.request("GET", f"/api/search?q={WORD}")
        answer = connection.getresponse()
        assert answer.status == 200
        hits = json.loads(answer.read())["hits"]
        # Still connected: the worker holding the server side of this connection answered.
        pid = next((w.pid for w in workers for c in w.net_connections(kind="tcp")
                    if c.raddr and c.raddr.port == client_port and c.laddr.port == parts.port),
                   0)  # fmt: skip
        return pid, any(WORD in hit["title"].lower() for hit in hits)
    finally:
        connection.close()


def test_every_worker_finds_an_article_ingested_by_another_process(tmp_path: Path) -> None:
    env = site_environment(tmp_path / "data")
    source = tmp_path / "caravans.md"
    source.write_text(ARTICLE, encoding="utf-8")
    with live_site(env, tmp_path, workers=2) as site:
        children = psutil.Process(site.process.pid).children(recursive=True)
        workers = [p for p in children if "spawn_main" in " ".join(p.cmdline())]
        assert len(workers) == 2, site.output()
        assert _ask(site.url, workers)[1] is False
        run_cli(env, "ingest", str(source))

        found_by: set[int] = set()
        deadline = time.monotonic() + DEADLINE_SECONDS
        while found_by != {w.pid for w in workers} and time.monotonic() < deadline:
            pid, found = _ask(site.url, workers)
            if pid and found:
                found_by.add(pid)
            time.sleep(0.05)
        assert found_by == {w.pid for w in workers}, site.output()
    assert "Traceback" not in site.output()


def test_connections_to_the_shared_socket_get_tcp_nodelay() -> None:
    """Without TCP_NODELAY every keep-alive request after the first waits for a delayed ACK."""
    sock = TcpConfig(APP_FACTORY, factory=True, host="127.0.0.1", port=0).bind_socket()
    accepted: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            peer = transport.get_extra_info("socket")
            accepted.append(peer.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def connect_once() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        async with server:
            _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
            for _ in range(100):
                if accepted:
                    break
                await asyncio.sleep(0.01)
            writer.close()

    asyncio.run(connect_once())
    assert accepted and accepted[0] != 0
