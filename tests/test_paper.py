"""Paper exams: two versions hold every question once with the right key, and a filled 答题登记表 scores by hand."""

from __future__ import annotations

import io
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from quizkit.cli import main
from quizkit.officer.bank_errors import BankError
from quizkit.officer.bank_yaml import emit_quiz
from quizkit.officer.paper_layout import layout, numbered, version_seeds
from quizkit.officer.paper_sheet import registration_workbook, score_sheet
from quizkit.officer.template import EXAMPLE, example_quiz
from quizkit.paper import answer_document, paper_document
from quizkit.sources import Bank
from scoring.model import Quiz

from .sites import copy_mini


@pytest.fixture(scope="module")
def secondment(real_bank: Bank) -> Quiz:
    """A shipped quiz with single, multiple, true/false and fill questions."""
    return real_bank.quizzes["policy-secondment"]


SEEDS = dict(zip("AB", version_seeds(2, 2026), strict=True))
QUESTION_LINE = re.compile(r"^(\d+)\. (.*)$")
OPTION_LINE = re.compile(r"^([A-H])\. (.*)$")
KEY_LINE = re.compile(r"^(\d+)\. (\S+)（")


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def versions(lines: list[str], marker: str) -> dict[str, list[str]]:
    """The paragraphs of each version, split at its title line (…（A卷）…)."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        title = re.search(rf"（([A-J])卷）{marker}", line)
        if title:
            current = title.group(1)
            found[current] = []
        elif current:
            found[current].append(line)
    return found


def printed(lines: list[str]) -> dict[int, tuple[str, dict[str, str]]]:
    """Question number -> (stem as printed, printed letter -> option text)."""
    questions: dict[int, tuple[str, dict[str, str]]] = {}
    number = 0
    for line in lines:
        if match := QUESTION_LINE.match(line):
            number = int(match.group(1))
            questions[number] = (match.group(2), {})
        elif (match := OPTION_LINE.match(line)) and number:
            questions[number][1][match.group(1)] = match.group(2)
    return questions


def test_two_versions_hold_every_question_once_each(secondment: Quiz) -> None:
    """Each version of the paper prints every question of the quiz exactly once, in a different order."""
    papers = versions(paragraphs(paper_document(secondment, SEEDS)), "$")
    stems = {letter: [stem for stem, _ in printed(lines).values()] for letter, lines in papers.items()}
    expected = sorted(q.stem for q in secondment.questions if q.type != "fill")
    found = {
        letter: sorted(s.removesuffix("（　　）") for s in found if "________" not in s)
        for letter, found in stems.items()
    }
    assert (["A", "B"], expected, expected, len(secondment.questions)) == (
        sorted(papers),
        found["A"],
        found["B"],
        len(stems["A"]),
    )
    assert stems["A"] != stems["B"]


def test_the_answer_key_names_the_right_option_as_printed_on_each_version(secondment: Quiz) -> None:
    """For every choice question the key's letter, looked up on that version's paper, is the quiz's right option."""
    papers = {k: printed(v) for k, v in versions(paragraphs(paper_document(secondment, SEEDS)), "$").items()}
    keys = versions(paragraphs(answer_document(secondment, SEEDS)), "答案与评分标准")
    by_stem = {q.stem: q for q in secondment.questions}
    wrong = []
    checked = 0
    for letter, lines in keys.items():
        for line in lines:
            match = KEY_LINE.match(line)
            if not match:
                continue
            stem, options = papers[letter][int(match.group(1))]
            question = by_stem.get(stem.removesuffix("（　　）"))
            if question is None or question.type not in ("single", "multiple"):
                continue
            checked += 1
            right = sorted(dict(question.options)[k] for k in question.answer)
            if sorted(options[c] for c in match.group(2)) != right:
                wrong.append((letter, match.group(1)))
    assert ([], 2 * sum(q.type in ("single", "multiple") for q in secondment.questions)) == (wrong, checked)


def test_the_seed_rebuilds_the_same_paper(secondment: Quiz) -> None:
    """The layout is a function of the seed alone: the same seed, the same paper; another seed, another order."""
    first, again, other = layout(secondment, 7), layout(secondment, 7), layout(secondment, 8)
    ids = [[q.question.id for q in numbered(x)] for x in (first, again, other)]
    assert (first, True) == (again, ids[0] != ids[2])


def fill_sheet(quiz: Quiz, rows: list[list[Any]]) -> bytes:
    book = load_workbook(io.BytesIO(registration_workbook(quiz, SEEDS)))
    for values in rows:
        book["答题登记"].append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def answers_for(quiz: Quiz, version: str, choose: dict[str, Any]) -> list[Any]:
    """A learner's row: what they wrote for each printed number, given answers in the quiz's own option keys."""
    papers = numbered(layout(quiz, SEEDS[version]))
    row: list[Any] = []
    for paper in papers:
        given = choose.get(paper.question.type)
        if callable(given):
            given = given(paper)
        row.append(given)
    return row


ALL_RIGHT: dict[str, Any] = {
    "single": lambda p: p.printed_letter("B"),
    "multiple": lambda p: "".join(p.printed_letter(k) for k in "ABC"),
    "truefalse": "错",
    "fill": "半；总结",
    "ordering": lambda p: "".join(p.printed_letter(k) for k in "BCA"),
    "matching": lambda p: ",".join(f"{n}-{p.printed_letter(k)}" for n, k in enumerate("ABA", start=1)),
    "scenario": lambda p: p.printed_letter("B"),
}
MIXED: dict[str, Any] = {
    "single": lambda p: p.printed_letter("B"),  # right: 1
    "multiple": lambda p: "、".join(p.printed_letter(k) for k in "ABD"),  # 2 right, 1 wrong of 3: (2-1)/3 * 2 = 2/3
    "truefalse": "√",  # wrong: 0
    "fill": "半；工作计划",  # one blank of two: 1
    "ordering": lambda p: "".join(p.printed_letter(k) for k in "BAC"),  # pairs B<A, B<C right, A<C wrong: 2/3 * 1
    "matching": lambda p: "".join(p.printed_letter(k) for k in "ABC"),  # two of three: 2/3 * 3 = 2
    "scenario": lambda p: p.printed_letter("C"),  # weight 0.5 of 2 points: 1
}


def test_a_filled_registration_sheet_scores_to_hand_computed_points() -> None:
    """All right is 12 points; a mixed paper is 1 + 2/3 + 0 + 1 + 2/3 + 2 + 1 = 19/3 ≈ 6.33, per the scoring rules."""
    quiz = example_quiz()
    content = fill_sheet(
        quiz,
        [
            ["张三", "城关镇", "A", *answers_for(quiz, "A", ALL_RIGHT)],
            ["李四", "河口镇", "b卷", *answers_for(quiz, "B", MIXED)],
        ],
    )
    scores = score_sheet(
        "答题登记表.xlsx", content, lambda quiz_id, version: quiz if version == quiz.scoring_version else None
    )
    assert [
        ("张三", "A", 12.0, True),
        ("李四", "B", float(round(Fraction(19, 3), 2)), False),
    ] == [(r.name, r.version, r.totals["points"], r.totals["passed"]) for r in scores.learners]
    assert [] == scores.problems


def test_unreadable_cells_are_problems_at_their_cells_and_count_as_unanswered() -> None:
    """A letter the paper does not have and an unknown version are told by cell; the other answers still count."""
    quiz = example_quiz()
    row = answers_for(quiz, "A", {"single": "Z", "truefalse": "错"})
    content = fill_sheet(quiz, [["王五", "", "A", *row], ["赵六", "", "C", *row]])
    scores = score_sheet("登记.xlsx", content, lambda quiz_id, version: quiz)
    single = next(p.number for p in numbered(layout(quiz, SEEDS["A"])) if p.question.type == "single")
    assert [
        f"登记.xlsx 答题登记 第2行 第{single}题：应写试卷上的选项字母 A–C（实际是'Z'）；这道题按未答计",
        "登记.xlsx 答题登记 第3行 试卷版本：试卷版本应为 A、B 之一（实际是'C'）",
    ] == [str(p) for p in scores.problems]
    assert 1.0 == scores.learners[0].totals["points"]


def test_a_sheet_for_another_version_of_the_quiz_is_refused() -> None:
    """If the quiz changed since the papers were printed, nothing is scored against the new version."""
    content = fill_sheet(example_quiz(), [])
    with pytest.raises(BankError) as caught:
        score_sheet("登记.xlsx", content, lambda quiz_id, version: None)
    assert str(caught.value).startswith("登记.xlsx 试卷信息：网站里已没有印卷时的测验版本（policy-example，")


def test_the_paper_command_writes_papers_key_and_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``cadre-officer paper`` writes the three files beside --out and prints the seeds; a bad count exits 2."""
    project = copy_mini(tmp_path / "project")
    out = tmp_path / "试卷.docx"
    config = ["--config", str(project / "mkdocs.yml")]
    code = main([*config, "paper", "sample", "--versions", "2", "--out", str(out), "--seed", "5"])
    written = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    seeds = dict(zip("AB", version_seeds(2, 5), strict=True))
    assert (0, ["试卷-答案与评分标准.docx", "试卷-答题登记表.xlsx", "试卷.docx"]) == (code, written)
    assert f"A卷种子 {seeds['A']}，B卷种子 {seeds['B']}" in capsys.readouterr().out
    assert 2 == main([*config, "paper", "sample", "--versions", "11", "--out", str(out)])


def test_score_paper_writes_the_results_in_the_reports_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """paper, fill the sheet, score-paper: 成绩 holds the hand-computed points; a bad cell is exit 1 and a problem row."""
    project = copy_mini(tmp_path / "project")
    (project / "quizzes" / "policy-example.yaml").write_text(emit_quiz(EXAMPLE), encoding="utf-8")
    config = ["--config", str(project / "mkdocs.yml")]
    assert 0 == main([*config, "paper", "policy-example", "--out", str(tmp_path / "卷.docx"), "--seed", "2026"])
    quiz = example_quiz()
    sheet = tmp_path / "卷-答题登记表.xlsx"
    book = load_workbook(sheet)
    book["答题登记"].append(["张三", "城关镇", "A", *answers_for(quiz, "A", ALL_RIGHT)])
    book["答题登记"].append(["李四", "河口镇", "B", *answers_for(quiz, "B", MIXED)])
    book.save(sheet)
    out = tmp_path / "成绩.xlsx"
    assert 0 == main([*config, "score-paper", str(sheet), "--out", str(out)])
    results = load_workbook(out)
    rows = [[c.value for c in row[:7]] for row in results["成绩"].iter_rows(min_row=3)]
    assert (
        ["成绩", "题目", "问题清单"],
        [["张三", "城关镇", "A", 12, 12, 100, "及格"], ["李四", "河口镇", "B", 6.33, 12, 52.8, "不及格"]],
    ) == (
        results.sheetnames,
        rows,
    )
    book["答题登记"].append(["王五", "", "C", "A"])
    book.save(sheet)
    capsys.readouterr()
    assert 1 == main([*config, "score-paper", str(sheet), "--out", str(out)])
    assert (
        "卷-答题登记表.xlsx 答题登记 第4行 试卷版本：试卷版本应为 A、B 之一（实际是'C'）"
        == capsys.readouterr().out.splitlines()[0]
    )
    problem = [c.value for c in next(load_workbook(out)["问题清单"].iter_rows(min_row=3))]
    assert ["王五", None, "答题登记 第4行 试卷版本", "试卷版本应为 A、B 之一（实际是'C'）"] == problem


def test_score_paper_of_a_file_that_is_not_a_registration_sheet_exits_2(tmp_path: Path) -> None:
    """Any other workbook is refused with what to use instead, and nothing is written."""
    project = copy_mini(tmp_path / "project")
    other = tmp_path / "别的.xlsx"
    other.write_bytes(b"not a workbook")
    out = tmp_path / "成绩.xlsx"
    assert (2, False) == (
        main(["--config", str(project / "mkdocs.yml"), "score-paper", str(other), "--out", str(out)]),
        out.exists(),
    )
