"""Importing an officer's Excel question bank: every type and answer spelling, and every problem told by cell."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from quizkit.officer.bank_errors import BankError
from quizkit.officer.bank_import import import_bank

from .bankdata import HEADERS, LINK, settings, workbook
from .sites import copy_mini, mkdocs_build


def problems(name: str, content: bytes, **given: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        import_bank(name, content, settings(**given))
    return [str(p) for p in caught.value.problems]


def row(qtype: str, stem: str, options: list[str], answer: Any, points: Any = None) -> list[Any]:
    padded = (options + [None] * 4)[:4]
    return [qtype, stem, *padded, answer, "因为如此。", points, "中", "挂职", LINK]


EVERY_SPELLING = [
    HEADERS,
    row("单选", "单选一", ["半年", "一年", "两年"], "B"),
    row("单选题", "单选二（全角字母）", ["半年", "一年", "两年"], "Ｃ"),
    row("多选", "多选一", ["甲", "乙", "丙", "丁"], "ABD", 2),
    row("多选题", "多选二", ["甲", "乙", "丙", "丁"], "A,B,D"),
    row("多选", "多选三", ["甲", "乙", "丙", "丁"], "A、B、D"),
    row("多选", "多选四（全角逗号）", ["甲", "乙", "丙", "丁"], "Ａ，Ｂ，Ｄ"),
    row("判断", "判断一", [], "对"),
    row("判断题", "判断二", [], "错"),
    row("判断", "判断三", [], "正确"),
    row("判断", "判断四", [], "错误"),
    [None] * len(HEADERS),
    row("判断", "判断五", [], "√"),
    row("判断", "判断六", [], "×"),
    row("判断", "判断七", [], "是"),
    row("判断", "判断八", [], "否"),
    row("填空", "每____年汇报一次，期满写一份______。", [], "半|0.5；工作总结｜总结", 2),
    row("填空题", "动员讲话选了（ ）个乡镇。", [], 84),
    row("排序", "按先后排好。", ["总结", "第一次汇报", "第二次汇报"], "CAB"),
    [
        "连线",
        "连起来。",
        "每半年 1 次",
        "挂职期间 1 篇",
        "每个月 1 次",
        None,
        "1-A,2-B,3-A",
        "因为如此。",
        3,
        None,
        None,
        LINK,
    ],
    ["匹配", "再连一次。", "甲", "乙", None, None, "1-B,2-A", "因为如此。", None, None, None, LINK],
    row("情景", "你怎么办？", ["不打招呼就走", "说明情况，请单位另行安排", "请示后回去两三天"], "B=1,C=0.5"),
]


def expected_every_spelling() -> list[dict[str, Any]]:
    base = {"explanation": "因为如此。", "link": LINK}
    abc = {"A": "半年", "B": "一年", "C": "两年"}
    four = {"A": "甲", "B": "乙", "C": "丙", "D": "丁"}

    def q(number: int, fields: dict[str, Any]) -> dict[str, Any]:
        return {"id": f"bank-{number:02d}"} | fields | base

    return [
        q(1, {"type": "single", "stem": "单选一", "options": abc, "answer": "B"}),
        q(2, {"type": "single", "stem": "单选二（全角字母）", "options": abc, "answer": "C"}),
        q(3, {"type": "multiple", "stem": "多选一", "options": four, "answer": ["A", "B", "D"], "points": 2}),
        q(4, {"type": "multiple", "stem": "多选二", "options": four, "answer": ["A", "B", "D"]}),
        q(5, {"type": "multiple", "stem": "多选三", "options": four, "answer": ["A", "B", "D"]}),
        q(6, {"type": "multiple", "stem": "多选四（全角逗号）", "options": four, "answer": ["A", "B", "D"]}),
        q(7, {"type": "truefalse", "stem": "判断一", "answer": True}),
        q(8, {"type": "truefalse", "stem": "判断二", "answer": False}),
        q(9, {"type": "truefalse", "stem": "判断三", "answer": True}),
        q(10, {"type": "truefalse", "stem": "判断四", "answer": False}),
        q(11, {"type": "truefalse", "stem": "判断五", "answer": True}),
        q(12, {"type": "truefalse", "stem": "判断六", "answer": False}),
        q(13, {"type": "truefalse", "stem": "判断七", "answer": True}),
        q(14, {"type": "truefalse", "stem": "判断八", "answer": False}),
        q(
            15,
            {
                "type": "fill",
                "stem": "每____年汇报一次，期满写一份____。",
                "answer": [["半", "0.5"], ["工作总结", "总结"]],
                "points": 2,
            },
        ),
        q(16, {"type": "fill", "stem": "动员讲话选了____个乡镇。", "answer": [["84"]]}),
        q(
            17,
            {
                "type": "ordering",
                "stem": "按先后排好。",
                "options": {"A": "总结", "B": "第一次汇报", "C": "第二次汇报"},
                "answer": ["C", "A", "B"],
            },
        ),
        q(
            18,
            {
                "type": "matching",
                "stem": "连起来。",
                "options": {"A": "每半年 1 次", "B": "挂职期间 1 篇", "C": "每个月 1 次"},
                "answer": ["A", "B", "A"],
                "points": 3,
                "prompts": ["书面汇报", "调查报告", "跟踪考核"],
            },
        ),
        q(
            19,
            {
                "type": "matching",
                "stem": "再连一次。",
                "options": {"A": "甲", "B": "乙"},
                "answer": ["B", "A"],
                "prompts": ["左一", "左二"],
            },
        ),
        q(
            20,
            {
                "type": "scenario",
                "stem": "你怎么办？",
                "options": {
                    "A": {"text": "不打招呼就走", "weight": 0},
                    "B": {"text": "说明情况，请单位另行安排", "weight": 1},
                    "C": {"text": "请示后回去两三天", "weight": 0.5},
                },
            },
        ),
    ]


def with_prompts(sheet: list[list[Any]]) -> list[list[Any]]:
    """The matching rows need 左项 columns; every other row leaves them blank."""
    prompts = {"连起来。": ["书面汇报", "调查报告", "跟踪考核"], "再连一次。": ["左一", "左二"]}
    out = [sheet[0] + ["左项1", "左项2", "左项3"]]
    for values in sheet[1:]:
        out.append(values + (prompts.get(values[1], []) + [None] * 3)[:3])
    return out


def test_every_type_and_answer_spelling_imports_to_the_expected_quiz() -> None:
    """单选/多选/判断/填空/排序/连线/匹配/情景 with every answer spelling the template allows give exactly this data."""
    imported = import_bank("题库.xlsx", workbook({"题库": with_prompts(EVERY_SPELLING)}), settings())
    expected = {"id": "bank", "title": "导入的测验", "area": "政策制度", "pass_mark": 60}
    assert expected | {"questions": expected_every_spelling()} == imported.data


def test_the_imported_bank_builds_in_a_real_site(tmp_path: Path) -> None:
    """The YAML written from the bank goes into a real project and ``mkdocs build --strict`` succeeds."""
    imported = import_bank("题库.xlsx", workbook({"题库": with_prompts(EVERY_SPELLING)}), settings())
    project = copy_mini(tmp_path / "project")
    (project / "quizzes" / "bank.yaml").write_text(imported.yaml, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert (0, True) == (result.returncode, (tmp_path / "site" / "quiz" / "bank" / "index.html").is_file())


def test_mistakes_are_all_reported_at_their_rows() -> None:
    """Answer not among the options, unknown 题型, missing 题干, blank 答案 and a duplicated row: one line each."""
    sheet = [
        HEADERS,
        row("单选", "挂职时间一般为多长？", ["半年", "一年", "两年"], "E"),
        row("简答题", "谈谈你的体会。", [], "言之有理即可"),
        [None] * len(HEADERS),
        row("单选", None, ["半年", "一年"], "A"),  # type: ignore[arg-type]
        row("多选", "挂职干部要做哪些事？", ["维护稳定", "解决民生", "包办代替"], None),
        row("判断", "挂职要与原单位脱钩。", [], "对"),
        row("判断", "挂职要与原单位脱钩。", [], "对"),
    ]
    assert [
        "题库.xlsx 题库 第2行 答案：应为选项 A、B、C 之一（实际是'E'）",
        "题库.xlsx 题库 第3行 题型：不认识的题型（实际是'简答题'；可用：单选、多选、判断、填空、排序、连线（匹配）、情景）",
        "题库.xlsx 题库 第5行 题干：不能为空",
        "题库.xlsx 题库 第6行 答案：不能为空",
        "题库.xlsx 题库 第8行 题干：与第7行的题目重复（题型、题干和选项都相同）",
    ] == problems("题库.xlsx", workbook({"题库": sheet}))


def test_answer_shapes_are_checked_in_the_sheets_words() -> None:
    """A one-letter 多选, a two-letter 单选, an unreadable 判断 and a 填空 whose blanks do not match the stem."""
    sheet = [
        HEADERS,
        row("多选", "多选只有一个答案", ["甲", "乙", "丙"], "A"),
        row("单选", "单选有两个答案", ["甲", "乙", "丙"], "AB"),
        row("判断", "判断写了别的", [], "大概对"),
        row("填空", "只有一个空____。", [], "甲；乙"),
        row("单选", "分值不对", ["甲", "乙"], "A", "两分"),
    ]
    assert [
        "题库.xlsx 题库 第2行 答案：多选题至少要有两个正确选项，如 ABD（实际是'A'；只有一个正确选项请改为单选题）",
        "题库.xlsx 题库 第3行 答案：单选题的答案应为一个选项字母，如 B（实际是'AB'；几个选项都对请改为多选题）",
        "题库.xlsx 题库 第4行 答案：判断题的答案应为 对 或 错（也可写 正确/错误、√/×、是/否）（实际是'大概对'）",
        "题库.xlsx 题库 第5行 答案：题干有 1 个空，答案应有 1 项（实际是 2 项）",
        "题库.xlsx 题库 第6行 分值：应为数字，如 2（实际是'两分'）",
    ] == problems("题库.xlsx", workbook({"题库": sheet}))


def test_sheets_named_after_types_synonym_headers_and_merged_type_cells() -> None:
    """A 判断题 sheet needs no 题型 column; 题目/正确答案/答案解析/分数/A/B headers and a merged 题型 cell are read."""
    single: list[list[Any]] = [
        ["题型（必填）", "题目", "A", "B", "C", "正确答案", "答案解析", "分数", "讲解链接"],
        ["单项选择题", "第一题", "甲", "乙", "丙", "a", "解析一", 2, LINK],
        [None, "第二题", "甲", "乙", "丙", "ｂ", "解析二", None, LINK],
    ]
    truefalse: list[list[Any]] = [
        ["题干", "答案", "解析"],
        ["对的说法", "√", "解析三"],
        [None, None, None],
        ["错的说法", "×", "解析四"],
    ]
    content = workbook({"单选题": single, "判断题": truefalse})
    book = load_workbook(io.BytesIO(content))
    book["单选题"].merge_cells("A2:A3")
    buffer = io.BytesIO()
    book.save(buffer)
    imported = import_bank("题库.xlsx", buffer.getvalue(), settings(link=LINK))
    assert [
        ("bank-01", "single", "第一题", "A", 2),
        ("bank-02", "single", "第二题", "B", 1),
        ("bank-03", "truefalse", "对的说法", True, 1),
        ("bank-04", "truefalse", "错的说法", False, 1),
    ] == [
        (q.id, q.type, q.stem, q.answer[0] if q.type == "single" else q.answer[0] == "true", q.points)
        for q in imported.spec.quiz.questions
    ]


def test_a_sheet_without_type_column_or_type_name_is_refused() -> None:
    """Rows whose type nothing gives are not guessed: the sheet is named, and nothing is imported."""
    sheet = [["题干", "答案", "解析"], ["某题", "A", "解析"]]
    assert [
        "题库.xlsx Sheet1 第1行：没有题型列，工作表名也不是题型（实际是'Sheet1'；可把工作表改名为 单选题、多选题…）"
    ] == problems("题库.xlsx", workbook({"Sheet1": sheet}))


def test_the_quiz_settings_sheet_gives_id_title_and_area_and_the_command_line_wins() -> None:
    """测验信息 supplies what --quiz/--title/--area leave out; a value given on the command line takes precedence."""
    info: list[list[Any]] = [
        ["项目", "内容"],
        ["测验编号", "from-sheet"],
        ["标题", "表里的标题"],
        ["领域", "案例"],
        ["及格线（%）", 80],
    ]
    content = workbook({"题库": [HEADERS, row("单选", "题", ["甲", "乙"], "A")], "测验信息": info})
    imported = import_bank("题库.xlsx", content, settings(quiz_id="", title="命令行的标题", area=""))
    quiz = imported.spec.quiz
    assert ("from-sheet", "命令行的标题", "案例", 80, "from-sheet-01") == (
        quiz.id,
        quiz.title,
        quiz.area,
        quiz.pass_mark,
        quiz.questions[0].id,
    )


def test_missing_quiz_settings_name_the_command_argument() -> None:
    """Without --quiz, --title and --area (and no 测验信息 sheet) each is reported once, not at every row."""
    content = workbook(
        {"题库": [HEADERS, row("单选", "题一", ["甲", "乙"], "A"), row("单选", "题二", ["甲", "乙"], "B")]}
    )
    assert [
        "命令参数 --quiz：不能为空",
        "命令参数 --title：不能为空",
        "命令参数 --area：不能为空",
    ] == problems("题库.xlsx", content, quiz_id="", title="", area="")


def test_id_column_is_kept_running_numbers_are_not_ids_and_duplicates_are_refused() -> None:
    """编号 values are kept, 1/2/3 in it are ignored, and one used twice is an error at the second row."""
    headers = ["编号", *HEADERS]
    good = [headers, ["keep-me", *row("单选", "甲题", ["甲", "乙"], "A")], [2, *row("单选", "乙题", ["甲", "乙"], "B")]]
    imported = import_bank("题库.xlsx", workbook({"题库": good}), settings())
    assert ["keep-me", "bank-01"] == [q.id for q in imported.spec.quiz.questions]
    twice = [
        headers,
        ["same", *row("单选", "甲题", ["甲", "乙"], "A")],
        ["same", *row("单选", "乙题", ["甲", "乙"], "B")],
    ]
    assert ["题库.xlsx 题库 第3行 编号：编号与 题库 第2行重复（实际是'same'）"] == problems(
        "题库.xlsx", workbook({"题库": twice})
    )


def test_a_missing_link_is_asked_for_unless_the_quiz_link_is_given() -> None:
    """A blank 讲解链接 is an error naming --link; with --link every such question gets it."""
    headers = HEADERS[:-1]
    sheet = [headers, row("单选", "题", ["甲", "乙"], "A")[:-1]]
    assert [
        "题库.xlsx 题库 第2行 讲解链接：缺少讲解链接（在讲解链接列写 页面.md#小节，或导入时给出整份测验的链接 --link）"
    ] == problems("题库.xlsx", workbook({"题库": sheet}))
    imported = import_bank("题库.xlsx", workbook({"题库": sheet}), settings(link=LINK))
    assert LINK == imported.spec.quiz.questions[0].link


def test_a_mixed_quiz_needs_the_area_of_each_question() -> None:
    """In a 综合 quiz a row without 领域 is reported at its 领域 cell, in the sheet's words."""
    sheet = [
        [*HEADERS, "领域"],
        [*row("单选", "甲题", ["甲", "乙"], "A"), "案例"],
        [*row("单选", "乙题", ["甲", "乙"], "B"), None],
    ]
    assert ["题库.xlsx 题库 第3行 领域：综合测验中的每道题都要在领域列写明所属领域"] == problems(
        "题库.xlsx", workbook({"题库": sheet}), area="综合"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "题库.xls",
            b"\xd0\xcf\x11\xe0" + b"\0" * 100,
            "只能导入 Excel 工作簿（.xlsx）、Word 文件（.docx）或文本文件（.txt）",
        ),
        (
            "题库.xlsx",
            b"\xd0\xcf\x11\xe0" + b"\0" * 100,
            "这是旧的 .xls（或 WPS .et）格式，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入",
        ),
        ("题库.xlsx", b"not a workbook", "不是能读取的 Excel 工作簿（.xlsx）（BadZipFile）"),
        ("题库.xlsx", b"PK\x03\x04" + b"\0" * 50, "不是能读取的 Excel 工作簿（.xlsx）（BadZipFile）"),
    ],
)
def test_files_that_are_not_workbooks_get_one_clear_message(name: str, content: bytes, message: str) -> None:
    """An old .xls, random bytes and a broken zip are refused with a sentence, not a traceback."""
    assert [f"{name}：{message}"] == problems(name, content)


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read() -> None:
    """A zip bomb (one sheet of 300 MB of zeros, a few hundred KB packed) is refused from its zip directory."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as member,
    ):
        for _ in range(300):
            member.write(b"\0" * 1_000_000)
    assert ["炸弹.xlsx：工作簿解压后过大（300 MB），不像是题库"] == problems("炸弹.xlsx", buffer.getvalue())


def test_unknown_columns_and_unused_ones_are_noticed_not_refused() -> None:
    """A column we do not know is named in a notice; a notes sheet is skipped."""
    sheet = [[*HEADERS, "出题人"], [*row("单选", "题", ["甲", "乙"], "A"), "老王"]]
    content = workbook({"说明": [["随便写点什么"]], "题库": sheet})
    assert ["工作表“题库”中这些列不认识，已忽略：出题人"] == import_bank("题库.xlsx", content, settings()).notices


def test_hidden_sheets_are_skipped_with_a_notice() -> None:
    """A hidden sheet holding the template's drop-down lists (a 题型 column, no 题干) is not read as questions."""
    content = workbook(
        {"题库": [HEADERS, row("单选", "题", ["甲", "乙"], "A")], "字典": [["题型"], ["单选题"], ["多选题"]]}
    )
    book = load_workbook(io.BytesIO(content))
    book["字典"].sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    imported = import_bank("题库.xlsx", buffer.getvalue(), settings())
    assert (["已跳过隐藏的工作表“字典”"], 1) == (imported.notices, len(imported.spec.quiz.questions))


def test_true_false_options_spelled_as_options_take_a_letter_answer() -> None:
    """判断题 written as a choice (选项A 正确, 选项B 错误, 答案 B) reads as false; other options are refused."""
    content = workbook(
        {"题库": [HEADERS, row("判断", "说法一", ["正确", "错误"], "B"), row("判断", "说法二", ["甲", "乙"], "对")]}
    )
    assert ["题库.xlsx 题库 第3行 选项A：判断题不用填选项（网站自动显示 正确、错误）（实际是'甲'）"] == problems(
        "题库.xlsx", content
    )
    good = workbook({"题库": [HEADERS, row("判断", "说法一", ["正确", "错误"], "B")]})
    assert ("false",) == import_bank("题库.xlsx", good, settings()).spec.quiz.questions[0].answer
