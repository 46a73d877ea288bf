"""Time the officer's report over N generated records; print wall time, CPU time and peak memory.

Usage: .venv/bin/python benchmarks/report_timing.py [--count 10000] [--keep DIR]
Records are made by benchmarks/make_records.py (real quizzes, answers and tallies). The report
runs in this process on one core; peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
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
        subprocess.run(
            [sys.executable, str(HERE / "make_records.py"), str(folder), "--count", str(options.count)], check=True
        )
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.glob("*.json"))
        out = Path(scratch) / "report.xlsx"
        cpu, wall = time.process_time(), time.perf_counter()
        code = officer(["report", str(folder), "--out", str(out)])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"records: {options.count} ({size / 1e6:.1f} MB, generated in {made:.1f} s)")
        print(f"report: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak_mb:.0f} MB, exit {code}")
        print(
            f"workbook: {out.stat().st_size / 1e6:.1f} MB, csv: {out.with_suffix('.csv').stat().st_size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
