"""The officer's command line: validate and report, on real records and on hostile files."""

from __future__ import annotations

import csv
import functools
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from quizkit.cli import main
from quizkit.sources import Bank, load_bank, load_rule_sets
from scoring.attempts import grade_attempt
from scoring.credit_rules import RuleSet
from scoring.record import build_record, record_hash, record_text

from .sites import MINI, copy_mini


@functools.cache
def mini_bank() -> Bank:
    """Loaded when a test first needs it, so a broken fixture fails that test, not collection."""
    return load_bank(MINI / "quizzes", MINI)


@functools.cache
def mini_rules() -> RuleSet:
    return load_rule_sets(MINI / "quizzes/rules", MINI)[0]


TODAY = date(2026, 11, 20)


def attempt(quiz_id: str, answers: dict[str, Any], number: int = 1) -> dict[str, Any]:
    quiz = mini_bank().quizzes[quiz_id]
    raw: dict[str, Any] = {
        "id": f"a{number}",
        "quiz_id": quiz_id,
        "version": quiz.version,
        "seed": None,
        "answers": answers,
        "hints": [],
    }
    result = grade_attempt(quiz, raw)
    summary = {key: result[key] for key in ("points", "max_points", "percent", "passed")}
    stamp = "2026-03-01T02:00:00Z"
    return raw | {"result": summary, "started_at": stamp, "submitted_at": stamp}


def record(name: str, attempts: list[dict[str, Any]], entries: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    device = {
        "profile": {"name": name, "unit": "城关镇"},
        "settings": {"rule_set": mini_rules().id, "term_start": None},
        "entries": entries
        or [{"id": "e1", "kind": "centralised", "date": "2026-03-02", "days": 2, "hours": None, "note": ""}],
        "attempts": attempts,
    }
    return build_record(mini_rules(), device, TODAY, 480)


def rehash(data: dict[str, Any]) -> dict[str, Any]:
    """What someone editing a number and recomputing the public hash would produce."""
    return data | {"sha256": record_hash(data)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_mini(tmp_path / "project")


def run(project: Path, *args: str) -> int:
    return main(["--config", str(project / "mkdocs.yml"), *args])


def test_validate_passes_on_the_mini_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clean project validates with exit code 0."""
    assert (0, "全部通过") == (run(project, "validate"), capsys.readouterr().out[:4])


def test_validate_lists_every_error_with_file_and_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Errors in a quiz and in a rules file are all listed, with file:line, and exit code 1."""
    quiz = project / "quizzes/sample.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8")
        .replace("answer: B\n", "answer: E\n")
        .replace("link: index.md#成长渠道", "link: index.md#无此节"),
        encoding="utf-8",
    )
    rules = project / "quizzes/rules/yearly.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("at_least: 90", "at_least: -1"), encoding="utf-8")
    code = run(project, "validate")
    out = capsys.readouterr().out
    assert (1, True, True) == (
        code,
        "quizzes/sample.yaml:15: questions[0].answer" in out,
        "quizzes/rules/yearly.yaml:" in out,
    )


def test_validate_reports_a_broken_link(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A link to a missing section is caught without building the site."""
    quiz = project / "quizzes/sample.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("link: index.md#成长渠道", "link: index.md#无此节"), encoding="utf-8"
    )
    assert (1, True) == (
        run(project, "validate"),
        "quizzes/sample.yaml:18: questions[0].link: 页面 index.md 中没有这个小节" in capsys.readouterr().out,
    )


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("index.md#没有这一节", "docs/secondment.md: 链接或锚点有误"),
        ("nowhere.md", "docs/secondment.md: 链接或锚点有误"),
    ],
)
def test_validate_rejects_the_page_links_the_strict_build_rejects(
    project: Path, capsys: pytest.CaptureFixture[str], link: str, expected: str
) -> None:
    """A curriculum page's broken anchor or missing page fails validate, as it fails mkdocs build --strict."""
    page = project / "docs/secondment.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n见[那一节]({link})。\n", encoding="utf-8")
    code = run(project, "validate")
    out = capsys.readouterr().out
    assert (1, True, True) == (code, expected in out, link in out)


def test_validate_reads_the_folders_set_in_mkdocs_yml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """quiz_dir and rules_dir from the plugin's settings, as the build reads them."""
    (project / "quizzes").rename(project / "banks")
    (project / "banks" / "rules").rename(project / "credit")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - quizzes:\n", "  - quizzes:\n      quiz_dir: banks\n      rules_dir: credit\n"
    )
    config.write_text(text, encoding="utf-8")
    assert (0, "全部通过：3 份测验") == (run(project, "validate"), capsys.readouterr().out[:10])


def write(folder: Path, name: str, content: str | bytes) -> None:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def sheet_text(workbook: Path) -> str:
    with zipfile.ZipFile(workbook) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/"))


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    right = attempt(
        "sample", {"s-single": "B", "s-multiple": ["A", "B", "D"], "s-truefalse": "true", "s-fill": ["半", "总结"]}
    )
    write(folder, "good.json", record_text(record("王晓明", [right])))
    faked = record("李华", [attempt("sample", {"s-single": "A"}, 2)])
    faked["attempts"][0]["result"] = faked["attempts"][0]["result"] | {"points": 8, "percent": 100, "passed": True}
    write(folder, "faked-score.json", record_text(rehash(faked)))
    edited = json.loads(record_text(record("张强", [])))
    edited["profile"]["name"] = "赵改"
    write(folder, "edited.json", record_text(edited))
    old = record("刘芳", [attempt("sample", {"s-single": "B"}, 3) | {"version": "0" * 64}])
    write(folder, "old-version.json", record_text(rehash(old)))
    formula = record('=HYPERLINK("http://x","点我")', [])
    write(folder, "formula.json", record_text(formula))
    write(folder, "not-json.json", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    write(folder, "truncated.json", record_text(record("孙伟", []))[:200])
    write(folder, "nested.json", "[" * 100_000 + "]" * 100_000)
    write(
        folder,
        "wrong-types.json",
        json.dumps({"format": "cadre-learning-record", "schema": 1, "profile": 5, "sha256": "x"}),
    )
    write(folder, "odd-unicode.json", '{"format": "cadre-learning-record", "name": "\\ud800\u202e\ufeff"}')
    write(folder, "huge.json", " " * 10_000_001)
    return folder


def test_report_flags_each_problem_and_goes_on(project: Path, records: Path, tmp_path: Path) -> None:
    """Every file gets a row; faked scores, edits, old versions and hostile files are flagged; exit 1."""
    out = tmp_path / "report.xlsx"
    code = run(project, "report", str(records), "--out", str(out))
    with out.with_suffix(".csv").open(encoding="utf-8-sig") as handle:
        rows = {row["文件"]: row for row in csv.DictReader(handle)}
    statuses = {name: (row["核验"], row["问题数"]) for name, row in rows.items()}
    assert 1 == code
    assert ("已核验", "0") == statuses["good.json"]
    assert [] == [
        n
        for n in (
            "faked-score.json",
            "edited.json",
            "old-version.json",
            "not-json.json",
            "truncated.json",
            "nested.json",
            "wrong-types.json",
            "odd-unicode.json",
            "huge.json",
        )
        if statuses[n][0] == "已核验"
    ]
    assert 11 == len(rows)


def test_report_names_what_is_wrong(project: Path, records: Path, tmp_path: Path) -> None:
    """The problems sheet says which kind of problem each flagged file has."""
    out = tmp_path / "report.xlsx"
    run(project, "report", str(records), "--out", str(out))
    text = sheet_text(out)
    expected = ["成绩与档案不符", "校验值不符", "无法重新评分", "文件过大", "不是 UTF-8"]
    assert [] == [e for e in expected if e not in text]


def test_cells_that_look_like_formulas_are_neutralised(project: Path, records: Path, tmp_path: Path) -> None:
    """A name starting with = is written as text with a leading apostrophe, in the workbook and the CSV."""
    out = tmp_path / "report.xlsx"
    run(project, "report", str(records), "--out", str(out))
    csv_text = out.with_suffix(".csv").read_text(encoding="utf-8-sig")
    assert (
        "<f>" not in sheet_text(out),
        "'=HYPERLINK" in csv_text,
        "'=HYPERLINK" in sheet_text(out).replace("&apos;", "'"),
    ) == (True, True, True)


def test_missing_folder_is_a_usage_error(project: Path, tmp_path: Path) -> None:
    """A folder that does not exist exits 2, a code scripts can tell from 'problems found'."""
    assert 2 == run(project, "report", str(tmp_path / "nowhere"))


def test_unwritable_output_is_a_usage_error(
    project: Path, records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output path in a missing folder exits 2 with a message, not a traceback."""
    code = run(project, "report", str(records), "--out", str(tmp_path / "no-such-folder" / "r.xlsx"))
    assert (2, "无法写出报表") == (code, capsys.readouterr().err[:6])


def test_report_of_the_real_bank_rescores_generated_records(tmp_path: Path) -> None:
    """Records made by the benchmark generator verify cleanly against the real site's quizzes."""
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    folder = tmp_path / "generated"
    subprocess.run([sys.executable, str(root / "benchmarks/make_records.py"), str(folder), "--count", "20"], check=True)
    out = tmp_path / "r.xlsx"
    assert 0 == main(["--config", str(root / "mkdocs.yml"), "report", str(folder), "--out", str(out)])
    shutil.rmtree(folder)
