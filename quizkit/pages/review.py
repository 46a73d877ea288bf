"""The wrong-answer book (错题本): one question at a time, taken from its quiz page."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .common import EngineLinks, EngineSite, asset_url, generated_page, render

PAGE = "review.md"


def render_review_page(
    quiz_urls: dict[str, str], engine: EngineLinks, script: str, titles: dict[str, str] | None = None
) -> str:
    return render("review.md", title="错题本", quiz_urls=quiz_urls, titles=titles or {}, engine=engine, script=script)


def add_review_page(
    config: MkDocsConfig,
    files: Files,
    quiz_pages: dict[str, File],
    engine: EngineSite,
    titles: dict[str, str] | None = None,
) -> File:
    """The page; ``titles`` (quiz id to title) name the module each question of the book came from."""
    page = generated_page(config, files, PAGE)
    urls = {quiz_id: get_relative_url(quiz.url, page.url) for quiz_id, quiz in quiz_pages.items()}
    page.content_string = render_review_page(urls, engine.links(page), asset_url("review.js", page), titles)
    return page
