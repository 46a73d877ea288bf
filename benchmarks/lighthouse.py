"""Lighthouse on the built site, mobile form factor, served with gzip on 127.0.0.1: medians of N runs.

Usage: .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--site site] [--pages policy/secondment/,…]
Builds nothing: run ``.venv/bin/mkdocs build`` first and ``npm ci`` (Lighthouse is a devDependency).

Prints, per page, the median of each category score and of CLS, TBT and LCP, and whether the
budgets hold: performance ≥ 95 on the curriculum page, ≥ 90 on the quiz page and the ledger;
accessibility 100 on the home page, a curriculum page, a quiz page and the ledger. Lighthouse's
default mobile profile is used (simulated slow 4G and a 4× slower CPU); the server is the one
``benchmarks/phone.py`` uses (gzip, ETag, ``Cache-Control: no-cache``). Reports stay in .lighthouse/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
from pathlib import Path

from phone import ROOT, Server

PAGES = {
    "": "home",
    "policy/secondment/": "curriculum",
    "quiz/quick-check/": "quiz",
    "tools/ledger/": "ledger",
}
PERFORMANCE_BUDGET = {"curriculum": 95, "quiz": 90, "ledger": 90}
ACCESSIBILITY_BUDGET = 100
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"CLS": "cumulative-layout-shift", "TBT ms": "total-blocking-time", "LCP s": "largest-contentful-paint"}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / ".lighthouse"


def run_once(url: str, out: Path) -> dict[str, float]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = report["audits"]
    metrics = {
        "CLS": audits[METRICS["CLS"]]["numericValue"],
        "TBT ms": audits[METRICS["TBT ms"]]["numericValue"],
        "LCP s": audits[METRICS["LCP s"]]["numericValue"] / 1000,
    }
    return scores | metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated paths under the site")
    options = parser.parse_args()
    server = Server(options.site, "quick-check")
    REPORTS.mkdir(exist_ok=True)
    failures = []
    try:
        for path in options.pages.split(","):
            kind = PAGES.get(path, path)
            runs = [run_once(f"{server.url}/{path}", REPORTS / f"{kind}-{n}.json") for n in range(options.runs)]
            medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(
                f"{kind:11} /{path:22}",
                "  ".join(f"{k} {v:.3g}" if k in METRICS else f"{k} {v:.0f}" for k, v in medians.items()),
                flush=True,
            )
            if medians["performance"] < PERFORMANCE_BUDGET.get(kind, 0):
                failures.append(f"{kind}: performance {medians['performance']:.0f} < {PERFORMANCE_BUDGET[kind]}")
            if kind in PAGES.values() and medians["accessibility"] < ACCESSIBILITY_BUDGET:
                failures.append(f"{kind}: accessibility {medians['accessibility']:.0f} < {ACCESSIBILITY_BUDGET}")
    finally:
        server.httpd.shutdown()
    print("budgets met" if not failures else "budgets missed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
