"""The curriculum and its question banks hold together: every module has a quiz, every page its parts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from quizkit.sources import Bank
from quizkit.yaml_source import load_yaml
from scoring.model import QUESTION_TYPES

from .sites import ROOT

DOCS = ROOT / "docs"
AREAS = ("theory", "policy", "methods", "cases")
MODULES = sorted(p for area in AREAS for p in (DOCS / area).glob("*.md") if p.name != "index.md")
SOURCE_TITLES = (
    "基层干部培养情况及成长渠道",
    "后备干部培养范文",
    "年轻干部如何开展下基层挂职工作",
    "关于健全和完善乡镇基层一线选人用人",
    "乡镇干部队伍素质建设思考",
)


def module_id(page: Path) -> str:
    return f"{page.parent.name}-{page.stem}"


def test_curriculum_has_pages_in_every_area() -> None:
    """Each of the four areas has modules."""
    assert set(AREAS) == {p.parent.name for p in MODULES}


@pytest.mark.parametrize("page", MODULES, ids=module_id)
def test_every_module_has_its_quiz_linked_both_ways(page: Path, real_bank: Bank) -> None:
    """The module's quiz exists, its questions teach from this page, and the page links to it."""
    quiz = real_bank.quizzes.get(module_id(page))
    assert quiz is not None
    source = page.relative_to(DOCS).as_posix()
    assert {source} == {q.link.partition("#")[0] for q in quiz.questions}
    assert f"../quiz/{quiz.id}.md" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", MODULES, ids=module_id)
def test_every_module_page_has_the_standard_parts(page: Path) -> None:
    """Reading time, 学时, named sources, goals and key points are on every module page."""
    text = page.read_text(encoding="utf-8")
    info = re.search(r"阅读约 \d+ 分钟 · 通过本模块自测计 [\d.]+ 学时 · 资料来源：(.+)", text)
    assert info is not None
    assert any(title in info.group(1) for title in SOURCE_TITLES)
    assert ["## 学习目标", "## 要点"] == [h for h in ("## 学习目标", "## 要点") if h in text]


def test_question_ids_are_unique_across_all_files() -> None:
    """Counted from the files themselves, no question id appears twice."""
    ids = Counter(
        question["id"]
        for path in sorted((ROOT / "quizzes").glob("*.yaml"))
        for question in load_yaml(path, path.name)[0].get("questions", [])
    )
    assert [] == [qid for qid, count in ids.items() if count > 1]


def test_banks_are_large_enough_and_use_every_type(real_bank: Bank) -> None:
    """At least 200 own questions, of every type the engine has."""
    questions = [q for spec in real_bank.specs.values() for q in spec.quiz.questions]
    assert (True, set(QUESTION_TYPES)) == (len(questions) >= 200, {q.type for q in questions})


def test_quick_check_has_five_questions_from_every_area(real_bank: Bank) -> None:
    """The quick check is 5 questions and spans the four areas."""
    quick = real_bank.quizzes["quick-check"]
    assert (5, {"理论学习", "政策制度", "基层工作方法", "案例"}) == (
        len(quick.questions),
        {q.area for q in quick.questions},
    )


@pytest.mark.parametrize("area", ["理论学习", "政策制度", "基层工作方法", "案例"])
def test_each_area_has_an_area_quiz_with_all_its_questions(area: str, real_bank: Bank) -> None:
    """The area quiz holds every question of the area's module quizzes."""
    module_questions = {q.id for s in real_bank.specs.values() if s.quiz.area == area for q in s.quiz.questions}
    area_quizzes = [q for q in real_bank.quizzes.values() if q.id.startswith("area-") and q.area == area]
    assert [module_questions] == [{q.id for q in quiz.questions} for quiz in area_quizzes]
