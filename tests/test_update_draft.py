"""An update deployed mid-attempt (issue 13, case 4): the banner covers no control, and after 更新 a
draft made on the quiz before its key changed is listed with its answers and a download, never
hidden and never filled into the changed questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import storage
from .browser import NewPage
from .sites import StaticServer, copy_mini, mkdocs_build
from .test_e2e_quiz import answer_sample
from .test_offline import wait_until_offline_ready

pytestmark = pytest.mark.browser

OVERLAP = """([a, b]) => {
  const r = document.querySelector(a).getBoundingClientRect(), s = document.querySelector(b).getBoundingClientRect();
  return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
}"""


def test_an_update_mid_attempt_keeps_the_draft_in_view_and_covers_no_control(new_page: NewPage, tmp_path: Path) -> None:
    """Half-answered on a 360×640 phone, the key of s-single changes and is deployed: the banner does not
    cover 提交并评分; after 更新 the old draft is listed as changed, with its answers, nothing filled in."""
    project = copy_mini(tmp_path / "project")
    site = tmp_path / "site"
    assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
    server = StaticServer(site)
    try:
        page, _ = new_page(server.url)
        page.set_viewport_size({"width": 360, "height": 640})
        page.goto(server.url + "quiz/sample/")
        wait_until_offline_ready(page)
        answer_sample(page)
        page.wait_for_timeout(300)
        quiz = project / "quizzes/sample.yaml"
        quiz.write_text(
            quiz.read_text(encoding="utf-8").replace("    answer: B\n", "    answer: C\n", 1), encoding="utf-8"
        )
        assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        page.wait_for_selector(".offline-update", timeout=30_000)
        page.locator('[data-action="submit"]').scroll_into_view_if_needed()
        covers = page.evaluate(OVERLAP, [".offline-update", '[data-action="submit"]'])
        with page.expect_navigation():
            page.click('[data-action="update"]')
        item = page.locator("[data-draft][data-stale]")
        item.wait_for(timeout=30_000)
        listed = item.inner_text()
        drafts = storage.stored_values(page, "draft")
        kept = [d for d in drafts.values() if d.get("answers", {}).get("s-single") == "B"]
        filled = page.is_checked('[data-question-id="s-single"] input[value="B"]')
        assert (False, True, True, True, 1, False) == (
            covers,
            "更新之前" in listed,
            "第 1 题（s-single）：B" in listed,
            page.locator('[data-draft][data-stale] [data-action="download-draft"]').count() == 1,
            len(kept),
            filled,
        )
    finally:
        server.close()
