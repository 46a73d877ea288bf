"""Load every quiz file of a folder into a validated bank, with every problem at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring.errors import DataError, Problem
from scoring.model import Quiz
from scoring.quiz_schema import QuizSpec, assemble_bank, parse_quiz_spec

from .yaml_source import load_yaml


@dataclass(frozen=True)
class Bank:
    specs: dict[str, QuizSpec]
    quizzes: dict[str, Quiz]


def load_bank(quiz_dir: Path, display_root: Path) -> Bank:
    """Read ``quiz_dir/*.yaml``; raise ``DataError`` listing the problems of every file."""
    problems: list[Problem] = []
    specs: list[QuizSpec] = []
    files = sorted([*quiz_dir.glob("*.yaml"), *quiz_dir.glob("*.yml")])
    for path in files:
        name = path.relative_to(display_root).as_posix() if path.is_relative_to(display_root) else str(path)
        try:
            data, source = load_yaml(path, name)
            spec = parse_quiz_spec(data, source)
        except DataError as error:
            problems.extend(error.problems)
            continue
        if spec.quiz.id != path.stem:
            problems.append(
                Problem(
                    name,
                    source.line_of(("id",)),
                    ("id",),
                    f"测验 id 应与文件名一致（应为 '{path.stem}'，实际是 '{spec.quiz.id}'）",
                )
            )
            continue
        specs.append(spec)
    if problems:
        raise DataError(problems)
    quizzes = assemble_bank(specs)
    return Bank({spec.quiz.id: spec for spec in specs}, quizzes)
