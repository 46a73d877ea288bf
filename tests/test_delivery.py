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

from quizkit.cli import main as officer_main
from scoring.record import read_record

from .browser import Contexts
from .faultserver import Fault, FaultServer
from .sites import copy_mini
from .test_e2e_ledger import LEDGER, add_entry, this_year, total_hours
from .test_e2e_quiz import answer_sample, result_of
from .test_officer_report import learners, problems_of
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
        # Done once ready or failed: the box is "idle" until the page's script starts the engine.
        if page.get_attribute(".quiz-engine", "data-engine-status") in ("ready", "failed"):
            break
        page.wait_for_timeout(250)
    counts = [float(m.group(1)) for t in seen if (m := re.search(r"已下载 ([\d.]+) / ([\d.]+) MB", t))]
    total = f"{engine_manifest(server.root)['download'] / 1e6:.1f}"
    assert ("ready", True, True, True) == (
        engine_state(page)[0],
        len(set(counts)) >= 3,
        counts == sorted(counts),
        any(f"/ {total} MB" in t for t in seen),
    ), seen


# Records every text the engine box shows, from the page's first moment.
RECORD_ENGINE_TEXTS = """
window.__engineTexts = [];
new MutationObserver(() => {
  const text = document.querySelector(".quiz-engine__text")?.textContent;
  if (text && window.__engineTexts.at(-1) !== text) window.__engineTexts.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_progress_counts_in_the_size_the_pages_state(contexts: Contexts, server: FaultServer) -> None:
    """The bar's "已下载 x / T MB" counts the download a phone makes (gzip), the size the 自测 page
    states as 约 N MB (to the half megabyte), not the files' decoded size, and ends at T."""
    context = contexts.new_context()
    context.add_init_script(RECORD_ENGINE_TEXTS)
    page = context.new_page()
    page.goto(server.url + QUIZ)
    assert "ready" == engine_state(page)[0]
    texts: list[str] = page.evaluate("window.__engineTexts")
    shown = [tuple(map(float, m.groups())) for t in texts if (m := re.search(r"已下载 ([\d.]+) / ([\d.]+) MB", t))]
    page.goto(server.url + "selftest/")
    stated = re.findall(r"约 ([\d.]+) MB", page.inner_text("article"))
    download = engine_manifest(server.root)["download"] / 1e6
    assert (True, [round(download, 1)], 1, True) == (
        bool(shown) and shown[-1][0] == shown[-1][1],
        sorted({total for _, total in shown}),
        len(stated),
        bool(stated) and abs(float(stated[0]) - shown[-1][1]) <= 0.3,
    ), (texts, stated)


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
    """A connection cut while bytes were arriving is resumed at once, with no 重试, by a Range request
    for exactly the bytes the page lacks.

    What the server wrote before the cut is not what the page read: bytes still in socket buffers
    or in the stream's queue are lost with the connection, and how many depends on the machine's
    load. So the check is on the resume itself: it starts after some kept bytes and no later than
    the cut, and asks for (and gets) the rest of the file only; the hash check the engine passes
    shows the two parts join up."""
    size = (server.root / WASM.lstrip("/")).stat().st_size
    cut = size // 3
    server.faults[WASM] = Fault(drop_after=cut, once=True)
    page = contexts.new_context().new_page()
    page.goto(server.url + QUIZ)
    status = engine_state(page)[0]
    wasm = [
        (header, sent)
        for (path, header), sent in zip(server.served.requests, server.served.sent, strict=True)
        if path == WASM
    ]
    assert ("ready", 2, "", cut) == (status, len(wasm), wasm[0][0], wasm[0][1]), wasm
    found = re.fullmatch(r"bytes=(\d+)-", wasm[1][0])
    assert found is not None, wasm
    kept = int(found.group(1))
    assert (True, size - kept) == (0 < kept <= cut, wasm[1][1]), wasm


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


def test_export_without_the_engine_is_accepted_by_import_and_the_report(
    contexts: Contexts, server: FaultServer, tmp_path: Path
) -> None:
    """With the engine failed, 导出 still downloads the device's record, marked not yet tallied:
    Python accepts its hash, the officer's report tallies it with no problem, and a fresh device's
    ledger imports it once its engine is ready."""
    server.faults[WASM] = Fault(status=404)
    page = contexts.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(server.url + LEDGER)
    year = this_year(page)
    add_entry(page, "centralised", f"{year}-02-01", "1.5", "days", "乡党校")
    add_entry(page, "online", f"{year}-02-02", "2.5", "hours")
    assert "failed" == engine_state(page)[0]
    with page.expect_download() as download:
        page.click('[data-action="export"]')
    records = tmp_path / "records"
    records.mkdir()
    target = records / download.value.suggested_filename
    download.value.save_as(target)
    record = read_record(target.read_text(encoding="utf-8"))
    project = copy_mini(tmp_path / "project")
    out = tmp_path / "out" / "report.xlsx"
    out.parent.mkdir()
    code = officer_main(
        ["--config", str(project / "mkdocs.yml"), "report", str(records), "--out", str(out), "--year", year]
    )
    row = learners(out)[target.name]
    server.faults.clear()
    fresh = contexts.new_context(viewport={"width": 360, "height": 740}).new_page()
    fresh.goto(server.url + LEDGER)
    assert "ready" == engine_state(fresh)[0]
    fresh.set_input_files('[data-action="import"]', target)
    fresh.wait_for_selector('[data-record-status][data-state="imported"]', timeout=ENGINE_WAIT_MS)
    assert (True, None, 2, "false", 0, [], "13.75", "13.75") == (
        record["tally_pending"],
        record["tally"],
        len(record["ledger"]),
        page.get_attribute("[data-record-status]", "data-tallied"),
        code,
        problems_of(out, target.name),
        row["学时合计"],
        total_hours(fresh, "13.75"),
    )


def snapshot_count(page: Page) -> int:
    count: int = page.evaluate("caches.open('quizkit-engine-snapshot').then((c) => c.keys()).then((k) => k.length)")
    return count


# Replaces the saved snapshot: random bytes ("corrupt"), or the real one with 200 MB more ("oversized").
SPOIL_SNAPSHOT = """async (mode) => {
  const cache = await caches.open("quizkit-engine-snapshot");
  const [key] = await cache.keys();
  let bytes;
  if (mode === "corrupt") {
    bytes = new Uint8Array(1 << 20);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  } else {
    const saved = await cache.match(key);
    const real = new Uint8Array(await new Response(saved.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    bytes = new Uint8Array(real.length + 200 * (1 << 20));
    bytes.set(real);
  }
  const packed = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).blob();
  await cache.put(key, new Response(packed));
  return packed.size;
}"""


def saved_snapshot_size(page: Page) -> int:
    size: int = page.evaluate(
        "caches.open('quizkit-engine-snapshot').then((c) => c.keys().then((k) => k.length ? c.match(k[0]) : null))"
        ".then((r) => r ? r.blob() : null).then((b) => b ? b.size : 0)"
    )
    return size


def wait_for_snapshot(page: Page, other_than: int = -1) -> int:
    for _ in range(600):
        if snapshot_count(page) == 1 and saved_snapshot_size(page) not in (0, other_than):
            return saved_snapshot_size(page)
        page.wait_for_timeout(500)
    return 0


@pytest.mark.parametrize("mode", ["corrupt", "oversized"])
def test_bad_snapshot_falls_back_to_a_normal_boot(contexts: Contexts, server: FaultServer, mode: str) -> None:
    """A snapshot that cannot be restored costs only a normal boot: the quiz scores, and a corrupt
    one is replaced by a good snapshot, which the next visit restores."""
    page = contexts.new_context(service_workers="block").new_page()
    page.goto(server.url + QUIZ)
    assert "ready" == engine_state(page)[0]
    wait_for_snapshot(page)
    spoiled = page.evaluate(SPOIL_SNAPSHOT, mode)
    page.reload()
    assert "ready" == engine_state(page)[0]
    restored = page.get_attribute(".quiz-engine", "data-engine-restored")
    score = submit_and_score(page)
    if mode == "oversized" and restored == "true":
        # This browser restored it: nothing failed, nothing to fall back from.
        assert ("6", "8", "75") == score
        return
    wait_for_snapshot(page, other_than=spoiled)
    page.reload()
    assert ("false", ("6", "8", "75"), "ready", "true") == (
        restored,
        score,
        engine_state(page)[0],
        page.get_attribute(".quiz-engine", "data-engine-restored"),
    )
