"""``cadre-officer validate``'s warnings: an edit that changed what decides a score, not yet archived.

A wording edit keeps a quiz's scoring version; an edit to an answer, the points, the scoring mode,
the options or a quiz setting makes a new one. When that new version is not in the committed
archive yet (no build has archived it), the officer is told where (file, line, question) and what
changed, so a key is never changed by accident while fixing a typo. A warning, not an error: a
corrected key is a legitimate edit, and the build archives it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scoring.errors import Source
from scoring.model import Question, Quiz
from scoring.quiz_schema import QuizSpec
from scoring.regrade import changes, shape_change
from scoring.version_archive import rebuild, versions_of
from scoring.versions import settings_data

from .sources import Bank

SETTING_NAMES = {
    "pass_mark": "及格线",
    "draw": "抽题数",
    "shuffle_questions": "打乱题序",
    "combine": "合并成绩的方式",
    "mastery": "熟练要求",
    "hint_cost": "提示扣分",
    "time_limit": "限时",
}
ADVICE = (
    "这是新的评分版本：改动之前的作答仍按原来的答案评分，要按新答案重新评分请用 report --regrade；"
    "构建网站时会把新版本写进评分版本存档（请一并提交）。如果只想改文字，请检查是否误改了"
)


def _previous(archive: Mapping[str, Any], quiz: Quiz) -> Quiz | None:
    """The archived version of this quiz nearest to it (the most questions in common): the one edited."""
    own = set(quiz.fingerprints.items())
    best: Quiz | None = None
    shared = -1
    for version, data in versions_of(archive, quiz.id).items():
        candidate = rebuild(data, version)
        common = len(own & set(candidate.fingerprints.items()))
        if common > shared:
            best, shared = candidate, common
    return best


def _field(old: Question, new: Question) -> str:
    """The field of the question an officer would look at first for this change."""
    if shape_change(old, new) is not None:
        return "type" if old.type != new.type else "options"
    if old.type == "scenario" and old.weights != new.weights:
        return "options"
    if old.answer != new.answer:
        return "answer"
    return "points" if old.points != new.points else "scoring"


def _where(source: Source, path: tuple[str | int, ...]) -> str:
    line = source.line_of(path)
    return source.name if line is None else f"{source.name}:{line}"


def _setting_text(value: Any) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    return str(value)


def _quiz_warnings(spec: QuizSpec, quiz: Quiz, previous: Quiz) -> list[str]:
    found = []
    index = previous.question_index
    for question_id, path in spec.question_paths.items():
        new, old = quiz.question_index.get(question_id), index.get(question_id)
        if new is None or old is None or new.fingerprint == old.fingerprint:
            continue
        what = "；".join(changes(old, new))
        where = _where(spec.source, (*path, _field(old, new)))
        found.append(f"{where}: 提醒：题目 {question_id} 的评分数据改了（{what}）。{ADVICE}答案。")
    before, after = settings_data(previous), settings_data(quiz)
    for key, name in SETTING_NAMES.items():
        if before[key] != after[key]:
            where = _where(spec.source, (key,))
            change = f"{name}由 {_setting_text(before[key])} 改为 {_setting_text(after[key])}"
            found.append(f"{where}: 提醒：测验 {quiz.id} 的{change}。{ADVICE}测验设置。")
    return found


def version_warnings(bank: Bank, archive: Mapping[str, Any]) -> list[str]:
    """One line per question (in its own file) or quiz setting whose scoring data changed since the
    archived version it was edited from; nothing for a quiz whose version is archived, or a new quiz."""
    found: list[str] = []
    for quiz_id in sorted(bank.specs):
        quiz = bank.quizzes[quiz_id]
        if quiz.scoring_version in archive["versions"]:
            continue
        previous = _previous(archive, quiz)
        if previous is not None:
            found.extend(_quiz_warnings(bank.specs[quiz_id], quiz, previous))
    return found
