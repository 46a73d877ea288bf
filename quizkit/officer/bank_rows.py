"""Rows of a question bank (from a workbook or pasted text) -> quiz data, with the cell behind every field.

The data is what a hand-written quiz file holds, so ``scoring`` validates it exactly as it validates
YAML; each of its problems is told back at the sheet, row and column it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from scoring.errors import DataError, Path, Source
from scoring.fields import ID_PATTERN
from scoring.model import AREAS, BLANK
from scoring.quiz_schema import QuizSpec, parse_quiz_spec

from .bank_answers import (
    AnswerTextError,
    cell_text,
    fill_answer,
    matching_answer,
    multiple_answer,
    number_text,
    ordering_answer,
    points_value,
    scenario_weights,
    shown,
    single_answer,
    truefalse_answer,
    truefalse_word,
)
from .bank_columns import (
    COMBINE_NAMES,
    MAX_PROMPTS,
    OPTION_KEYS,
    SCORING_SYNONYMS,
    TYPE_CHOICES,
    fold,
    header_for,
    type_key,
)
from .bank_errors import BankError, BankProblem, Where

# Underscore runs of any length, full-width ones, and empty brackets all mark a blank in officers' banks.
BLANK_MARKS = re.compile(r"[_＿]{2,}|[（(][ \u3000]*[)）]")
TRUE_FALSE_KEYS = {True: "true", False: "false"}
DEFAULT_PASS_MARK = "60"


@dataclass(frozen=True)
class Cell:
    value: Any
    where: Where

    @property
    def text(self) -> str:
        return cell_text(self.value).strip()


@dataclass
class Row:
    """One question as read: its cells by field key (``stem``, ``option:A``, ``prompt:1``…)."""

    where: Where
    cells: dict[str, Cell] = field(default_factory=dict)
    # The type a sheet's name or a section heading gives its rows, and the points a section gives.
    default_type: str | None = None
    default_points: int | float | None = None

    def text(self, key: str) -> str:
        cell = self.cells.get(key)
        return cell.text if cell else ""

    def where_of(self, key: str) -> Where:
        cell = self.cells.get(key)
        return cell.where if cell else self.where.at(header_for(key))


@dataclass(frozen=True)
class Setting:
    """A quiz-level value (id, title, pass mark…) and where the officer gave it."""

    value: str
    where: Where


@dataclass
class Mapped:
    data: dict[str, Any]
    places: dict[Path, Where]
    problems: list[BankProblem]
    file: Where
    quiet: set[Where] = field(default_factory=set)

    def locate(self, path: Path) -> Where:
        """The cell behind a data path, or behind its nearest ancestor."""
        for end in range(len(path), -1, -1):
            where = self.places.get(path[:end])
            if where is not None:
                return where
        return self.file


class _Builder:
    def __init__(self, file: Where) -> None:
        self.file = file
        self.problems: list[BankProblem] = []
        self.places: dict[Path, Where] = {(): file, ("questions",): file}
        # Cells whose problems in scoring's words would only repeat one already reported.
        self.quiet: set[Where] = set()

    def add(self, where: Where, message: str) -> None:
        self.problems.append(BankProblem(where, message))

    def place(self, path: Path, where: Where) -> None:
        self.places[path] = where


def _boolean(text: str) -> bool | None:
    return truefalse_word(text)


def _settings(b: _Builder, settings: dict[str, Setting]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("id", "title", "area", "pass_mark", "description"):
        if key in settings:
            b.place((key,), settings[key].where)
    for key in ("id", "title", "area"):
        setting = settings.get(key)
        if setting is None:
            continue
        if setting.value.strip():
            data[key] = setting.value.strip()
        else:
            b.add(setting.where, "不能为空")
    if data.get("area") not in AREAS:
        if "area" in data:
            b.add(settings["area"].where, f"应为 {'、'.join(AREAS)} 之一（实际是'{shown(data['area'])}'）")
        # Reported once here; without it scoring would take the quiz as 综合 and ask every row for its area.
        data["area"] = AREAS[0]
    pass_mark = settings.get("pass_mark")
    text = pass_mark.value if pass_mark else DEFAULT_PASS_MARK
    number = number_text(fold(text).removesuffix("%"))
    if number is None:
        b.add(pass_mark.where if pass_mark else b.file, f"及格线应为数字，如 60（实际是'{shown(text)}'）")
    else:
        data["pass_mark"] = number
    description = settings.get("description")
    if description is not None and description.value.strip():
        data["description"] = description.value.strip()
    for key in ("draw", "time_limit", "hint_cost"):
        setting = settings.get(key)
        if setting is None or not setting.value.strip():
            continue
        b.place((key,), setting.where)
        value = number_text(setting.value)
        if value is None:
            b.add(setting.where, f"应为数字（实际是'{shown(setting.value)}'）")
        else:
            data[key] = value
    for key in ("shuffle_questions", "shuffle_options"):
        setting = settings.get(key)
        if setting is None or not setting.value.strip():
            continue
        b.place((key,), setting.where)
        flag = _boolean(setting.value)
        if flag is None:
            b.add(setting.where, f"应为 是 或 否（实际是'{shown(setting.value)}'）")
        elif flag:
            data[key] = True
    combine = settings.get("combine")
    if combine is not None and combine.value.strip():
        b.place(("combine",), combine.where)
        by_name = {name: key for key, name in COMBINE_NAMES.items()} | {key: key for key in COMBINE_NAMES}
        choice = by_name.get(fold(combine.value))
        if choice is None:
            b.add(combine.where, f"应为 {'、'.join(COMBINE_NAMES.values())} 之一（实际是'{shown(combine.value)}'）")
        elif choice != "highest":
            data["combine"] = choice
    mastery = settings.get("mastery")
    if mastery is not None and mastery.value.strip():
        b.place(("mastery",), mastery.where)
        match = re.fullmatch(r"(\d+)/(\d+)", fold(mastery.value))
        if not match:
            b.add(mastery.where, f"掌握度写成 答对题数/最近题数，如 4/5（实际是'{shown(mastery.value)}'）")
        else:
            data["mastery"] = {"correct": int(match.group(1)), "of": int(match.group(2))}
    return data


def _options(b: _Builder, row: Row) -> dict[str, str]:
    options: dict[str, str] = {}
    gap: str | None = None
    for key in OPTION_KEYS:
        text = row.text(f"option:{key}")
        if not text:
            gap = gap or key
            continue
        if gap is not None:
            b.add(row.where_of(f"option:{gap}"), f"选项{gap}空着，后面的选项{key}却有内容（选项要从 A 起依次填写）")
            gap = None
        options[key] = text
    return options


def _prompts(b: _Builder, row: Row) -> list[str]:
    prompts: list[str] = []
    gap: int | None = None
    for number in range(1, MAX_PROMPTS + 1):
        text = row.text(f"prompt:{number}")
        if not text:
            gap = gap or number
            continue
        if gap is not None:
            b.add(row.where_of(f"prompt:{gap}"), f"左项{gap}空着，后面的左项{number}却有内容（左项要从 1 起依次填写）")
            gap = None
        prompts.append(text)
    return prompts


def _not_used(b: _Builder, row: Row, prefix: str, message: str) -> None:
    for key, cell in row.cells.items():
        if key.startswith(prefix) and cell.text:
            b.add(cell.where, f"{message}（实际是'{shown(cell.text)}'）")
            return


def fill_stem(stem: str) -> str:
    """Every blank mark of a fill question's stem as the four underscores the site counts."""
    return BLANK_MARKS.sub(BLANK, stem)


def _answer(b: _Builder, row: Row, qtype: str, options: dict[str, str], prompts: list[str], q: dict[str, Any]) -> None:
    cell = row.cells.get("answer")
    where = row.where_of("answer")
    raw = cell.value if cell else None
    text = cell.text if cell else ""
    if not text and not isinstance(raw, bool):
        if qtype == "scenario":
            b.add(where, "不能为空（情景题的答案写每个做法得几成分，如 B=1,C=0.5）")
        else:
            b.add(where, "不能为空")
        return
    try:
        if qtype == "single":
            q["answer"] = single_answer(text)
        elif qtype == "multiple":
            q["answer"] = multiple_answer(text)
        elif qtype == "truefalse":
            words = {key: truefalse_word(value) for key, value in options.items()}
            q["answer"] = truefalse_answer(raw, {k: w for k, w in words.items() if w is not None})
        elif qtype == "fill":
            q["answer"] = fill_answer(text)
        elif qtype == "ordering":
            q["answer"] = ordering_answer(text)
        elif qtype == "matching":
            if prompts:
                q["answer"] = matching_answer(text, len(prompts))
        else:
            weights = scenario_weights(text)
            unknown = [key for key in weights if key not in options]
            if unknown:
                raise AnswerTextError(f"没有选项 {'、'.join(unknown)}（实际是'{shown(text)}'）")
            scenario = {}
            for key, option in options.items():
                entry: dict[str, Any] = {"text": option, "weight": weights.get(key, 0)}
                note = row.text(f"note:{key}")
                if note:
                    entry["note"] = note
                scenario[key] = entry
            q["options"] = scenario
    except AnswerTextError as error:
        b.add(where, str(error))


def _question(b: _Builder, row: Row, settings: dict[str, Setting]) -> dict[str, Any] | None:
    """The question's data without its id; None when its type is unknown (nothing else can be checked)."""
    type_text = row.text("type")
    qtype = type_key(type_text) if type_text else row.default_type
    if qtype is None:
        message = "不能为空" if not type_text else f"不认识的题型（实际是'{shown(type_text)}'；可用：{TYPE_CHOICES}）"
        b.add(row.where_of("type"), message)
        return None
    q: dict[str, Any] = {"type": qtype}
    stem = row.text("stem")
    if not stem:
        b.add(row.where_of("stem"), "不能为空")
    q["stem"] = fill_stem(stem) if qtype == "fill" else stem
    area = row.text("area")
    if area:
        q["area"] = area
    options = _options(b, row)
    prompts = _prompts(b, row) if qtype == "matching" else []
    if qtype != "matching":
        _not_used(b, row, "prompt:", "只有连线题用左项")
    if qtype != "scenario":
        _not_used(b, row, "note:", "只有情景题用点评")
    if qtype == "fill" and options:
        _not_used(b, row, "option:", "填空题不用填选项（答案写在答案列）")
    if qtype == "truefalse" and options:
        words = [truefalse_word(text) for text in options.values()]
        if sorted(words, key=str) != [False, True]:
            _not_used(b, row, "option:", "判断题不用填选项（网站自动显示 正确、错误）")
    if qtype == "matching" and len(prompts) < 2:
        b.add(row.where.at("左项"), f"连线题要在左项1、左项2…列写至少两个左项（实际是 {len(prompts)} 个）")
        b.quiet.add(row.where_of("answer"))
        prompts = []
    if prompts:
        q["prompts"] = prompts
    if qtype in ("single", "multiple", "ordering", "matching"):
        q["options"] = options
    _answer(b, row, qtype, options, prompts, q)
    scoring = row.text("scoring")
    if scoring:
        if qtype != "multiple":
            b.add(row.where_of("scoring"), f"只有多选题用计分方式（实际是'{shown(scoring)}'）")
        elif fold(scoring) not in SCORING_SYNONYMS:
            b.add(row.where_of("scoring"), f"应为 部分得分 或 全对才得分（实际是'{shown(scoring)}'）")
        elif SCORING_SYNONYMS[fold(scoring)] != "partial":
            q["scoring"] = SCORING_SYNONYMS[fold(scoring)]
    points_cell = row.cells.get("points")
    if points_cell is not None and points_cell.text:
        try:
            q["points"] = points_value(points_cell.value)
        except AnswerTextError as error:
            b.add(points_cell.where, str(error))
    elif row.default_points is not None:
        q["points"] = row.default_points
    hint = row.text("hint")
    if hint:
        q["hint"] = hint
    q["explanation"] = row.text("explanation")
    link = row.text("link") or (settings["link"].value.strip() if "link" in settings else "")
    if not link:
        b.add(row.where_of("link"), "缺少讲解链接（在讲解链接列写 页面.md#小节，或导入时给出整份测验的链接 --link）")
    q["link"] = link
    return q


def _places(b: _Builder, path: Path, row: Row, q: dict[str, Any], settings: dict[str, Setting]) -> None:
    b.place(path, row.where)
    for key in ("id", "type", "stem", "area", "answer", "scoring", "points", "hint", "explanation"):
        b.place(path + (key,), row.where_of(key))
    link_cell = row.cells.get("link")
    if (link_cell is not None and link_cell.text) or "link" not in settings:
        b.place(path + ("link",), row.where_of("link"))
    else:
        b.place(path + ("link",), settings["link"].where)
    b.place(path + ("options",), row.where.at("选项"))
    b.place(path + ("prompts",), row.where.at("左项"))
    for key in OPTION_KEYS:
        b.place(path + ("options", key), row.where_of(f"option:{key}"))
        if q["type"] == "scenario":
            b.place(path + ("options", key, "weight"), row.where_of("answer"))
            b.place(path + ("options", key, "note"), row.where_of(f"note:{key}"))
    for index in range(MAX_PROMPTS):
        b.place(path + ("prompts", index), row.where_of(f"prompt:{index + 1}"))


def _duplicate_key(q: dict[str, Any]) -> tuple[str, ...]:
    options = q.get("options", {})
    texts = [v["text"] if isinstance(v, dict) else v for v in options.values()] + q.get("prompts", [])
    return (q["type"], fold(q["stem"]), *(fold(t) for t in texts))


def _assign_ids(b: _Builder, quiz_id: str, rows: list[tuple[Row, dict[str, Any]]]) -> None:
    """Ids from the 编号 column are kept (so an exported bank re-imports to the same questions); others are ``ID-01``…"""
    taken: dict[str, Row] = {}
    for row, q in rows:
        given = row.text("id")
        # A running number (1, 2, 3…) is not an id: other templates' 编号 columns hold those.
        if not given or given.isdigit():
            continue
        if given in taken:
            other = taken[given].where
            b.add(
                row.where_of("id"),
                f"编号与 {other.sheet + ' ' if other.sheet else ''}第{other.row}行重复（实际是'{shown(given)}'）",
            )
        taken.setdefault(given, row)
        q["id"] = given
    number = 0
    for _, q in rows:
        if "id" in q:
            continue
        number += 1
        while f"{quiz_id}-{number:02d}" in taken:
            number += 1
        q["id"] = f"{quiz_id}-{number:02d}"


def map_rows(rows: list[Row], settings: dict[str, Setting], file: Where) -> Mapped:
    """Quiz data from the rows and settings; problems found on the way are kept, not raised."""
    b = _Builder(file)
    data = _settings(b, settings)
    built: list[tuple[Row, dict[str, Any]]] = []
    seen: dict[tuple[str, ...], Row] = {}
    for row in rows:
        q = _question(b, row, settings)
        if q is None:
            continue
        key = _duplicate_key(q)
        if q["stem"] and key in seen:
            first = seen[key].where
            sheet = f"{first.sheet} " if first.sheet and first.sheet != row.where.sheet else ""
            b.add(row.where_of("stem"), f"与{sheet}第{first.row}行的题目重复（题型、题干和选项都相同）")
            continue
        seen.setdefault(key, row)
        built.append((row, q))
    quiz_id = str(data.get("id", ""))
    # A wrong quiz id is reported once, at the quiz id, not again at every generated question id.
    _assign_ids(b, quiz_id if ID_PATTERN.match(quiz_id) else "quiz", built)
    questions = []
    for index, (row, q) in enumerate(built):
        # What a hand-written file leaves out: the quiz's own area, one point.
        if "area" in q and q["area"] == data.get("area"):
            del q["area"]
        if q.get("points") == 1 and isinstance(q["points"], int):
            del q["points"]
        ordered = {"id": q.pop("id")} | q
        _places(b, ("questions", index), row, ordered, settings)
        questions.append(ordered)
    data["questions"] = questions
    if not rows:
        b.add(file, "没有找到题目（第一行应为列名：题型、题干、选项A…、答案、解析…）")
    return Mapped(data, b.places, b.problems, file, b.quiet)


def check(mapped: Mapped, source_name: str) -> QuizSpec:
    """Validate with ``scoring`` as a hand-written file is; raise ``BankError`` with every problem, told by cell.

    A cell already reported by the row checks above is not reported again in scoring's words.
    """
    problems = list(mapped.problems)
    spec: QuizSpec | None = None
    try:
        spec = parse_quiz_spec(mapped.data, Source(source_name))
    except DataError as error:
        reported = {p.where for p in problems} | mapped.quiet
        for problem in error.problems:
            where = mapped.locate(problem.path)
            if where not in reported:
                reported.add(where)
                problems.append(BankProblem(where, officer_words(problem.message)))
    if problems or spec is None:
        raise BankError(problems)
    return spec


# Scoring speaks of YAML fields; an officer filling a sheet needs the columns' words.
OFFICER_WORDS = (
    ("缺少必填项", "不能为空"),
    ("题目 id ", "编号"),
    ("题目 id", "编号"),
    ("情景题至少要有一个 weight 为 1 的最佳选项", "情景题至少要有一个得满分的做法，答案写如 B=1"),
    ("，每个写 text、weight（0–1）和可选的 note", ""),
    ("都要写明所属领域（area）", "都要在领域列写明所属领域"),
)


def officer_words(message: str) -> str:
    for yaml_words, sheet_words in OFFICER_WORDS:
        message = message.replace(yaml_words, sheet_words)
    return message
