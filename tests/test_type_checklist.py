"""Every question type is present in every place CONTRIBUTING.md's checklist names."""

from __future__ import annotations

import json
import re
import typing

import pytest

from quizkit.officer.bank_columns import TYPE_SYNONYMS
from quizkit.officer.template import example_quiz
from quizkit.pages.questions import BODIES, TYPE_LABELS
from quizkit.paper import SECTION_NOTES
from scoring.grading import GRADERS, RIGHT_ANSWERS
from scoring.model import OPTION_TYPES, QUESTION_TYPES, TYPE_NAMES, QuestionType
from scoring.question_schema import TYPE_KEYS

from .sites import MINI, ROOT

TYPES = set(QUESTION_TYPES)


def text_of(relative: str) -> str:
    return (ROOT / relative).read_text(encoding="utf-8")


def js_keys(relative: str, name: str) -> set[str]:
    """The keys of the object literal ``const NAME = {…}`` in a browser module."""
    body = re.search(rf"const {name} = \{{(.*?)\}};", text_of(relative), re.S)
    if body is None:
        return set()
    return set(re.findall(r"^\s*(\w+):", body.group(1), re.M))


def test_checklist_names_files_that_exist() -> None:
    """Each path in the checklist is a file of the repository."""
    checklist = text_of("CONTRIBUTING.md").split("## Adding a question type", 1)[1]
    paths = re.findall(r"^\d+\. `([^`]+)`", checklist, re.M)
    assert (True, []) == (len(paths) >= 16, [p for p in paths if not (ROOT / p).is_file()])


@pytest.mark.parametrize(
    ("place", "found"),
    [
        ("model QuestionType", set(typing.get_args(QuestionType))),
        ("model TYPE_NAMES", set(TYPE_NAMES)),
        ("question_schema TYPE_KEYS", set(TYPE_KEYS)),
        ("grading GRADERS", set(GRADERS)),
        ("grading RIGHT_ANSWERS", set(RIGHT_ANSWERS)),
        ("pages BODIES", set(BODIES)),
        ("pages TYPE_LABELS", set(TYPE_LABELS)),
        # The Chinese names only: the table also maps each type's own id to itself.
        ("bank_columns TYPE_SYNONYMS", {t for name, t in TYPE_SYNONYMS.items() if name not in TYPES}),
        ("template EXAMPLE", {q.type for q in example_quiz().questions}),
        ("paper SECTION_NOTES", set(SECTION_NOTES)),
    ],
)
def test_python_places_know_every_type(place: str, found: set[str]) -> None:
    """The Python tables hold exactly the model's types."""
    assert TYPES == found


def test_answers_js_reads_every_type() -> None:
    """answers.js has a control for every type."""
    assert TYPES == js_keys("quizkit/assets/answers.js", "CONTROLS")


def test_draw_js_shuffles_the_same_option_types() -> None:
    """draw.js and the model agree on which types have options to shuffle."""
    listed = re.search(r"const OPTION_TYPES = new Set\(\[(.*?)\]\)", text_of("quizkit/assets/draw.js"))
    assert set(OPTION_TYPES) == set(re.findall(r'"(\w+)"', listed.group(1) if listed else ""))


def test_docs_describe_every_type() -> None:
    """The learner's scoring rules name every type; the officer's guide and the README show each in YAML."""
    rules, guide, readme = text_of("docs/selftest/rules.md"), text_of("docs/guide/quizzes.md"), text_of("README.md")
    missing = {
        "rules.md": sorted(t for t in TYPES if TYPE_NAMES[t] not in rules),
        "quizzes.md": sorted(t for t in TYPES if f"type: {t}" not in guide),
        "README.md": sorted(t for t in TYPES if t not in readme.split("### Quiz YAML in brief", 1)[1][:3000]),
    }
    assert {"rules.md": [], "quizzes.md": [], "README.md": []} == missing


def test_fixtures_and_golden_cases_cover_every_type() -> None:
    """The browser tests' quizzes and the golden cases hold a question of every type."""
    fixtures = set(
        re.findall(r"^\s*type: (\w+)", "".join(p.read_text("utf-8") for p in (MINI / "quizzes").glob("*.yaml")), re.M)
    )
    cases = json.loads(text_of("tests/golden/cases.json"))
    golden = {q["type"] for case in cases for q in (case["request"].get("quiz") or {}).get("questions", [])}
    assert (TYPES, TYPES) == (fixtures & TYPES, golden)
