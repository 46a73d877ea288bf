"""每日一练 (``daily/``): the day's five questions, drawn on the phone from the pool the build writes.

The page holds no question: it carries the pool (each question id with its quiz) and where each
quiz page is; the script draws the date's set (``draw.js`` ``dailyDraw``, the same as
``scoring/daily.py``) and takes each question from its quiz page, as the 错题本 does.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from scoring.daily import DAILY_COUNT

from ..sources import Bank, daily_pool
from .common import EngineLinks, EngineSite, asset_url, generated_page, render
from .review import PAGE as REVIEW_PAGE

PAGE = "daily.md"


def render_daily_page(
    pool: list[dict[str, str]], quiz_urls: dict[str, str], review_href: str, engine: EngineLinks, script: str
) -> str:
    return render(
        "daily.md",
        title="每日一练",
        count=DAILY_COUNT,
        data={"pool": pool, "quizzes": quiz_urls, "reviewHref": review_href},
        review_href=review_href,
        engine=engine,
        script=script,
    )


def add_daily_page(
    config: MkDocsConfig, files: Files, bank: Bank, quiz_pages: dict[str, File], engine: EngineSite
) -> File:
    page = generated_page(config, files, PAGE)
    pool = [{"id": item.question_id, "quiz": item.quiz_id} for item in daily_pool(bank)]
    quizzes = {item["quiz"] for item in pool}
    urls = {quiz_id: get_relative_url(quiz_pages[quiz_id].url, page.url) for quiz_id in sorted(quizzes)}
    review_href = get_relative_url(REVIEW_PAGE.removesuffix(".md") + "/", page.url)
    page.content_string = render_daily_page(pool, urls, review_href, engine.links(page), asset_url("daily.js", page))
    return page
