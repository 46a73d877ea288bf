"""The real site in Chromium: every page loads cleanly, search finds words, a real quiz scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser


def page_paths(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))


def test_every_page_loads_without_404_or_foreign_request(
    new_page: NewPage, serve_real: StaticServer, real_site: Path
) -> None:
    """Each built page and everything it loads comes from this origin, with no 4xx/5xx."""
    page, traffic = new_page(serve_real.url)
    paths = page_paths(real_site)
    for path in paths:
        page.goto(serve_real.url + path.removeprefix("./"), wait_until="load")
    assert len(paths) > 40
    assert ([], []) == (traffic.failures, traffic.foreign)


def test_search_finds_secondment_pages_by_word(new_page: NewPage, serve_real: StaticServer) -> None:
    """Searching 挂职 lists the secondment page."""
    page, _ = new_page(serve_real.url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(serve_real.url)
    field = page.locator("input.md-search__input")
    field.fill("挂职")
    # Material reads the query on key events as well as input; a query typed before its search worker
    # has loaded the index is read again on the next key (as a learner would press one).
    for _ in range(40):
        field.press("End")
        if page.locator(".md-search-result__item").count():
            break
        page.wait_for_timeout(1_000)
    page.wait_for_selector(".md-search-result__item", timeout=5_000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    assert any("policy/secondment/" in link for link in links), links


def test_real_quiz_answered_right_scores_full_marks(new_page: NewPage, serve_real: StaticServer) -> None:
    """The quick check, answered with the keys in its own data, scores 100%."""
    page, traffic = new_page(serve_real.url)
    page.goto(serve_real.url + "quiz/quick-check/")
    data = json.loads(page.inner_text("script.quiz-data"))
    for question in data["quiz"]["questions"]:
        box = f'[data-question-id="{question["id"]}"]'
        answer = question["answer"]
        if question["type"] == "fill":
            for index, accepted in enumerate(answer):
                page.fill(f'{box} input[data-blank="{index}"]', accepted[0])
        elif question["type"] == "truefalse":
            page.check(f'{box} input[value="{"true" if answer else "false"}"]')
        else:
            for key in answer if isinstance(answer, list) else [answer]:
                page.check(f'{box} input[value="{key}"]')
    page.click('[data-action="submit"]')
    result = page.locator("[data-result]")
    result.wait_for(timeout=60_000)
    assert ("100", "5") == (result.get_attribute("data-percent"), str(len(data["quiz"]["questions"])))
    assert ([], []) == (traffic.failures, traffic.foreign)
