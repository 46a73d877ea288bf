"""Chinese search in Chromium: each 术语表 term is one word, and searching it puts its own entry first."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from quizkit.search_terms import bold_terms, glossary_terms

from .browser import NewPage
from .sites import ROOT, StaticServer

pytestmark = pytest.mark.browser

GLOSSARY = ROOT / "docs" / "glossary.md"
LINK = re.compile(r"\]\(([^)#]+)\.md(?:#[^)]*)?\)")


def linked_pages(markdown: str) -> dict[str, set[str]]:
    """Term -> the pages its glossary entry points to (详见, 另见), as site paths."""
    entries = re.split(r"^## +", markdown, flags=re.MULTILINE)[1:]
    linked = {}
    for entry in entries:
        term, _, body = entry.partition("\n")
        linked[term.strip()] = {re.sub(r"(^|/)index$", r"\1", path).rstrip("/") + "/" for path in LINK.findall(body)}
    return linked


def is_its_own(term: str, first: list[str], title: str, linked: set[str]) -> bool:
    """The first result (a page and its sections) is the glossary with the term's entry, a page the
    entry points to, or the page about the term (its title or its first section names it)."""
    page_path, anchors = first[0].split("#")[0], [link.partition("#")[2] for link in first[1:]]
    if page_path == "glossary/":
        return term.lower() in anchors
    return page_path in linked or term in title or (bool(anchors) and term.lower() in anchors[0])


def test_glossary_terms_are_read_from_the_headings() -> None:
    """The dictionary takes every glossary heading and bold terms, split at 、."""
    markdown = "# 术语表\n\n## 三荐两考\n\n正文 **一账一卡**、**革命化、年轻化**，**这是一整句话，不是术语。**\n"
    assert (["三荐两考"], ["一账一卡", "革命化", "年轻化"]) == (glossary_terms(markdown), bold_terms(markdown))


def test_every_glossary_term_is_one_word_in_the_index(real_site: Path) -> None:
    """In the built search index each glossary term is segmented as one word wherever it occurs."""
    docs = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = "\u200b".join(doc["title"] + "\u200b" + doc["text"] for doc in docs)
    split = {
        term
        for term in glossary_terms(GLOSSARY.read_text(encoding="utf-8"))
        if term in text.replace("\u200b", "") and f"\u200b{term}\u200b" not in f"\u200b{text}\u200b"
    }
    assert set() == split


def test_searching_each_glossary_term_finds_its_entry_first(new_page: NewPage, serve_real: StaticServer) -> None:
    """Typing each 术语表 term into the search box lists its glossary entry (or a page it points to) first."""
    page, _ = new_page(serve_real.url, viewport={"width": 1280, "height": 900})
    page.goto(serve_real.url)
    field = page.locator("input.md-search__input")
    linked = linked_pages(GLOSSARY.read_text(encoding="utf-8"))
    wrong = {}
    for term, pages in linked.items():
        # Material reads the query on key events as well as input: a key press after each fill.
        field.fill("")
        field.press("End")
        page.wait_for_selector(".md-search-result__item", state="detached", timeout=20_000)
        field.fill(term)
        field.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        hrefs = page.eval_on_selector_all(".md-search-result__list > li:first-child a", "els => els.map((a) => a.href)")
        first = [
            urlsplit(unquote(href)).path.removeprefix("/") + "#" + urlsplit(unquote(href)).fragment for href in hrefs
        ]
        title = page.inner_text(".md-search-result__list > li:first-child a h1")
        if not is_its_own(term, first, title, pages):
            wrong[term] = [title, *first[:2]]
    assert (True, {}) == (len(linked) > 50, wrong)
