"""Issue 14's experiment: a typo fix in one explanation, then the officer's report over N records.

Usage: .venv/bin/python benchmarks/typo_experiment.py [--count 1000] [--keep DIR]
Records are made by benchmarks/make_records.py against the site's quizzes as they are. Then, in a
copy of the site's configuration and quizzes, the first "。" of the first explanation of
theory-growth becomes "！" (a quiz the area and quick-check quizzes include), and the report is
made as ``cadre-officer --config COPY/mkdocs.yml report DIR`` makes it. Prints the learners
flagged and the problems by kind.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from quizkit.cli import load_catalogue
from quizkit.officer.report import build_report
from quizkit.officer.report_assess import Options
from quizkit.report_cli import collect_files

HERE = Path(__file__).parent
ROOT = HERE.parent
QUIZ = "theory-growth"


def typo_fixed_site(folder: Path) -> tuple[Path, str]:
    """The site's configuration with its quizzes copied and one explanation edited; the line edited."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "quizzes", folder / "quizzes")
    for name in ("docs", "node_modules"):
        (folder / name).symlink_to(ROOT / name)
    path = folder / "quizzes" / f"{QUIZ}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("explanation:") and "。" in line)
    lines[number] = lines[number].replace("。", "！", 1)
    path.write_text("".join(lines), encoding="utf-8")
    return folder / "mkdocs.yml", f"{path.name}:{number + 1}"


def flagged(config: Path, records: Path) -> tuple[int, int, Counter[str]]:
    report = build_report(collect_files([records]), load_catalogue(config), Options(year=2026, today=date(2026, 12, 1)))
    return (
        len(report.learners),
        sum(1 for row in report.learners if row.problems),
        Counter(p.kind for p in report.problems),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="write the records here, or reuse them")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        records = options.keep or Path(scratch) / "records"
        if not (options.keep and any(records.glob("*.json"))):
            subprocess.run(
                [sys.executable, str(HERE / "make_records.py"), str(records), "--count", str(options.count)], check=True
            )
        config, edited = typo_fixed_site(Path(scratch) / "site")
        for label, site in (("as published", ROOT / "mkdocs.yml"), (f"after the typo fix ({edited})", config)):
            learners, problems, kinds = flagged(site, records)
            counts = "，".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "none"
            print(f"{label}: {problems} of {learners} learners flagged; problems: {counts}")


if __name__ == "__main__":
    main()
