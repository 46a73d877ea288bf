"""The class roster (名单): who should hand in a record, read from the officer's .xlsx or .csv.

The sheet needs a column 姓名; 单位 and 编号 are optional (headers such as 工作单位 or 人员编号
count too). A CSV saved by WPS or Excel may be GBK, UTF-8 with or without a byte-order mark,
or UTF-16 ("Unicode text", tab-separated).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .report_assess import fold
from .report_errors import OfficerError

HEADER_ROWS = 20
MAX_ROSTER_BYTES = 20_000_000


@dataclass(frozen=True)
class Person:
    number: str
    name: str
    unit: str


@dataclass(frozen=True)
class Match:
    person: Person | None
    # Why the match is doubtful, or why there is none, in a sentence; empty when it is plain.
    note: str = ""


@dataclass
class Roster:
    people: list[Person]
    has_numbers: bool
    _by_name: dict[str, list[Person]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for person in self.people:
            self._by_name.setdefault(fold(person.name), []).append(person)

    def match(self, name: str, unit: str) -> Match:
        """The roster person a record belongs to: same name and unit; or the only one of that name."""
        if not fold(name):
            return Match(None, "档案没有填写姓名，无法与名单对照。")
        candidates = self._by_name.get(fold(name), [])
        same_unit = [p for p in candidates if fold(p.unit) == fold(unit)]
        if same_unit:
            return Match(same_unit[0])
        if len(candidates) == 1:
            person = candidates[0]
            if not person.unit or not unit:
                return Match(person)
            return Match(person, f"单位与名单不一致（名单写“{person.unit}”，档案写“{unit}”），按同一人计。")
        if candidates:
            return Match(None, f"名单里有 {len(candidates)} 个“{name}”，单位都与档案（“{unit}”）不同，无法确定是谁。")
        return Match(None, f"名单里没有“{name}”{f'（{unit}）' if unit else ''}。")


def _header_key(value: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(value or "")).split())


def _cell(value: Any) -> str:
    """A cell as text: a number typed as 1001 comes back as 1001.0 from a spreadsheet."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if value is not None else ""


def _columns(header: list[str]) -> dict[str, int] | None:
    keys = [_header_key(h) for h in header]
    if "姓名" not in keys:
        return None
    found = {"name": keys.index("姓名")}
    for role, word in (("unit", "单位"), ("number", "编号")):
        index = next((i for i, k in enumerate(keys) if k == word), None)
        if index is None:
            index = next((i for i, k in enumerate(keys) if k.endswith(word)), None)
        if index is not None:
            found[role] = index
    return found


def _pick(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _people(rows: Iterable[list[Any]], source: str) -> Roster:
    iterator: Iterator[list[Any]] = iter(rows)
    columns = None
    for _ in range(HEADER_ROWS):
        header = next(iterator, None)
        if header is None:
            break
        columns = _columns([_cell(v) for v in header])
        if columns is not None:
            break
    if columns is None:
        raise OfficerError(
            f"名单 {source} 的前 {HEADER_ROWS} 行里没有“姓名”列：请把表头写成 姓名、单位、编号（编号可以不要）。"
        )
    people: list[Person] = []
    seen: set[tuple[str, str, str]] = set()
    for row in iterator:
        cells = [_cell(v) for v in row]
        number, name, unit = (_pick(cells, columns.get(role)) for role in ("number", "name", "unit"))
        person = Person(number, name, unit)
        key = (person.number, fold(person.name), fold(person.unit))
        if person.name and key not in seen:
            seen.add(key)
            people.append(person)
    return Roster(people, "number" in columns)


def _csv_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")  # WPS and Excel on Chinese Windows


def _xlsx_rows(data: bytes, source: str) -> list[list[Any]]:
    import openpyxl  # only when a roster is a workbook: the browser loads it on demand

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise OfficerError(
            f"名单 {source} 无法读取（{type(error).__name__}），请在 WPS 或 Excel 里另存为 .xlsx 或 .csv 再试。"
        ) from None
    try:
        for sheet in workbook.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            if any(_columns([_cell(v) for v in row]) for row in rows[:HEADER_ROWS]):
                return rows
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)] if workbook.worksheets else []
    finally:
        workbook.close()


def read_roster(name: str, data: bytes) -> Roster:
    """The people of a roster file; ``OfficerError`` when it cannot be used at all."""
    lowered = name.casefold()
    if len(data) > MAX_ROSTER_BYTES:
        raise OfficerError(f"名单 {name} 太大，不像是一份名单。")
    if lowered.endswith((".xls", ".et")):
        raise OfficerError(f"名单 {name} 是旧的表格格式：请在 WPS 或 Excel 里另存为 .xlsx 或 .csv 再用。")
    if lowered.endswith((".xlsx", ".xlsm")):
        return _people(_xlsx_rows(data, name), name)
    if lowered.endswith((".csv", ".txt")):
        text = _csv_text(data)
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        return _people(csv.reader(io.StringIO(text), delimiter=delimiter), name)
    raise OfficerError(f"名单 {name} 应为 .xlsx 或 .csv 文件。")
