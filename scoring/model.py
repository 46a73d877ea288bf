"""The quiz model: frozen dataclasses, built only through ``quiz_schema``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

AREAS: tuple[str, ...] = ("理论学习", "政策制度", "基层工作方法", "案例", "综合")
# A quiz may mix areas; its questions are then counted under their own areas.
MIXED_AREA = "综合"

QuestionType = Literal["single", "multiple", "truefalse", "fill"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "fill")
MultipleScoring = Literal["partial", "all_or_nothing"]

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
    # single/truefalse: (key,); multiple: keys; fill: one tuple of accepted answers per blank.
    answer: tuple[Any, ...]
    points: float
    explanation: str
    link: str
    scoring: MultipleScoring = "partial"

    @property
    def blank_count(self) -> int:
        return len(self.answer) if self.type == "fill" else 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type, "stem": self.stem, "area": self.area}
        if self.type in ("single", "multiple"):
            data["options"] = dict(self.options)
        if self.type == "single":
            data["answer"] = self.answer[0]
        elif self.type == "multiple":
            data["answer"] = list(self.answer)
            data["scoring"] = self.scoring
        elif self.type == "truefalse":
            data["answer"] = self.answer[0] == "true"
        else:
            data["answer"] = [list(accepted) for accepted in self.answer]
        data["points"] = self.points
        data["explanation"] = self.explanation
        data["link"] = self.link
        return data


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    area: str
    pass_mark: float
    description: str
    questions: tuple[Question, ...]

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
        }

    @property
    def version(self) -> str:
        """Content hash: changes whenever anything that affects scoring or display changes."""
        return content_hash(self.to_dict())


def canonical_json(data: Any) -> str:
    """One spelling of a value, so equal data hashes equally everywhere."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def content_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
