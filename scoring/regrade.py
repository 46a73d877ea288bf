"""Regrading after a corrected key: an older version's attempt scored with the current answer data.

Question by question, as Moodle regrades: where a question keeps its id, type and option keys
(and, for fill, its number of blanks; for matching, its number of prompts) the learner's stored
answer means what it meant, so it is scored with the current key and points. Elsewhere an answer
"B" might now name another option, so the question keeps the score of the version it was answered
in, and the reason is given. The quiz's own settings (draw, shuffle, pass mark, hint cost) stay
the version's: the recorded seed must rebuild the very questions the learner saw.

``changes`` says in the officer's words what differs between two versions of one question; the
report's 重新评分 sheet and ``cadre-officer validate`` both use it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .model import TRUE_FALSE_LABELS, TYPE_NAMES, Question, Quiz
from .numbers import shown
from .versions import exact, fingerprint_data

SCORING_NAMES = {"partial": "按选对比例给分", "all_or_nothing": "全对才得分"}
DELETED = "题目已从测验中删除，保留原分"


def _keys(question: Question) -> str:
    return "、".join(key for key, _ in question.options) or "（无）"


def shape_change(old: Question, new: Question | None) -> str | None:
    """Why an answer to ``old`` cannot be scored with ``new`` (kept at its original score), or None."""
    if new is None:
        return DELETED
    if old.type != new.type:
        return f"题型已改变（{TYPE_NAMES[old.type]} → {TYPE_NAMES[new.type]}），保留原分"
    if [k for k, _ in old.options] != [k for k, _ in new.options]:
        return f"选项已改变（{_keys(old)} → {_keys(new)}），原来的选择可能指别的选项，保留原分"
    if old.blank_count != new.blank_count:
        return f"空的个数已改变（{old.blank_count} → {new.blank_count}），保留原分"
    if len(old.prompts) != len(new.prompts):
        return f"连线左侧的项目数已改变（{len(old.prompts)} → {len(new.prompts)}），保留原分"
    return None


def _answer_text(question: Question) -> str:
    kind = question.type
    if kind == "truefalse":
        return TRUE_FALSE_LABELS[question.answer[0]]
    if kind == "fill":
        return "；".join("/".join(accepted) for accepted in question.answer)
    if kind == "ordering":
        return "→".join(question.answer)
    if kind == "matching":
        return "、".join(f"{n}-{key}" for n, key in enumerate(question.answer, 1))
    if kind == "scenario":
        return "、".join(f"{key}:{exact(w)}" for (key, _), w in zip(question.options, question.weights, strict=True))
    return "、".join(question.answer)


def changes(old: Question, new: Question) -> list[str]:
    """What changed in what decides the score, in the officer's words ([] when the fingerprint is equal)."""
    if old.fingerprint == new.fingerprint:
        return []
    shape = shape_change(old, new)
    if shape is not None:
        return [shape.removesuffix("，原来的选择可能指别的选项，保留原分").removesuffix("，保留原分")]
    found = []
    before, after = fingerprint_data(old), fingerprint_data(new)
    if before["answer"] != after["answer"]:
        label = "选项分值" if old.type == "scenario" else "可接受的答案" if old.type == "fill" else "标准答案"
        found.append(f"{label}由 {_answer_text(old)} 改为 {_answer_text(new)}")
    if before["points"] != after["points"]:
        found.append(f"分值由 {shown(old.points)} 改为 {shown(new.points)}")
    if before.get("scoring") != after.get("scoring"):
        found.append(f"计分方式由{SCORING_NAMES[old.scoring]}改为{SCORING_NAMES[new.scoring]}")
    return found or ["评分数据有改动"]


@dataclass(frozen=True)
class Regrade:
    """``old`` with the current answer data wherever it can be used: what a regrade scores with."""

    quiz: Quiz
    # Question id -> why its original score stays (only questions whose scoring data changed).
    kept: dict[str, str]
    # Question id -> what changed in the questions scored with the current data.
    changed: dict[str, str]

    @property
    def differs(self) -> bool:
        """Whether regrading can change any score of this version."""
        return bool(self.changed)


def regrade_quiz(old: Quiz, current: Quiz) -> Regrade:
    """The quiz a regrade scores ``old``'s attempts with: old's questions and settings, each question
    replaced by its current form where the stored answers still mean the same."""
    now = current.question_index
    questions: list[Question] = []
    kept: dict[str, str] = {}
    changed: dict[str, str] = {}
    for question in old.questions:
        new = now.get(question.id)
        if new is not None and new.fingerprint == question.fingerprint:
            questions.append(question)
            continue
        reason = shape_change(question, new)
        if reason is not None or new is None:
            kept[question.id] = reason or DELETED
            questions.append(question)
            continue
        changed[question.id] = "；".join(changes(question, new))
        questions.append(new)
    return Regrade(dataclasses.replace(old, questions=tuple(questions)), kept, changed)
