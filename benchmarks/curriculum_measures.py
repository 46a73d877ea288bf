"""Print the curriculum measures of issue 20: questions, bare-number keys, scenario questions per
module quiz, stems that lean on an unnamed text. The same rules as tests/test_curriculum.py.

Run: .venv/bin/python -m benchmarks.curriculum_measures
"""

from __future__ import annotations

from quizkit.sources import load_bank
from tests.sites import ROOT
from tests.test_curriculum import CONTEXT_STEM, asks_for_a_number, module_quizzes, own_questions


def main() -> None:
    bank = load_bank(ROOT / "quizzes", ROOT)
    questions = own_questions(bank)
    numbers = [q.id for q in questions if asks_for_a_number(q)]
    print(f"questions: {len(questions)}")
    print(f"bare-number keys: {len(numbers)} ({len(numbers) / len(questions):.1%}) {numbers}")
    scenarios = {
        quiz_id: sum(q.type == "scenario" for q in bank.quizzes[quiz_id].questions) for quiz_id in module_quizzes()
    }
    print(f"module quizzes: {len(scenarios)}; fewest scenario questions in one: {min(scenarios.values())}")
    leaning = [q.id for q in questions if CONTEXT_STEM.search(q.stem)]
    print(f"stems leaning on an unnamed text: {len(leaning)} {leaning}")


if __name__ == "__main__":
    main()
