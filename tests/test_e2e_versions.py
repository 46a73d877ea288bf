"""Issue 14 in Chromium: a draft survives an update of the site that only changed wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import NewPage
from .sites import StaticServer, copy_mini, mkdocs_build
from .test_e2e_quiz import answer_sample, result_of

pytestmark = pytest.mark.browser


def page_html(site: Path) -> str:
    return (site / "quiz/sample/index.html").read_text(encoding="utf-8")


def test_a_draft_resumes_after_a_text_only_update(new_page: NewPage, tmp_path: Path) -> None:
    """Half-answered, then the officer fixes a typo in an explanation and publishes: the learner comes
    back to the same draft, answers in place, with no word of an old version, and it scores."""
    project = copy_mini(tmp_path / "project")
    site = tmp_path / "site"
    assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
    before = page_html(site)
    server = StaticServer(site)
    try:
        # The network, not a precache, serves the new build (the update banner has its own test).
        page, _ = new_page(server.url, service_workers="block")
        page.goto(server.url + "quiz/sample/")
        answer_sample(page)
        quiz = project / "quizzes/sample.yaml"
        text = quiz.read_text(encoding="utf-8")
        quiz.write_text(text.replace("组织培养要早发现、早培养。", "组织培养要早发现、早培养！", 1), encoding="utf-8")
        assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
        assert "早培养！" in page_html(site)
        assert before != page_html(site)
        page.reload()
        page.click('[data-action="resume"]', timeout=30_000)
        restored = (
            page.is_checked('[data-question-id="s-single"] input[value="B"]'),
            page.is_checked('[data-question-id="s-multiple"] input[value="B"]'),
            page.input_value('[data-question-id="s-fill"] input[data-blank="0"]'),
        )
        assert (True, True, "半") == restored
        assert "旧版本" not in page.inner_text(".quiz")
        page.click('[data-action="submit"]')
        assert ("6", "8", "75") == result_of(page)
        assert "早培养！" in page.inner_text('[data-question-id="s-single"] .quiz-feedback')
    finally:
        server.close()


def test_the_history_rescores_an_attempt_made_before_a_key_change(new_page: NewPage, tmp_path: Path) -> None:
    """Submitted under key B (6 of 8), then the officer corrects s-single's key to A and publishes: the
    history still scores the old attempt with the key it was made under (75%, passed), from the
    versions the page ships, instead of only listing it."""
    project = copy_mini(tmp_path / "project")
    site = tmp_path / "site"
    assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
    server = StaticServer(site)
    try:
        page, traffic = new_page(server.url, service_workers="block")
        page.goto(server.url + "quiz/sample/")
        answer_sample(page)
        page.click('[data-action="submit"]')
        assert ("6", "8", "75") == result_of(page)
        quiz = project / "quizzes/sample.yaml"
        quiz.write_text(quiz.read_text(encoding="utf-8").replace("    answer: B\n", "    answer: A\n", 1))
        assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
        assert '"versions"' in page_html(site)
        page.reload()
        row = page.locator('[data-history] li[data-attempt-status="older"]')
        row.wait_for(timeout=180_000)
        assert "75%（通过，按作答时的答案计分）" in row.inner_text()
        assert "已计分 1 次" in page.inner_text("[data-history]")
        assert [] == traffic.foreign
    finally:
        server.close()
