"""The workbook read back as WPS or Excel would show it (openpyxl): sheets, widths, filters, frozen
panes, print setup, plain cells, the questions ranked fairly, native charts; path and BytesIO alike."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from quizkit.officer.report import Report
from quizkit.officer.report_roster import read_roster
from quizkit.officer.report_tables import tables
from quizkit.officer.report_workbook import display_width, workbook_bytes, write_workbook

from .officerdata import RIGHT, attempt, file_bytes, record, rehash, report_of, table


@functools.cache
def class_report() -> Report:
    """Eight learners, a faked score, a name that looks like a formula, one quiz answered only once, a roster."""
    files = []
    for number in range(8):
        answers = RIGHT if number % 2 else {"s-single": "A", "s-multiple": ["A"], "s-fill": ["半", "不知道"]}
        attempts = [attempt(answers, 1)] + ([attempt({"t-one": "true"}, 2, "timed")] if number == 0 else [])
        files.append((f"城关镇/学员{number}.json", file_bytes(record(f"学员{number}", attempts))))
    faked = record("李华", [attempt({"s-single": "A"}, 2)])
    faked["attempts"][0]["result"] |= {"points": 8, "percent": 100, "passed": True}
    files.append(("河西乡/李华-学习档案-2026-11-20.json", file_bytes(rehash(faked))))
    files.append(("formula.json", file_bytes(record('=HYPERLINK("http://x","点我")'))))
    files.append(("broken.json", b"\x89PNG\r\n"))
    roster = read_roster("名单.csv", "编号,姓名,单位\n1,学员0,城关镇\n2,赵六,河西乡\n".encode("gbk"))
    return report_of(files, roster)


@functools.cache
def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(class_report())))


def worksheet(name: str) -> Worksheet:
    sheet = book()[name]
    assert isinstance(sheet, Worksheet)
    return sheet


TABLE_SHEETS = ["学员汇总", "测验", "题目", "问题清单", "未交名单"]


def test_the_sheets_keep_their_names() -> None:
    """The four sheets the guides name, the roster's, and the charts."""
    assert [*TABLE_SHEETS, "图表"] == book().sheetnames


@pytest.mark.parametrize("name", TABLE_SHEETS)
def test_headers_are_never_cut_off(name: str) -> None:
    """Every column is as wide as its header (a Chinese character counting two), or the header wraps
    in a column at least 16 wide (requirement titles are long)."""
    sheet = worksheet(name)
    narrow = []
    for index, cell in enumerate(sheet[2], start=1):
        width = sheet.column_dimensions[get_column_letter(index)].width
        if width < display_width(str(cell.value)) and not (cell.alignment.wrap_text and width >= 16):
            narrow.append(cell.value)
    assert [] == narrow


def test_a_column_of_sentences_is_wide_and_wrapped() -> None:
    """问题清单's 说明 column is widened to its cap and wraps, instead of the old 16 that cut everything off."""
    sheet = worksheet("问题清单")
    column = next(c.column_letter for c in sheet[2] if c.value == "说明")
    assert (50, True) == (int(sheet.column_dimensions[column].width), sheet[f"{column}3"].alignment.wrap_text)


def test_widths_count_chinese_characters_double() -> None:
    """A column of three-character names is wider than three ASCII letters would need."""
    sheet = worksheet("学员汇总")
    assert sheet.column_dimensions["A"].width >= 2 * 3


@pytest.mark.parametrize("name", TABLE_SHEETS)
def test_every_table_has_an_autofilter_over_its_rows(name: str) -> None:
    """The filter starts at the header (row 2) and covers every column and row."""
    sheet = worksheet(name)
    assert f"A2:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}" == sheet.auto_filter.ref


@pytest.mark.parametrize(("name", "frozen"), [("学员汇总", "C3"), ("问题清单", "B3"), ("题目", "E3"), ("测验", "C3")])
def test_header_and_name_columns_stay_in_view(name: str, frozen: str) -> None:
    """Title and header rows are frozen, and so are the columns that say who or what a row is."""
    assert frozen == worksheet(name).freeze_panes


@pytest.mark.parametrize("name", TABLE_SHEETS)
def test_print_is_landscape_fitted_to_width_with_the_header_repeated(name: str) -> None:
    """On paper: A4 landscape, one page wide, as many long as needed, title and header on every page."""
    sheet = worksheet(name)
    setup = sheet.page_setup
    assert ("landscape", 9, 1, 0, True, "$1:$2") == (
        setup.orientation,
        setup.paperSize,
        setup.fitToWidth or 1,  # 1 is the default, which xlsxwriter leaves unwritten
        setup.fitToHeight,
        sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage,
        sheet.print_title_rows,
    )


def all_cells() -> list[Any]:
    return [cell for sheet in book().worksheets for row in sheet.iter_rows() for cell in row]


def test_no_cell_is_a_formula() -> None:
    """Nothing a learner wrote runs as a formula; the formula-like name is text with an apostrophe."""
    formulas = [cell.coordinate for cell in all_cells() if cell.data_type == "f"]
    names = [row["姓名"] for row in table(class_report(), "学员汇总")]
    assert ([], True) == (formulas, '\'=HYPERLINK("http://x","点我")' in names)


def test_no_cell_holds_a_data_structure_or_true_false() -> None:
    """No Python dict, no True/False, no English key (points, passed) in any cell."""
    odd = [
        cell.value
        for cell in all_cells()
        if isinstance(cell.value, bool)
        or isinstance(cell.value, str)
        and re.search(r"\{'|True|False|passed|max_points|percent", cell.value)
    ]
    assert [] == odd


def test_problems_name_the_learner_in_a_sentence() -> None:
    """The faked score's row says whose file it is and what differs, in Chinese."""
    rows = [r for r in table(class_report(), "问题清单") if r["问题"] == "成绩与档案不符"]
    assert [("李华", "城关镇", "河西乡/李华-学习档案-2026-11-20.json", True)] == [
        (r["姓名"], r["单位"], r["文件"], "重新评分为得 0 分（满分 8 分，得分率 0%，不及格）" in r["说明"])
        for r in rows
    ]


def test_questions_show_their_text_and_area() -> None:
    """题目 gives the stem's first characters and the area, not only an id."""
    row = next(r for r in table(class_report(), "题目") if r["题号"] == "s-single")
    assert ("强调“发现在早、培训加实践”的成长渠道是？", "理论学习") == (row["题目"], row["领域"])


def test_only_questions_answered_five_times_are_ranked() -> None:
    """A question answered once is listed after the ranked ones, without a rank, however often it was missed."""
    rows = table(class_report(), "题目")
    ranks = [(r["测验"], r["排名"]) for r in rows]
    assert ([1, 2, 3, 4], [("timed", None), ("timed", None)]) == (
        [rank for quiz, rank in ranks if quiz == "sample"],
        [(quiz, rank) for quiz, rank in ranks if quiz == "timed"],
    )
    assert rows[-1]["测验"] == "timed"


def test_the_chart_sheet_holds_native_charts() -> None:
    """图表 has three Excel charts (pass rate, requirements met, 学时 distribution) drawn from its own cells."""
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(class_report()))) as archive:
        charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        sources = [re.findall(r"<c:f>([^<]+)</c:f>", archive.read(n).decode()) for n in charts]
    assert (3, True) == (len(charts), all(ref.startswith("图表!") for refs in sources for ref in refs))


def test_the_roster_sheet_lists_who_is_missing() -> None:
    """未交名单 holds the roster people without a record, with their 编号."""
    assert [{"编号": "2", "姓名": "赵六", "单位": "河西乡"}] == table(class_report(), "未交名单")


def test_a_path_and_a_file_object_get_the_same_bytes(tmp_path: Path) -> None:
    """The browser writes to BytesIO, the command line to a path: the same workbook."""
    path = tmp_path / "r.xlsx"
    write_workbook(class_report(), path)
    assert workbook_bytes(class_report()) == path.read_bytes()


def test_every_table_row_fits_its_header() -> None:
    """Each row has exactly one value per column."""
    assert [] == [t.sheet for t in tables(class_report()) for row in t.rows if len(row) != len(t.header)]
