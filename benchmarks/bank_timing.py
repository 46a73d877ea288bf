"""Print how long importing and exporting a large question bank takes under CPython.

A bank of 2,000 questions (the shipped quizzes' questions, repeated with numbered stems): export to
the template, import the workbook, import the same bank as Word text, and write the YAML; best of 3.
Run: ``.venv/bin/python benchmarks/bank_timing.py [--questions 2000]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from quizkit.officer.bank_answers import answer_text
from quizkit.officer.bank_errors import Where
from quizkit.officer.bank_export import export_bank
from quizkit.officer.bank_import import import_bank
from quizkit.officer.bank_rows import Setting
from quizkit.officer.bank_yaml import emit_quiz
from quizkit.sources import load_bank
from scoring.model import TYPE_NAMES, Quiz

ROOT = Path(__file__).parent.parent


def best_of(action: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def big_quiz(count: int) -> Quiz:
    bank = load_bank(ROOT / "quizzes", ROOT)
    own = [q for spec in bank.specs.values() for q in spec.quiz.questions]
    questions = tuple(
        replace(q, id=f"big-{n:04d}", stem=f"{q.stem}（{n}）", area="政策制度")
        for n, q in enumerate((own * (count // len(own) + 1))[:count], start=1)
    )
    return Quiz("big", "大题库", "政策制度", 60, "", questions)


def as_text(quiz: Quiz) -> str:
    """The bank as Word text, choice and fill questions only (the common paper exam)."""
    lines = []
    for n, q in enumerate(quiz.questions, start=1):
        if q.type not in ("single", "multiple", "truefalse", "fill"):
            continue
        lines.append(f"{n}、【{TYPE_NAMES[q.type]}】{q.stem}")
        if q.type != "truefalse":
            lines += [f"{key}、{text}" for key, text in q.options]
        lines += [f"答案：{answer_text(q)}", f"解析：{q.explanation}", f"讲解链接：{q.link}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=2000)
    count = parser.parse_args().questions
    quiz = big_quiz(count)
    export_time, workbook = best_of(lambda: export_bank(quiz))
    import_time, imported = best_of(lambda: import_bank("big.xlsx", workbook, {}))
    yaml_time, text = best_of(lambda: emit_quiz(imported.data))
    word = as_text(quiz).encode("utf-8")
    # A text file has no settings sheet: they come as the command line gives them.
    given = {"id": "big", "title": "大题库", "area": "政策制度"}
    settings = {key: Setting(value, Where("命令参数")) for key, value in given.items()}
    text_time, from_text = best_of(lambda: import_bank("big.txt", word, settings))
    print(f"questions: {len(quiz.questions)} (workbook {len(workbook) / 1e6:.2f} MB, YAML {len(text) / 1e6:.2f} MB)")
    print(f"export to xlsx:        {export_time:.2f} s")
    print(f"import xlsx:           {import_time:.2f} s")
    print(f"write YAML:            {yaml_time:.3f} s")
    print(
        f"import Word text:      {text_time:.2f} s ({len(from_text.data['questions'])} questions, {len(word) / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
