"""The learner's credit ledger (学时台账) and what it shares with the yearly summary: the rules payload.

The rules travel in the page as resolved JSON with their content hashes; ``ledger.js`` and
``summary.js`` hand them to ``scoring`` in the engine.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from scoring.credit_rules import MEASURE_LABELS, RuleSet
from scoring.model import Quiz, content_hash

from .common import EngineLinks, EngineSite, asset_url, generated_page, render
from .summary import render_summary_page

UNIT_LABELS = {"time": "按学时或天数登记", "count": "按次登记", "quiz": "自动计入"}
EVERY_LABELS = {"period": "", "year": "（每年）", "half_year": "（每半年）"}


def rules_payload(rule_sets: list[RuleSet], quizzes: dict[str, Quiz]) -> dict[str, Any]:
    """What the pages' scripts need: every rule set resolved with its hash, the entry kinds, quiz titles."""
    kinds: dict[str, dict[str, str]] = {}
    for rules in rule_sets:
        for kind in rules.kinds:
            if kind.unit != "quiz":
                kinds.setdefault(kind.id, {"id": kind.id, "title": kind.title, "unit": kind.unit})
    sets = [{"id": r.id, "title": r.title, "version": r.version, "rules": r.to_dict()} for r in rule_sets]
    payload = {"rule_sets": sets, "kinds": list(kinds.values()), "quizzes": {q.id: q.title for q in quizzes.values()}}
    return payload | {"version": content_hash(payload)}


def render_ledger_page(
    rule_sets: list[RuleSet], payload: dict[str, Any], engine: EngineLinks, summary_href: str, script: str
) -> str:
    return render(
        "ledger.md",
        title="学时台账",
        rule_sets=rule_sets,
        payload=payload,
        engine=engine,
        summary_href=summary_href,
        script=script,
        kind_titles={r.id: {k.id: k.title for k in r.kinds} for r in rule_sets},
        unit_labels=UNIT_LABELS,
        every_labels=EVERY_LABELS,
        measure_labels=MEASURE_LABELS,
    )


def add_ledger_pages(
    config: MkDocsConfig,
    files: Files,
    rule_sets: list[RuleSet],
    quizzes: dict[str, Quiz],
    engine: EngineSite,
    ledger_uri: str,
    summary_uri: str,
) -> None:
    """The ledger and the summary page, added to ``files``."""
    payload = rules_payload(rule_sets, quizzes)
    ledger = generated_page(config, files, ledger_uri)
    summary = generated_page(config, files, summary_uri)
    ledger.content_string = render_ledger_page(
        rule_sets,
        payload,
        engine.links(ledger),
        get_relative_url(summary_uri, ledger_uri),
        asset_url("ledger.js", ledger),
    )
    summary.content_string = render_summary_page(
        payload, engine.links(summary), get_relative_url(ledger.url, summary.url), asset_url("summary.js", summary)
    )
