"""The quiz model: frozen dataclasses, built only through ``quiz_schema``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

AREAS: tuple[str, ...] = ("理论学习", "政策制度", "基层工作方法", "案例", "综合")
# A quiz may mix areas; its questions are then counted under their own areas.
MIXED_AREA = "综合"

QuestionType = Literal["single", "multiple", "truefalse", "fill", "ordering", "matching", "scenario"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "fill", "ordering", "matching", "scenario")
TYPE_NAMES = {
    "single": "单选题",
    "multiple": "多选题",
    "truefalse": "判断题",
    "fill": "填空题",
    "ordering": "排序题",
    "matching": "连线题",
    "scenario": "情景题",
}
# Types whose options the learner picks from (and whose order a quiz may shuffle).
OPTION_TYPES = ("single", "multiple", "ordering", "matching", "scenario")
MultipleScoring = Literal["partial", "all_or_nothing"]
COMBINE_RULES = ("highest", "last", "first", "average")

BLANK = "____"
TRUE_FALSE_LABELS = {"true": "正确", "false": "错误"}


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    stem: str
    area: str
    # Option key -> text, in the order written; for true/false the keys are "true"/"false".
    options: tuple[tuple[str, str], ...]
    # single/truefalse: (key,); multiple: keys; fill: one tuple of accepted answers per blank;
    # ordering: keys in the right order; matching: the right key per prompt; scenario: keys of weight 1.
    answer: tuple[Any, ...]
    points: float
    explanation: str
    link: str
    scoring: MultipleScoring = "partial"
    # matching: the left-hand items, matched to options.
    prompts: tuple[str, ...] = ()
    # scenario: the share of the points each option earns, and a note on why, aligned with options.
    weights: tuple[float, ...] = ()
    notes: tuple[str, ...] = ()
    hint: str = ""

    @property
    def blank_count(self) -> int:
        return len(self.answer) if self.type == "fill" else 0

    @cached_property
    def fingerprint(self) -> str:
        """The hash of what decides this question's score (``scoring.versions``): not its wording."""
        from .versions import question_fingerprint

        return question_fingerprint(self)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type, "stem": self.stem, "area": self.area}
        if self.type == "scenario":
            data["options"] = {
                key: {"text": text, "weight": weight, "note": note}
                for (key, text), weight, note in zip(self.options, self.weights, self.notes, strict=True)
            }
        elif self.type in OPTION_TYPES:
            data["options"] = dict(self.options)
        if self.type == "matching":
            data["prompts"] = list(self.prompts)
        if self.type == "single":
            data["answer"] = self.answer[0]
        elif self.type == "multiple":
            data["answer"] = list(self.answer)
            data["scoring"] = self.scoring
        elif self.type == "truefalse":
            data["answer"] = self.answer[0] == "true"
        elif self.type == "fill":
            data["answer"] = [list(accepted) for accepted in self.answer]
        elif self.type in ("ordering", "matching"):
            data["answer"] = list(self.answer)
        data["points"] = self.points
        data["explanation"] = self.explanation
        data["link"] = self.link
        if self.hint:
            data["hint"] = self.hint
        return data


@dataclass(frozen=True)
class AttemptRules:
    """How a quiz is taken: draws, shuffles, how attempts combine, time and hints."""

    draw: int | None = None
    shuffle_questions: bool = False
    shuffle_options: bool = False
    combine: str = "highest"
    # (m, n): mastered when m of the last n questions answered were fully right (as Kolibri does).
    mastery: tuple[int, int] | None = None
    time_limit_minutes: float | None = None
    # The share of a question's points a used hint costs (0 = hints are free).
    hint_cost: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.draw is not None:
            data["draw"] = self.draw
        if self.shuffle_questions:
            data["shuffle_questions"] = True
        if self.shuffle_options:
            data["shuffle_options"] = True
        if self.mastery is not None:
            data["mastery"] = {"correct": self.mastery[0], "of": self.mastery[1]}
        elif self.combine != "highest":
            data["combine"] = self.combine
        if self.time_limit_minutes is not None:
            data["time_limit"] = self.time_limit_minutes
        if self.hint_cost:
            data["hint_cost"] = self.hint_cost
        return data


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    area: str
    pass_mark: float
    description: str
    questions: tuple[Question, ...]
    rules: AttemptRules = AttemptRules()

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

    def to_dict(self) -> dict[str, Any]:
        """The resolved quiz as plain data; ``quiz_schema.parse_quiz`` reads it back."""
        return {
            "id": self.id,
            "title": self.title,
            "area": self.area,
            "pass_mark": self.pass_mark,
            "description": self.description,
            "questions": [q.to_dict() for q in self.questions],
        } | self.rules.to_dict()

    @cached_property
    def question_index(self) -> dict[str, Question]:
        """Questions by id, made once per quiz."""
        return {q.id: q for q in self.questions}

    @cached_property
    def version(self) -> str:
        """Content hash: changes whenever anything that affects scoring or display changes (a
        wording edit too). For precache revisions and pages; attempts use ``scoring_version``."""
        return content_hash(self.to_dict())

    @cached_property
    def fingerprints(self) -> dict[str, str]:
        """Each question's scoring fingerprint, by question id."""
        return {q.id: q.fingerprint for q in self.questions}

    @cached_property
    def scoring_version(self) -> str:
        """The hash of what decides scores (``scoring.versions``): the same after a wording-only edit."""
        from .versions import scoring_version

        return scoring_version(self)


def canonical_json(data: Any) -> str:
    """One spelling of a value, so equal data hashes equally everywhere."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def content_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
