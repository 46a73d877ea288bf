"""Question-bank workbooks as officers make them, written with openpyxl (not with our own exporter)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from quizkit.officer.bank_errors import Where
from quizkit.officer.bank_rows import Setting

HEADERS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分值", "难度", "知识点", "讲解链接"]
LINK = "secondment.md#考核要求"

# A bank the importer takes as it is, and one with a mistake of each kind a file alone shows (a
# wrong answer letter, a missing explanation, a missing stem) plus one only the site shows (a link
# to no section): the page and the command line must say the same about both.
GOOD_BANK: list[list[Any]] = [
    HEADERS,
    ["单选", "挂职一般多长？", "半年", "一年", None, None, "B", "一年。", 2, None, None, LINK],
    ["多选", "挂职要写哪些材料？", "计划", "汇报", "总结", None, "ABC", "三样都要。", None, None, None, LINK],
]
BAD_BANK: list[list[Any]] = [
    HEADERS,
    ["单选", "题", "甲", "乙", None, None, "E", None, None, None, None, LINK],
    ["判断", "挂职期限为一年。", None, None, None, None, "对", None, None, None, None, "secondment.md#没有这一节"],
    ["多选", "", "甲", "乙", None, None, "AB", None, None, None, None, LINK],
]


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook with one sheet per entry; each sheet's first list is its header row."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def settings(
    quiz_id: str = "bank", title: str = "导入的测验", area: str = "政策制度", **more: str
) -> dict[str, Setting]:
    """What the command line hands over: --quiz, --title, --area (and --link, --pass-mark when given)."""
    flags = {"id": "--quiz", "title": "--title", "area": "--area", "link": "--link", "pass_mark": "--pass-mark"}
    values = {"id": quiz_id, "title": title, "area": area, **more}
    return {key: Setting(value, Where("命令参数", column=flags[key])) for key, value in values.items()}
