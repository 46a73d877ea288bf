"""Time the officer's report over N generated records; print wall and CPU time, records per CPU-second, peak memory.

Usage: .venv/bin/python benchmarks/report_timing.py [--count 10000] [--keep DIR]
(--keep DIR writes the records there, or reuses them when DIR already holds some.)
Records are made by benchmarks/make_records.py (real quizzes, answers and tallies). The report
runs in this process on one core; peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizkit.cli import main as officer

HERE = Path(__file__).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the records here instead of a temporary folder")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch) / "records"
        started = time.perf_counter()
        if not (options.keep and any(folder.glob("*.json"))):  # a kept folder is reused as it is
            subprocess.run(
                [sys.executable, str(HERE / "make_records.py"), str(folder), "--count", str(options.count)], check=True
            )
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.glob("*.json"))
        out = Path(scratch) / "report.xlsx"
        cpu, wall = time.process_time(), time.perf_counter()
        code = officer(["report", str(folder), "--out", str(out), "--year", "2026"])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        load = os.getloadavg()[0]
        print(f"records: {options.count} ({size / 1e6:.1f} MB, generated in {made:.1f} s)")
        print(f"report: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak_mb:.0f} MB, exit {code}")
        print(f"speed: {options.count / cpu:.0f} records per CPU-second (one core; load average {load:.1f})")
        print(
            f"workbook: {out.stat().st_size / 1e6:.1f} MB, csv: {out.with_suffix('.csv').stat().st_size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
