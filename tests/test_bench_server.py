"""The benchmarks' server (benchmarks/phone.py, used by the phone and Lighthouse benchmarks) serves
each file with its real type: Chromium ignores a stylesheet sent as application/octet-stream, and the
figures would then be those of an unstyled page."""

from __future__ import annotations

import importlib.util
import sys
import urllib.request
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

import pytest

from .sites import ROOT

pytestmark = pytest.mark.browser  # imports Playwright through benchmarks/phone.py

# Types a browser may sniff or download without harm: source maps, archives.
UNTYPED = {".map", ".gz", ".zip"}


def load_phone() -> ModuleType:
    spec = importlib.util.spec_from_file_location("phone", ROOT / "benchmarks" / "phone.py")
    if spec is None or spec.loader is None:
        raise ImportError("benchmarks/phone.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def test_every_kind_of_file_is_served_with_its_type(mini_site: Path) -> None:
    """One file of each suffix in the built site: CSS as text/css, and none as octet-stream."""
    server = load_phone().Server(mini_site, "sample")
    try:
        samples = {p.suffix: p for p in sorted(mini_site.rglob("*.*")) if p.is_file() and p.suffix not in UNTYPED}
        served = {}
        for suffix, path in samples.items():
            with urllib.request.urlopen(f"{server.url}/{quote(path.relative_to(mini_site).as_posix())}") as reply:
                served[suffix] = reply.headers["Content-Type"]
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
    untyped = {suffix: kind for suffix, kind in served.items() if kind == "application/octet-stream"}
    assert ("text/css", {}) == (served.get(".css"), untyped)
