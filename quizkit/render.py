"""Quiz pages as plain HTML inside Markdown: readable and answerable before any script runs.

Officer-written text is escaped, never interpreted as HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from scoring.model import BLANK, Question, Quiz

TYPE_LABELS = {"single": "单选", "multiple": "多选", "truefalse": "判断", "fill": "填空"}


@dataclass(frozen=True)
class EngineLinks:
    """Where the page finds the engine, relative to the page."""

    worker: str
    script: str
    pyodide: str
    archive: str
    archive_sha256: str
    rules: str
    timeout_seconds: int


def _stem(question: Question) -> str:
    if question.type != "fill":
        return escape(question.stem)
    parts = question.stem.split(BLANK)
    html = escape(parts[0])
    for index, part in enumerate(parts[1:]):
        html += (
            f'<input class="quiz-blank" type="text" data-blank="{index}" aria-label="第 {index + 1} 空" '
            f'autocomplete="off" autocapitalize="off" spellcheck="false">' + escape(part)
        )
    return html


def _choices(question: Question) -> str:
    kind = "checkbox" if question.type == "multiple" else "radio"
    name = escape(f"q-{question.id}")
    rows = []
    for key, text in question.options:
        label = escape(text) if question.type == "truefalse" else f"{escape(key)}. {escape(text)}"
        rows.append(
            f'<label class="quiz-option"><input type="{kind}" name="{name}" value="{escape(key)}"><span>{label}</span></label>'
        )
    return "".join(rows)


def _question(number: int, question: Question) -> str:
    stem_id = escape(f"stem-{question.id}")
    body = "" if question.type == "fill" else _choices(question)
    return (
        f'<fieldset class="quiz-question" data-question-id="{escape(question.id)}" data-type="{question.type}" '
        f'aria-labelledby="{stem_id}">'
        f'<div class="quiz-stem" id="{stem_id}"><span class="quiz-number">{number}.</span>'
        f"<small>［{TYPE_LABELS[question.type]}·{question.points:g} 分］</small> {_stem(question)}</div>"
        f'{body}<div class="quiz-feedback" hidden></div></fieldset>'
    )


def page_data_json(quiz: Quiz, hrefs: dict[str, str]) -> str:
    """The quiz for the script, safe inside a ``<script>`` element."""
    text = json.dumps({"quiz": quiz.to_dict(), "hrefs": hrefs}, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def render_quiz_page(quiz: Quiz, hrefs: dict[str, str], links: EngineLinks) -> str:
    questions = "".join(_question(n, q) for n, q in enumerate(quiz.questions, start=1))
    intro = f"\n{escape(quiz.description)}\n" if quiz.description else ""
    return f"""---
search:
  exclude: true
---

# {escape(quiz.title)}
{intro}
<div class="quiz" data-quiz-id="{escape(quiz.id)}" data-version="{quiz.version}" data-engine="{escape(links.worker)}" data-pyodide="{escape(links.pyodide)}" data-archive="{escape(links.archive)}" data-archive-sha256="{links.archive_sha256}" data-engine-timeout="{links.timeout_seconds}">
<p class="quiz-meta">共 {len(quiz.questions)} 题 · 满分 {quiz.max_points:g} 分 · 及格线 {quiz.pass_mark:g}% · 可以先作答，作答随时保存在本机。<a href="{escape(links.rules)}">评分规则</a></p>
<div class="quiz-engine" data-engine-status="idle" role="status" aria-live="polite"><progress max="100"></progress><span class="quiz-engine__text">评分引擎将在后台加载，不影响作答。</span><button type="button" class="md-button" data-action="retry" hidden>重试</button></div>
<p class="quiz-notice" role="alert" hidden></p>
<form class="quiz-form" novalidate>{questions}<div class="quiz-actions"><button type="submit" class="md-button md-button--primary" data-action="submit">提交并评分</button></div></form>
<script type="application/json" class="quiz-data">{page_data_json(quiz, hrefs)}</script>
</div>
<script type="module" src="{escape(links.script)}"></script>
"""
