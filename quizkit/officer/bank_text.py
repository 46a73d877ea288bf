"""Read questions pasted from a Word exam (saved as .txt) into the same rows a workbook gives.

The common form::

    一、单选题（每题2分）
    1、【单选题】挂职时间一般为多长？（ ）
    A、半年   B、一年
    C、两年
    答案：B
    解析：……

Numbers may be followed by ``、 . ． ）``; options by ``、 . ． ： ）``; fields are ``答案：``, ``答案:``,
``【答案】`` (and 解析, 分值, 讲解链接, 提示…). A line that starts nothing new continues the field above it.
Without a 【题型】 tag or a section heading, the type follows from the options and the answer.
"""

from __future__ import annotations

import codecs
import re

from .bank_answers import KEY_SEPARATORS, truefalse_word
from .bank_columns import OPTION_KEYS, fold, header_for, header_key, type_key
from .bank_errors import BankError, BankProblem, Where
from .bank_rows import Cell, Row

MAX_BYTES = 5_000_000
SECTION = re.compile(r"^[一二三四五六七八九十]+\s*[、.．,，]\s*(?P<rest>.+)$")
SECTION_POINTS = re.compile(r"每(?:小)?题\s*(\d+(?:\.\d+)?)\s*分")
# "1、" "1." "1．" "1）" "第1题：": a colon only after 题, so "10:30 开会" stays text.
QUESTION = re.compile(r"^(?:第\s*)?(?P<number>\d+)\s*(?:题\s*[、．.:：]?|[、．。)）]|\.(?!\d))\s*(?P<rest>.*)$")
TAG = re.compile(r"^[【\[（(]\s*(?P<tag>[^】\]）)]{1,12}?)\s*[】\]）)]\s*(?P<rest>.*)$")
END_TAG = re.compile(r"^(?P<rest>.*?)\s*[【\[（(]\s*(?P<tag>[^】\]）)]{1,12}?)\s*[】\]）)]$")
OPTION = re.compile(r"^(?P<key>[A-Ha-hＡ-Ｈａ-ｈ])\s*[、.．:：)）]\s*(?P<text>.*)$")
PROMPT = re.compile(r"^(?:[（(](?P<number>[1-8])[)）]|(?P<circled>[①-⑧]))\s*(?P<text>.+)$")
FIELD = re.compile(
    r"^(?:【(?P<a>[^】]{1,8})】|\[(?P<b>[^\]]{1,8})\]|(?P<c>[^\s:：【\[]{1,8}?)\s*[:：])\s*(?P<value>.*)$"
)
# An answer written in the stem's brackets: "挂职时间一般为（B）。", "……（√）".
INLINE_ANSWER = re.compile(r"[（(]\s*(?P<answer>[A-Ha-hＡ-Ｈａ-ｈ]{1,8}|[√×✓✗✔✘对错])\s*[)）]")
CIRCLED = "①②③④⑤⑥⑦⑧"


def decode_text(name: str, content: bytes) -> str:
    """Text saved by Notepad, WPS or Word: UTF-8 (with or without a byte-order mark), UTF-16, or GBK/GB18030."""
    where = Where(name)
    if len(content) > MAX_BYTES:
        raise BankError([BankProblem(where, f"文件过大（{len(content) // 1_000_000} MB），不像是题库")])
    if content.startswith(b"PK\x03\x04"):
        raise BankError(
            [
                BankProblem(
                    where, "这是 Word 或 Excel 文件，不是文本：Word 试卷请全选复制，粘贴到记事本，另存为 .txt 再导入"
                )
            ]
        )
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")
        except UnicodeDecodeError:
            raise BankError([BankProblem(where, "无法识别文件的编码，请用记事本“另存为” UTF-8 编码")]) from None
    if "\x00" in text:
        raise BankError([BankProblem(where, "这不像是文本文件（含有二进制内容）")])
    return text


def _split_options(line: str) -> list[tuple[str, str]]:
    """``A、半年  B、一年`` -> [("A", "半年"), ("B", "一年")]: options after the first need a space before them."""
    match = OPTION.match(line)
    if not match:
        return []
    key = fold(match.group("key")).upper()
    text = match.group("text")
    found: list[tuple[str, str]] = []
    while True:
        following = OPTION_KEYS[OPTION_KEYS.index(key) + 1 : OPTION_KEYS.index(key) + 2]
        nxt = None
        if following:
            wide = chr(ord(following) + 0xFEE0)
            nxt = re.search(rf"\s+[{following}{wide}]\s*[、.．:：)）]", text)
        if nxt is None:
            found.append((key, text.strip()))
            return found
        found.append((key, text[: nxt.start()].strip()))
        text = text[nxt.end() :]
        key = following


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[Row] = []
        self.problems: list[BankProblem] = []
        self.row: Row | None = None
        self.last = ""
        self.section_type: str | None = None
        self.section_points: int | float | None = None
        self.skipped: list[int] = []

    def where(self, line: int, column: str = "") -> Where:
        return Where(self.name, "", line, column)

    def set(self, key: str, value: str, line: int) -> None:
        row = self.row
        if row is None:
            return
        if key in row.cells:
            self.problems.append(BankProblem(self.where(line, header_for(key)), f"这道题的{header_for(key)}写了两次"))
            return
        row.cells[key] = Cell(value, self.where(line, header_for(key)))
        self.last = key

    def append(self, text: str) -> None:
        if self.row is None or not self.last:
            return
        cell = self.row.cells[self.last]
        self.row.cells[self.last] = Cell(f"{cell.value}\n{text}", cell.where)

    def section(self, line: str) -> bool:
        match = SECTION.match(line)
        if not match:
            return False
        rest = match.group("rest")
        head = re.split(r"[（(，,：:\s]", rest, maxsplit=1)[0]
        qtype = type_key(head)
        if qtype is None:
            return False
        self.finish()
        self.section_type = qtype
        points = SECTION_POINTS.search(fold(rest))
        self.section_points = None
        if points:
            value = points.group(1)
            self.section_points = float(value) if "." in value else int(value)
        return True

    def question(self, line: str, number: int) -> bool:
        match = QUESTION.match(line)
        if not match:
            return False
        self.finish()
        self.row = Row(self.where(number), default_type=self.section_type, default_points=self.section_points)
        rest = match.group("rest").strip()
        tag = TAG.match(rest) or END_TAG.match(rest)
        if tag and type_key(tag.group("tag")):
            self.row.cells["type"] = Cell(tag.group("tag"), self.where(number, "题型"))
            rest = tag.group("rest").strip()
        self.set("stem", rest, number)
        return True

    def field(self, line: str, number: int) -> bool:
        match = FIELD.match(line)
        if not match:
            return False
        label = match.group("a") or match.group("b") or match.group("c") or ""
        key = header_key(label)
        # Options are read by ``options`` (only before the answer); a 题干 label is part of a stem.
        if key is None or key == "stem" or key.startswith("option:"):
            return False
        self.set(key, match.group("value").strip(), number)
        return True

    def options(self, line: str, number: int) -> bool:
        row = self.row
        if row is None or "answer" in row.cells or "explanation" in row.cells:
            return False
        found = _split_options(line)
        if not found:
            return False
        for key, text in found:
            self.set(f"option:{key}", text, number)
        return True

    def prompt(self, line: str, number: int) -> bool:
        row = self.row
        if row is None or "answer" in row.cells:
            return False
        qtype = type_key(row.text("type")) if row.text("type") else row.default_type
        if qtype not in (None, "matching"):
            return False
        match = PROMPT.match(line)
        if not match:
            return False
        index = int(match.group("number")) if match.group("number") else CIRCLED.index(match.group("circled")) + 1
        self.set(f"prompt:{index}", match.group("text").strip(), number)
        return True

    def read(self, text: str) -> None:
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            if self.section(line) or self.question(line, number):
                continue
            if self.row is None:
                self.skipped.append(number)
                continue
            if not (self.field(line, number) or self.options(line, number) or self.prompt(line, number)):
                self.append(line)
        self.finish()

    def finish(self) -> None:
        row = self.row
        if row is None:
            return
        _inline_answer(row)
        if not row.text("type") and row.default_type is None:
            row.default_type = _inferred_type(row)
        self.rows.append(row)
        self.row = None
        self.last = ""


def _inline_answer(row: Row) -> None:
    """Take an answer written in the stem's brackets out of the stem, when there is no 答案 line."""
    if "answer" in row.cells or "stem" not in row.cells:
        return
    qtype = type_key(row.text("type")) if row.text("type") else row.default_type
    if qtype in ("fill", "ordering", "matching", "scenario"):
        return
    stem = row.cells["stem"]
    found = list(INLINE_ANSWER.finditer(str(stem.value)))
    if not found:
        return
    last = found[-1]
    text = str(stem.value)
    row.cells["stem"] = Cell(text[: last.start()] + "（ ）" + text[last.end() :], stem.where)
    row.cells["answer"] = Cell(last.group("answer"), stem.where.at("答案"))


def _inferred_type(row: Row) -> str:
    answer = row.text("answer")
    options = [row.text(f"option:{key}") for key in OPTION_KEYS if row.text(f"option:{key}")]
    if any(key.startswith("prompt:") for key in row.cells):
        return "matching"
    if options:
        if options and all(truefalse_word(o) is not None for o in options) and len(options) == 2:
            return "truefalse"
        if "=" in fold(answer):
            return "scenario"
        letters = KEY_SEPARATORS.sub("", fold(answer))
        return "multiple" if len(letters) > 1 else "single"
    return "truefalse" if truefalse_word(answer) is not None else "fill"


def read_text(name: str, text: str) -> tuple[list[Row], list[str], list[BankProblem]]:
    """Rows of the pasted questions, notices (lines skipped before the first question) and problems so far."""
    reader = _Reader(name)
    reader.read(text)
    notices = []
    if reader.skipped:
        first, last = reader.skipped[0], reader.skipped[-1]
        lines = f"第{first}行" if first == last else f"第{first}–{last}行中的 {len(reader.skipped)} 行"
        notices.append(f"{name}：{lines}在第一道题之前（如试卷标题、注意事项），不是题目，已跳过")
    return reader.rows, notices, reader.problems
