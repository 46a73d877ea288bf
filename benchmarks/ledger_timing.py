"""Print how long the ledger operations take under CPython for a heavy year of data.

1,000 ledger entries and 300 passed attempts with the shipped 乡科级 rules; best of 5.
Run: ``.venv/bin/python benchmarks/ledger_timing.py``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from quizkit.yaml_source import load_yaml
from scoring.api import handle
from scoring.credit_rules import parse_rules

ROOT = Path(__file__).parent.parent


def best_of(request: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        handle(request)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rules = parse_rules(*load_yaml(ROOT / "quizzes/rules/township.yaml", "township.yaml")).to_dict()
    kinds = ["centralised", "online", "research"]
    entries: list[dict[str, Any]] = [
        {
            "id": f"e-{i:05d}",
            "kind": kinds[i % 3],
            "date": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}",
            "hours": None if i % 3 == 2 else 1.5 + i % 4,
            "days": None,
            "note": f"第 {i} 条",
        }
        for i in range(1000)
    ]
    attempts: list[dict[str, Any]] = [
        {
            "id": f"a-{i:04d}",
            "quiz_id": f"quiz-{i % 34}",
            "version": "v" * 64,
            "seed": None,
            "answers": {f"q{j}": "A" for j in range(8)},
            "result": {"points": 8, "max_points": 8, "percent": 100, "passed": True},
            "started_at": None,
            "submitted_at": f"2026-{1 + i % 11:02d}-10T02:00:00.000Z",
        }
        for i in range(300)
    ]
    device = {"profile": {}, "settings": {}, "entries": entries, "attempts": attempts}
    common = {"rules": rules, "today": "2026-11-22", "utc_offset_minutes": 480}
    tally = json.dumps({"op": "tally", "entries": entries, "attempts": attempts, **common})
    export = json.dumps({"op": "export_record", "device": device, **common})
    text = json.loads(handle(export))["result"]["text"]
    imported = json.dumps({"op": "import_record", "text": text, "device": {}})
    print(f"tally:  {best_of(tally) * 1000:.0f} ms")
    print(f"export: {best_of(export) * 1000:.0f} ms ({len(text.encode('utf-8')) / 1024:.0f} KiB file)")
    print(f"import: {best_of(imported) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
