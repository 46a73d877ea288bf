"""Problems found in quiz or rule data, reported as ``file:line: field: message``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Path = tuple[str | int, ...]


class ScoringError(Exception):
    """Base class of every error raised by this package."""


@dataclass(frozen=True)
class Source:
    """Where data came from: a file name and the line of each field, if known."""

    name: str = "<数据>"
    lines: Mapping[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def format_path(path: Path) -> str:
    """``("questions", 3, "answer")`` -> ``questions[3].answer``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True)
class Problem:
    """One mistake in a data file."""

    source: str
    line: int | None
    path: Path
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        field_name = format_path(self.path)
        return f"{where}: {field_name}: {self.message}" if field_name else f"{where}: {self.message}"


class DataError(ScoringError):
    """One or more problems in quiz or rule data."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Collector:
    """Gathers every problem in a file so an officer sees them all at once."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.source.name, self.source.line_of(path), path, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def describe(value: object) -> str:
    """A short Chinese description of a wrong value, for ``(实际是 …)``."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"'{shown}'"
    if isinstance(value, list):
        return f"列表（{len(value)} 项）"
    if isinstance(value, dict):
        return f"映射（{len(value)} 项）"
    return type(value).__name__
