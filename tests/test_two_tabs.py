"""Two tabs of one quiz (issue 13, case 3): each tab keeps its own draft, the resume offer lists
every unfinished draft ([data-draft]), and submitting in one tab never deletes another's work."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser
WAIT_MS = 90_000
SAMPLE = "quiz/sample/"


def answer_three(page: Page) -> None:
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.check('[data-question-id="s-truefalse"] input[value="true"]')
    page.fill('[data-question-id="s-fill"] input[data-blank="0"]', "半")


def offered(page: Page) -> list[str]:
    page.wait_for_selector("[data-draft]")
    return [
        text.split("（")[1].split("）")[0] for text in page.locator("[data-draft] .quiz-resume__text").all_inner_texts()
    ]


def test_two_tabs_keep_their_own_drafts_and_a_submit_deletes_only_its_own(
    new_page: NewPage, serve_mini: StaticServer
) -> None:
    """3 answers in tab B, 1 in tab A, close B, reopen: B's 3 are offered; A submits; B's draft stays."""
    tab_a, _ = new_page(serve_mini.url)
    tab_b = tab_a.context.new_page()
    for page in (tab_a, tab_b):
        page.goto(serve_mini.url + SAMPLE)
        page.wait_for_selector(".quiz[data-ready]")
    answer_three(tab_b)
    tab_a.check('[data-question-id="s-single"] input[value="C"]')
    tab_a.wait_for_timeout(300)
    tab_b.close()
    tab_c = tab_a.context.new_page()
    tab_c.goto(serve_mini.url + SAMPLE)
    first = offered(tab_c)
    tab_a.wait_for_selector('[data-engine-status="ready"]', timeout=WAIT_MS)
    tab_a.click('[data-action="submit"]')
    tab_a.click('[data-action="submit-anyway"]')
    tab_a.locator("[data-result]").wait_for(timeout=WAIT_MS)
    tab_c.reload()
    after_submit = offered(tab_c)
    tab_c.locator('[data-draft] [data-action="resume"]').first.click()
    resumed = (
        tab_c.is_checked('[data-question-id="s-single"] input[value="B"]'),
        tab_c.input_value('[data-question-id="s-fill"] input[data-blank="0"]'),
    )
    assert (first, after_submit, resumed) == (["已答 3 / 4 题"], ["已答 3 / 4 题"], (True, "半"))
