"""What only the whole site can tell about an imported bank: ids other quizzes use, links to pages.

One function for ``cadre-officer import-bank`` and the officer's page: the command line reads the
other quizzes from the quiz folder and renders the pages' heading ids; the page gets the same from
the build as JSON (``site_bank_json``), other quizzes with the line of every field, so both tell a
problem in the same words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from scoring.errors import DataError, Problem, Source
from scoring.quiz_schema import QuizSpec, assemble_bank, check_links, parse_quiz_spec

from .bank_errors import BankProblem
from .bank_import import BankImport


def site_problems(
    imported: BankImport, others: Iterable[QuizSpec], anchors: Mapping[str, set[str]]
) -> list[BankProblem | Problem]:
    """``others``: every quiz of the site but the one the import replaces; ``anchors``: page -> heading ids."""
    problems: list[BankProblem | Problem] = []
    try:
        assemble_bank([*others, imported.spec])
    except DataError as error:
        for problem in error.problems:
            problems.append(imported.locate(problem) if problem.source == imported.spec.source.name else problem)
    problems.extend(imported.locate(p) for p in check_links(imported.spec, anchors))
    return problems


def site_bank_json(files: Iterable[tuple[Any, Source]], anchors: Mapping[str, set[str]]) -> str:
    """Build time: the quiz files as read (data, file name, the line of each field) and the pages' ids."""
    specs = [
        {"name": source.name, "data": data, "lines": sorted([list(path), line] for path, line in source.lines.items())}
        for data, source in files
    ]
    pages = {page: sorted(ids) for page, ids in sorted(anchors.items())}
    return json.dumps({"quizzes": specs, "anchors": pages}, ensure_ascii=False, separators=(",", ":"))


def read_site_bank(text: str) -> tuple[list[QuizSpec], dict[str, set[str]]]:
    data = json.loads(text)
    specs = [
        parse_quiz_spec(q["data"], Source(q["name"], {tuple(path): line for path, line in q["lines"]}))
        for q in data["quizzes"]
    ]
    return specs, {page: set(ids) for page, ids in data["anchors"].items()}
