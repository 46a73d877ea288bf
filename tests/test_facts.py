"""Figures the pages state come from one source, the build: the engine's download size and the
question types scoring knows, the same on every page that states them."""

from __future__ import annotations

import re
from pathlib import Path

from quizkit.facts import fill_facts, gzip_size, megabytes
from scoring.model import TYPE_NAMES

SIZE = re.compile(r"约 ?[0-9.]+ ?MB")


def page_text(site: Path, path: str) -> str:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    return re.sub(r"<[^>]+>", "", article)


def test_every_stated_engine_size_is_the_engine_the_site_ships(real_site: Path) -> None:
    """Each 约 N MB a page states for the engine is the gzip size of the engine files in the built site."""
    engine = sorted((real_site / "assets" / "pyodide").iterdir()) + [real_site / "assets" / "quiz" / "scoring.zip"]
    expected = megabytes(gzip_size(path.read_bytes() for path in engine))
    pages = ("", "selftest", "guide/publish")
    stated = {path: SIZE.findall(page_text(real_site, path)) for path in pages if (real_site / path).is_dir()}
    stated["guide/publish"] = stated.get("guide/publish", [])[1:]  # the first is the whole site's size
    assert {"": [expected], "selftest": [expected], "guide/publish": [expected]} == stated


def test_the_publishing_guide_states_the_site_size_to_within_a_quarter(real_site: Path) -> None:
    """整个网站约 N MB in the guide is the built site's size, give or take a quarter."""
    whole = SIZE.findall(page_text(real_site, "guide/publish"))[0]
    size = sum(path.stat().st_size for path in real_site.rglob("*") if path.is_file())
    assert 0.75 < float(re.sub(r"[^0-9.]", "", whole)) * 1e6 / size < 1.25, f"{whole}: the site is {size / 1e6:.1f} MB"


def test_selftest_page_names_every_question_type(real_site: Path) -> None:
    """The 自测 page lists each question type scoring knows, and how many there are."""
    text = page_text(real_site, "selftest")
    names = [name.removesuffix("题") for name in TYPE_NAMES.values()]
    assert ([], True) == ([n for n in names if n not in text], f"{len(names)} 种" in text)


def test_no_placeholder_is_left_in_a_built_page(real_site: Path) -> None:
    """Every {{ name }} a page uses was filled in by the build."""
    left = {
        str(path.relative_to(real_site)): found
        for path in real_site.rglob("*.html")
        if (found := re.findall(r"\{\{\s*(?:engine_size|question_types)\s*\}\}", path.read_text(encoding="utf-8")))
    }
    assert {} == left


def test_unknown_placeholders_are_left_as_they_are() -> None:
    """Only the build's own names are replaced; other braces (code samples) stay."""
    assert "约 4 MB 与 {{ other }}" == fill_facts("{{ engine_size }} 与 {{ other }}", {"engine_size": "约 4 MB"})
