"""A real HTTP server on 127.0.0.1 (port 0) whose replies each test declares."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_seconds: float = 0.0  # sleep before answering, to provoke timeouts
    declare_length: bool = True  # False: no Content-Length, the body ends when the connection does
    etag: str | None = None  # answer 304 when the request's If-None-Match matches


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]
    method: str = "GET"
    body: bytes = b""


class LocalServer:
    def __init__(self) -> None:
        self.replies: dict[str, Reply] = {}
        self.requests: list[SeenRequest] = []
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._http.daemon_threads = True
        self._http.block_on_close = False
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def reply(self, path: str, reply: Reply) -> str:
        self.replies[path] = reply
        return self.url(path)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(SeenRequest(self.path, dict(self.headers.items())))
            reply = server.replies.get(self.path)
            if reply is None:
                self.send_error(404, "Not Found")
                return
            time.sleep(reply.delay_seconds)
            if reply.etag is not None and self.headers.get("If-None-Match") == reply.etag:
                self.send_response(304)
                self.send_header("ETag", reply.etag)
                self.end_headers()
                return
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            if reply.declare_length:
                self.send_header("Content-Length", str(len(reply.body)))
            if reply.etag is not None:
                self.send_header("ETag", reply.etag)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            # The client may stop reading early (size cap), as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(reply.body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            seen = SeenRequest(self.path, dict(self.headers.items()), "POST", body)
            server.requests.append(seen)
            reply = server.replies.get(self.path)
            if reply is None:
                self.send_error(404, "Not Found")
                return
            time.sleep(reply.delay_seconds)
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output quiet

    return Handler
