"""The text of a Word exam (.docx), as copying it into Notepad would give, read with the standard library.

Paragraphs become lines; a table row becomes one line with its cells separated by spaces (exams lay
options out in tables); manual line breaks and tabs are kept. Automatic numbering (Word's lists:
1. 2. 3., A. B. C., 一、二、) is not in the text, so it is rebuilt from numbering.xml, the way Word
shows it; otherwise auto-numbered questions would lose their numbers.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from .bank_errors import BankError, BankProblem, Where

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNPACKED = 100_000_000
CHINESE = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _counter(value: int, style: str) -> str:
    if style == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if style == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if style.startswith(("chineseCounting", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        if value <= 10:
            return CHINESE[value - 1]
        if value < 20:
            return "十" + CHINESE[value - 11]
        tens, ones = divmod(value, 10)
        return CHINESE[tens - 1] + "十" + (CHINESE[ones - 1] if ones else "")
    if style == "decimalEnclosedCircle" and value <= len(CIRCLED):
        return CIRCLED[value - 1]
    if style in ("bullet", "none"):
        return ""
    return str(value)


class _Numbering:
    """Word's list numbering: the label of each numbered paragraph, counted as Word counts it."""

    def __init__(self, xml: bytes | None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counts: dict[str, list[int]] = {}
        if xml is None:
            return
        root = ElementTree.fromstring(xml)
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.iter(f"{W}abstractNum"):
            levels = {}
            for level in node.iter(f"{W}lvl"):
                start = level.find(f"{W}start")
                fmt = level.find(f"{W}numFmt")
                text = level.find(f"{W}lvlText")
                levels[int(level.get(f"{W}ilvl", "0"))] = (
                    int(start.get(f"{W}val", "1")) if start is not None else 1,
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "",
                )
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            link = num.find(f"{W}abstractNumId")
            if link is not None:
                self.levels[num.get(f"{W}numId", "")] = abstract.get(link.get(f"{W}val", ""), {})

    def label(self, num_id: str, level: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        _, style, text = levels[level]
        for shown in range(level + 1):
            value = counts[shown] + levels.get(shown, (1, "", ""))[0] - 1
            text = text.replace(f"%{shown + 1}", _counter(value, levels.get(shown, (1, "decimal", ""))[1]))
        return text if style not in ("bullet", "none") else ""


def _runs_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _number(properties: ElementTree.Element | None) -> tuple[str, int] | None:
    """(numId, level) of a ``w:numPr``; None when there is none or it switches numbering off (numId 0)."""
    if properties is None:
        return None
    num = properties.find(f"{W}numId")
    level = properties.find(f"{W}ilvl")
    if num is None or num.get(f"{W}val", "0") == "0":
        return None
    return num.get(f"{W}val", ""), int(level.get(f"{W}val", "0")) if level is not None else 0


def style_numbers(xml: bytes | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (Word's 列表编号 style and the like)."""
    if xml is None:
        return {}
    found = {}
    for style in ElementTree.fromstring(xml).iter(f"{W}style"):
        number = _number(style.find(f"{W}pPr/{W}numPr"))
        if number is not None:
            found[style.get(f"{W}styleId", "")] = number
    return found


def _paragraph(paragraph: ElementTree.Element, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> str:
    number = _number(paragraph.find(f"{W}pPr/{W}numPr"))
    if number is None:
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        number = styles.get(style.get(f"{W}val", "")) if style is not None else None
    label = numbering.label(*number) if number is not None else ""
    return label + _runs_text(paragraph)


def docx_text(name: str, content: bytes) -> str:
    """The document's text, one line per paragraph; ``BankError`` when it is not a readable .docx."""
    where = Where(name)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise BankError([BankProblem(where, "文件解压后过大，不像是试卷")])
            names = archive.namelist()
            document = archive.read("word/document.xml")
            numbering = archive.read("word/numbering.xml") if "word/numbering.xml" in names else None
            style_xml = archive.read("word/styles.xml") if "word/styles.xml" in names else None
        body = ElementTree.fromstring(document).find(f"{W}body")
        counter = _Numbering(numbering)
        styles = style_numbers(style_xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, OSError, EOFError) as error:
        raise BankError([BankProblem(where, f"不是能读取的 Word 文件（.docx）（{type(error).__name__}）")]) from None
    lines: list[str] = []
    for block in body if body is not None else []:
        if block.tag == f"{W}p":
            lines.append(_paragraph(block, counter, styles))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [
                    "\n".join(_paragraph(p, counter, styles) for p in cell.iter(f"{W}p")) for cell in row.iter(f"{W}tc")
                ]
                lines.append("    ".join(c.strip() for c in cells if c.strip()))
    return "\n".join(lines)
