"""The archive of every published scoring version: the answer data that grades it, never its wording.

Kept in the repository beside the quizzes like a lock file (``quizzes/scoring-versions.json``):
each build adds the versions it publishes and never removes one, so an attempt made under an
older answer key is still graded with that key. Questions are stored once per fingerprint (the
area and quick-check quizzes share theirs); a version lists its question ids and fingerprints in
order and the quiz's settings. An archived quiz is rebuilt with placeholder wording and checked:
its scoring version must come out as the one it is filed under.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import DataError, ScoringError
from .model import BLANK, Question, Quiz
from .quiz_schema import parse_quiz

FORMAT = "cadre-scoring-archive"
SCHEMA = 1
FILE_NAME = "scoring-versions.json"
# Wording is not archived: what a rebuilt question shows instead.
PLACEHOLDER = "（已存档的题目）"
PLACEHOLDER_LINK = "index.md#存档"


def empty_archive() -> dict[str, Any]:
    return {"format": FORMAT, "schema": SCHEMA, "questions": {}, "versions": {}}


def _answer_data(question: Question) -> dict[str, Any]:
    """The question as quiz data, its wording replaced by placeholders (the blanks stay, they count)."""
    data = question.to_dict()
    data.pop("id")
    data.pop("hint", None)
    data["stem"] = BLANK * question.blank_count if question.type == "fill" else PLACEHOLDER
    data["explanation"] = PLACEHOLDER
    data["link"] = PLACEHOLDER_LINK
    if "options" in data:
        data["options"] = {
            key: ({"text": key, "weight": value["weight"]} if isinstance(value, dict) else key)
            for key, value in data["options"].items()
        }
    if "prompts" in data:
        data["prompts"] = [str(i + 1) for i in range(len(data["prompts"]))]
    return data


def _settings(quiz: Quiz) -> dict[str, Any]:
    data = quiz.to_dict()
    data.pop("questions")
    data["description"] = ""
    return data


def add_versions(archive: Mapping[str, Any] | None, quizzes: Iterable[Quiz]) -> tuple[dict[str, Any], list[str]]:
    """The archive with every quiz's current scoring version in it, and the ids of quizzes that got one."""
    merged = json.loads(json.dumps(archive)) if archive else empty_archive()
    added: list[str] = []
    for quiz in quizzes:
        if quiz.scoring_version in merged["versions"]:
            continue
        for question in quiz.questions:
            merged["questions"].setdefault(question.fingerprint, _answer_data(question))
        merged["versions"][quiz.scoring_version] = {
            "quiz": _settings(quiz),
            "questions": [[q.id, q.fingerprint] for q in quiz.questions],
            # Records from before scoring versions name the quiz by this content hash.
            "content": quiz.version,
        }
        added.append(quiz.id)
    return merged, sorted(added)


def archive_text(archive: Mapping[str, Any]) -> str:
    """One spelling per archive, so a build that adds nothing leaves the file byte-identical."""
    return json.dumps(archive, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


def read_archive(text: str, name: str = FILE_NAME) -> dict[str, Any]:
    """Parse and check the archive's shape; a damaged file is an error naming it, never an empty archive."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ScoringError(f"{name}：不是有效的 JSON（第 {getattr(error, 'lineno', '?')} 行）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("schema") != SCHEMA:
        raise ScoringError(f"{name}：不是本平台的评分版本存档（format 应为 {FORMAT}，schema 应为 {SCHEMA}）")
    questions, versions = data.get("questions"), data.get("versions")
    if not isinstance(questions, dict) or not isinstance(versions, dict):
        raise ScoringError(f"{name}：缺少 questions 或 versions 映射")
    for version, entry in versions.items():
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("quiz"), dict)
            or not isinstance(entry.get("questions"), list)
        ):
            raise ScoringError(f"{name}：版本 {version[:12]}… 的内容不完整")
        for pair in entry["questions"]:
            if not (isinstance(pair, list) and len(pair) == 2 and pair[1] in questions):
                raise ScoringError(f"{name}：版本 {version[:12]}… 引用了存档中没有的题目 {pair!r}")
    return data


def quiz_data(archive: Mapping[str, Any], version: str) -> dict[str, Any]:
    """One archived version as quiz data that ``parse_quiz`` reads (what a page sends the engine)."""
    entry = archive["versions"][version]
    questions = [{"id": qid} | archive["questions"][fp] for qid, fp in entry["questions"]]
    return dict(entry["quiz"]) | {"questions": questions}


def rebuild(data: Any, version: str) -> Quiz:
    """An archived quiz, checked: its scoring version is the one it was filed under."""
    try:
        quiz = parse_quiz(data)
    except DataError as error:
        raise ScoringError(f"评分版本存档中 {version[:12]}… 的数据有误：{error.problems[0].message}") from None
    if quiz.scoring_version != version:
        raise ScoringError(f"评分版本存档中 {version[:12]}… 的数据与版本号不符（存档被改动过）")
    return quiz


def archived_quizzes(archive: Mapping[str, Any]) -> list[Quiz]:
    """Every archived version, rebuilt and checked, in the archive's order."""
    return [rebuild(quiz_data(archive, version), version) for version in sorted(archive["versions"])]


def content_aliases(archive: Mapping[str, Any]) -> dict[str, str]:
    """Content hash -> scoring version, for records from before scoring versions."""
    return {
        entry["content"]: version
        for version, entry in archive["versions"].items()
        if isinstance(entry.get("content"), str)
    }


def page_versions(archive: Mapping[str, Any], quiz: Quiz) -> dict[str, dict[str, Any]]:
    """What a quiz page ships for its history: the quiz's archived versions other than its own, each as
    quiz data with the content hash attempts from before scoring versions name it by."""
    return {
        version: {"quiz": data, "content": archive["versions"][version].get("content")}
        for version, data in versions_of(archive, quiz.id).items()
        if version != quiz.scoring_version
    }


def versions_of(archive: Mapping[str, Any], quiz_id: str) -> dict[str, dict[str, Any]]:
    """One quiz's archived versions as quiz data, by scoring version (what its page ships)."""
    return {
        version: quiz_data(archive, version)
        for version, entry in sorted(archive["versions"].items())
        if entry["quiz"].get("id") == quiz_id
    }
