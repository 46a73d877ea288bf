"""Quiz pages (``quiz/<id>/``) and the list of quizzes on the self-test index page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from scoring.model import AREAS, Quiz
from scoring.version_archive import page_versions

from ..sources import Bank
from .common import EngineLinks, EngineSite, asset_url, generated_page, render
from .labels import COMBINE
from .questions import question_html


def page_uri(quiz_id: str) -> str:
    return f"quiz/{quiz_id}.md"


def rules_text(quiz: Quiz) -> str:
    """How the quiz is taken, in one line: draws, time limit, how attempts combine, hints."""
    rules = quiz.rules
    parts = []
    if rules.draw is not None:
        parts.append(f"每次从 {len(quiz.questions)} 题中随机抽 {rules.draw} 题")
    if rules.time_limit_minutes is not None:
        parts.append(f"限时 {rules.time_limit_minutes:g} 分钟，时间到自动交卷")
    if rules.mastery is not None:
        parts.append(f"最近 {rules.mastery[1]} 题答对 {rules.mastery[0]} 题即为掌握")
    else:
        parts.append(f"多次作答{COMBINE[rules.combine]}")
    if rules.hint_cost:
        parts.append(f"看提示扣该题 {rules.hint_cost:.0%} 的分")
    return " · ".join(parts)


def render_quiz_page(
    quiz: Quiz,
    hrefs: dict[str, str],
    engine: EngineLinks,
    rules_href: str,
    script: str,
    way: dict[str, Any] | None = None,
    older: Mapping[str, Any] | None = None,
) -> str:
    """The quiz page; ``way`` is where its result panel and footer lead (``progress.quiz_ways``);
    ``older`` the quiz's archived versions other than its own (``page_versions``), shipped only when
    there are any, so the history re-scores an attempt made before a key change."""
    way = way or {}
    drawn = quiz.rules.draw is not None
    data: dict[str, Any] = {"quiz": quiz.to_dict(), "hrefs": hrefs, "way": way}
    if older:
        data["versions"] = dict(older)
    return render(
        "quiz.md",
        title=quiz.title,
        quiz=quiz,
        data=data,
        way=way,
        shuffled=drawn or quiz.rules.shuffle_questions,
        count=quiz.rules.draw if drawn else len(quiz.questions),
        max_points="满分按抽到的题计算" if drawn else f"满分 {quiz.max_points:g} 分",
        pass_mark=f"{quiz.pass_mark:g}",
        rules_text=rules_text(quiz),
        questions=Markup("").join(question_html(n, q) for n, q in enumerate(quiz.questions, start=1)),
        engine=engine,
        rules_href=rules_href,
        script=script,
    )


def _hrefs(quiz: Quiz, page: File, files: Files) -> dict[str, str]:
    """Each question's 查看讲解 link, relative to the quiz page (a missing target is reported in on_env)."""
    hrefs = {}
    for question in quiz.questions:
        path, _, anchor = question.link.partition("#")
        target = files.get_file_from_path(path)
        if target is not None:
            hrefs[question.id] = f"{get_relative_url(target.url, page.url)}#{anchor}"
    return hrefs


def add_quiz_pages(
    config: MkDocsConfig,
    files: Files,
    bank: Bank,
    engine: EngineSite,
    rules_page: str,
    ways_of: Callable[[dict[str, File]], dict[str, dict[str, Any]]] | None = None,
    archive: Mapping[str, Any] | None = None,
) -> dict[str, File]:
    """One page per quiz, added to ``files``; returns them by quiz id. ``ways_of`` gives each page's
    links onwards once the pages exist; each page carries its quiz's older scoring versions from
    ``archive`` (answer data only), for its history."""
    rules = files.get_file_from_path(rules_page)
    pages = {quiz_id: generated_page(config, files, page_uri(quiz_id)) for quiz_id in bank.quizzes}
    ways = ways_of(pages) if ways_of else {}
    for quiz in bank.quizzes.values():
        page = pages[quiz.id]
        page.content_string = render_quiz_page(
            quiz,
            _hrefs(quiz, page, files),
            engine.links(page),
            get_relative_url(rules.url, page.url) if rules else "#",
            asset_url("quiz.js", page),
            ways.get(quiz.id),
            page_versions(archive, quiz) if archive is not None else None,
        )
    return pages


def quiz_list_markdown(bank: Bank, page_uri_of_list: str) -> str:
    """Every quiz grouped by area, as Markdown links, for the self-test index page."""
    groups: dict[str, list[str]] = {}
    for quiz in bank.quizzes.values():
        url = get_relative_url(page_uri(quiz.id), page_uri_of_list)
        groups.setdefault(quiz.area, []).append(f"- [{quiz.title}]({url})（{len(quiz.questions)} 题）")
    return "\n\n".join(f"### {area}\n\n" + "\n".join(groups[area]) for area in AREAS if area in groups)
