"""Small rule sets, entries and attempts for ledger and record tests."""

from __future__ import annotations

from typing import Any


def kind(kind_id: str = "centralised", unit: str = "time", **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": kind_id, "title": f"类别 {kind_id}", "unit": unit, "source": "依据"}
    if unit != "time":
        data["hours_each"] = 1
    data |= fields
    return data


def requirement(req_id: str = "r1", kinds: list[str] | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": req_id,
        "title": f"要求 {req_id}",
        "kinds": kinds or ["centralised"],
        "measure": "hours",
        "at_least": 90,
        "source": "依据",
    }
    data |= fields
    return data


def rules(*kinds: dict[str, Any], requirements: list[dict[str, Any]] | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "sample",
        "title": "样例规则",
        "period": "year",
        "hours_per_day": {"value": 7.5, "source": "折算依据"},
        "kinds": list(kinds) or [kind()],
        "requirements": requirements if requirements is not None else [requirement()],
    }
    data |= fields
    return data


def entry(entry_id: str, day: str = "2026-03-01", kind_id: str = "centralised", **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry_id, "kind": kind_id, "date": day, "note": ""}
    if "hours" not in fields and "days" not in fields:
        data["days"] = 1
    data |= fields
    return data


def attempt(
    attempt_id: str, quiz_id: str = "quiz-a", submitted: str = "2026-03-01T02:00:00.000Z", *, passed: bool = True
) -> dict[str, Any]:
    return {
        "id": attempt_id,
        "quiz_id": quiz_id,
        "version": "v" * 64,
        "seed": None,
        "answers": {"q1": "A"},
        "result": {"points": 1, "max_points": 1, "percent": 100 if passed else 0, "passed": passed},
        "started_at": None,
        "submitted_at": submitted,
    }
