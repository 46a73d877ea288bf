"""Import a question bank: a workbook (.xlsx), a Word exam (.docx) or its text (.txt) in, a quiz file's text out.

Takes the file's name and bytes and the settings the officer gave (command line or form), writes
nothing, and raises ``BankError`` listing every problem, each at its sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring.errors import Problem
from scoring.quiz_schema import QuizSpec

from .bank_docx import docx_text
from .bank_errors import BankError, BankProblem, Where
from .bank_rows import Mapped, Row, Setting, check, map_rows, officer_words
from .bank_text import decode_text, read_text
from .bank_xlsx import read_workbook
from .bank_yaml import emit_quiz

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".txt", ".text")


@dataclass(frozen=True)
class BankImport:
    spec: QuizSpec
    data: dict[str, Any]
    yaml: str
    notices: list[str]
    mapped: Mapped

    def locate(self, problem: Problem) -> BankProblem:
        """A problem found later in the quiz data (a link, an id used by another quiz), told at its cell."""
        return BankProblem(self.mapped.locate(problem.path), officer_words(problem.message))


def merge_settings(from_file: dict[str, Setting], given: dict[str, Setting]) -> dict[str, Setting]:
    """What the officer gave now wins over the workbook's 测验信息 sheet; an empty value never wins."""
    merged = dict(from_file)
    for key, setting in given.items():
        if setting.value.strip() or key not in merged:
            merged[key] = setting
    return merged


def read_rows(name: str, content: bytes) -> tuple[list[Row], dict[str, Setting], list[str], list[BankProblem]]:
    lower = name.lower()
    if lower.endswith(WORKBOOK_SUFFIXES):
        book = read_workbook(name, content)
        return book.rows, book.settings, book.notices, []
    if lower.endswith(TEXT_SUFFIXES) or lower.endswith(".docx"):
        text = docx_text(name, content) if lower.endswith(".docx") else decode_text(name, content)
        rows, notices, problems = read_text(name, text)
        return rows, {}, notices, problems
    if lower.endswith(".doc"):
        raise BankError([BankProblem(Where(name), "这是旧的 .doc 格式，请在 Word 或 WPS 中“另存为” .docx 后再导入")])
    raise BankError([BankProblem(Where(name), "只能导入 Excel 工作簿（.xlsx）、Word 文件（.docx）或文本文件（.txt）")])


def import_bank(name: str, content: bytes, settings: dict[str, Setting]) -> BankImport:
    """The quiz ``settings`` (id, title, area, pass_mark, link) name where each came from, for messages."""
    rows, from_file, notices, problems = read_rows(name, content)
    mapped = map_rows(rows, merge_settings(from_file, settings), Where(name))
    mapped.problems[:0] = problems
    spec = check(mapped, name)
    text = emit_quiz(
        mapped.data,
        comment=f"由 {name} 导入（cadre-officer import-bank）。改题可以直接改本文件，也可以改表格后重新导入。",
    )
    return BankImport(spec, mapped.data, text, notices, mapped)
