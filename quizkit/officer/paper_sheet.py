"""The 答题登记表 of a paper exam: written with the papers, filled in by the officer, scored with ``scoring``.

One row per learner: 姓名, 单位, 试卷版本, then what the learner wrote for each printed question number.
The 试卷信息 sheet keeps the quiz's id and scoring version and each version's seed, so scoring rebuilds
every version's order from its seed (``paper_layout``), turns printed letters back into option keys and
grades with the same code as the site. A cell that cannot be read is one problem at that cell; the
question counts as unanswered and the other learners are scored as usual.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter

from scoring.draw import present
from scoring.grading import QuestionResult, score_questions, summarize
from scoring.model import Quiz

from .bank_answers import (
    BLANK_SEPARATORS,
    KEY_SEPARATORS,
    MATCH_PAIRS,
    MATCH_WHOLE,
    ORDER_SEPARATORS,
    AnswerTextError,
    cell_text,
    shown,
    truefalse_word,
)
from .bank_columns import fold
from .bank_errors import BankError, BankProblem, Where
from .bank_xlsx import open_workbook
from .paper_layout import PaperQuestion, layout, numbered, paper_quiz

ENTRY_SHEET = "答题登记"
INFO_SHEET = "试卷信息"
HELP_SHEET = "填写说明"
FIXED_COLUMNS = ("姓名", "单位", "试卷版本")
HELP = (
    ("每行", "一位学员：姓名、单位、试卷版本（A、B…，见试卷标题），再按题号抄下学员写的答案；没答的空着。"),
    ("单选题、情景题", "一个字母，如 B。字母按试卷上印的写，不用管其他版本。"),
    ("多选题", "几个字母，如 ABD（A,B,D 或 A、B、D 也可以）。"),
    ("判断题", "对 或 错（√/×、正确/错误 也可以）。"),
    ("填空题", "各空的答案用“；”隔开，如 半；工作总结。"),
    ("排序题", "按学员排的顺序写字母，如 CAB。"),
    ("连线题", "每个左项连的字母，如 1-A,2-C,3-B；也可以按左项顺序只写字母 ACB。"),
    ("试卷信息", "“试卷信息”工作表记着测验版本和每套试卷的种子，评分时用它还原每套试卷的题目顺序，请不要改动。"),
)


@dataclass(frozen=True)
class PaperInfo:
    quiz_id: str
    quiz_version: str
    seeds: dict[str, int]


def registration_workbook(quiz: Quiz, seeds: dict[str, int]) -> bytes:
    """答题登记表.xlsx for the versions ``seeds`` names (letter -> seed)."""
    count = max(len(numbered(layout(quiz, seed))) for seed in seeds.values())
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
    text = book.add_format({"num_format": "@"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    entry = book.add_worksheet(ENTRY_SHEET)
    headers = [*FIXED_COLUMNS, *(str(n) for n in range(1, count + 1))]
    entry.set_column(0, 1, 12, text)
    entry.set_column(2, 2, 9, text)
    entry.set_column(3, len(headers) - 1, 7, text)
    for column, title in enumerate(headers):
        entry.write_string(0, column, title, header)
    entry.freeze_panes(1, 3)
    # Printed blank as a form to fill in by hand: landscape A4, one page wide, the header on every page.
    entry.set_landscape()
    entry.set_paper(9)
    entry.fit_to_pages(1, 0)
    entry.repeat_rows(0)
    entry.hide_gridlines(0)
    entry.print_area(0, 0, 30, len(headers) - 1)
    entry.data_validation(1, 2, 2000, 2, {"validate": "list", "source": sorted(seeds), "ignore_blank": True})
    info = book.add_worksheet(INFO_SHEET)
    info.set_column(0, 0, 14)
    info.set_column(1, 1, 70)
    rows: list[tuple[str, Any]] = [
        ("测验编号", quiz.id),
        ("测验标题", quiz.title),
        ("测验版本", quiz.scoring_version),
        ("题数", count),
    ] + [(f"{letter}卷种子", seed) for letter, seed in sorted(seeds.items())]
    for row, (label, value) in enumerate(rows):
        info.write_string(row, 0, label)
        if isinstance(value, str):
            info.write_string(row, 1, value)
        else:
            info.write_number(row, 1, value)
    notes = book.add_worksheet(HELP_SHEET)
    notes.set_column(0, 0, 16, wrap)
    notes.set_column(1, 1, 80, wrap)
    for row, (topic, line) in enumerate(HELP):
        notes.write_string(row, 0, topic, wrap)
        notes.write_string(row, 1, line, wrap)
    book.close()
    return buffer.getvalue()


def learner_answer(paper: PaperQuestion, value: Any) -> Any:
    """What a learner wrote on paper (printed letters) as the answer ``scoring`` takes (option keys)."""
    question = paper.question
    text = cell_text(value).strip()
    if not text and not isinstance(value, bool):
        return None
    if question.type == "truefalse":
        word = value if isinstance(value, bool) else truefalse_word(text)
        if word is None:
            raise AnswerTextError(f"判断题写 对 或 错（实际是'{shown(text)}'）")
        return "true" if word else "false"
    if question.type == "fill":
        blanks = [part.strip() for part in BLANK_SEPARATORS.split(text)]
        if len(blanks) > question.blank_count:
            raise AnswerTextError(f"这道填空题只有 {question.blank_count} 个空（实际写了 {len(blanks)} 个）")
        return blanks
    folded = fold(text).upper()
    if question.type == "matching":
        return _matching(paper, folded, text)
    separators = ORDER_SEPARATORS if question.type == "ordering" else KEY_SEPARATORS
    letters = list(separators.sub("", folded))
    keys = [paper.key_of(letter) for letter in letters]
    if not letters or any(k is None for k in keys):
        last = paper.printed_letter(paper.order[-1])
        raise AnswerTextError(f"应写试卷上的选项字母 A–{last}（实际是'{shown(text)}'）")
    chosen = [k for k in keys if k is not None]
    if question.type == "multiple":
        return chosen
    if question.type == "ordering":
        if len(set(chosen)) != len(chosen):
            raise AnswerTextError(f"排序时每个字母只能写一次（实际是'{shown(text)}'）")
        return {key: position for position, key in enumerate(chosen, start=1)}
    if len(chosen) != 1:
        raise AnswerTextError(f"这道题只能选一个字母（实际是'{shown(text)}'）")
    return chosen[0]


def _matching(paper: PaperQuestion, folded: str, text: str) -> list[str | None]:
    prompts = len(paper.question.prompts)
    given: list[str | None] = [None] * prompts
    if any(c.isdigit() for c in folded):
        if not MATCH_WHOLE.fullmatch(folded):
            raise AnswerTextError(f"连线题写成 1-A,2-C（实际是'{shown(text)}'）")
        pairs = [(int(n), letter) for n, letter in MATCH_PAIRS.findall(folded)]
    else:
        pairs = list(enumerate(KEY_SEPARATORS.sub("", folded), start=1))
    for number, letter in pairs:
        key = paper.key_of(letter)
        if not 1 <= number <= prompts or key is None:
            raise AnswerTextError(f"连线题只有左项 1–{prompts} 和试卷上的选项字母（实际是'{shown(text)}'）")
        given[number - 1] = key
    return given


@dataclass
class LearnerScore:
    where: Where
    name: str
    unit: str
    version: str
    results: list[tuple[PaperQuestion, QuestionResult]] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    problems: int = 0


@dataclass
class PaperScores:
    quiz: Quiz
    learners: list[LearnerScore]
    problems: list[BankProblem]


def _info(name: str, book: Any) -> PaperInfo:
    if INFO_SHEET not in book.sheetnames or ENTRY_SHEET not in book.sheetnames:
        raise BankError(
            [
                BankProblem(
                    Where(name), f"没有“{ENTRY_SHEET}”和“{INFO_SHEET}”工作表：请用 cadre-officer paper 生成的答题登记表"
                )
            ]
        )
    values = {cell_text(row[0]).strip(): row[1] for row in book[INFO_SHEET].iter_rows(values_only=True) if len(row) > 1}
    seeds = {}
    for label, value in values.items():
        if label.endswith("卷种子") and isinstance(value, int):
            seeds[label.removesuffix("卷种子")] = value
    quiz_id, version = cell_text(values.get("测验编号")).strip(), cell_text(values.get("测验版本")).strip()
    if not quiz_id or not version or not seeds:
        raise BankError(
            [BankProblem(Where(name, INFO_SHEET), "试卷信息不全（测验编号、测验版本、各卷种子），请勿改动这个工作表")]
        )
    return PaperInfo(quiz_id, version, seeds)


def score_sheet(name: str, content: bytes, find_quiz: Callable[[str, str], Quiz | None]) -> PaperScores:
    """Score every learner row; ``find_quiz(id, version)`` gives the quiz exactly as it was when printed."""
    book = open_workbook(name, content)
    try:
        info = _info(name, book)
        quiz = find_quiz(info.quiz_id, info.quiz_version)
        if quiz is None:
            message = f"网站里已没有印卷时的测验版本（{info.quiz_id}，{info.quiz_version[:12]}…），无法按原卷评分"
            raise BankError([BankProblem(Where(name, INFO_SHEET), message)])
        grid = [list(row) for row in book[ENTRY_SHEET].iter_rows(values_only=True)]
    finally:
        book.close()
    scores = PaperScores(quiz, [], [])
    headers = [cell_text(v).strip() for v in grid[0]] if grid else []
    layouts = {letter: numbered(layout(quiz, seed)) for letter, seed in info.seeds.items()}
    for number, values in enumerate(grid[1:], start=2):
        if all(not cell_text(v).strip() for v in values):
            continue
        _score_row(scores, name, headers, number, values, layouts, info)
    return scores


def _score_row(
    scores: PaperScores,
    name: str,
    headers: list[str],
    number: int,
    values: list[Any],
    layouts: dict[str, list[PaperQuestion]],
    info: PaperInfo,
) -> None:
    def cell(column: int) -> Where:
        label = headers[column] if column < len(headers) else ""
        return Where(name, ENTRY_SHEET, number, f"第{label}题" if label.isdigit() else label, (0, column))

    padded = values + [None] * (len(headers) - len(values))
    version = fold(cell_text(padded[2])).upper().removesuffix("卷")
    row = LearnerScore(
        Where(name, ENTRY_SHEET, number), cell_text(padded[0]).strip(), cell_text(padded[1]).strip(), version
    )
    scores.learners.append(row)
    if version not in layouts:
        row.problems += 1
        scores.problems.append(
            BankProblem(
                cell(2), f"试卷版本应为 {'、'.join(sorted(layouts))} 之一（实际是'{shown(cell_text(padded[2]))}'）"
            )
        )
        return
    papers = layouts[version]
    answers: dict[str, Any] = {}
    for paper in papers:
        column = 2 + paper.number
        try:
            answer = learner_answer(paper, padded[column] if column < len(padded) else None)
        except AnswerTextError as error:
            row.problems += 1
            scores.problems.append(BankProblem(cell(column), f"{error}；这道题按未答计"))
            continue
        if answer is not None:
            answers[paper.question.id] = answer
    presentation = present(paper_quiz(scores.quiz), info.seeds[version])
    results = score_questions(scores.quiz, answers, presentation)
    by_id = {r.question.id: r for r in results}
    row.results = [(paper, by_id[paper.question.id]) for paper in papers]
    row.totals = summarize(scores.quiz, results)
