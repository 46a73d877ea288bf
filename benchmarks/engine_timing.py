"""Time a quiz page in headless Chromium: open -> engine ready, open -> score shown; cold and warm.

Usage: .venv/bin/python benchmarks/engine_timing.py [--runs 3] [--site site] [--quiz quick-check]
Builds nothing: run ``.venv/bin/mkdocs build`` first. Prints medians in seconds.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(browser: Browser, url: str, warm: bool) -> tuple[float, float]:
    context = browser.new_context()
    page = context.new_page()
    if warm:  # one visit first, so the HTTP cache holds the engine
        page.goto(url)
        page.wait_for_selector('[data-engine-status="ready"]', timeout=120_000)
    start = time.perf_counter()
    page.goto(url)
    page.click('[data-action="submit"]')  # unanswered: the score appears as soon as the engine is ready
    page.wait_for_selector('[data-engine-status="ready"]', timeout=120_000)
    ready = time.perf_counter() - start
    page.wait_for_selector("[data-result]", timeout=120_000)
    scored = time.perf_counter() - start
    context.close()
    return ready, scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--quiz", default="quick-check")
    options = parser.parse_args()
    handler = functools.partial(Quiet, directory=str(options.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/quiz/{options.quiz}/"
    with sync_playwright() as playwright, tempfile.TemporaryDirectory():
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for label, warm in (("cold", False), ("warm", True)):
            runs = [measure(browser, url, warm) for _ in range(options.runs)]
            ready = statistics.median(r for r, _ in runs)
            scored = statistics.median(s for _, s in runs)
            print(f"{label}: engine ready {ready:.2f} s, score shown {scored:.2f} s (median of {options.runs})")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
