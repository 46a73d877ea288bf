"""A loopback web server for a built site that can damage, slow, stall or cut any file it serves.

It sends ``Cache-Control: no-cache`` and no validators (no ETag, no Last-Modified), the host the
engine's delivery must not depend on, answers ``Range: bytes=N-`` with 206, and counts every
byte it sends per path, so tests can tell how often a file crossed the wire.
"""

from __future__ import annotations

import http.server
import mimetypes
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}
RANGE = re.compile(r"bytes=(\d+)-$")


@dataclass
class Fault:
    """What goes wrong with one file (by URL path); each field is off when None or False."""

    truncate: bool = False  # only the first half, sent as if it were the whole file
    flip: bool = False  # one byte in the middle changed
    status: int | None = None  # answer with this error status instead
    rate: int | None = None  # bytes per second
    hang_after: int | None = None  # send this many bytes of the body, then nothing at all
    drop_after: int | None = None  # send this many bytes of the body, then close the connection
    once: bool = False  # the next request only; later ones are served well


@dataclass
class Served:
    """What the server sent: bytes per path, each request's path and Range header, and the body
    bytes written for each request (``sent[i]`` for ``requests[i]``). Bytes written into a socket
    are not bytes the client read: a connection cut with data still in buffers loses that data."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    bytes: Counter[str] = field(default_factory=Counter)
    requests: list[tuple[str, str]] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)

    def total(self) -> int:
        with self.lock:
            return sum(self.bytes.values())


class FaultServer:
    """Serves ``root`` on 127.0.0.1 with the faults in ``self.faults`` (changeable while it runs)."""

    def __init__(self, root: Path, headers: dict[str, str] | None = None) -> None:
        self.root = root
        self.headers = headers or {}
        self.faults: dict[str, Fault] = {}
        # Text replaced in every HTML page served (a test's settings, e.g. the stall time-out).
        self.html_replace: dict[bytes, bytes] = {}
        self.served = Served()
        self.stopping = threading.Event()
        handler = type("Handler", (_Handler,), {"server_state": self})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def close(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server_state: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _file(self, path: str) -> Path | None:
        target = (self.server_state.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.server_state.root.resolve()) or not target.is_file():
            return None
        return target

    def do_GET(self) -> None:
        state = self.server_state
        path = unquote(urlparse(self.path).path)
        fault = state.faults.get(path, Fault())
        if fault.once:
            state.faults.pop(path, None)
        range_header = self.headers.get("Range", "")
        with state.served.lock:
            state.served.requests.append((path, range_header))
            state.served.sent.append(0)
            number = len(state.served.sent) - 1
        target = self._file(path)
        if fault.status is not None or target is None:
            self._error(fault.status or 404)
            return
        body = target.read_bytes()
        if target.suffix == ".html":
            for old, new in state.html_replace.items():
                body = body.replace(old, new)
        if fault.truncate:
            body = body[: len(body) // 2]
        if fault.flip:
            middle = len(body) // 2
            body = body[:middle] + bytes([body[middle] ^ 0x01]) + body[middle + 1 :]
        start = 0
        found = RANGE.match(range_header)
        if found and int(found.group(1)) < len(body):
            start = int(found.group(1))
        self.send_response(206 if start else 200)
        content_type = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) - start))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        for name, value in state.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self._send(path, number, body[start:], fault)

    def _send(self, path: str, number: int, body: bytes, fault: Fault) -> None:
        state = self.server_state
        chunk = 16384 if fault.rate is None else max(1, fault.rate // 10)
        sent = 0
        while sent < len(body):
            limit = len(body)
            for cut in (fault.hang_after, fault.drop_after):
                if cut is not None:
                    limit = min(limit, cut)
            if sent >= limit:
                break
            piece = body[sent : min(sent + chunk, limit)]
            try:
                self.wfile.write(piece)
                self.wfile.flush()
            except OSError:
                return
            sent += len(piece)
            with state.served.lock:
                state.served.bytes[path] += len(piece)
                state.served.sent[number] += len(piece)
            if fault.rate is not None:
                time.sleep(len(piece) / fault.rate)
        if sent < len(body) and fault.hang_after is not None:
            # Nothing more, but the connection stays open: only a stall time-out can end this.
            state.stopping.wait(120)
        if sent < len(body):
            self.close_connection = True
            self.connection.close()

    def _error(self, status: int) -> None:
        body = b"not here"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)
