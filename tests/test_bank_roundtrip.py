"""Export a quiz to the template and import it back: the same questions, the same version, for every shipped quiz."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from quizkit.officer.bank_errors import BankError
from quizkit.officer.bank_export import export_bank
from quizkit.officer.bank_import import import_bank
from quizkit.officer.template import example_quiz, template_bytes
from quizkit.sources import Bank
from quizkit.yaml_source import load_yaml
from scoring.model import TYPE_NAMES, Quiz
from scoring.quiz_schema import parse_quiz, parse_quiz_spec

from .sites import MINI, ROOT

# Quizzes by file name: the banks are loaded (and validated) by fixtures, not at collection.
EVERY_QUIZ = [("real", p.stem) for p in sorted((ROOT / "quizzes").glob("*.yaml"))] + [
    ("mini", p.stem) for p in sorted((MINI / "quizzes").glob("*.yaml"))
]


@pytest.fixture(scope="module")
def banks(real_bank: Bank, mini_bank: Bank) -> dict[str, dict[str, Quiz]]:
    return {"real": real_bank.quizzes, "mini": mini_bank.quizzes}


def through_workbook(quiz: Quiz, tmp_path: Path) -> Quiz:
    """Export, import from the bytes alone, write the YAML and read it as the build does."""
    imported = import_bank(f"{quiz.id}.xlsx", export_bank(quiz), {})
    if yaml.safe_load(imported.yaml) != imported.data:
        raise AssertionError("the emitted YAML does not read back as the data")
    path = tmp_path / f"{quiz.id}.yaml"
    path.write_text(imported.yaml, encoding="utf-8")
    data, source = load_yaml(path, path.name)
    return parse_quiz_spec(data, source).quiz


@pytest.mark.parametrize(("bank", "quiz_id"), EVERY_QUIZ, ids=[f"{b}-{q}" for b, q in EVERY_QUIZ])
def test_export_then_import_gives_the_same_quiz(
    bank: str, quiz_id: str, banks: dict[str, dict[str, Quiz]], tmp_path: Path
) -> None:
    """Questions, settings (draw, shuffles, combine, pass mark) and the scoring version all survive the workbook."""
    quiz = banks[bank][quiz_id]
    again = through_workbook(quiz, tmp_path)
    assert (quiz.questions, quiz.rules, quiz.version) == (again.questions, again.rules, again.version)


def test_every_type_is_among_the_round_tripped_quizzes(banks: dict[str, dict[str, Quiz]]) -> None:
    """The round trip above covers each of the seven question types."""
    assert set(TYPE_NAMES) == {q.type for b, quiz_id in EVERY_QUIZ for q in banks[b][quiz_id].questions}


def test_an_answer_that_a_cell_cannot_hold_is_refused_on_export() -> None:
    """A fill answer holding the separator ``|`` would come back as two answers: export says so instead."""
    data = example_quiz().to_dict()
    data["questions"][3]["answer"] = [["甲|乙"], ["丙"]]
    with pytest.raises(BankError) as caught:
        export_bank(parse_quiz(data))
    assert ["policy-example 题库 第5行 答案：填空题的答案含有分隔符“；”或“|”，表格里写不下（实际是'甲|乙'）"] == [
        str(p) for p in caught.value.problems
    ]


def test_the_exported_workbook_opens_with_the_template_layout(real_bank: Bank) -> None:
    """Sheets 题库, 测验信息, 说明; the header row holds the columns the quiz uses; answers are text cells."""
    quiz = real_bank.quizzes["policy-secondment"]
    book = load_workbook(io.BytesIO(export_bank(quiz)))
    sheet = book["题库"]
    headers = [c.value for c in sheet[1]]
    answers = [sheet.cell(row, headers.index("答案") + 1) for row in range(2, sheet.max_row + 1)]
    assert (
        ["题库", "测验信息", "说明"],
        [
            "编号",
            "题型",
            "题干",
            *(f"选项{k}" for k in "ABCDE"),
            "答案",
            "分值",
            "解析",
            "讲解链接",
            *(f"点评{k}" for k in "ABCD"),
        ],
        {"s"},
        "@",
        len(quiz.questions) + 1,
    ) == (
        book.sheetnames,
        headers,
        {c.data_type for c in answers},
        answers[0].number_format,
        sheet.max_row,
    )


def test_the_template_holds_notes_every_column_and_one_example_of_each_type() -> None:
    """题库模板.xlsx: 说明 first, 选项A–H, 左项, 点评, 难度 and 知识点 columns, and a row per 题型."""
    book = load_workbook(io.BytesIO(template_bytes()))
    sheet = book["题库"]
    headers = [c.value for c in sheet[1]]
    assert (
        ["说明", "题库", "测验信息"],
        True,
        list(TYPE_NAMES.values()),
    ) == (
        book.sheetnames,
        {"选项A", "选项H", "左项1", "答案", "讲解链接", "点评A", "难度", "知识点"} <= set(headers),
        [sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)],
    )


def test_the_template_is_the_same_bytes_every_time_and_imports_as_it_is() -> None:
    """Built at every site build, so it must not change; imported untouched it is the example quiz."""
    content = template_bytes()
    imported = import_bank("题库模板.xlsx", content, {})
    assert (content, example_quiz()) == (template_bytes(), imported.spec.quiz)


def test_the_built_site_offers_the_template_from_the_guides_quiz_page(real_site: Path) -> None:
    """``mkdocs build`` writes guide/题库模板.xlsx (the template's bytes) and the guide's quiz page links to it."""
    page = (real_site / "guide" / "quizzes" / "index.html").read_text(encoding="utf-8")
    href = 'href="../%E9%A2%98%E5%BA%93%E6%A8%A1%E6%9D%BF.xlsx"'
    assert (template_bytes(), True) == ((real_site / "guide" / "题库模板.xlsx").read_bytes(), href in page)
