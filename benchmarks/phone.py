"""Phone-like timings of the built site in headless Chromium, with and without a slow mobile profile.

Usage: .venv/bin/python benchmarks/phone.py [--runs 3] [--profiles none,slow] [--site site] [--quiz quick-check]
Builds nothing: run ``.venv/bin/mkdocs build`` first (and ``npm ci`` for the stock Pyodide).

Prints medians of: first contentful paint of a curriculum page, quiz form usable, engine ready,
submit-to-score latency and bytes transferred, for cold (empty browser), warm (second visit) and
offline (server gone, browser offline) visits, side by side:

- ``page``:  a curriculum page (first contentful paint);
- ``site``:  the quiz page as shipped (engine in a module worker, service worker, snapshot);
- ``floor``: the same quiz page scored by a few lines of JavaScript (no engine): the floor;
- ``boot site`` / ``boot stock``: the engine booted on a page's main thread, ours and stock
  Pyodide 314 (full stdlib, no snapshot, HTTP cache only). Chrome's CPU throttling does not reach
  workers, so only these show CPU-bound boot on a 4x slower CPU; their ratio is the budget check.

The slow profile is CDP's: 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4x slower. The
server here compresses with gzip (as most do); bytes are counted on the wire, and the brotli size
of the same files is given beside them (brotli needs HTTPS in Chromium, so it is computed).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import http.server
import json
import re
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PROFILES: dict[str, dict[str, Any]] = {
    "none": {},
    "slow": {"latency": 150, "down": 1.6e6 / 8, "up": 750e3 / 8, "cpu": 4},
}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".zip", ".webmanifest", ".svg", ".txt"}
# Browsers refuse a stylesheet served as application/octet-stream: every type the site holds is named.
TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TIMEOUT = 300_000
DEBUG = False

# The main-thread boot page: the shipped engine-boot.mjs with ours or the stock Pyodide.
BOOT_PAGE = """<!doctype html><meta charset="utf-8"><title>boot</title><script type="module">
import { bootEngine } from "/assets/quiz/engine-boot.mjs";
const params = new URLSearchParams(location.search);
const stock = params.get("engine") === "stock";
const page = document.documentElement;
const t0 = performance.now();
bootEngine({
  pyodideURL: new URL(stock ? "/__stock/pyodide/" : "/assets/pyodide/", location.href).href,
  archiveURL: new URL("/assets/quiz/scoring.zip", location.href).href,
  archiveSha256: params.get("sha"), snapshots: !stock, checked: !stock,
}).then((engine) => { page.dataset.ready = String(performance.now() - t0); page.dataset.restored = String(engine.restored); },
        (error) => { page.dataset.failed = String(error); });
</script>"""

# The floor: the quiz page with its engine replaced by a plain JavaScript scorer.
FLOOR_SCRIPT = """<script type="module">
const root = document.querySelector("[data-quiz-id]");
const { quiz } = JSON.parse(root.querySelector("script.quiz-data").textContent);
const box = root.querySelector(".quiz-engine"); box.dataset.engineStatus = "ready";
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
root.querySelector(".quiz-form").addEventListener("submit", (event) => {
  event.preventDefault();
  let points = 0, max = 0;
  for (const q of quiz.questions) {
    const el = root.querySelector(`[data-question-id="${CSS.escape(q.id)}"]`);
    max += q.points;
    if (q.type === "fill") {
      const given = [...el.querySelectorAll("input[data-blank]")].map((i) => i.value.trim());
      if (q.answer.every((accepted, n) => accepted.includes(given[n]))) points += q.points;
    } else {
      const given = [...el.querySelectorAll("input:checked")].map((i) => i.value);
      const right = q.type === "truefalse" ? [String(q.answer)] : [].concat(q.answer);
      if (same(given, right)) points += q.points;
    }
  }
  const panel = document.createElement("section");
  panel.dataset.result = ""; panel.dataset.points = String(points);
  panel.textContent = `得分 ${points} / ${max}`;
  root.querySelector(".quiz-form").after(panel);
});
</script>"""


@dataclass
class Counter:
    """Bytes the server sent, and for which files (to compute their brotli size)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    wire: int = 0
    files: list[Path] = field(default_factory=list)
    # Requests marked Cache-Control: no-cache (the service worker's precache, the engine's checked downloads).
    background: int = 0
    log: list[str] = field(default_factory=list)

    def reset(self) -> None:
        with self.lock:
            self.wire, self.files, self.background, self.log = 0, [], 0, []

    def add(self, sent: int, path: Path | None, background: bool, status: int) -> None:
        with self.lock:
            self.log.append(f"{status} {sent} {'bg' if background else 'page'} {path}")
            # Every byte counts towards the visit's total; the background share is also told apart.
            self.wire += sent
            if background:
                self.background += sent
            if path is not None:
                self.files.append(path)


class Server:
    """The site at /, stock Pyodide at /__stock/pyodide/, the bench pages; gzip, ETag and 304."""

    def __init__(self, site: Path, quiz: str) -> None:
        self.site, self.stock = site, ROOT / "node_modules" / "pyodide"
        self.counter = Counter()
        self.gzipped: dict[Path, bytes] = {}
        self.virtual = {"/__bench/boot.html": BOOT_PAGE.encode()}
        quiz_html = (site / "quiz" / quiz / "index.html").read_text(encoding="utf-8")
        floor = re.sub(r'<script type="module" src="[^"]*quiz\.js"></script>', FLOOR_SCRIPT, quiz_html)
        floor = re.sub(r'<script src="[^"]*register\.js" type="module"></script>', "", floor)
        self.virtual[f"/quiz/{quiz}/floor.html"] = floor.encode()
        self.alive = True
        # False: no ETag and no 304, only Cache-Control: no-cache (a host with no validators).
        self.validators = True
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.handle(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def resolve(self, url_path: str) -> Path | None:
        base, rest = (
            (self.stock, url_path[len("/__stock/pyodide/") :])
            if url_path.startswith("/__stock/pyodide/")
            else (self.site, url_path.lstrip("/"))
        )
        path = base / rest
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def handle(self, request: http.server.BaseHTTPRequestHandler) -> None:
        url_path = unquote(urlparse(request.path).path)
        if not self.alive:
            request.close_connection = True
            return
        path = None
        if url_path in self.virtual:
            body, suffix = self.virtual[url_path], ".html"
        else:
            path = self.resolve(url_path)
            if path is None:
                request.send_error(404)
                return
            body, suffix = path.read_bytes(), path.suffix
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        background = "no-cache" in request.headers.get("Cache-Control", "")
        if self.validators and request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.end_headers()
            self.counter.add(0, path, background, 304)
            return
        encoding = None
        if suffix in COMPRESSIBLE and "gzip" in request.headers.get("Accept-Encoding", ""):
            key = path or Path(url_path)
            if key not in self.gzipped or path is None:
                self.gzipped[key] = gzip.compress(body, 6)
            body, encoding = self.gzipped[key], "gzip"
        request.send_response(200)
        request.send_header(
            "Content-Type",
            TYPES.get(suffix, "text/html; charset=utf-8" if suffix == ".html" else "application/octet-stream"),
        )
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Cache-Control", "no-cache")
        if self.validators:
            request.send_header("ETag", etag)
        if encoding:
            request.send_header("Content-Encoding", encoding)
        request.end_headers()
        request.wfile.write(body)
        self.counter.add(len(body), path, background, 200)


_brotli_sizes: dict[Path, int] = {}


def brotli_size(paths: list[Path]) -> int | None:
    try:
        import brotli  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return None
    total = 0
    for path in paths:
        if path not in _brotli_sizes:
            data = path.read_bytes()
            _brotli_sizes[path] = len(brotli.compress(data, quality=11)) if path.suffix in COMPRESSIBLE else len(data)
        total += _brotli_sizes[path]
    return total


def throttle(context: BrowserContext, page: Page, profile: str) -> None:
    settings = PROFILES[profile]
    if not settings:
        return
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": settings["latency"],
            "downloadThroughput": settings["down"],
            "uploadThroughput": settings["up"],
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": settings["cpu"]})


def fcp(page: Page) -> float:
    value: float = page.evaluate(
        """() => new Promise((resolve) => new PerformanceObserver((list) => {
             const entry = list.getEntries().find((e) => e.name === "first-contentful-paint");
             if (entry) resolve(entry.startTime);
           }).observe({ type: "paint", buffered: true }))"""
    )
    return value


def submit_latency(page: Page) -> float:
    """Milliseconds from submitting to the score on the page (engine already ready).

    The quiz is submitted blank: the page first names the unanswered questions, and the clock
    starts at 仍然提交 (the floor page, without that prompt, is timed from 提交)."""
    value: float = page.evaluate(
        """() => new Promise((resolve) => {
             let start = performance.now();
             new MutationObserver((_, observer) => {
               if (document.querySelector("[data-result]")) { observer.disconnect(); resolve(performance.now() - start); }
             }).observe(document.body, { childList: true, subtree: true, attributes: true });
             document.querySelector('[data-action="submit"]').click();
             const anyway = document.querySelector('[data-action="submit-anyway"]');
             if (anyway && anyway.offsetParent !== null) {
               start = performance.now();
               anyway.click();
             }
           })"""
    )
    return value


def quiz_visit(page: Page, url: str) -> dict[str, float]:
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT)
    page.wait_for_selector(".quiz-form input", state="visible", timeout=TIMEOUT)
    usable = time.perf_counter() - start
    page.wait_for_selector('[data-engine-status="ready"]', timeout=TIMEOUT)
    ready = time.perf_counter() - start
    return {
        "quiz FCP": fcp(page) / 1000,
        "form usable": usable,
        "engine ready": ready,
        "submit→score": submit_latency(page) / 1000,
    }


def boot_visit(page: Page, url: str) -> dict[str, float]:
    page.goto(url, timeout=TIMEOUT)
    page.wait_for_selector("html[data-ready], html[data-failed]", timeout=TIMEOUT)
    failed = page.get_attribute("html", "data-failed")
    if failed:
        raise RuntimeError(failed)
    return {"engine ready": float(page.get_attribute("html", "data-ready") or 0) / 1000}


def settle(page: Page) -> None:
    """Wait until the service worker has precached the site and the snapshot is saved."""
    page.wait_for_selector('html[data-offline-ready="true"]', timeout=TIMEOUT)
    page.wait_for_function(
        "caches.open('quizkit-engine-snapshot').then((c) => c.keys()).then((k) => k.length > 0)", timeout=TIMEOUT
    )


def measure(
    browser: Browser, server: Server, profile: str, state: str, variant: str, quiz: str, sha: str
) -> dict[str, float] | None:
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="zh-CN")
    page = context.new_page()
    quiz_url = f"{server.url}/quiz/{quiz}/"
    target: Callable[[], dict[str, float]]
    if variant == "page":
        target = lambda: {"page FCP": page_fcp(page, f"{server.url}/policy/secondment/")}  # noqa: E731
    elif variant in ("site", "floor"):
        target = lambda: quiz_visit(page, quiz_url + ("floor.html" if variant == "floor" else ""))  # noqa: E731
    else:
        engine = variant.split()[1]
        target = lambda: boot_visit(page, f"{server.url}/__bench/boot.html?engine={engine}&sha={sha}")  # noqa: E731
    try:
        if state != "cold":
            if variant in ("page", "site", "boot site"):
                page.goto(quiz_url, timeout=TIMEOUT)  # one real visit: service worker, precache, snapshot
                page.wait_for_selector('[data-engine-status="ready"]', timeout=TIMEOUT)
                settle(page)
            else:
                target()
            if state == "offline":
                if variant not in ("page", "site"):
                    return None  # only the shipped site has an offline mode
                context.set_offline(True)
                server.alive = False
        throttle(context, page, profile)
        server.counter.reset()
        result = target()
        result["bytes (gzip)"] = server.counter.wire
        result["bytes (brotli)"] = brotli_size(server.counter.files) or 0
        result["bytes in the background"] = server.counter.background
        if DEBUG:
            print("\n".join(server.counter.log))
        return result
    finally:
        server.alive = True
        context.close()


def page_fcp(page: Page, url: str) -> float:
    page.goto(url, timeout=TIMEOUT)
    return fcp(page) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--quiz", default="quick-check")
    parser.add_argument("--profiles", default="none,slow")
    parser.add_argument("--states", default="cold,warm,offline")
    parser.add_argument("--variants", default="page,site,floor,boot site,boot stock")
    parser.add_argument("--json", type=Path, help="also write the medians here")
    options = parser.parse_args()
    server = Server(options.site, options.quiz)
    match = re.search(
        r'data-archive-sha256="([0-9a-f]+)"',
        (options.site / "quiz" / options.quiz / "index.html").read_text(encoding="utf-8"),
    )
    sha = match.group(1) if match else ""
    table: dict[str, dict[str, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for profile in options.profiles.split(","):
            for state in options.states.split(","):
                for variant in options.variants.split(","):
                    runs = [
                        measure(browser, server, profile, state, variant, options.quiz, sha)
                        for _ in range(options.runs)
                    ]
                    done = [run for run in runs if run is not None]
                    if not done:
                        continue
                    medians = {key: statistics.median(run[key] for run in done) for key in done[0]}
                    label = f"{profile:5} {state:8} {variant:11}"
                    table[label] = medians
                    print(
                        label,
                        "  ".join(f"{k} {v:,.0f} B" if "bytes" in k else f"{k} {v:.2f} s" for k, v in medians.items()),
                        flush=True,
                    )
        browser.close()
    for profile in options.profiles.split(","):
        for state in ("cold", "warm"):
            ours, stock = (
                table.get(f"{profile:5} {state:8} {'boot site':11}"),
                table.get(f"{profile:5} {state:8} {'boot stock':11}"),
            )
            if ours and stock:
                ratios = {k: ours[k] / stock[k] for k in ours if stock.get(k)}
                print(f"ratio ours/stock, {profile} {state}: " + "  ".join(f"{k} {v:.2f}×" for k, v in ratios.items()))
    if options.json:
        options.json.write_text(json.dumps(table, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
