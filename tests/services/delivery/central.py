"""A real HTTP server on localhost standing in for a central system, scripted per request.

Each request takes the next play from ``script`` (when it is empty: ``store()``). What came
in is recorded (headers, body, whether the body arrived whole) so a test asserts on what the
server saw, not on what the client meant to send. ``store()`` is what a real endpoint does
with ``Idempotency-Key``: the first body for a key is kept and answered 201 with a receipt;
the same body again gets the same receipt (200); a different body for a known key is a
conflict (409), remembered in ``conflicts`` — which a test asserts stays empty.
"""

from __future__ import annotations

import hashlib
import json
import socket
import ssl
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    whole: bool  # the full Content-Length arrived


Play = Callable[["Handler", "Central"], None]


@dataclass
class Central:
    url: str = ""
    script: list[Play] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    stored: dict[str, bytes] = field(default_factory=dict)  # Idempotency-Key → body
    conflicts: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)  # ends every hang
    arrived: threading.Event = field(default_factory=threading.Event)  # a body came in
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_play(self) -> Play:
        with self.lock:
            return self.script.pop(0) if self.script else store()

    def keys(self) -> list[str]:
        return [r.headers.get("idempotency-key", "") for r in self.received]


class Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        self.server.central.next_play()(self, self.server.central)

    do_PUT = do_POST

    # building blocks for the plays
    def read_body(self, central: Central, limit: int | None = None) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        want = length if limit is None else min(limit, length)
        body = self.rfile.read(want) if want else b""
        with central.lock:
            central.received.append(Received(
                self.path, {k.lower(): v for k, v in self.headers.items()}, body,
                len(body) == length))
        central.arrived.set()
        return body

    def answer(self, status: int, body: bytes | dict[str, Any] | str = b"",
               headers: dict[str, str] | None = None) -> None:
        content_type = "application/octet-stream"
        if isinstance(body, dict):
            body, content_type = json.dumps(body).encode(), "application/json"
        elif isinstance(body, str):
            body, content_type = body.encode(), "text/plain; charset=utf-8"
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True  # the client is gone (killed, timed out)

    def drop(self) -> None:
        """Close the connection with a reset, no answer."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    central: Central

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a dropped or killed connection is what these tests are about


# ---- plays -----------------------------------------------------------------------------

def reply(status: int, body: bytes | dict[str, Any] | str = b"",
          headers: dict[str, str] | None = None) -> Play:
    def play(handler: Handler, central: Central) -> None:
        handler.read_body(central)
        handler.answer(status, body, headers)
    return play


def store() -> Play:
    def play(handler: Handler, central: Central) -> None:
        body = handler.read_body(central)
        key = handler.headers.get("Idempotency-Key") or ""
        digest = hashlib.sha256(body).hexdigest()
        with central.lock:
            known = central.stored.get(key)
            if known is None:
                central.stored[key] = body
            elif known != body:
                central.conflicts.append(key)
        if known is not None and known != body:
            handler.answer(409, {"error": "another body for this Idempotency-Key"})
            return
        handler.answer(201 if known is None else 200,
                       {"receipt": f"R-{key[:8]}", "key": key, "sha256": digest})
    return play


def hang(seconds: float, then: Play | None = None) -> Play:
    """Take the whole body (and ``then``'s bookkeeping: store it), wait, answer late."""
    def play(handler: Handler, central: Central) -> None:
        if then is None:
            handler.read_body(central)
            central.release.wait(seconds)
            handler.answer(200, {"late": True})
            return
        # store first, as a real server would, answering only after the wait
        original = handler.answer
        held: list[tuple[Any, ...]] = []
        handler.answer = lambda *a, **k: held.append((a, k))  # type: ignore[method-assign]
        then(handler, central)
        handler.answer = original  # type: ignore[method-assign]
        central.release.wait(seconds)
        for args, kwargs in held:
            original(*args, **kwargs)
    return play


def drop_mid_request() -> Play:
    def play(handler: Handler, central: Central) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        handler.read_body(central, limit=length // 2)
        handler.drop()
    return play


def drop_after_body() -> Play:
    def play(handler: Handler, central: Central) -> None:
        handler.read_body(central)
        handler.drop()
    return play


@contextmanager
def running(*script: Play, tls: tuple[str, str] | None = None) -> Iterator[Central]:
    """A server on a free port; ``tls``: (certificate file, key file) for HTTPS."""
    central = Central(script=list(script))
    server = _Server(("127.0.0.1", 0), Handler)
    server.central = central
    scheme = "http"
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    central.url = f"{scheme}://localhost:{server.server_address[1]}/bundles"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield central
    finally:
        central.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
