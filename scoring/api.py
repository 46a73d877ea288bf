"""The one JSON-in / JSON-out entry point the browser (and the officer tools) call.

Nothing raises out of ``handle``: every failure comes back as
``{"ok": false, "error": {"code": ..., "message": <Chinese text>}}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import __version__, review
from .attempts import grade_attempt, history, parse_seed
from .draw import present
from .errors import Collector, DataError, Problem, ScoringError, Source, format_path
from .grading import grade_question, right_answer_text
from .ledger_ops import LEDGER_OPERATIONS
from .model import Quiz
from .numbers import shown
from .question_schema import parse_question
from .quiz_schema import parse_quiz
from .version_archive import rebuild
from .versions import made_under

API_VERSION = 1


def _grade(request: dict[str, Any]) -> dict[str, Any]:
    """Score one attempt: {quiz, answers, seed?, hints?, version?}."""
    quiz = parse_quiz(request.get("quiz"))
    expected = request.get("version")
    if expected is not None and not made_under(quiz, expected):
        raise ScoringError("测验内容与作答时的版本不一致，不能评分")
    return grade_attempt(quiz, request)


def _present(request: dict[str, Any]) -> dict[str, Any]:
    quiz = parse_quiz(request.get("quiz"))
    seed = parse_seed(request.get("seed"))
    if seed is None:
        raise ScoringError("缺少抽题种子")
    return present(quiz, seed).to_dict()


def _older_versions(raw: Any) -> dict[str, Quiz]:
    """The quiz's archived versions a page sends ({scoring version: {quiz, content}}), each checked
    against its version, by scoring version and by content hash (attempts from before scoring versions)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ScoringError("versions 应为以评分版本为键的映射")
    found: dict[str, Quiz] = {}
    for version, entry in raw.items():
        if not isinstance(entry, dict):
            raise ScoringError(f"评分版本存档中 {str(version)[:12]}… 的内容不完整")
        quiz = rebuild(entry.get("quiz"), version)
        found[version] = quiz
        if isinstance(entry.get("content"), str):
            found[entry["content"]] = quiz
    return found


def _history(request: dict[str, Any]) -> dict[str, Any]:
    """{quiz, attempts, versions?}: ``versions`` only when an attempt was made under an older version."""
    return history(parse_quiz(request.get("quiz")), request.get("attempts"), _older_versions(request.get("versions")))


def _review_missed(request: dict[str, Any]) -> dict[str, Any]:
    """Add an attempt's missed questions to the wrong-answer book: answered wrong or partly right;
    a question left blank was not missed but skipped, and is not put in the book."""
    results = request.get("questions")
    if not isinstance(results, list):
        raise ScoringError("questions 应为评分结果中的题目列表")
    missed = [
        q["id"]
        for q in results
        if isinstance(q, dict) and isinstance(q.get("id"), str) and q.get("status") in ("wrong", "partial")
    ]
    quiz_id = request.get("quiz_id")
    if not isinstance(quiz_id, str) or not quiz_id:
        # Stored as text it would file the questions under a quiz named "None".
        raise ScoringError("缺少测验编号 quiz_id")
    return review.add_missed(request.get("state"), quiz_id, missed, request.get("today"))  # type: ignore[arg-type]


def _review_queue(request: dict[str, Any]) -> dict[str, Any]:
    cap = request.get("cap", review.DEFAULT_DAILY_CAP)
    if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
        raise ScoringError("每日复习上限应为正整数")
    return review.queue(request.get("state"), request.get("today"), cap)  # type: ignore[arg-type]


def _review_answer(request: dict[str, Any]) -> dict[str, Any]:
    """Grade one question from the book and reschedule it."""
    c = Collector(Source("<题目>"))
    question = parse_question(c, request.get("question"), (), "综合")
    c.raise_if_any()
    if question is None:
        raise ScoringError("题目数据有误")
    result = grade_question(question, request.get("answer"))
    state = review.record(request.get("state"), question.id, result.status == "correct", request.get("today"))  # type: ignore[arg-type]
    return {
        "status": result.status,
        "points": shown(result.points),
        "max_points": shown(result.max_points),
        "right_answer": right_answer_text(question),
        "explanation": question.explanation,
        "link": question.link,
        "state": state,
    }


def _about(_request: dict[str, Any]) -> dict[str, Any]:
    return {"api": API_VERSION, "scoring": __version__}


OPERATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "grade": _grade,
    "present": _present,
    "history": _history,
    "review_missed": _review_missed,
    "review_queue": _review_queue,
    "review_answer": _review_answer,
    "about": _about,
    **LEDGER_OPERATIONS,
}


def _where(problem: Problem) -> str:
    """The field a problem is in (``questions[2].answer: ``), so the page can say which one."""
    field_name = format_path(problem.path)
    return f"{field_name}: " if field_name else ""


def _error(code: str, message: str) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message}}


def call(request: Any) -> dict[str, Any]:
    """Run one request given as already-parsed data."""
    if not isinstance(request, dict):
        return _error("bad_request", "请求应为 JSON 对象")
    op = request.get("op")
    # An op that is not text (a list, a mapping) cannot be looked up: unknown, not an exception.
    operation = OPERATIONS.get(op) if isinstance(op, str) else None
    if operation is None:
        return _error("bad_request", f"未知的操作：{request.get('op')!r}")
    try:
        return {"ok": True, "result": operation(request)}
    except DataError as error:
        return _error("bad_data", "数据有误：" + "；".join(_where(p) + p.message for p in error.problems[:5]))
    except ScoringError as error:
        return _error("bad_request", str(error))
    except Exception as error:  # noqa: BLE001 - the page must get data, never a Python exception
        return _error("internal", f"评分程序出错：{type(error).__name__}")


def handle(request_text: str) -> str:
    """JSON text in, JSON text out."""
    try:
        request = json.loads(request_text)
    except (TypeError, ValueError, RecursionError):
        return json.dumps(_error("bad_request", "请求不是有效的 JSON"), ensure_ascii=False)
    return json.dumps(call(request), ensure_ascii=False)
