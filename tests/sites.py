"""Real MkDocs builds of test projects, and a loopback web server for built sites."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a real ``mkdocs build --strict``; the caller checks the outcome."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        timeout=600,
        # Material's end-of-life banner is noise in test output.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def copy_mini(destination: Path) -> Path:
    """A writable copy of the mini project, pointing at the repo's Pyodide."""
    shutil.copytree(MINI, destination)
    config = destination / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("../../../node_modules/pyodide", str(ROOT / "node_modules/pyodide")), encoding="utf-8"
    )
    return destination


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1, optionally sending extra headers (a CSP) with every response."""

    def __init__(self, root: Path, headers: dict[str, str] | None = None) -> None:
        self.root = root
        self.headers = headers or {}
        handler = functools.partial(self._handler)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def _handler(self, *args: object, **kwargs: object) -> QuietHandler:
        handler_class = type("Handler", (QuietHandler,), {"extra_headers": self.headers})
        return handler_class(*args, directory=str(self.root), **kwargs)  # type: ignore[no-any-return]

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
