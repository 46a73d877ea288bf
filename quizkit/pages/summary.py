"""The printable yearly summary (年度学习小结) of the learner's ledger."""

from __future__ import annotations

from typing import Any

from .common import EngineLinks, render


def render_summary_page(payload: dict[str, Any], engine: EngineLinks, ledger_href: str, script: str) -> str:
    return render(
        "summary.md", title="年度学习小结", payload=payload, engine=engine, ledger_href=ledger_href, script=script
    )
