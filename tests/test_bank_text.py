"""Importing questions copied from a Word exam and saved as text: the common forms, encodings and mistakes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pytest
from docx import Document

from quizkit.officer.bank_errors import BankError
from quizkit.officer.bank_import import import_bank

from .bankdata import LINK, settings

TYPICAL_EXAM = """\
2026年挂职干部培训结业测试
注意事项：闭卷，60分钟。

一、单项选择题（每题2分，共4分）
1、【单选题】年轻干部下基层挂职，时间一般为多长？（ ）
A、半年
B、一年
C、两年
答案：B
解析：两篇材料都说明挂职时间一般为一年。
2、挂职干部的四项要求不包括（ ）
A. 多方面学习   B. 多渠道实践
C. 多层次沟通   D. 多争取待遇
答案:D
解析:四项要求中没有争取待遇。

二、多项选择题
3．【多选题】挂职干部到村后要做哪几件事？
A．维护社会稳定
B．解决民生问题
C．包办代替
【答案】A、B
【解析】挂职干部是协助，
不是包办代替。
4、【判断题】挂职期间仍要承担原单位的全部工作。
答案：错
解析：原则上与原单位脱钩。
5、【填空题】挂职干部每____年书面汇报一次，期满写一份（ ）。
答案：半|0.5；工作总结
解析：每半年汇报，期满总结。
分值：3
"""


def imported(text: str, encoding: str = "utf-8", **given: str) -> dict[str, Any]:
    return import_bank("试卷.txt", text.encode(encoding), settings(link=LINK, **given)).data


def problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        import_bank("试卷.txt", text.encode("utf-8"), settings(link=LINK))
    return [str(p) for p in caught.value.problems]


def test_a_typical_exam_pasted_from_word_reads_every_question() -> None:
    """Tags, section headings with points, ``A、`` ``A.`` ``A．`` options (two on a line), ``答案：`` ``答案:`` ``【答案】``."""
    base = {"link": LINK}
    assert [
        {
            "id": "bank-01",
            "type": "single",
            "stem": "年轻干部下基层挂职，时间一般为多长？（ ）",
            "options": {"A": "半年", "B": "一年", "C": "两年"},
            "answer": "B",
            "points": 2,
            "explanation": "两篇材料都说明挂职时间一般为一年。",
        }
        | base,
        {
            "id": "bank-02",
            "type": "single",
            "stem": "挂职干部的四项要求不包括（ ）",
            "options": {"A": "多方面学习", "B": "多渠道实践", "C": "多层次沟通", "D": "多争取待遇"},
            "answer": "D",
            "points": 2,
            "explanation": "四项要求中没有争取待遇。",
        }
        | base,
        {
            "id": "bank-03",
            "type": "multiple",
            "stem": "挂职干部到村后要做哪几件事？",
            "options": {"A": "维护社会稳定", "B": "解决民生问题", "C": "包办代替"},
            "answer": ["A", "B"],
            "explanation": "挂职干部是协助，\n不是包办代替。",
        }
        | base,
        {
            "id": "bank-04",
            "type": "truefalse",
            "stem": "挂职期间仍要承担原单位的全部工作。",
            "answer": False,
            "explanation": "原则上与原单位脱钩。",
        }
        | base,
        {
            "id": "bank-05",
            "type": "fill",
            "stem": "挂职干部每____年书面汇报一次，期满写一份____。",
            "answer": [["半", "0.5"], ["工作总结"]],
            "points": 3,
            "explanation": "每半年汇报，期满总结。",
        }
        | base,
    ] == imported(TYPICAL_EXAM)["questions"]


def test_lines_before_the_first_question_are_skipped_with_a_notice() -> None:
    """The paper's title and instructions are not questions, and the officer is told which lines were skipped."""
    result = import_bank("试卷.txt", TYPICAL_EXAM.encode(), settings(link=LINK))
    assert ["试卷.txt：第1–2行中的 2 行在第一道题之前（如试卷标题、注意事项），不是题目，已跳过"] == result.notices


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_text_saved_by_notepad_in_any_common_encoding_reads_the_same(encoding: str) -> None:
    """UTF-8 with a byte-order mark, GBK/GB18030 (Notepad's ANSI) and UTF-16 (Notepad's Unicode) all work."""
    assert imported(TYPICAL_EXAM) == imported(TYPICAL_EXAM, encoding)


def test_without_tags_the_type_follows_from_options_and_answer() -> None:
    """No 【题型】 and no heading: one letter is 单选, several 多选, 对/错 判断, no options 填空."""
    text = "1、甲？\nA、一\nB、二\n答案：A\n解析：因为。\n2、乙？\nA、一\nB、二\nC、三\n答案：AC\n解析：因为。\n"
    text += "3、丙说法正确。\n答案：√\n解析：因为。\n4、丁是____。\n答案：丁\n解析：因为。\n"
    assert ["single", "multiple", "truefalse", "fill"] == [q["type"] for q in imported(text)["questions"]]


def test_an_answer_written_in_the_stems_brackets_is_taken_out() -> None:
    """``挂职一般为（B）年`` with no 答案 line: the answer is B and the stem keeps empty brackets."""
    text = "1、挂职时间一般为（B）。\nA、半年\nB、一年\n解析：一年。\n2、挂职要脱钩。（√）\n解析：对。\n"
    questions = imported(text)["questions"]
    assert [("挂职时间一般为（ ）。", "B"), ("挂职要脱钩。（ ）", True)] == [
        (q["stem"], q["answer"]) for q in questions
    ]


def test_ordering_matching_and_scenario_are_read_from_their_tags() -> None:
    """【排序题】 answers CAB; 【连线题】 takes (1)… left items and 1-A,2-B; 【情景题】 takes B=1,C=0.5 and 点评A：…"""
    text = (
        "1、【排序题】排好。\nA、甲\nB、乙\nC、丙\n答案：CAB\n解析：因为。\n"
        "2、【连线题】连起来。\n（1）左一\n（2）左二\nA、右甲\nB、右乙\n答案：1-B,2-A\n解析：因为。\n"
        "3、【情景题】怎么办？\nA、不管\nB、调解\nC、上报\n答案：B=1，C=0.5\n点评A：不妥。\n解析：因为。\n"
    )
    questions = imported(text)["questions"]
    assert [
        ["C", "A", "B"],
        (["左一", "左二"], ["B", "A"]),
        {
            "A": {"text": "不管", "weight": 0, "note": "不妥。"},
            "B": {"text": "调解", "weight": 1},
            "C": {"text": "上报", "weight": 0.5},
        },
    ] == [questions[0]["answer"], (questions[1]["prompts"], questions[1]["answer"]), questions[2]["options"]]


def test_mistakes_in_text_are_told_by_line() -> None:
    """An answer that is not an option, a field given twice and a missing explanation name their lines."""
    text = "1、【单选题】甲？\nA、一\nB、二\n答案：C\n解析：因为。\n2、【判断题】乙。\n答案：对\n答案：错\n3、【单选题】丙？\nA、一\nB、二\n答案：A\n解析：因为。\n"
    assert [
        "试卷.txt 第4行 答案：应为选项 A、B 之一（实际是'C'）",
        "试卷.txt 第6行 解析：不能为空",
        "试卷.txt 第8行 答案：这道题的答案写了两次",
    ] == problems(text)
    text = "1、【单选题】丙？\nA、一\nB、二\n答案：A\n"
    assert ["试卷.txt 第1行 解析：不能为空"] == problems(text)


def test_a_word_file_or_binary_is_refused_with_what_to_do() -> None:
    """A .docx renamed to .txt is told to be copied as text; nothing is guessed."""
    assert ["试卷.txt：这是 Word 或 Excel 文件，不是文本：Word 试卷请全选复制，粘贴到记事本，另存为 .txt 再导入"] == [
        str(p) for p in pytest.raises(BankError, import_bank, "试卷.txt", b"PK\x03\x04rest", settings()).value.problems
    ]


def word_file(lines: Sequence[str | list[str]], numbered: tuple[str, ...] = ()) -> bytes:
    """A .docx made in Word's way: a paragraph per line, a table row for a list, Word's own list numbering."""
    document = Document()
    for line in lines:
        if isinstance(line, list):
            document.add_table(rows=1, cols=len(line))
            for cell, text in zip(document.tables[-1].rows[0].cells, line, strict=True):
                cell.text = text
        else:
            document.add_paragraph(line, style="List Number" if line in numbered else None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_file_reads_like_its_text_saved_from_notepad() -> None:
    """The typical exam as a .docx (one paragraph per line) imports to the same questions as the .txt."""
    content = word_file(TYPICAL_EXAM.splitlines())
    from_word = import_bank("试卷.docx", content, settings(link=LINK)).data
    assert imported(TYPICAL_EXAM) == from_word


def test_word_numbering_and_options_in_a_table_are_read() -> None:
    """Questions numbered by Word's list button keep their numbers; options laid out in a table row are split."""
    stem = "【单选题】挂职时间一般为多长？"
    content = word_file(
        [stem, ["A、半年", "B、一年"], "答案：B", "解析：一年。", "【判断题】挂职要脱钩。", "答案：对", "解析：脱钩。"],
        numbered=(stem, "【判断题】挂职要脱钩。"),
    )
    questions = import_bank("试卷.docx", content, settings(link=LINK)).data["questions"]
    assert [("single", {"A": "半年", "B": "一年"}, "B"), ("truefalse", None, True)] == [
        (q["type"], q.get("options"), q["answer"]) for q in questions
    ]


def test_an_old_doc_file_is_asked_to_be_saved_as_docx() -> None:
    """A Word 97 .doc cannot be read: the message says how to convert it."""
    assert ["试卷.doc：这是旧的 .doc 格式，请在 Word 或 WPS 中“另存为” .docx 后再导入"] == [
        str(p)
        for p in pytest.raises(BankError, import_bank, "试卷.doc", b"\xd0\xcf\x11\xe0", settings()).value.problems
    ]
