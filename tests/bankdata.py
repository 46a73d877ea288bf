"""Question-bank workbooks as officers make them, written with openpyxl (not with our own exporter)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from quizkit.officer.bank_errors import Where
from quizkit.officer.bank_rows import Setting

HEADERS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分值", "难度", "知识点", "讲解链接"]
LINK = "secondment.md#考核要求"


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
