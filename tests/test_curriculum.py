"""The curriculum and its question banks hold together: every module has a quiz, every page its parts."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from quizkit.sources import Bank
from quizkit.yaml_source import load_yaml
from scoring.model import QUESTION_TYPES, Question

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


# A "bare number" answer is one that is only a figure once units and qualifiers are taken away:
# "65", "56名", "2次，不少于3天", "每半年一次", "半数以上", "12380". Frequencies named by a period
# ("每季度一次") and answers that also carry words ("在所在村和任职村公示，不少于5个工作日") are not.
NUMERAL = set("0123456789.%〇零一二两三四五六七八九十百千万半")
# Units and qualifiers around a figure; longer ones first, so "个工作日" is taken before "个".
UNITS = re.compile(
    "个工作日|工作日|学时|周岁|万元|余元|昼夜|不少于|不超过|以上|以下|以内|左右|至少|分之|小时|分钟"
    "|个|名|人|次|天|年|月|期|户|元|岁|盏|号|批|篇|件|斤|日|或|和|约|第|每|余|届|周|数"
)
# Stems that lean on a text the learner cannot see once the question is drawn into an area quiz,
# the daily practice or the review book: "这个县", "这份计划", "原文", "该文", "材料中"...
CONTEXT_STEM = re.compile(
    r"这(个|份|名|位|所|家|篇|些)|该(县|乡|镇|村|市|文|校|企业|方案|计划|报告)|原文|文中|本文|上文|本页"
    r"|(材料|资料)(中|里|认为|要求|说|提出|列出|指出)"
)


def module_id(page: Path) -> str:
    return f"{page.parent.name}-{page.stem}"


def own_questions(bank: Bank) -> list[Question]:
    return [q for spec in bank.specs.values() for q in spec.quiz.questions]


def is_bare_number(text: str) -> bool:
    text = UNITS.sub("", text)
    text = re.sub(r"[\s，,、；;：:（）()～~—–\-/]", "", text)
    return bool(text) and all(ch in NUMERAL for ch in text)


def asks_for_a_number(question: Question) -> bool:
    """The key is a bare figure: a blank, or every correct option of a choice or matching question."""
    if question.type == "fill":
        return any(is_bare_number(accepted[0]) for accepted in question.answer)
    if question.type in ("single", "multiple", "matching"):
        options = dict(question.options)
        return all(is_bare_number(options[key]) for key in question.answer)
    return False


def module_quizzes() -> list[str]:
    return [module_id(page) for page in MODULES]


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
    """At least 320 own questions, of every type the engine has."""
    questions = own_questions(real_bank)
    assert (True, set(QUESTION_TYPES)) == (len(questions) >= 320, {q.type for q in questions})


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


def test_bare_number_answers_are_at_most_five_percent(real_bank: Bank) -> None:
    """At most 5% of the own questions are answered by a bare figure."""
    questions = own_questions(real_bank)
    numbers = [q.id for q in questions if asks_for_a_number(q)]
    assert (True, numbers) == (len(numbers) <= 0.05 * len(questions), numbers)


@pytest.mark.parametrize("quiz_id", module_quizzes())
def test_every_module_quiz_asks_at_most_one_number(quiz_id: str, real_bank: Bank) -> None:
    """A module quiz has at most one question whose answer is a bare figure."""
    numbers = [q.id for q in real_bank.quizzes[quiz_id].questions if asks_for_a_number(q)]
    assert len(numbers) <= 1, numbers


@pytest.mark.parametrize("quiz_id", module_quizzes())
def test_every_module_quiz_has_two_scenario_questions(quiz_id: str, real_bank: Bank) -> None:
    """Every module quiz has at least two weighted scenario questions (judgement, not recall)."""
    scenarios = [q.id for q in real_bank.quizzes[quiz_id].questions if q.type == "scenario"]
    assert len(scenarios) >= 2, scenarios


def test_no_stem_points_at_an_unnamed_text(real_bank: Bank) -> None:
    """No stem says 这个县 / 这份计划 / 原文 / 该文 / 材料中: each names the county, plan or text."""
    assert [] == [(q.id, q.stem) for q in own_questions(real_bank) if CONTEXT_STEM.search(q.stem)]


def copycheck_script() -> Path | None:
    """The shared tool that compares the curriculum with the source texts (outside the repository)."""
    for folder in (ROOT, *ROOT.parents):
        script = folder / "shared" / "tools" / "copycheck.py"
        if script.is_file():
            return script
    return None


def test_no_run_of_25_characters_is_copied_from_the_sources() -> None:
    """copycheck finds no run of 25+ characters shared between the sources and docs/ or quizzes/."""
    script = copycheck_script()
    if script is None:
        pytest.skip("shared/tools/copycheck.py is not beside the repository")
    result = subprocess.run(
        [sys.executable, str(script), "--min", "25", "docs", "quizzes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert (0, "0 shared run(s) of 25+ characters") == (result.returncode, result.stdout.strip().splitlines()[-1])
