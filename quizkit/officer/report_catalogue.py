"""What the site holds to re-score and re-tally with: quizzes by scoring version, credit rules by hash.

``grader_for`` is the one place that decides which quiz definition grades an attempt: the quiz
whose scoring version the attempt recorded (a wording edit keeps it; older versions come from the
committed archive of published versions), or, for attempts saved before scoring versions, the
quiz whose content hash it recorded (``legacy``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scoring.attempts import Rescorer
from scoring.credit_rules import RuleSet
from scoring.model import Question, Quiz
from scoring.regrade import Regrade, regrade_quiz
from scoring.version_archive import content_aliases, quiz_data, rebuild

QUESTION_TEXT = 40
FOUND_KEPT = 10_000


@dataclass
class Catalogue:
    # Scoring version -> quiz.
    quizzes: dict[str, Quiz]
    rules: dict[str, RuleSet]
    # Content hash -> scoring version, for attempts recorded before scoring versions.
    legacy: dict[str, str] = field(default_factory=dict)
    # Quiz id -> the quiz as the site holds it now (what a regrade scores with).
    latest: dict[str, Quiz] = field(default_factory=dict)
    # One re-scorer per quiz version, made on first use: it keeps that version's draws and gradings.
    _graders: dict[str, Rescorer] = field(default_factory=dict, repr=False, compare=False)
    # Older scoring version -> its regrade with the current answer data and that regrade's re-scorer.
    _regrades: dict[str, tuple[Regrade, Rescorer]] = field(default_factory=dict, repr=False, compare=False)
    # (recorded version, quiz id) -> what ``grader_for`` found for it.
    _found: dict[tuple[str, str], Rescorer | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(
        cls, quizzes: Iterable[Quiz], rules: Iterable[RuleSet], archive: Mapping[str, Any] | None = None
    ) -> Catalogue:
        """The site's quizzes, then every version in the archive of published versions (``archive``,
        from ``scoring.version_archive``) that the site no longer has."""
        current = {q.scoring_version: q for q in quizzes}
        latest = {q.id: q for q in current.values()}
        legacy = {q.version: q.scoring_version for q in current.values()}
        if archive is not None:
            legacy = content_aliases(archive) | legacy
            for version in sorted(archive["versions"]):
                if version not in current:
                    current[version] = rebuild(quiz_data(archive, version), version)
        return cls(current, {r.version: r for r in rules}, legacy, latest)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "quizzes": self.quizzes,
            "rules": self.rules,
            "legacy": self.legacy,
            "latest": self.latest,
            "_graders": {},
            "_regrades": {},
            "_found": {},
        }

    def grader_for(self, attempt: Mapping[str, Any]) -> Rescorer | None:
        """The re-scorer of the quiz version this attempt was answered in, or None if the site lacks it."""
        version, quiz_id = attempt.get("version"), attempt.get("quiz_id")
        if type(version) is str and type(quiz_id) is str:
            # Looked up once per (version, quiz): a class's attempts share a handful.
            key = (version, quiz_id)
            if key in self._found:
                return self._found[key]
            found = self._find(version, quiz_id)
            if len(self._found) < FOUND_KEPT:  # hand-edited records could name any number of versions
                self._found[key] = found
            return found
        return self._find(version, quiz_id)

    def _find(self, version: Any, quiz_id: Any) -> Rescorer | None:
        if not isinstance(version, str):
            return None
        quiz = self.quizzes.get(version) or self.quizzes.get(self.legacy.get(version, ""))
        if quiz is None or quiz.id != quiz_id:
            return None
        grader = self._graders.get(quiz.scoring_version)
        if grader is None:
            grader = self._graders[quiz.scoring_version] = Rescorer(quiz)
        return grader

    def regrade_for(self, quiz: Quiz) -> tuple[Regrade, Rescorer] | None:
        """How an attempt made under ``quiz`` (an older version) is regraded with the site's current answer
        data, and the re-scorer that does it; None when the site's version scores it just the same."""
        current = self.latest.get(quiz.id)
        if current is None or current.scoring_version == quiz.scoring_version:
            return None
        found = self._regrades.get(quiz.scoring_version)
        if found is None:
            regrade = regrade_quiz(quiz, current)
            found = self._regrades[quiz.scoring_version] = (regrade, Rescorer(regrade.quiz))
        return found if found[0].differs or found[0].kept else None

    def rules_for(self, record: Mapping[str, Any]) -> RuleSet | None:
        recorded = record.get("rules")
        version = recorded.get("version") if isinstance(recorded, Mapping) else None
        return self.rules.get(version) if isinstance(version, str) else None

    def quiz_title(self, quiz_id: str) -> str:
        return next((q.title for q in self.quizzes.values() if q.id == quiz_id), quiz_id)

    def question(self, quiz_id: str, question_id: str) -> Question | None:
        """The question as the site holds it (the first version of the quiz that has it)."""
        return next(
            (q for quiz in self.quizzes.values() if quiz.id == quiz_id for q in quiz.questions if q.id == question_id),
            None,
        )


def question_text(question: Question | None) -> str:
    """The stem's first characters, on one line."""
    if question is None:
        return ""
    text = " ".join(question.stem.split())
    return text if len(text) <= QUESTION_TEXT else text[:QUESTION_TEXT] + "…"
