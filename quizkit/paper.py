"""Paper exams from a quiz: versions A, B… as Word files (python-docx; WPS opens them) and their answer key.

Each version's questions and options are drawn and shuffled by its seed (``officer.paper_layout``),
and the seed is printed on the paper, so ``score-paper`` rebuilds the same order. python-docx needs
lxml, which the browser does not have: this module is for the command line only.
"""

from __future__ import annotations

import io
from fractions import Fraction

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from scoring.model import BLANK, Quiz
from scoring.numbers import shown

from .officer.paper_layout import PaperQuestion, Section, layout

FONT = "宋体"
HEADING_FONT = "黑体"
WRITE_LINE = "________"
SECTION_NOTES = {
    "single": "每题只有一个正确答案，把字母填在括号内",
    "multiple": "每题有两个或两个以上正确答案",
    "truefalse": "正确的打“√”，错误的打“×”",
    "fill": "在横线上填写答案",
    "ordering": "按正确的先后顺序写出字母",
    "matching": "为每个左项写出对应选项的字母",
    "scenario": "选出你认为最恰当的做法",
}


def _points(value: float) -> str:
    return f"{shown(Fraction(value).limit_denominator(10_000)):g}"


def _document() -> DocumentObject:
    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    # Word and WPS pick Chinese text's font from the East Asian slot, which python-docx does not set.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(2)
    return document


def _run(paragraph: Paragraph, text: str, *, bold: bool = False, size: int | None = None, font: str = "") -> None:
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
        run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and WPS fill in when they lay the page out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(document: DocumentObject, label: str) -> None:
    section = document.sections[-1]
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, f"{label}　第 ")
    _field(paragraph, "PAGE")
    _run(paragraph, " 页，共 ")
    _field(paragraph, "NUMPAGES")
    _run(paragraph, " 页")


def _header_table(document: DocumentObject) -> None:
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    table.rows[0].height = Cm(0.9)
    for index, label in enumerate(("姓名", "", "单位", "", "得分", "")):
        cell = table.rows[0].cells[index]
        cell.text = label
    document.add_paragraph()


def _section_points(section: Section) -> str:
    points = [q.question.points for q in section.questions]
    total = _points(sum(points))
    each = f"每题 {_points(points[0])} 分，" if len(set(points)) == 1 else ""
    return f"（共 {len(points)} 题，{each}共 {total} 分；{SECTION_NOTES[section.qtype]}）"


def _question(document: DocumentObject, paper: PaperQuestion, each: bool) -> None:
    question = paper.question
    stem = question.stem.replace(BLANK, WRITE_LINE) if question.type == "fill" else question.stem
    line = document.add_paragraph()
    _run(line, f"{paper.number}. ", bold=True)
    suffix = "（　　）" if question.type in ("single", "multiple", "truefalse", "scenario") else ""
    _run(line, stem + suffix + ("" if each else f"（{_points(question.points)} 分）"))
    options = dict(question.options)
    if question.type == "matching":
        for number, prompt in enumerate(question.prompts, start=1):
            document.add_paragraph(f"（{number}）{prompt}").paragraph_format.left_indent = Pt(18)
    if question.type in ("single", "multiple", "ordering", "matching", "scenario"):
        for key in paper.order:
            text = f"{paper.printed_letter(key)}. {options[key]}"
            document.add_paragraph(text).paragraph_format.left_indent = Pt(18)
    if question.type == "ordering":
        document.add_paragraph(f"答：{WRITE_LINE}{WRITE_LINE}").paragraph_format.left_indent = Pt(18)
    if question.type == "matching":
        pairs = "　".join(f"（{n}）{WRITE_LINE}" for n in range(1, len(question.prompts) + 1))
        document.add_paragraph(f"答：{pairs}").paragraph_format.left_indent = Pt(18)


def _title(document: DocumentObject, text: str, note: str) -> None:
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, text, bold=True, size=16, font=HEADING_FONT)
    line = document.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(line, note, size=9)


def _new_page(document: DocumentObject, first: bool) -> None:
    if not first:
        document.add_section(WD_SECTION.NEW_PAGE)


def paper_document(quiz: Quiz, seeds: dict[str, int]) -> bytes:
    """Every version in one file, each starting on a new page with its own page numbers in the footer."""
    document = _document()
    for index, (letter, seed) in enumerate(sorted(seeds.items())):
        _new_page(document, index == 0)
        sections = layout(quiz, seed)
        questions = [q for s in sections for q in s.questions]
        total = _points(sum(q.question.points for q in questions))
        limit = f"，考试时间 {_points(quiz.rules.time_limit_minutes)} 分钟" if quiz.rules.time_limit_minutes else ""
        _title(
            document,
            f"{quiz.title}（{letter}卷）",
            f"满分 {total} 分{limit}　·　试卷编号 {quiz.id} {letter}卷 种子 {seed}",
        )
        _header_table(document)
        for section in sections:
            heading = document.add_paragraph()
            _run(heading, section.heading, bold=True, font=HEADING_FONT)
            _run(heading, _section_points(section))
            each = len({q.question.points for q in section.questions}) == 1
            for paper in section.questions:
                _question(document, paper, each)
        _footer(document, f"{quiz.title} {letter}卷")
    return _save(document)


def _key_text(paper: PaperQuestion) -> str:
    question = paper.question
    if question.type == "truefalse":
        return "√" if question.answer[0] == "true" else "×"
    if question.type in ("single", "multiple"):
        return "".join(sorted(paper.printed_letter(k) for k in question.answer))
    if question.type == "ordering":
        return "".join(paper.printed_letter(k) for k in question.answer)
    if question.type == "matching":
        return "，".join(f"（{n}）{paper.printed_letter(k)}" for n, k in enumerate(question.answer, start=1))
    if question.type == "scenario":
        ranked = sorted(zip(question.options, question.weights, strict=True), key=lambda item: -item[1])
        return "，".join(f"{paper.printed_letter(key)} 得 {weight:.0%}" for (key, _), weight in ranked if weight > 0)
    return "；".join(f"第{n}空：{' 或 '.join(accepted)}" for n, accepted in enumerate(question.answer, start=1))


def _rule_text(paper: PaperQuestion) -> str:
    question = paper.question
    points = _points(question.points)
    if question.type in ("single", "truefalse", "scenario"):
        return f"{points} 分" if question.type != "scenario" else f"{points} 分，按所选做法得相应比例"
    if question.type == "multiple":
        if question.scoring == "all_or_nothing":
            return f"{points} 分，全部选对才得分"
        return f"{points} 分，（选对的个数 − 选错的个数）÷ {len(question.answer)} × {points}，不低于 0"
    if question.type == "fill":
        return f"{points} 分，每空 {_points(question.points / len(question.answer))} 分；全角半角、空格、英文大小写不计"
    if question.type == "ordering":
        return f"{points} 分，按相对顺序排对的项目对数占比得分"
    return f"{points} 分，每连对一项得 {_points(question.points / len(question.prompts))} 分"


def answer_document(quiz: Quiz, seeds: dict[str, int]) -> bytes:
    """答案与评分标准: for each version the right answer, the points rule and the explanation of every question."""
    document = _document()
    for index, (letter, seed) in enumerate(sorted(seeds.items())):
        _new_page(document, index == 0)
        _title(document, f"{quiz.title}（{letter}卷）答案与评分标准", f"试卷编号 {quiz.id} {letter}卷 种子 {seed}")
        for section in layout(quiz, seed):
            heading = document.add_paragraph()
            _run(heading, section.heading, bold=True, font=HEADING_FONT)
            for paper in section.questions:
                line = document.add_paragraph()
                _run(line, f"{paper.number}. ", bold=True)
                _run(line, _key_text(paper), bold=True)
                _run(line, f"（{_rule_text(paper)}）")
                note = document.add_paragraph(f"解析：{paper.question.explanation}")
                note.paragraph_format.left_indent = Pt(18)
        _footer(document, f"{quiz.title} {letter}卷 答案")
    return _save(document)


def _save(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
