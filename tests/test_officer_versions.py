"""Issue 14: the officer's report grades each attempt by the scoring version it was made under.

The typo experiment: records generated against the real bank, then one "。" → "！" in one
explanation of theory-growth (a quiz the area and quick-check quizzes include), then the report.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from quizkit.officer.report import build_report
from quizkit.officer.report_catalogue import Catalogue
from quizkit.sources import load_bank, load_rule_sets
from quizkit.version_store import load_archive, update_archive
from scoring.record import record_text
from scoring.version_archive import add_versions, archived_quizzes
from tests.officerdata import OPTIONS, RIGHT, attempt, file_bytes, record, rules
from tests.sites import MINI
from tests.test_fast_paths import generated_records

ROOT = Path(__file__).parent.parent
TYPO_QUIZ = "theory-growth"


def typo_fixed_bank(tmp_path: Path) -> Path:
    """A copy of the site's quizzes with the issue's edit: the first "。" of the first explanation."""
    folder = tmp_path / "quizzes"
    shutil.copytree(ROOT / "quizzes", folder)
    path = folder / f"{TYPO_QUIZ}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("explanation:") and "。" in line)
    lines[number] = lines[number].replace("。", "！", 1)
    path.write_text("".join(lines), encoding="utf-8")
    return folder


def kinds_flagged(records: list[dict[str, Any]], catalogue: Catalogue) -> tuple[int, Counter[str]]:
    files = [(f"r{n}.json", record_text(r).encode()) for n, r in enumerate(records)]
    report = build_report(files, catalogue, OPTIONS)
    return sum(1 for row in report.learners if row.problems), Counter(p.kind for p in report.problems)


@pytest.fixture(scope="module")
def records() -> tuple[list[Any], list[dict[str, Any]]]:
    return generated_records(60)


def test_a_typo_fix_flags_no_record(records: tuple[list[Any], list[dict[str, Any]]], tmp_path: Path) -> None:
    rule_sets, made = records
    folder = typo_fixed_bank(tmp_path)
    edited = load_bank(folder, tmp_path)
    original = load_bank(ROOT / "quizzes", ROOT)
    changed = [q.id for q in original.quizzes.values() if q.version != edited.quizzes[q.id].version]
    assert TYPO_QUIZ in changed
    assert len(changed) > 1
    flagged, kinds = kinds_flagged(made, Catalogue.of(edited.quizzes.values(), rule_sets))
    assert (0, 0, 0) == (flagged, kinds["无法重新评分"], kinds["学时与档案不符"]), kinds


def test_records_from_before_scoring_versions_still_rescore(
    records: tuple[list[Any], list[dict[str, Any]]],
) -> None:
    """An attempt recorded with the quiz's content hash (the old key) is graded by that quiz."""
    rule_sets, made = records
    bank = load_bank(ROOT / "quizzes", ROOT)
    from scoring.record import build_record

    legacy = []
    for made_record in made[:10]:
        attempts = [
            {k: v for k, v in a.items() if k != "fingerprints"} | {"version": bank.quizzes[a["quiz_id"]].version}
            for a in made_record["attempts"]
        ]
        device = {
            "profile": made_record["profile"],
            "settings": made_record["settings"],
            "entries": made_record["ledger"],
            "attempts": attempts,
        }
        chosen = next(r for r in rule_sets if r.id == made_record["rules"]["id"])
        legacy.append(build_record(chosen, device, OPTIONS.today, 480))
    flagged, kinds = kinds_flagged(
        legacy, Catalogue.of(bank.quizzes.values(), load_rule_sets(ROOT / "quizzes/rules", ROOT))
    )
    assert (0, Counter()) == (flagged, kinds)


def _key_changed_bank(tmp_path: Path) -> Path:
    """A copy of the mini project's quizzes where s-single's key moved from B to A, archived as a
    build archives it (the committed archive, plus the new version)."""
    folder = tmp_path / "quizzes"
    shutil.copytree(MINI / "quizzes", folder)
    path = folder / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    answer: B\n" in text
    path.write_text(text.replace("    answer: B\n", "    answer: A\n", 1), encoding="utf-8")
    update_archive(folder, load_bank(folder, tmp_path).quizzes.values())
    return folder


def test_after_a_key_change_old_attempts_keep_the_key_they_were_made_under(tmp_path: Path) -> None:
    """Attempts made before the key change are graded with the archived key: same scores, nothing flagged."""
    folder = _key_changed_bank(tmp_path)
    files = [("r.json", file_bytes(record(attempts=[attempt(RIGHT)])))]
    edited = load_bank(folder, tmp_path).quizzes.values()
    report = build_report(files, Catalogue.of(edited, [rules()], load_archive(folder)), OPTIONS)
    assert ([], 1) == ([p.kind for p in report.problems], report.learners[0].assessment.rescored)
    # Without the archive (deleted by hand) the attempt cannot be graded, and the message says why.
    bare = build_report(files, Catalogue.of(edited, [rules()]), OPTIONS)
    assert ["无法重新评分"] == [p.kind for p in bare.problems if p.kind == "无法重新评分"]
    assert "评分版本存档" in bare.problems[0].message


def test_the_committed_archives_hold_every_shipped_version() -> None:
    """quizzes/scoring-versions.json (and the mini project's) already hold what a build would add."""
    for root in (ROOT, MINI):
        bank = load_bank(root / "quizzes", root)
        archive = load_archive(root / "quizzes")
        assert [] == add_versions(archive, bank.quizzes.values())[1], root
        rebuilt = {q.scoring_version for q in archived_quizzes(archive)}
        assert {q.scoring_version for q in bank.quizzes.values()} <= rebuilt
