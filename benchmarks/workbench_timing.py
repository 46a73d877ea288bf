"""The class report in the browser (/officer/) against the command line, on the same generated records.

Usage: .venv/bin/mkdocs build && .venv/bin/python benchmarks/workbench_timing.py [--count 1000] [--runs 3]
Serves ``site/`` on 127.0.0.1, opens the officer's page in headless Chromium (/usr/bin/chromium),
waits for its engine, picks the records and times 生成汇总 → the figures on the page (the workbook
is made in the same step); then times ``cadre-officer report`` on the same folder in this process.
Prints each run, the medians and their ratio (the issue's budget: browser within 3× the command line).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from quizkit.cli import main as officer

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.sites import StaticServer  # noqa: E402


def browser_runs(site: Path, files: list[Path], runs: int) -> tuple[float, list[float]]:
    """Engine-ready time of the first visit, and click → figures for each run."""
    server = StaticServer(site)
    times: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.perf_counter()
            page.goto(server.url + "officer/")
            page.wait_for_selector('[data-engine-status="ready"]', timeout=300_000)
            ready = time.perf_counter() - started
            page.set_input_files('input[type=file][data-action="add-records"]', [str(f) for f in files])
            for _ in range(runs):
                started = time.perf_counter()
                page.click('[data-action="build-report"]')
                page.wait_for_selector("[data-report-ready]", timeout=600_000)
                times.append(time.perf_counter() - started)
                page.evaluate("document.querySelector('[data-report-output]').replaceChildren()")
            browser.close()
    finally:
        server.close()
    return ready, times


def cli_runs(folder: Path, out: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        officer(["--config", str(ROOT / "mkdocs.yml"), "report", str(folder), "--out", str(out)])
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "records"
        subprocess.run(
            [sys.executable, str(HERE / "make_records.py"), str(folder), "--count", str(options.count)], check=True
        )
        files = sorted(folder.glob("*.json"))
        ready, browser = browser_runs(options.site, files, options.runs)
        cli = cli_runs(folder, Path(scratch) / "report.xlsx", options.runs)
    b, c = statistics.median(browser), statistics.median(cli)
    print(f"records: {len(files)}; officer's page engine ready (first visit): {ready:.1f} s")
    print(f"browser (click → figures and workbook): {', '.join(f'{t:.2f}' for t in browser)} s; median {b:.2f} s")
    print(f"command line (cadre-officer report):    {', '.join(f'{t:.2f}' for t in cli)} s; median {c:.2f} s")
    print(f"ratio browser / command line: {b / c:.2f}× (budget 3×)")


if __name__ == "__main__":
    main()
