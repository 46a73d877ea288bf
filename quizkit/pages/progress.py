"""Progress hooks written into the learner's pages; ``assets/progress.js`` fills them from the device.

- Each module row of the 自测 list and of an area index carries ``data-quiz-id`` and
  ``data-quiz-status="none"`` (the script sets ``failed`` or ``passed``) and a 未做 label;
  an area index says 已通过 n / m 个模块 above its table.
- A module page (one with a 本模块自测 section) names its quiz, so the script notes it as the
  last place studied; the home page gets 今日一练 and 继续上次学习.

The build only adds attributes and small elements to HTML it has already cleaned (``sanitize``).
"""

from __future__ import annotations

import re
from html import escape
from posixpath import normpath
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from scoring.model import Quiz

from .common import asset_url, json_script

MODULE_QUIZ = re.compile(r"^##\s*本模块自测\s*$[^#]*?\]\(([^)\s]*quiz/([A-Za-z0-9_-]+)\.md)\)", re.MULTILINE)
# A table row as Markdown tables render it, and the links in it.
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
LINK = re.compile(r'<a href="([^"#]+)(?:#[^"]*)?"[^>]*>.*?</a>', re.DOTALL)
QUIZ_ITEM = re.compile(r'<li>(<a href="[^"]*quiz/([A-Za-z0-9_-]+)/">.*?</a>)')
FIRST_TABLE = re.compile(r"<table>")
STATUS_LABEL = '<span class="quiz-status">未做</span>'


def module_quizzes(files: Files, guide_dir: str) -> dict[str, str]:
    """Each module page's URL (``theory/position/``) and the quiz of its 本模块自测 section."""
    found: dict[str, str] = {}
    for file in files.documentation_pages():
        if file.generated_by is not None or file.src_uri.startswith(guide_dir):
            continue
        match = MODULE_QUIZ.search(file.content_string)
        if match:
            found[file.url] = match.group(2)
    return found


def script_tag(page: File) -> str:
    return f'<script type="module" src="{asset_url("progress.js", page)}"></script>'


def _row_attributes(quiz_id: str, area: str) -> str:
    return f'data-quiz-id="{escape(quiz_id)}" data-quiz-status="none" data-area="{escape(area)}"'


def mark_module_page(html: str, page: File, quiz_id: str) -> str:
    return f'{html}<span hidden data-module-quiz="{escape(quiz_id)}"></span>{script_tag(page)}'


def mark_area_index(html: str, page: File, modules: dict[str, str]) -> str:
    """The module rows of an area index's tables, and 已通过 n / m 个模块 above the first; unchanged if none."""
    area = page.url.rstrip("/") or "home"
    here = "/" + page.url

    def mark(row: re.Match[str]) -> str:
        # The row's first link to a module page (a case table links in its last column).
        for link in LINK.finditer(row.group(1)):
            quiz_id = modules.get(normpath(urljoin(here, link.group(1))).lstrip("/") + "/")
            if quiz_id is not None:
                cells = row.group(1)
                labelled = f"{cells[: link.end()]} {STATUS_LABEL}{cells[link.end() :]}"
                return f"<tr {_row_attributes(quiz_id, area)}>{labelled}</tr>"
        return row.group(0)

    marked = ROW.sub(mark, html)
    if marked == html:
        return html
    line = f'<p class="area-progress" data-area-progress="{escape(area)}" hidden></p>'
    return FIRST_TABLE.sub(lambda m: line + m.group(0), marked, count=1) + script_tag(page)


def mark_quiz_list(html: str, page: File, quizzes: dict[str, Quiz]) -> str:
    """The 自测 list: each quiz's row with its status."""

    def mark(match: re.Match[str]) -> str:
        quiz = quizzes.get(match.group(2))
        if quiz is None:
            return match.group(0)
        return f"<li {_row_attributes(quiz.id, quiz.area)}>{match.group(1)} {STATUS_LABEL}"

    return QUIZ_ITEM.sub(mark, html) + script_tag(page)


def home_lines(page: File, quizzes: dict[str, Quiz], quiz_pages: dict[str, File]) -> str:
    """今日一练 (filled from the device: 未做 / 已完成，答对 4/5 题) and 继续上次学习 (hidden until there is a place)."""
    daily = get_relative_url("daily/", page.url)
    review = get_relative_url("review/", page.url)
    places = {
        quiz_id: {"href": get_relative_url(quiz_pages[quiz_id].url, page.url), "title": quiz.title}
        for quiz_id, quiz in quizzes.items()
        if quiz_id in quiz_pages
    }
    data = json_script(places)
    return (
        f'<p class="daily-today" data-daily-today><a href="{daily}">今日一练</a>'
        f'<span class="daily-today__state"></span> · <a href="{review}" data-home-review>错题本</a></p>'
        '<p class="continue" data-continue hidden>继续上次学习：<a href="#"></a><span class="continue__what"></span>'
        f'<script type="application/json">{Markup(data)}</script></p>'
        f"{script_tag(page)}"
    )


def nav_pages(nav: object) -> list[str]:
    """The Markdown files of ``mkdocs.yml``'s nav, in its order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_pages(value)]
    if isinstance(nav, list):
        return [path for value in nav for path in nav_pages(value)]
    return []


def _title(file: File) -> str:
    heading = re.search(r"^#\s+(.+?)\s*$", file.content_string, re.MULTILINE)
    return heading.group(1) if heading else file.name


def quiz_ways(
    nav: object, files: Files, modules: dict[str, str], quiz_pages: dict[str, File], review_url: str
) -> dict[str, dict[str, object]]:
    """Per quiz page, where its result panel and footer lead: the 错题本, the module the quiz belongs to,
    and the previous and next module's quizzes in the menu's order (each relative to the quiz page)."""
    ordered: list[tuple[File, str]] = []
    for path in nav_pages(nav):
        file = files.get_file_from_path(path)
        if file is not None and file.url in modules and modules[file.url] in quiz_pages:
            ordered.append((file, modules[file.url]))
    ways: dict[str, dict[str, object]] = {}
    for quiz_id, page in quiz_pages.items():

        def rel(target: File, page: File = page) -> str:
            return get_relative_url(target.url, page.url)

        way: dict[str, object] = {"review": get_relative_url(review_url, page.url)}
        position = next((i for i, (_, q) in enumerate(ordered) if q == quiz_id), None)
        if position is not None:
            module = ordered[position][0]
            way["module"] = {"href": rel(module), "title": _title(module)}
            for key, other in (("previous", position - 1), ("next", position + 1)):
                if 0 <= other < len(ordered):
                    file, other_quiz = ordered[other]
                    way[key] = {"href": rel(quiz_pages[other_quiz]), "title": _title(file)}
        ways[quiz_id] = way
    return ways
