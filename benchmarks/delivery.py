"""The engine's delivery, measured: bytes on the wire on a first visit, and time to a ready engine
on a slow link against the time the bytes alone need.

Usage: .venv/bin/python benchmarks/delivery.py [--runs 3] [--site site] [--quiz quick-check]
Builds nothing: run ``.venv/bin/mkdocs build`` first.

Prints, side by side in one run:

- ``bytes``: a cold visit straight to a quiz page in a fresh *persistent* browser profile (disk
  cache on), until the site is saved for offline use, from a host that sends ETags and from one
  that sends no validators (only ``Cache-Control: no-cache``): every byte the server sent, against
  the unique bytes of the files fetched (each file's body once). Budget ≤ 1.1×.
- ``slow``: a cold visit to a quiz page on the slow profile (1.6 Mbps down, 150 ms round trip):
  seconds to a ready engine, against the floor, the engine's bytes on the wire ÷ the bandwidth.
  Budget ≤ 1.15×. The CPU is shared with whatever else runs on this machine: the start of Python
  after the download is CPU-bound, so a loaded machine shows in the ratio (``uptime`` is printed).

Served with gzip by ``phone.Server`` on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import Playwright, sync_playwright

sys.path.insert(0, str(Path(__file__).parent))

from phone import ARGS, PROFILES, ROOT, TIMEOUT, Server, settle, throttle

ENGINE_PATHS = ("/assets/pyodide/", "/assets/quiz/scoring.zip")


def sent_by_path(server: Server) -> tuple[int, dict[str, int], int]:
    """(every byte sent, each path's largest body, the engine files' bytes) from the server's log."""
    total, engine = 0, 0
    unique: defaultdict[str, int] = defaultdict(int)
    for line in server.counter.log:
        status, sent, _, path = line.split(" ", 3)
        total += int(sent)
        if status == "200":
            unique[path] = max(unique[path], int(sent))
        if any(part in path for part in ENGINE_PATHS) and not path.endswith("engine.json"):
            engine += int(sent)
    return total, unique, engine


def cold_bytes(playwright: Playwright, server: Server, url: str) -> tuple[int, int]:
    """Bytes the server sent on a cold visit in a fresh persistent profile, and the unique bytes."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=ARGS, viewport={"width": 360, "height": 640}
        )
        try:
            page = context.new_page()
            server.counter.reset()
            page.goto(url, timeout=TIMEOUT)
            page.wait_for_selector('[data-engine-status="ready"]', timeout=TIMEOUT)
            settle(page)
            total, unique, _ = sent_by_path(server)
            return total, sum(unique.values())
        finally:
            context.close()


def slow_engine(playwright: Playwright, server: Server, url: str) -> tuple[float, float, int]:
    """Seconds to a ready engine and to its last byte on the slow profile, cold, and the engine's
    bytes on the wire."""
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    try:
        context = browser.new_context(viewport={"width": 360, "height": 640}, locale="zh-CN")
        page = context.new_page()
        throttle(context, page, "slow")
        server.counter.reset()
        page.goto(url, wait_until="commit", timeout=TIMEOUT)
        # The bar reaches 90 when the last engine byte is in; the rest is starting Python (CPU).
        page.wait_for_function(
            "document.querySelector('.quiz-engine progress')?.value >= 90", timeout=TIMEOUT, polling=100
        )
        downloaded: float = page.evaluate("performance.now()") / 1000
        page.wait_for_selector('[data-engine-status="ready"]', timeout=TIMEOUT)
        ready: float = page.evaluate("performance.now()") / 1000
        return ready, downloaded, sent_by_path(server)[2]
    finally:
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--quiz", default="quick-check")
    options = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    bandwidth = PROFILES["slow"]["down"]  # bytes per second
    with sync_playwright() as playwright:
        for validators in (True, False):
            server = Server(options.site, options.quiz)
            server.validators = validators
            url = f"{server.url}/quiz/{options.quiz}/"
            runs = [cold_bytes(playwright, server, url) for _ in range(options.runs)]
            total = statistics.median(run[0] for run in runs)
            unique = statistics.median(run[1] for run in runs)
            host = "with ETag     " if validators else "no validators"
            print(
                f"bytes  cold, persistent profile, host {host}: {total:,.0f} B on the wire for {unique:,.0f} B"
                f" unique: {total / unique:.2f}× (budget ≤ 1.10×)",
                flush=True,
            )
        server = Server(options.site, options.quiz)
        url = f"{server.url}/quiz/{options.quiz}/"
        slow = [slow_engine(playwright, server, url) for _ in range(options.runs)]
        ready = statistics.median(run[0] for run in slow)
        downloaded = statistics.median(run[1] for run in slow)
        engine = statistics.median(run[2] for run in slow)
        floor = engine / bandwidth
        print(
            f"slow   cold: engine {engine:,.0f} B on the wire ÷ 1.6 Mbps = floor {floor:.1f} s;"
            f" engine ready {ready:.1f} s = {ready / floor:.2f}× the floor (budget ≤ 1.15×);"
            f" last engine byte in at {downloaded:.1f} s = {downloaded / floor:.2f}×, then {ready - downloaded:.1f} s starting Python;"
            f" runs {', '.join(f'{r:.1f}' for r, _, _ in slow)} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
