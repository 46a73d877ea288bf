"""The wrong-answer book (错题本): Leitner boxes with a daily cap.

Box n is due again after INTERVAL_DAYS[n-1] days; a right answer moves a question up a
box (past the last box it is mastered and leaves the book), a wrong one back to box 1.
The cap bounds reviews per day, so a missed week is worked off over days, not in one wall.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .dates import parse_date, require_date
from .errors import ScoringError

INTERVAL_DAYS = (1, 2, 4, 8, 16)
DEFAULT_DAILY_CAP = 15
STATE_VERSION = 1


def empty_state() -> dict[str, Any]:
    return {"version": STATE_VERSION, "items": {}, "done": {}, "mastered": 0}


DAMAGED = "错题本数据的格式无法识别，已保留原样，未作改动"


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _valid_item(item: Any) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("quiz_id"), str) or not isinstance(item.get("due"), str):
        return False
    if not (_count(item.get("box")) and 1 <= item["box"] <= len(INTERVAL_DAYS)) or not _count(item.get("misses", 0)):
        return False
    return parse_date(item["due"]) is not None


def _checked(state: Any) -> dict[str, Any]:
    """A copy of a well-formed state; anything else is refused whole, so nothing is half-rewritten."""
    if state is None:
        return empty_state()
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise ScoringError(DAMAGED)
    items, done, mastered = state.get("items"), state.get("done", {}), state.get("mastered", 0)
    if not isinstance(items, dict) or not all(isinstance(k, str) and _valid_item(v) for k, v in items.items()):
        raise ScoringError(DAMAGED)
    if not isinstance(done, dict) or not all(isinstance(k, str) and _count(v) for k, v in done.items()):
        raise ScoringError(DAMAGED)
    if not _count(mastered):
        raise ScoringError(DAMAGED)
    return {"version": STATE_VERSION, "items": dict(items), "done": dict(done), "mastered": mastered}


def add_missed(state: Any, quiz_id: str, question_ids: list[str], today: str) -> dict[str, Any]:
    """Questions missed in an attempt (re)enter box 1, due today."""
    new = _checked(state)
    day = require_date(today, "日期").isoformat()
    for qid in question_ids:
        old = new["items"].get(qid, {})
        new["items"][qid] = {
            "quiz_id": quiz_id,
            "box": 1,
            "due": day,
            "added": old.get("added", day),
            "misses": old.get("misses", 0) + 1,
        }
    return new


def queue(state: Any, today: str, cap: int = DEFAULT_DAILY_CAP) -> dict[str, Any]:
    """Today's questions: the most overdue and lowest boxes first, up to what the cap leaves."""
    current = _checked(state)
    day = require_date(today, "日期")
    due = sorted(
        (item["due"], item["box"], qid)
        for qid, item in current["items"].items()
        if date.fromisoformat(item["due"]) <= day
    )
    left = max(0, cap - int(current["done"].get(day.isoformat(), 0)))
    chosen = [qid for _, _, qid in due[:left]]
    return {
        "questions": [
            {"id": qid, "quiz_id": current["items"][qid]["quiz_id"], "box": current["items"][qid]["box"]}
            for qid in chosen
        ],
        "due": len(due),
        "deferred": len(due) - len(chosen),
        "done_today": int(current["done"].get(day.isoformat(), 0)),
        "total": len(current["items"]),
        "mastered": current["mastered"],
    }


def record(state: Any, question_id: str, correct: bool, today: str) -> dict[str, Any]:
    """Move one reviewed question between boxes and count the review against today's cap."""
    new = _checked(state)
    day = require_date(today, "日期")
    item = new["items"].get(question_id)
    if item is None:
        raise ScoringError(f"错题本中没有这道题：{question_id}")
    if correct:
        box = int(item["box"]) + 1
        if box > len(INTERVAL_DAYS):
            del new["items"][question_id]
            new["mastered"] += 1
        else:
            new["items"][question_id] = item | {
                "box": box,
                "due": (day + timedelta(days=INTERVAL_DAYS[box - 1])).isoformat(),
            }
    else:
        new["items"][question_id] = item | {
            "box": 1,
            "due": (day + timedelta(days=INTERVAL_DAYS[0])).isoformat(),
            "misses": int(item.get("misses", 0)) + 1,
        }
    # Only today's count matters; older days are dropped so the state stays small.
    new["done"] = {day.isoformat(): int(new["done"].get(day.isoformat(), 0)) + 1}
    return new
