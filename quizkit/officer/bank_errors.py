"""Problems in an officer's question bank, each told by file, sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A place in the officer's file: a workbook cell, a line of pasted text, or a command argument."""

    file: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    # Sheet position and column position, so problems read top to bottom, left to right.
    order: tuple[int, int] = (0, 0)

    def at(self, column: str, position: int = 0) -> Where:
        """The same row, another column."""
        return Where(self.file, self.sheet, self.row, column, (self.order[0], position))

    def sort_key(self) -> tuple[int, int, int]:
        return (self.order[0], self.row or 0, self.order[1])

    def __str__(self) -> str:
        parts = [self.file, self.sheet, f"第{self.row}行" if self.row is not None else "", self.column]
        return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class BankProblem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


class BankError(Exception):
    """A question bank that cannot be imported or exported; every problem is listed at once."""

    def __init__(self, problems: list[BankProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.where.sort_key())
        super().__init__("\n".join(str(p) for p in self.problems))
