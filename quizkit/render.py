"""Quiz pages as plain HTML inside Markdown: readable and answerable before any script runs.

Officer-written text is escaped, never interpreted as HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from scoring.draw import Mulberry32
from scoring.model import BLANK, Question, Quiz

TYPE_LABELS = {
    "single": "单选",
    "multiple": "多选",
    "truefalse": "判断",
    "fill": "填空",
    "ordering": "排序",
    "matching": "连线",
    "scenario": "情景",
}


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
    for index, (key, text) in enumerate(question.options):
        # Letters follow the shown position; the script renumbers them after a shuffle.
        letter = "" if question.type == "truefalse" else f'<span class="quiz-key">{chr(65 + index)}.</span> '
        rows.append(
            f'<label class="quiz-option" data-key="{escape(key)}"><input type="{kind}" name="{name}" value="{escape(key)}">'
            f"<span>{letter}{escape(text)}</span></label>"
        )
    return "".join(rows)


def _ordering(question: Question) -> str:
    count = len(question.options)
    # Written order is often the answer; the static page must not show it (the script re-shuffles per attempt).
    keys = [key for key, _ in question.options]
    Mulberry32(0).shuffle(keys)
    texts = dict(question.options)
    places = "".join(f'<option value="{n}">第 {n} 位</option>' for n in range(1, count + 1))
    rows = [
        f'<div class="quiz-order-item" data-key="{escape(key)}"><select class="quiz-select" data-order-item="{escape(key)}" '
        f'aria-label="“{escape(texts[key])}”排第几"><option value="">排第几？</option>{places}</select><span>{escape(texts[key])}</span></div>'
        for key in keys
    ]
    return '<p class="quiz-help">给每一项选一个位次，1 表示最先。</p>' + "".join(rows)


def _matching(question: Question) -> str:
    choices = "".join(
        f'<option value="{escape(key)}" data-key="{escape(key)}">{chr(65 + i)}. {escape(text)}</option>'
        for i, (key, text) in enumerate(question.options)
    )
    rows = [
        f'<label class="quiz-match"><span>{escape(prompt)}</span><select class="quiz-select" data-match="{index}">'
        f'<option value="">请选择</option>{choices}</select></label>'
        for index, prompt in enumerate(question.prompts)
    ]
    return "".join(rows)


def _body(question: Question) -> str:
    if question.type == "fill":
        return ""
    if question.type == "ordering":
        return _ordering(question)
    if question.type == "matching":
        return _matching(question)
    return _choices(question)


def _hint(question: Question) -> str:
    if not question.hint:
        return ""
    return (
        '<div class="quiz-hint"><button type="button" class="md-button" data-action="hint">看提示</button>'
        f'<p class="quiz-hint__text" hidden>{escape(question.hint)}</p></div>'
    )


def question_html(number: int, question: Question) -> str:
    """One question as a fieldset with the stable hooks; also used by the review page."""
    stem_id = escape(f"stem-{question.id}")
    return (
        f'<fieldset class="quiz-question" data-question-id="{escape(question.id)}" data-type="{question.type}" '
        f'aria-labelledby="{stem_id}">'
        f'<div class="quiz-stem" id="{stem_id}"><span class="quiz-number">{number}.</span>'
        f"<small>［{TYPE_LABELS[question.type]}·{question.points:g} 分］</small> {_stem(question)}</div>"
        f'{_body(question)}{_hint(question)}<div class="quiz-feedback" hidden></div></fieldset>'
    )


def _rules_text(quiz: Quiz) -> str:
    rules = quiz.rules
    parts = []
    if rules.draw is not None:
        parts.append(f"每次从 {len(quiz.questions)} 题中随机抽 {rules.draw} 题")
    if rules.time_limit_minutes is not None:
        parts.append(f"限时 {rules.time_limit_minutes:g} 分钟，时间到自动交卷")
    if rules.mastery is not None:
        parts.append(f"最近 {rules.mastery[1]} 题答对 {rules.mastery[0]} 题即为掌握")
    else:
        parts.append(
            {
                "highest": "多次作答取最高分",
                "last": "多次作答以最后一次为准",
                "first": "多次作答以第一次为准",
                "average": "多次作答取平均分",
            }[rules.combine]
        )
    if rules.hint_cost:
        parts.append(f"看提示扣该题 {rules.hint_cost:.0%} 的分")
    return " · ".join(parts)


def page_data_json(quiz: Quiz, hrefs: dict[str, str]) -> str:
    """The quiz for the script, safe inside a ``<script>`` element."""
    text = json.dumps({"quiz": quiz.to_dict(), "hrefs": hrefs}, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def render_quiz_page(quiz: Quiz, hrefs: dict[str, str], links: EngineLinks) -> str:
    questions = "".join(question_html(n, q) for n, q in enumerate(quiz.questions, start=1))
    max_points = f"满分 {quiz.max_points:g} 分" if quiz.rules.draw is None else "满分按抽到的题计算"
    count = len(quiz.questions) if quiz.rules.draw is None else quiz.rules.draw
    intro = f"\n{escape(quiz.description)}\n" if quiz.description else ""
    return f"""---
search:
  exclude: true
---

# {escape(quiz.title)}
{intro}
<div class="quiz"{" data-draw" if quiz.rules.draw is not None or quiz.rules.shuffle_questions else ""} data-quiz-id="{escape(quiz.id)}" data-version="{quiz.version}" data-engine="{escape(links.worker)}" data-pyodide="{escape(links.pyodide)}" data-archive="{escape(links.archive)}" data-archive-sha256="{links.archive_sha256}" data-engine-timeout="{links.timeout_seconds}">
<p class="quiz-meta">共 {count} 题 · {max_points} · 及格线 {quiz.pass_mark:g}% · {_rules_text(quiz)} · 作答随时保存在本机。<a href="{escape(links.rules)}">评分规则</a></p>
<div class="quiz-resume" hidden><p class="quiz-resume__text"></p><button type="button" class="md-button md-button--primary" data-action="resume">继续作答</button> <button type="button" class="md-button" data-action="discard">放弃，重新开始</button></div>
<p class="quiz-timer" data-timer hidden></p>
<div class="quiz-engine" data-engine-status="idle" role="status" aria-live="polite"><progress max="100"></progress><span class="quiz-engine__text">评分引擎将在后台加载，不影响作答。</span><button type="button" class="md-button" data-action="retry" hidden>重试</button></div>
<p class="quiz-notice" role="alert" hidden></p>
<form class="quiz-form" novalidate>{questions}<div class="quiz-actions"><button type="submit" class="md-button md-button--primary" data-action="submit">提交并评分</button><button type="button" class="md-button" data-action="restart" hidden>再做一次</button></div></form>
<section class="quiz-history" data-history hidden></section>
<script type="application/json" class="quiz-data">{page_data_json(quiz, hrefs)}</script>
</div>
<script type="module" src="{escape(links.script)}"></script>
"""


def render_review_page(quiz_urls: dict[str, str], links: EngineLinks, script: str) -> str:
    """The wrong-answer book: one question at a time, fetched from its quiz page."""
    urls = json.dumps(quiz_urls, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"""---
search:
  exclude: true
---

# 错题本

提交测验时没有全对的题会自动记在这里，按间隔重复安排复习：答对一次，下次复习隔得更久；答错就从头来。每天最多安排一定数量，几天没来也不会一下子堆成山。

<div class="review" data-review data-engine="{escape(links.worker)}" data-pyodide="{escape(links.pyodide)}" data-archive="{escape(links.archive)}" data-archive-sha256="{links.archive_sha256}" data-engine-timeout="{links.timeout_seconds}">
<div class="quiz-engine" data-engine-status="idle" role="status" aria-live="polite"><progress max="100"></progress><span class="quiz-engine__text">评分引擎将在后台加载。</span><button type="button" class="md-button" data-action="retry" hidden>重试</button></div>
<p class="review-status" aria-live="polite">正在读取错题本…</p>
<form class="review-card quiz-form" novalidate hidden></form>
<div class="quiz-actions"><button type="button" class="md-button md-button--primary" data-action="check" hidden>提交这道题</button><button type="button" class="md-button" data-action="next" hidden>下一题</button></div>
<script type="application/json" class="review-quizzes">{urls}</script>
</div>
<script type="module" src="{escape(script)}"></script>
"""
