"""One question as plain HTML with the stable hooks, per type; readable and answerable before any script runs.

Built with ``Markup.format``, which escapes every value it is given: officer text never becomes HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from scoring.draw import Mulberry32
from scoring.model import BLANK, TYPE_NAMES, Question

# "单选", "多选"… in the question's heading: the type's name without 题.
TYPE_LABELS = {qtype: name.removesuffix("题") for qtype, name in TYPE_NAMES.items()}


def _join(parts: list[Markup]) -> Markup:
    return Markup("").join(parts)


def _stem(question: Question) -> Markup:
    if question.type != "fill":
        return Markup("{}").format(question.stem)
    parts = question.stem.split(BLANK)
    blank = Markup(
        '<input class="quiz-blank" type="text" data-blank="{index}" aria-label="第 {number} 空" '
        'autocomplete="off" autocapitalize="off" spellcheck="false">{after}'
    )
    html = [Markup("{}").format(parts[0])]
    html += [blank.format(index=i, number=i + 1, after=part) for i, part in enumerate(parts[1:])]
    return _join(html)


def _choices(question: Question) -> Markup:
    kind = "checkbox" if question.type == "multiple" else "radio"
    rows = []
    for index, (key, text) in enumerate(question.options):
        # Letters follow the shown position; the script renumbers them after a shuffle.
        letter = (
            Markup("")
            if question.type == "truefalse"
            else Markup('<span class="quiz-key">{}.</span> ').format(chr(65 + index))
        )
        rows.append(
            Markup(
                '<label class="quiz-option" data-key="{key}"><input type="{kind}" name="{name}" value="{key}" autocomplete="off">'
                "<span>{letter}{text}</span></label>"
            ).format(key=key, kind=kind, name=f"q-{question.id}", letter=letter, text=text)
        )
    return _join(rows)


def _ordering(question: Question) -> Markup:
    count = len(question.options)
    # Written order is often the answer; the static page must not show it (the script re-shuffles per attempt).
    keys = [key for key, _ in question.options]
    Mulberry32(0).shuffle(keys)
    texts = dict(question.options)
    places = _join([Markup('<option value="{n}">第 {n} 位</option>').format(n=n) for n in range(1, count + 1)])
    # The item's text first, its place chosen beside it (or just under it on a narrow screen), in one box.
    row = Markup(
        '<div class="quiz-order-item" data-key="{key}"><span class="quiz-order-text">{text}</span>'
        '<select class="quiz-select" data-order-item="{key}" aria-label="“{text}”排第几" autocomplete="off">'
        '<option value="">排第几？</option>{places}</select></div>'
    )
    rows = [row.format(key=key, text=texts[key], places=places) for key in keys]
    return Markup('<p class="quiz-help">给每一项选一个位次，1 表示最先。</p>') + _join(rows)


def _matching(question: Question) -> Markup:
    choices = _join(
        [
            Markup('<option value="{key}" data-key="{key}">{letter}. {text}</option>').format(
                key=key, letter=chr(65 + i), text=text
            )
            for i, (key, text) in enumerate(question.options)
        ]
    )
    row = Markup(
        '<label class="quiz-match"><span>{prompt}</span><select class="quiz-select" data-match="{index}" autocomplete="off">'
        '<option value="">请选择</option>{choices}</select></label>'
    )
    return _join([row.format(prompt=prompt, index=i, choices=choices) for i, prompt in enumerate(question.prompts)])


# What the learner answers with, per type: the stem's blanks (fill) or a control below the stem.
BODIES: dict[str, Callable[[Question], Markup]] = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _choices,
    "fill": lambda question: Markup(""),
    "ordering": _ordering,
    "matching": _matching,
    "scenario": _choices,
}


def _hint(question: Question) -> Markup:
    if not question.hint:
        return Markup("")
    return Markup(
        '<div class="quiz-hint"><button type="button" class="md-button" data-action="hint">看提示</button>'
        '<p class="quiz-hint__text" hidden>{}</p></div>'
    ).format(question.hint)


def question_html(number: int, question: Question) -> Markup:
    """One question as a fieldset with the stable hooks (data-question-id, data-type, .quiz-feedback)."""
    return Markup(
        '<fieldset class="quiz-question" data-question-id="{id}" data-type="{type}" aria-labelledby="{stem_id}">'
        '<div class="quiz-stem" id="{stem_id}"><span class="quiz-number">{number}.</span>'
        "<small>［{label}·{points} 分］</small> {stem}</div>"
        '{body}{hint}<div class="quiz-feedback" hidden></div></fieldset>'
    ).format(
        id=question.id,
        type=question.type,
        stem_id=f"stem-{question.id}",
        number=number,
        label=TYPE_LABELS[question.type],
        points=f"{question.points:g}",
        stem=_stem(question),
        body=BODIES[question.type](question),
        hint=_hint(question),
    )
