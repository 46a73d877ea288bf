"""The officer's files: the quiz folder and the credit-rules folder, read and validated.

One reader serves the MkDocs plugin and ``cadre-officer``, and ``site_folders`` reads where the
folders are from ``mkdocs.yml`` (the ``quizzes`` plugin's ``quiz_dir`` and ``rules_dir``), so the
command line always checks the same files the site is built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring.credit_rules import RuleSet, parse_rule_sets
from scoring.daily import PoolItem, make_pool
from scoring.errors import DataError, Problem, Source
from scoring.model import Quiz
from scoring.quiz_schema import QuizSpec, assemble_bank, parse_quiz_spec

from .config import QuizzesConfig
from .yaml_source import load_yaml

PLUGIN_NAME = "quizzes"


@dataclass(frozen=True)
class Bank:
    """Every quiz as written (``specs``, for messages with lines) and resolved (``quizzes``)."""

    specs: dict[str, QuizSpec]
    quizzes: dict[str, Quiz]


@dataclass(frozen=True)
class SiteFolders:
    """Where a site's officer files are: the folder of mkdocs.yml, the quizzes and the rules."""

    root: Path
    quiz_dir: Path
    rules_dir: Path

    @classmethod
    def of(cls, root: Path, options: QuizzesConfig) -> SiteFolders:
        return cls(root, root / options.quiz_dir, root / options.rules_dir)


def display_name(path: Path, root: Path) -> str:
    """A file as messages name it: relative to the site when it is inside it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_folder(folder: Path, root: Path, what: str) -> tuple[list[tuple[Any, Source]], list[Problem]]:
    """Every ``*.yaml``/``*.yml`` file of ``folder`` (sorted) read safely, its ``id`` checked
    against its file name; the problems of all files at once."""
    loaded: list[tuple[Any, Source]] = []
    problems: list[Problem] = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        name = display_name(path, root)
        try:
            data, source = load_yaml(path, name)
        except DataError as error:
            problems.extend(error.problems)
            continue
        found = data.get("id") if isinstance(data, dict) else None
        if isinstance(data, dict) and found != path.stem:
            message = f"{what} id 应与文件名一致（应为 '{path.stem}'，实际是 {found!r}）"
            problems.append(Problem(name, source.line_of(("id",)), ("id",), message))
            continue
        loaded.append((data, source))
    return loaded, problems


def load_bank(quiz_dir: Path, root: Path) -> Bank:
    """Read ``quiz_dir/*.yaml``; raise ``DataError`` listing the problems of every file."""
    loaded, problems = read_folder(quiz_dir, root, "测验")
    specs: list[QuizSpec] = []
    for data, source in loaded:
        try:
            specs.append(parse_quiz_spec(data, source))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    quizzes = assemble_bank(specs)
    return Bank({spec.quiz.id: spec for spec in specs}, quizzes)


def load_rule_sets(rules_dir: Path, root: Path) -> list[RuleSet]:
    """Read ``rules_dir/*.yaml`` (none when the folder is absent); raise ``DataError`` listing every problem."""
    if not rules_dir.is_dir():
        return []
    loaded, problems = read_folder(rules_dir, root, "规则")
    try:
        rule_sets = parse_rule_sets(loaded)
    except DataError as error:
        problems.extend(error.problems)
        rule_sets = []
    if problems:
        raise DataError(problems)
    return rule_sets


def daily_pool(bank: Bank) -> list[PoolItem]:
    """每日一练's pool: every question as written, under the quiz it is written in (not those including it)."""
    return make_pool({spec.quiz.id: [q.id for q in spec.quiz.questions] for spec in bank.specs.values()})


def site_folders(config_file: Path) -> SiteFolders:
    """The folders the ``quizzes`` plugin of ``config_file`` reads (its defaults when it is not configured)."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    root = Path(config.config_file_path).parent
    plugin = config.plugins.get(PLUGIN_NAME)
    options = getattr(plugin, "config", None)
    if not isinstance(options, QuizzesConfig):
        options = QuizzesConfig()
        options.load_dict({})
        options.validate()
    return SiteFolders.of(root, options)
