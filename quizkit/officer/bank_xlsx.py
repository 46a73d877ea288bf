"""Read an officer's question-bank workbook (.xlsx, from Excel or WPS) into rows, with openpyxl.

The first non-empty row of a sheet holds the headers, in any order and under any of their common
names; blank rows are skipped; a merged cell (a 题型 written once for several rows) counts for every
row it covers; a sheet named after a 题型 gives its rows that type. The 说明 sheet is skipped and
the 测验信息 sheet holds the quiz's own settings.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from .bank_answers import cell_text, shown
from .bank_columns import (
    NOTES_SHEETS,
    SETTINGS_SHEET_NAMES,
    fold,
    header_key,
    is_ignored_header,
    setting_key,
    type_key,
)
from .bank_errors import BankError, BankProblem, Where
from .bank_rows import Cell, Row, Setting

MAX_BYTES = 20_000_000
# A workbook is a zip: a small file can unpack to gigabytes of XML. Real banks unpack to a few MB.
MAX_UNPACKED = 200_000_000
MAX_ROWS = 20_000
OLD_EXCEL = b"\xd0\xcf\x11\xe0"


@dataclass
class Workbook:
    rows: list[Row] = field(default_factory=list)
    settings: dict[str, Setting] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def open_workbook(name: str, content: bytes) -> Any:
    where = Where(name)
    if len(content) > MAX_BYTES:
        raise BankError([BankProblem(where, f"文件过大（{len(content) // 1_000_000} MB），不像是题库")])
    if content.startswith(OLD_EXCEL):
        raise BankError(
            [BankProblem(where, "这是旧的 .xls（或 WPS .et）格式，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入")]
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise BankError([BankProblem(where, f"不是能读取的 Excel 工作簿（.xlsx）（{type(error).__name__}）")]) from None
    if unpacked > MAX_UNPACKED:
        raise BankError([BankProblem(where, f"工作簿解压后过大（{unpacked // 1_000_000} MB），不像是题库")])
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation extensions, styles): we read values only.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError, EOFError) as error:
        raise BankError([BankProblem(where, f"不是能读取的 Excel 工作簿（.xlsx）（{type(error).__name__}）")]) from None


def _grid(sheet: Worksheet) -> list[list[Any]]:
    """The sheet's values, with each merged range's value in every cell it covers."""
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(grid[r]):
                    grid[r][c] = top
    return grid


def _blank(values: list[Any]) -> bool:
    return all(not cell_text(v).strip() for v in values)


def _settings(book: Workbook, name: str, sheet_name: str, grid: list[list[Any]], order: int) -> None:
    for number, values in enumerate(grid, start=1):
        if len(values) < 2:
            continue
        key = setting_key(cell_text(values[0]))
        if key is None:
            continue
        label = cell_text(values[0]).strip()
        book.settings[key] = Setting(cell_text(values[1]), Where(name, sheet_name, number, label, (order, 1)))


def _questions(book: Workbook, name: str, sheet_name: str, grid: list[list[Any]], order: int) -> list[BankProblem]:
    problems: list[BankProblem] = []
    start = next((i for i, values in enumerate(grid) if not _blank(values)), None)
    if start is None:
        return problems
    headers = [cell_text(v).strip() for v in grid[start]]
    columns: dict[int, str] = {}
    first: dict[str, int] = {}
    unknown = []
    for index, header in enumerate(headers):
        if not header:
            continue
        key = header_key(header)
        if key is None:
            if not is_ignored_header(header):
                unknown.append(header)
            continue
        where = Where(name, sheet_name, start + 1, header, (order, index))
        if key in first:
            problems.append(BankProblem(where, f"列名重复（与第{first[key] + 1}列“{headers[first[key]]}”是同一项）"))
            continue
        first[key] = index
        columns[index] = key
    if not columns:
        book.notices.append(f"已跳过工作表“{sheet_name}”：第{start + 1}行没有题型、题干、答案等列名")
        return problems
    if unknown:
        book.notices.append(f"工作表“{sheet_name}”中这些列不认识，已忽略：{'、'.join(shown(u) for u in unknown)}")
    sheet_type = type_key(sheet_name)
    header_row = Where(name, sheet_name, start + 1, "", (order, 0))
    if "stem" not in first:
        problems.append(BankProblem(header_row, "找不到题干列（第一行应有“题干”这一列名）"))
    if "type" not in first and sheet_type is None:
        problems.append(
            BankProblem(
                header_row,
                f"没有题型列，工作表名也不是题型（实际是'{shown(sheet_name)}'；可把工作表改名为 单选题、多选题…）",
            )
        )
    if problems:
        return problems
    if len(grid) - start > MAX_ROWS:
        return [BankProblem(header_row, f"行数过多（超过 {MAX_ROWS} 行），请分成几个文件导入")]
    for offset, values in enumerate(grid[start + 1 :], start=start + 2):
        cells = {
            key: Cell(values[index], Where(name, sheet_name, offset, headers[index], (order, index)))
            for index, key in columns.items()
            if index < len(values)
        }
        if all(not cell.text for cell in cells.values()):
            continue
        book.rows.append(Row(Where(name, sheet_name, offset, "", (order, 0)), cells, default_type=sheet_type))
    return problems


def read_workbook(name: str, content: bytes) -> Workbook:
    """Rows and settings of every sheet; raise ``BankError`` when the file or a sheet's headers cannot be used."""
    workbook = open_workbook(name, content)
    book = Workbook()
    problems: list[BankProblem] = []
    try:
        for order, sheet in enumerate(workbook.worksheets, start=1):
            sheet_name = str(sheet.title)
            folded = fold(sheet_name)
            if folded in NOTES_SHEETS:
                continue
            # Templates keep their drop-down lists (题型, 难度…) on hidden sheets: those are not questions.
            if sheet.sheet_state != "visible":
                book.notices.append(f"已跳过隐藏的工作表“{sheet_name}”")
                continue
            grid = _grid(sheet)
            if folded in SETTINGS_SHEET_NAMES:
                _settings(book, name, sheet_name, grid, order)
            else:
                problems.extend(_questions(book, name, sheet_name, grid, order))
    finally:
        workbook.close()
    if problems:
        raise BankError(problems)
    return book
