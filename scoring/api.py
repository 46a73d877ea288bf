"""The one JSON-in / JSON-out entry point the browser (and the officer tools) call.

Nothing raises out of ``handle``: every failure comes back as
``{"ok": false, "error": {"code": ..., "message": <Chinese text>}}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import __version__
from .errors import DataError, ScoringError
from .grading import grade
from .ledger_ops import LEDGER_OPERATIONS
from .quiz_schema import parse_quiz

API_VERSION = 1


def _grade(request: dict[str, Any]) -> dict[str, Any]:
    quiz = parse_quiz(request.get("quiz"))
    answers = request.get("answers", {})
    if not isinstance(answers, dict):
        raise ScoringError("作答应为以题目 id 为键的映射")
    expected = request.get("version")
    if expected is not None and expected != quiz.version:
        raise ScoringError("测验内容与作答时的版本不一致，不能评分")
    return grade(quiz, answers)


def _about(_request: dict[str, Any]) -> dict[str, Any]:
    return {"api": API_VERSION, "scoring": __version__}


OPERATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "grade": _grade,
    "about": _about,
    **LEDGER_OPERATIONS,
}


def _error(code: str, message: str) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message}}


def call(request: Any) -> dict[str, Any]:
    """Run one request given as already-parsed data."""
    if not isinstance(request, dict):
        return _error("bad_request", "请求应为 JSON 对象")
    operation = OPERATIONS.get(request.get("op"))  # type: ignore[arg-type]
    if operation is None:
        return _error("bad_request", f"未知的操作：{request.get('op')!r}")
    try:
        return {"ok": True, "result": operation(request)}
    except DataError as error:
        return _error("bad_data", "数据有误：" + "；".join(p.message for p in error.problems[:5]))
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
