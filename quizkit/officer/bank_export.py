"""Write a quiz back in the question-bank template (.xlsx), so that importing the file gives the same quiz.

Sheets: 题库 (one row per question, only the columns the quiz uses), 测验信息 (the quiz's own
settings) and 说明 (how to fill it in). Text cells are written as text, never as formulas, and the
answer and option columns are formatted as text so that 1.10 typed later stays 1.10.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from scoring.model import AREAS, TYPE_NAMES, Question, Quiz

from .bank_answers import AnswerTextError, answer_text
from .bank_columns import COMBINE_NAMES, OPTION_KEYS, SCORING_NAMES, SETTINGS_SHEET, header_for
from .bank_errors import BankError, BankProblem, Where
from .bank_guide import NOTES, NOTES_TITLE

BANK_SHEET = "题库"
# A fixed date keeps the file byte-for-byte the same for the same quiz (the template is built with the site).
FIXED_DATE = datetime.datetime(2020, 1, 1)
WIDTHS = {
    "id": 24,
    "type": 9,
    "stem": 48,
    "answer": 16,
    "scoring": 11,
    "points": 6,
    "explanation": 40,
    "hint": 24,
    "link": 36,
    "area": 12,
    "difficulty": 6,
    "topic": 14,
}
TEXT_COLUMNS = ("id", "answer")
LIST_ROWS = 2000


def columns_for(questions: Sequence[Question], quiz_area: str, *, every: bool = False) -> list[str]:
    """The field keys to write, in the template's order: every column for the template, the used ones otherwise."""
    options = max((len(q.options) for q in questions if q.type != "truefalse"), default=0)
    prompts = max((len(q.prompts) for q in questions), default=0)
    notes = max((len(q.options) for q in questions if q.type == "scenario" and any(q.notes)), default=0)
    keys = ["id", "type", "stem"]
    keys += [f"option:{k}" for k in OPTION_KEYS[: 8 if every else options]]
    keys += [f"prompt:{n}" for n in range(1, (4 if every else prompts) + 1)]
    keys += ["answer"]
    if every or any(q.type == "multiple" and q.scoring != "partial" for q in questions):
        keys.append("scoring")
    keys += ["points", "explanation"]
    if every or any(q.hint for q in questions):
        keys.append("hint")
    keys.append("link")
    if every or any(q.area != quiz_area for q in questions):
        keys.append("area")
    keys += [f"note:{k}" for k in OPTION_KEYS[: 4 if every else notes]]
    if every:
        keys += ["difficulty", "topic"]
    return keys


def question_cells(question: Question) -> dict[str, Any]:
    cells: dict[str, Any] = {
        "id": question.id,
        "type": TYPE_NAMES[question.type],
        "stem": question.stem,
        "answer": answer_text(question),
        "points": question.points,
        "explanation": question.explanation,
        "link": question.link,
        "area": question.area,
    }
    if question.type != "truefalse":
        for key, text in question.options:
            cells[f"option:{key}"] = text
    for number, prompt in enumerate(question.prompts, start=1):
        cells[f"prompt:{number}"] = prompt
    for (key, _), note in zip(question.options, question.notes, strict=False):
        if note:
            cells[f"note:{key}"] = note
    if question.type == "multiple" and question.scoring != "partial":
        cells["scoring"] = SCORING_NAMES[question.scoring]
    if question.hint:
        cells["hint"] = question.hint
    return cells


def settings_rows(quiz: Quiz) -> list[tuple[str, Any, str]]:
    rules = quiz.rules
    yes_no = {True: "是", False: "否"}
    mastery = f"{rules.mastery[0]}/{rules.mastery[1]}" if rules.mastery else ""
    return [
        ("测验编号", quiz.id, "小写字母、数字和连字符；也是文件名 quizzes/编号.yaml"),
        ("标题", quiz.title, "测验页的标题"),
        ("领域", quiz.area, "、".join(AREAS) + " 之一"),
        ("及格线（%）", quiz.pass_mark, "得分率达到多少算及格"),
        ("简介", quiz.description, "可留空"),
        ("每次抽题数", rules.draw if rules.draw is not None else "", "留空：每次做全部题目"),
        ("打乱题目顺序", yes_no[rules.shuffle_questions], "是 或 否"),
        ("打乱选项顺序", yes_no[rules.shuffle_options], "是 或 否（排序题总是打乱）"),
        ("多次作答取", COMBINE_NAMES[rules.combine] if not rules.mastery else "", "、".join(COMBINE_NAMES.values())),
        ("掌握度", mastery, "如 4/5：最近 5 题答对 4 题即掌握；和“多次作答取”只填一个"),
        ("限时（分钟）", rules.time_limit_minutes if rules.time_limit_minutes is not None else "", "留空：不限时"),
        ("看提示扣分", rules.hint_cost or "", "如 0.5：看过提示的题扣一半分；留空不扣"),
    ]


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: Chinese characters and full-width punctuation count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row_height(cells: dict[str, Any], keys: list[str]) -> float:
    """Enough height for the longest wrapped cell: spreadsheets do not grow rows for wrapped text on their own."""
    lines = 1
    for key in keys:
        value = cells.get(key)
        if isinstance(value, str) and value:
            width = WIDTHS.get(key, 18 if key.startswith(("option:", "prompt:")) else 24)
            wrapped = sum(max(1, math.ceil(display_width(part) / width)) for part in value.split("\n"))
            lines = max(lines, wrapped)
    return 15.0 * min(lines, 20)


class _Writer:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self.book.set_properties({"created": FIXED_DATE, "title": "题库"})
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
        )
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.text = self.book.add_format({"text_wrap": True, "valign": "top", "num_format": "@"})

    @staticmethod
    def page(sheet: Any, *, landscape: bool) -> None:
        """A4, the header row repeated and the grid printed: the sheet prints as it looks.

        The question sheet is too wide for one page; it prints across pages at 80% rather than unreadably small.
        """
        if landscape:
            sheet.set_landscape()
            sheet.set_print_scale(80)
        else:
            sheet.fit_to_pages(1, 0)
        sheet.set_paper(9)
        sheet.repeat_rows(0)
        sheet.hide_gridlines(0)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)

    def cell(self, sheet: Any, row: int, column: int, value: Any, style: Any) -> None:
        if isinstance(value, str):
            sheet.write_string(row, column, value, style)
        elif value is None or value == "":
            sheet.write_blank(row, column, None, style)
        else:
            sheet.write_number(row, column, value, style)

    def questions(self, quiz: Quiz, keys: list[str]) -> None:
        sheet = self.book.add_worksheet(BANK_SHEET)
        for column, key in enumerate(keys):
            kind = key.partition(":")[0]
            width = WIDTHS.get(key, 18 if kind in ("option", "prompt") else 24)
            text_column = key in TEXT_COLUMNS or kind in ("option", "prompt", "note")
            sheet.set_column(column, column, width, self.text if text_column else self.wrap)
            sheet.write_string(0, column, header_for(key), self.header)
        sheet.freeze_panes(1, 3)
        sheet.set_row(0, 30)
        self.page(sheet, landscape=True)
        problems = []
        for row, question in enumerate(quiz.questions, start=1):
            try:
                cells = question_cells(question)
            except AnswerTextError as error:
                problems.append(BankProblem(Where(quiz.id, BANK_SHEET, row + 1, "答案"), str(error)))
                continue
            for column, key in enumerate(keys):
                kind = key.partition(":")[0]
                text_column = key in TEXT_COLUMNS or kind in ("option", "prompt", "note")
                self.cell(sheet, row, column, cells.get(key), self.text if text_column else self.wrap)
            sheet.set_row(row, row_height(cells, keys))
        if problems:
            raise BankError(problems)
        last = max(LIST_ROWS, len(quiz.questions) + 1)
        lists = {
            "type": list(TYPE_NAMES.values()),
            "area": list(AREAS),
            "scoring": list(SCORING_NAMES.values()),
        }
        for column, key in enumerate(keys):
            if key in lists:
                sheet.data_validation(
                    1, column, last, column, {"validate": "list", "source": lists[key], "ignore_blank": True}
                )

    def settings(self, quiz: Quiz) -> None:
        sheet = self.book.add_worksheet(SETTINGS_SHEET)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 36, self.text)
        sheet.set_column(2, 2, 56, self.wrap)
        self.page(sheet, landscape=False)
        for column, title in enumerate(("项目", "内容", "说明")):
            sheet.write_string(0, column, title, self.header)
        for row, (label, value, note) in enumerate(settings_rows(quiz), start=1):
            sheet.write_string(row, 0, label, self.wrap)
            self.cell(sheet, row, 1, value, self.text)
            sheet.write_string(row, 2, note, self.wrap)

    def notes(self) -> None:
        sheet = self.book.add_worksheet(NOTES_TITLE)
        sheet.set_column(0, 0, 18, self.wrap)
        sheet.set_column(1, 1, 90, self.wrap)
        self.page(sheet, landscape=False)
        for column, title in enumerate(("项目", "说明")):
            sheet.write_string(0, column, title, self.header)
        for row, (topic, text) in enumerate(NOTES, start=1):
            sheet.write_string(row, 0, topic, self.wrap)
            sheet.write_string(row, 1, text, self.wrap)
            sheet.set_row(row, 15.0 * max(1, math.ceil(display_width(text) / 80)))

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def export_bank(quiz: Quiz) -> bytes:
    """The quiz (its includes resolved) as a workbook; ``BankError`` when an answer cannot be written in a cell."""
    writer = _Writer()
    writer.questions(quiz, columns_for(quiz.questions, quiz.area))
    writer.settings(quiz)
    writer.notes()
    return writer.close()


def template_workbook(example: Quiz) -> bytes:
    """The blank template: 说明 first, then 题库 with every column and one example of each type, then 测验信息."""
    writer = _Writer()
    writer.notes()
    writer.questions(example, columns_for(example.questions, example.area, every=True))
    writer.settings(example)
    return writer.close()
