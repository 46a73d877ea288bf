"""The engine's delivery on bad hosts and weak links: checked bytes, stall time-outs, resumed
downloads, one download per file, real progress and plain Chinese failures.

The site is the mini project's real build, served by ``FaultServer`` (no validators, only
``Cache-Control: no-cache``), which can truncate, flip a byte in, slow, stall or cut any file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from .browser import Contexts
from .faultserver import Fault, FaultServer
from .test_e2e_quiz import answer_sample, result_of
from .test_offline import precache_of

pytestmark = pytest.mark.browser

WASM = "/assets/pyodide/pyodide.asm.wasm"
STDLIB = "/assets/pyodide/python_stdlib.zip"
ARCHIVE = "/assets/quiz/scoring.zip"
QUIZ = "quiz/sample/"
# Long enough for a machine under load to boot Python, short enough for a test to wait out.
STALL_SECONDS = 3
ENGINE_WAIT_MS = 240_000


def engine_manifest(site: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((site / "assets/pyodide/engine.json").read_bytes())
    return manifest


@pytest.fixture
def server(mini_site: Path) -> Iterator[FaultServer]:
    """The mini site with its CSP as a header."""
    csp = (mini_site / "csp.txt").read_text(encoding="utf-8").strip()
    served = FaultServer(mini_site, {"Content-Security-Policy": csp})
    yield served
    served.close()


def shorten_stall(server: FaultServer) -> None:
    """Pages served with a stall time-out a test can wait out (their HTML then no longer matches its
    integrity in sw.js, so the service worker cannot install: only for tests that need none)."""
    server.html_replace[b'data-engine-stall="30"'] = f'data-engine-stall="{STALL_SECONDS}"'.encode()


def engine_state(page: Page) -> tuple[str, str]:
    """(status, failure kind) once the engine box settles."""
    page.wait_for_selector('[data-engine-status="ready"], [data-engine-status="failed"]', timeout=ENGINE_WAIT_MS)
    box = page.locator(".quiz-engine")
    return box.get_attribute("data-engine-status") or "", box.get_attribute("data-engine-failure") or ""


def engine_text(page: Page) -> str:
    return page.inner_text(".quiz-engine__text")


def cached_engine_files(page: Page) -> list[str]:
    """Paths (with their ?sha256=) held in the engine's file cache."""
    keys: list[str] = page.evaluate(
        "caches.open('quizkit-engine-files').then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname + new URL(r.url).search))"
    )
    return sorted(keys)


def submit_and_score(page: Page) -> tuple[str | None, str | None, str | None]:
    answer_sample(page)
    page.click('[data-action="submit"]')
    return result_of(page)


def test_engine_manifest_names_every_engine_file_with_size_and_hash(mini_site: Path) -> None:
    """engine.json lists each file the engine loads with the size and SHA-256 of the built file."""
    manifest = engine_manifest(mini_site)
    base = mini_site / "assets/pyodide"
    expected = {
        entry["url"]: (
            len((base / entry["url"]).read_bytes()),
            hashlib.sha256((base / entry["url"]).read_bytes()).hexdigest(),
        )
        for entry in manifest["files"]
    }
    assert (
        [
            "../quiz/scoring.zip",
            "pyodide-lock.json",
            "pyodide.asm.mjs",
            "pyodide.asm.wasm",
            "pyodide.mjs",
            "python_stdlib.zip",
        ],
        expected,
        sum(size for size, _ in expected.values()),
    ) == (
        sorted(expected),
        {entry["url"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]},
        manifest["total"],
    )


def test_service_worker_checks_every_file_it_keeps(mini_site: Path) -> None:
    """sw.js gives Workbox an integrity for every precached file, and lists the engine's files with
    their hashes for the shared engine cache instead of precaching them a second time."""
    script = (mini_site / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"const PRECACHE = (\[.*?\]);", script)
    assert found is not None
    entries = json.loads(found.group(1))
    engine = re.search(r"const ENGINE = (\[.*?\]);", script)
    assert engine is not None
    listed = {entry["url"]: entry["sha256"] for entry in json.loads(engine.group(1))}
    expected_integrity = {
        entry["url"]: "sha256-"
        + base64.b64encode(hashlib.sha256((mini_site / entry["url"]).read_bytes()).digest()).decode()
        for entry in entries
    }
    wasm = "assets/pyodide/pyodide.asm.wasm"
    assert (expected_integrity, hashlib.sha256((mini_site / wasm).read_bytes()).hexdigest(), False) == (
        {entry["url"]: entry.get("integrity") for entry in entries},
        listed.get(wasm),
        wasm in precache_of(mini_site),
    )


@pytest.mark.parametrize(
    ("path", "fault"),
    [(WASM, Fault(truncate=True)), (ARCHIVE, Fault(flip=True))],
    ids=["truncated-wasm", "flipped-byte-archive"],
)
def test_damaged_file_is_refused_never_cached_and_retry_works_once_fixed(
    contexts: Contexts, server: FaultServer, path: str, fault: Fault
) -> None:
    """A damaged engine file fails the engine with a 'site needs fixing' message, is kept neither by
    the engine nor by the service worker; once the server has the right file, 重试 scores and the
    next visit installs the offline copy, with the same sw.js."""
    page = contexts.new_context().new_page()
    server.faults[path] = fault
    page.goto(server.url + QUIZ)
    status, kind = engine_state(page)
    text = engine_text(page)
    page.wait_for_timeout(3000)  # the service worker's install, which must fail
    damaged = [key for key in cached_engine_files(page) if key.startswith(path)]
    assert ("failed", "damaged", True, True, [], None) == (
        status,
        kind,
        "已损坏" in text and path.rsplit("/", 1)[1] in text,
        re.search(r"[A-Za-z]{4,}", text.replace(path.rsplit("/", 1)[1], "")) is None,
        damaged,
        page.evaluate("navigator.serviceWorker.controller && 'controlled'"),
    )
    server.faults.clear()
    page.click('[data-action="retry"]')
    assert ("ready", ("6", "8", "75")) == (engine_state(page)[0], submit_and_score(page))
    page.reload()
    page.wait_for_selector('html[data-offline-ready="true"]', timeout=ENGINE_WAIT_MS)
    assert 6 == len(cached_engine_files(page))


def test_slow_link_that_keeps_moving_is_never_cut_off_and_shows_megabytes(
    contexts: Contexts, server: FaultServer
) -> None:
    """A file arriving over many times the stall time-out still loads; the box counts real bytes."""
    size = (server.root / STDLIB.lstrip("/")).stat().st_size
    rate = size // (STALL_SECONDS * 4)  # four stall time-outs' worth of downloading
    server.faults[STDLIB] = Fault(rate=rate)
    shorten_stall(server)
    page = contexts.new_context().new_page()
    page.goto(server.url + QUIZ)
    seen: list[str] = []
    for _ in range(STALL_SECONDS * 4 * 4):
        text = engine_text(page)
        if not seen or seen[-1] != text:
            seen.append(text)
        if page.get_attribute(".quiz-engine", "data-engine-status") != "loading":
            break
        page.wait_for_timeout(250)
    counts = [float(m.group(1)) for t in seen if (m := re.search(r"已下载 ([\d.]+) / ([\d.]+) MB", t))]
    total = f"{engine_manifest(server.root)['total'] / 1e6:.1f}"
    assert ("ready", True, True, True) == (
        engine_state(page)[0],
        len(set(counts)) >= 3,
        counts == sorted(counts),
        any(f"/ {total} MB" in t for t in seen),
    ), seen


def test_stalled_download_fails_plainly_and_retry_resumes_where_it_stopped(
    contexts: Contexts, server: FaultServer
) -> None:
    """No byte for the stall time-out: a network message (not 'damaged'); 重试 asks for the rest only."""
    size = (server.root / WASM.lstrip("/")).stat().st_size
    half = size // 2
    server.faults[WASM] = Fault(hang_after=half, once=True)
    shorten_stall(server)
    page = contexts.new_context().new_page()
    page.goto(server.url + QUIZ)
    status, kind = engine_state(page)
    text = engine_text(page)
    page.click('[data-action="retry"]')
    ready = engine_state(page)[0]
    ranges = [header for path, header in server.served.requests if path == WASM]
    assert ("failed", "stalled", True, "ready", ["", f"bytes={half}-"], size) == (
        status,
        kind,
        "网络" in text and "重试" in text and "损坏" not in text,
        ready,
        ranges,
        server.served.bytes[WASM],
    )


def test_dropped_connection_resumes_by_itself(contexts: Contexts, server: FaultServer) -> None:
    """A connection cut while bytes were arriving is resumed at once with a Range request."""
    size = (server.root / WASM.lstrip("/")).stat().st_size
    server.faults[WASM] = Fault(drop_after=size // 3, once=True)
    page = contexts.new_context().new_page()
    page.goto(server.url + QUIZ)
    assert ("ready", size, 2) == (
        engine_state(page)[0],
        server.served.bytes[WASM],
        len([path for path, _ in server.served.requests if path == WASM]),
    )


def test_missing_file_is_named_in_chinese(contexts: Contexts, server: FaultServer) -> None:
    """A 404 says the site lacks a file and needs fixing, with no English fragment."""
    server.faults[STDLIB] = Fault(status=404)
    page = contexts.new_context().new_page()
    page.goto(server.url + QUIZ)
    status, kind = engine_state(page)
    text = engine_text(page)
    assert ("failed", "missing", True, None) == (
        status,
        kind,
        "缺少" in text and "python_stdlib.zip" in text,
        re.search(r"[A-Za-z]{4,}", text.replace("python_stdlib.zip", "")),
    )


def test_cold_visit_downloads_each_engine_byte_once(contexts: Contexts, server: FaultServer) -> None:
    """From a host with no validators, a first visit to a quiz page, until the site is saved for
    offline use, moves each engine file over the wire once: the service worker keeps the worker's copy."""
    page = contexts.new_context().new_page()
    page.goto(server.url + QUIZ)
    assert "ready" == engine_state(page)[0]
    page.wait_for_selector('html[data-offline-ready="true"]', timeout=ENGINE_WAIT_MS)
    manifest = engine_manifest(server.root)
    sizes = {posixpath.normpath(f"/assets/pyodide/{entry['url']}"): entry["size"] for entry in manifest["files"]}
    assert sizes == {path: server.served.bytes[path] for path in sizes}
