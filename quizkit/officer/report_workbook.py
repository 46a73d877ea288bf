"""The report as an .xlsx workbook laid out for WPS and Excel, and the learners' table as CSV.

Each sheet: a title row (year, rules, date), a bold header with an autofilter, the header and the
name columns frozen, widths fitted to the content (a Chinese character counts double), long
sentences wrapped, and a landscape A4 print fitted to the page width with the header repeated.
The 图表 sheet holds native charts over small tables of its own. The same report always gives
the same bytes (the creation time is the report's date), written to a path or a file object.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import unicodedata
from datetime import date, datetime, time
from typing import IO, Any

import xlsxwriter

from .report import Report
from .report_tables import Cell, Table, hours_bins, requirement_counts, tables, title

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767
MIN_WIDTH, MAX_WIDTH = 6, 60
A4 = 9
HEADER_ROW, FIRST_ROW = 1, 2
LINE_HEIGHT, TITLE_HEIGHT = 15.0, 18.0
CHART_SHEET = "图表"


def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str):
        if value.startswith(FORMULA_STARTS):
            value = "'" + value
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate (a file name from the browser, say) has no place in the XML.
            value = value.encode("utf-8", "replace").decode("utf-8")
        return value[:MAX_CELL]
    return value


@functools.lru_cache(maxsize=1 << 16)
def display_width(text: str) -> int:
    """Columns of text in a spreadsheet: CJK characters and full-width punctuation take two.
    Kept per text: a class's workbook repeats its units, periods and sentences thousands of times."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:g}")
    return display_width(str(value))


def column_widths(table: Table) -> list[tuple[float, bool]]:
    """(width, wrap) per column: the widest cell plus a margin, capped; a wrapped column wraps at its width."""
    widths = []
    for column, name in enumerate(table.header):
        cells = max([0, *(_width(row[column]) for row in table.rows)])
        cap = table.wrapped.get(name, MAX_WIDTH)
        wrap = name in table.wrapped and max(cells, display_width(name)) + 2 > cap
        widest = max(cells, min(display_width(name), cap)) if wrap else max(cells, display_width(name))
        widths.append((float(max(MIN_WIDTH, min(widest + 2, cap))), wrap))
    return widths


def row_height(row: list[Cell] | list[str], widths: list[tuple[float, bool]]) -> float | None:
    """The height that shows every line of the row's wrapped cells; None for one line. Set explicitly:
    LibreOffice (and Excel for some files) do not grow rows for wrapped text on opening."""
    lines = 1
    for value, (width, wrap) in zip(row, widths, strict=True):
        if wrap and isinstance(value, str):
            lines = max(lines, math.ceil(display_width(value) / max(width - 1, 1)))
    return LINE_HEIGHT * lines if lines > 1 else None


class _Writer:
    def __init__(self, heading: str, today: date, target: Any, report: Report | None = None) -> None:
        # Only the report has charts; score-paper's tables take the same layout without them.
        self.report = report
        self.book = xlsxwriter.Workbook(
            target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self.book.set_properties({"title": heading, "created": datetime.combine(today, time())})
        self.title_format = self.book.add_format({"bold": True, "font_size": 12, "text_wrap": True, "valign": "top"})
        self.header_format = self.book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter", "text_wrap": True}
        )
        self.wrap_format = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.plain_format = self.book.add_format({"valign": "top"})
        self.heading = heading

    def _page(self, sheet: Any, columns: int) -> None:
        sheet.set_landscape()
        sheet.set_paper(A4)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0, HEADER_ROW)
        sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        sheet.set_footer("&C第 &P 页，共 &N 页")
        sheet.hide_gridlines(0)

    def table(self, table: Table) -> None:
        sheet = self.book.add_worksheet(table.sheet)
        widths = column_widths(table)
        self._title(sheet, [w for w, _ in widths])
        for column, ((width, wrap), name) in enumerate(zip(widths, table.header, strict=True)):
            sheet.set_column(column, column, width, self.wrap_format if wrap else self.plain_format)
            sheet.write_string(HEADER_ROW, column, name, self.header_format)
        sheet.set_row(HEADER_ROW, row_height(table.header, [(w, True) for w, _ in widths]))
        for index, row in enumerate(table.rows, start=FIRST_ROW):
            height = row_height(row, widths)
            if height is not None:
                sheet.set_row(index, height)
            for column, value in enumerate(row):
                self.cell(sheet, index, column, value)
        last = FIRST_ROW + len(table.rows) - 1
        sheet.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(table.header) - 1)
        sheet.freeze_panes(FIRST_ROW, table.frozen_columns)
        self._page(sheet, len(table.header))

    def _title(self, sheet: Any, widths: list[float]) -> None:
        """The title across the table's width, wrapped: printing then takes no empty columns along."""
        total = sum(widths)
        if len(widths) > 1:
            sheet.merge_range(0, 0, 0, len(widths) - 1, self.heading, self.title_format)
        else:
            sheet.write_string(0, 0, self.heading, self.title_format)
        sheet.set_row(0, TITLE_HEIGHT * math.ceil(display_width(self.heading) * 1.1 / max(total - 2, 1)))

    @staticmethod
    def cell(sheet: Any, row: int, column: int, value: Cell) -> None:
        value = neutralise(value)
        if isinstance(value, bool):
            raise TypeError("a workbook cell never holds True/False")  # a sentence says yes or no
        if isinstance(value, str):
            if value:
                sheet.write_string(row, column, value)
        elif value is not None:
            sheet.write_number(row, column, value)

    def _block(self, sheet: Any, top: int, caption: str, header: list[str], rows: list[list[Cell]]) -> int:
        """A small table on the chart sheet; returns the row after it."""
        sheet.write_string(top, 0, caption, self.title_format)
        for column, name in enumerate(header):
            sheet.write_string(top + 1, column, name, self.header_format)
        for offset, row in enumerate(rows, start=top + 2):
            for column, value in enumerate(row):
                self.cell(sheet, offset, column, value)
        if not rows:
            sheet.write_string(top + 2, 0, "（没有可统计的数据）")
        return top + 2 + max(len(rows), 1) + 2

    def _chart(self, sheet: Any, top: int, kind: dict[str, str], name: str, rows: int, columns: int) -> int:
        """A chart beside the block at ``top`` (categories in column A, one series per column after it);
        returns the row below both."""
        chart = self.book.add_chart(kind)
        last = top + 1 + rows
        for column in range(1, columns + 1):
            chart.add_series(
                {
                    "name": [CHART_SHEET, top + 1, column],
                    "categories": [CHART_SHEET, top + 2, 0, last, 0],
                    "values": [CHART_SHEET, top + 2, column, last, column],
                    "data_labels": {"value": columns == 1},
                }
            )
        chart.set_title({"name": name, "name_font": {"size": 12}})
        if kind["type"] == "bar":
            # Bars are drawn bottom-up; reversed, they read in the table's order.
            chart.set_y_axis({"reverse": True})
            chart.set_x_axis({"min": 0, **({"max": 100} if "%" in name else {})})
        chart.set_legend({"position": "bottom"} if columns > 1 else {"none": True})
        height = max(300, 80 + 26 * rows)
        chart.set_size({"width": 680, "height": height})
        sheet.insert_chart(top, 5, chart)
        return top + height // 20 + 2

    def charts(self) -> None:
        if self.report is None:
            return
        sheet = self.book.add_worksheet(CHART_SHEET)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 4, 16)
        self._title(sheet, [40, 16, 16, 16, 16])
        self._page(sheet, 5)
        sheet.hide_gridlines(1)
        report = self.report
        passing: list[list[Cell]] = [
            [s.title, round(s.passed_learners * 100 / s.learners, 1), s.learners] for s in report.quizzes if s.learners
        ]
        met: list[list[Cell]] = [[label, done, undone] for label, done, undone in requirement_counts(report)]
        labels, counts = hours_bins(report)
        rule_sets = list(counts)
        hours: list[list[Cell]] = [[label, *(counts[r][i] for r in rule_sets)] for i, label in enumerate(labels)]
        blocks = [
            (
                "各测验通过率（作答过的人中通过的比例）",
                ["测验", "通过率（%）", "作答人数"],
                passing,
                {"type": "bar"},
                "各测验通过率（%）",
                1,
            ),
            (
                "各项学时要求的完成人数",
                ["学时规则：要求", "已完成", "未完成"],
                met,
                {"type": "bar", "subtype": "stacked"},
                "各项学时要求完成情况（人数）",
                2,
            ),
            (
                "学时合计分布（人数）",
                ["学时合计", *rule_sets],
                hours,
                {"type": "column"},
                "学时合计分布（人数，按学时规则）",
                len(rule_sets),
            ),
        ]
        top = 2
        breaks = []
        for caption, header, rows, kind, name, series in blocks:
            after = self._block(sheet, top, caption, header, rows)
            if rows:
                after = max(after, self._chart(sheet, top, kind, name, len(rows), series))
            breaks.append(after)
            top = after
        # Each chart starts a printed page, rather than being cut in two.
        sheet.set_h_pagebreaks(breaks[:-1])

    def close(self) -> None:
        self.book.close()


def write_workbook(report: Report, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the workbook to a path or to a binary file object (BytesIO in the browser)."""
    path = os.fspath(target) if isinstance(target, (str, os.PathLike)) else target
    writer = _Writer(title(report), report.options.today, path, report)
    for table in tables(report):
        writer.table(table)
    writer.charts()
    writer.close()


def write_tables(heading: str, today: date, found: list[Table], target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Other tables in the report's layout (title row, header, widths, A4 print): score-paper's results."""
    writer = _Writer(heading, today, os.fspath(target) if isinstance(target, (str, os.PathLike)) else target)
    for table in found:
        writer.table(table)
    writer.close()


def workbook_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    write_workbook(report, buffer)
    return buffer.getvalue()


def csv_bytes(report: Report) -> bytes:
    """学员汇总 as CSV, UTF-8 with a byte-order mark (Excel and WPS then read the Chinese right)."""
    learners = tables(report)[0]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(learners.header)
    for row in learners.rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return text.getvalue().encode("utf-8-sig")
