"""Learner tools (学习档案): credit rules YAML -> validated rule sets -> the ledger and summary pages.

The pages are plain HTML inside Markdown. The rules travel in the page as resolved JSON with
their content hashes; ``ledger.js`` and ``summary.js`` hand them to ``scoring`` in Pyodide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from scoring.credit_rules import MEASURE_LABELS, RuleSet, parse_rule_sets
from scoring.errors import DataError, Problem
from scoring.model import Quiz, content_hash

from .yaml_source import load_yaml

UNIT_LABELS = {"time": "按学时或天数登记", "count": "按次登记", "quiz": "自动计入"}
EVERY_LABELS = {"period": "", "year": "（每年）", "half_year": "（每半年）"}


@dataclass(frozen=True)
class EngineSite:
    """Where the engine files are in the site (site paths, not yet relative to a page)."""

    engine_dir: str
    pyodide_dir: str
    archive_url: str
    archive_sha256: str
    timeout_seconds: int


def load_rule_sets(rules_dir: Path, display_root: Path) -> list[RuleSet]:
    """Read ``rules_dir/*.yaml``; raise ``DataError`` listing the problems of every file."""
    problems: list[Problem] = []
    loaded = []
    for path in sorted([*rules_dir.glob("*.yaml"), *rules_dir.glob("*.yml")]):
        name = path.relative_to(display_root).as_posix() if path.is_relative_to(display_root) else str(path)
        try:
            data, source = load_yaml(path, name)
        except DataError as error:
            problems.extend(error.problems)
            continue
        if isinstance(data, dict) and data.get("id") != path.stem:
            problems.append(
                Problem(
                    name,
                    source.line_of(("id",)),
                    ("id",),
                    f"规则 id 应与文件名一致（应为 '{path.stem}'，实际是 {data.get('id')!r}）",
                )
            )
            continue
        loaded.append((data, source))
    try:
        rule_sets = parse_rule_sets(loaded)
    except DataError as error:
        problems.extend(error.problems)
        rule_sets = []
    if problems:
        raise DataError(problems)
    return rule_sets


def page_payload(rule_sets: list[RuleSet], quizzes: dict[str, Quiz]) -> dict[str, Any]:
    """What the pages' scripts need: every rule set resolved with its hash, the entry kinds, quiz titles."""
    kinds: dict[str, dict[str, str]] = {}
    for rules in rule_sets:
        for kind in rules.kinds:
            if kind.unit != "quiz":
                kinds.setdefault(kind.id, {"id": kind.id, "title": kind.title, "unit": kind.unit})
    sets = [{"id": r.id, "title": r.title, "version": r.version, "rules": r.to_dict()} for r in rule_sets]
    payload = {"rule_sets": sets, "kinds": list(kinds.values()), "quizzes": {q.id: q.title for q in quizzes.values()}}
    return payload | {"version": content_hash(payload)}


def _json_script(css_class: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" class="{css_class}">{text}</script>'


def _root_attributes(engine: EngineSite, page: File, payload: dict[str, Any]) -> str:
    def rel(url: str) -> str:
        return escape(get_relative_url(url, page.url))

    return (
        f'data-engine="{rel(f"{engine.engine_dir}/engine-worker.mjs")}" data-pyodide="{rel(f"{engine.pyodide_dir}/")}" '
        f'data-archive="{rel(engine.archive_url)}" data-archive-sha256="{engine.archive_sha256}" '
        f'data-engine-timeout="{engine.timeout_seconds}" data-rules-version="{payload["version"]}"'
    )


ENGINE_BOX = (
    '<div class="quiz-engine" data-engine-status="idle" role="status" aria-live="polite"><progress max="100"></progress>'
    '<span class="quiz-engine__text">统计程序将在后台加载，不影响登记。</span>'
    '<button type="button" class="md-button" data-action="retry" hidden>重试</button></div>'
    '<p class="quiz-notice" role="alert" hidden></p>'
)


def _rules_explained(rule_sets: list[RuleSet]) -> str:
    """Each rule set in plain words with its sources, readable before any script runs."""
    blocks = []
    for rules in rule_sets:
        titles = {k.id: k.title for k in rules.kinds}
        kinds = "".join(
            f"<li><strong>{escape(k.title)}</strong>：{UNIT_LABELS[k.unit]}"
            + (f"，每次计 {k.hours_each:g} 学时" if k.unit != "time" else "")
            + (f"，每天最多 {k.cap_per_day:g} 学时" if k.cap_per_day is not None else "")
            + (f"，每年最多 {k.cap_per_year:g} 学时" if k.cap_per_year is not None else "")
            + f"。<small>依据：{escape(k.source)}</small></li>"
            for k in rules.kinds
        )
        requirements = "".join(
            f"<li><strong>{escape(q.title)}</strong>：{'、'.join(escape(titles[k]) for k in q.kinds)}"
            f" 不少于 {q.at_least:g} {MEASURE_LABELS[q.measure]}{EVERY_LABELS[q.every]}。"
            f"<small>依据：{escape(q.source)}</small>"
            + (f"<small>说明：{escape(q.note)}</small>" if q.note else "")
            + "</li>"
            for q in rules.requirements
        )
        blocks.append(
            f'<details class="ledger-rules" data-rule-set="{escape(rules.id)}"><summary>{escape(rules.title)}</summary>'
            f"<p>{escape(rules.description)}</p>"
            f"<p>一天折合 {rules.hours_per_day:g} 学时。<small>依据：{escape(rules.hours_per_day_source)}</small></p>"
            f"<p>计入的活动：</p><ul>{kinds}</ul><p>要求：</p><ul>{requirements}</ul>"
            f"<p><small>规则版本（内容哈希）：<code>{rules.version[:16]}</code></small></p></details>"
        )
    return "\n".join(blocks)


HASH_HONESTY = (
    "导出的文件末尾有一个 SHA-256 校验值，是对文件其余内容算出的。它能发现文件在传送、保存中的意外损坏，"
    "也能发现有人直接改动文件内容（比如改一个数字）却没有重算校验值。它<strong>不能</strong>证明记录真实："
    "计算校验值的程序是公开的，就在你的手机上运行，有意造假的人改完内容后可以重新算出校验值。"
    "所以档案里保存的是原始作答和所用测验、规则的版本，组织部门可以用同一套程序重新评分和统计；"
    "培训学时以所在单位和组织部门的登记为准。"
)


def render_ledger_page(
    rule_sets: list[RuleSet], payload: dict[str, Any], engine: EngineSite, page: File, summary_href: str
) -> str:
    options = "".join(f'<option value="{escape(r.id)}">{escape(r.title)}</option>' for r in rule_sets)
    kinds = "".join(
        f'<option value="{escape(k["id"])}" data-unit="{k["unit"]}">{escape(k["title"])}</option>'
        for k in payload["kinds"]
    )
    return f"""---
search:
  exclude: true
---

# 学时台账

在这里登记集中培训、网络学习、汇报和调研等活动。记录随填随存在本机（不上传），本站自测通过后自动计入一次。
统计由浏览器里的 Python 程序按所选规则算出。[打印年度小结]({summary_href})

<div class="ledger" data-ledger {_root_attributes(engine, page, payload)}>
{ENGINE_BOX}
<section class="ledger-settings">
<label class="ledger-field">适用规则 <select name="rule_set">{options}</select></label>
<label class="ledger-field" data-term hidden>开始日期 <input type="date" name="term_start"></label>
<label class="ledger-field" data-year>统计年份 <input type="number" name="year" min="2000" max="2100" inputmode="numeric"></label>
<details class="ledger-profile"><summary>个人信息（可不填，会写进导出的档案）</summary>
<label class="ledger-field">姓名 <input type="text" name="name" maxlength="100" autocomplete="name"></label>
<label class="ledger-field">单位 <input type="text" name="unit" maxlength="100" autocomplete="organization"></label>
</details>
</section>
<section class="ledger-tally" data-tally-box aria-live="polite"><p>统计程序加载后在这里显示进度。</p></section>
<h2 id="登记">登记一条</h2>
<form class="ledger-form" data-form novalidate>
<label class="ledger-field">活动类别 <select name="kind" required>{kinds}</select></label>
<label class="ledger-field">日期 <input type="date" name="date" required></label>
<div class="ledger-amount" data-amount><label class="ledger-field">数量 <input type="number" name="amount" min="0" step="0.5" inputmode="decimal"></label>
<label class="ledger-field">单位 <select name="amount_unit"><option value="days">天</option><option value="hours">学时</option></select></label></div>
<label class="ledger-field">备注 <input type="text" name="note" maxlength="500" placeholder="如：县委党校春季班"></label>
<p class="ledger-form__error" role="alert" hidden></p>
<div class="quiz-actions"><button type="submit" class="md-button md-button--primary" data-action="save">保存</button>
<button type="button" class="md-button" data-action="cancel" hidden>取消修改</button></div>
</form>
<h2 id="我的记录">我的记录</h2>
<ul class="ledger-entries" data-entries></ul>
<h2 id="导出与导入">导出与导入</h2>
<p>导出一个文件，交给组织部门或换手机时导入。导入时按编号合并：已有的不会重复，没有的补上。</p>
<div class="quiz-actions"><button type="button" class="md-button md-button--primary" data-action="export">导出学习档案</button>
<label class="md-button ledger-import">导入学习档案<input type="file" accept=".json,application/json" data-action="import"></label></div>
<p class="ledger-record-status" data-record-status role="status" aria-live="polite"></p>
<p class="ledger-honesty"><small>{HASH_HONESTY}</small></p>
{_json_script("ledger-data", payload)}
</div>
<script type="module" src="{escape(get_relative_url(f"{engine.engine_dir}/ledger.js", page.url))}"></script>

## 规则说明

各套规则的计算办法和依据如下；培训专员可在 `quizzes/rules/` 中修改。

{_rules_explained(rule_sets)}
"""


def render_summary_page(payload: dict[str, Any], engine: EngineSite, page: File, ledger_href: str) -> str:
    return f"""---
search:
  exclude: true
---

# 年度学习小结

<div class="ledger ledger-summary" data-summary {_root_attributes(engine, page, payload)}>
{ENGINE_BOX}
<div class="quiz-actions ledger-no-print"><button type="button" class="md-button md-button--primary" data-action="print">打印 / 存为 PDF</button>
<a class="md-button" href="{escape(ledger_href)}">回到学时台账</a></div>
<p class="ledger-no-print"><small>手机上点“打印 / 存为 PDF”，在打印选项里选“存为 PDF”或“保存为 PDF”。</small></p>
<div class="ledger-sheet" data-sheet><p>统计程序加载后在这里生成小结。</p></div>
<p class="ledger-honesty"><small>{HASH_HONESTY}</small></p>
{_json_script("ledger-data", payload)}
</div>
<script type="module" src="{escape(get_relative_url(f"{engine.engine_dir}/summary.js", page.url))}"></script>
"""


def add_ledger_pages(
    config: MkDocsConfig,
    files: Files,
    rule_sets: list[RuleSet],
    quizzes: dict[str, Quiz],
    engine: EngineSite,
    ledger_uri: str,
    summary_uri: str,
) -> None:
    """Generate the ledger and summary pages into ``files``."""
    payload = page_payload(rule_sets, quizzes)
    ledger = File.generated(config, ledger_uri, content="")
    summary = File.generated(config, summary_uri, content="")
    summary_href = get_relative_url(summary_uri, ledger_uri)
    ledger.content_string = render_ledger_page(rule_sets, payload, engine, ledger, summary_href)
    summary.content_string = render_summary_page(payload, engine, summary, get_relative_url(ledger.url, summary.url))
    files.append(ledger)
    files.append(summary)
