"""Calendar dates as the learner's data spells them (``YYYY-MM-DD``), and local dates of timestamps.

Nothing here reads the clock: "today" and the learner's UTC offset are always passed in.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .errors import ScoringError, describe

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: Any) -> date | None:
    """The date ``value`` spells, or None when it is not a valid ``YYYY-MM-DD``."""
    if not isinstance(value, str) or not DATE_PATTERN.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def require_date(value: Any, what: str) -> date:
    """``parse_date``, or ``ScoringError`` naming ``what`` and the value found."""
    parsed = parse_date(value)
    if parsed is None:
        raise ScoringError(f"{what}应为 YYYY-MM-DD 格式的日期（实际是{describe(value)}）")
    return parsed


def local_date(timestamp: Any, utc_offset_minutes: int) -> date | None:
    """The learner's calendar date of an ISO timestamp (``toISOString`` gives UTC)."""
    if not isinstance(timestamp, str):
        return None
    try:
        moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return (moment.astimezone(UTC) + timedelta(minutes=utc_offset_minutes)).date()
    except OverflowError:
        return None  # the first or last hours of year 1 or 9999: no real attempt
