"""Issue 14: the learner's history re-scores an attempt made under an older version with its own key.

The quiz page ships its quiz's archived versions (answer data only); the engine checks each against
its version and grades the attempt with it. Only a version missing from the archive is listed as
recorded, and the row says why.
"""

from __future__ import annotations

from typing import Any

from scoring.api import call
from scoring.attempts import NOT_ARCHIVED
from scoring.quiz_schema import parse_quiz
from scoring.version_archive import add_versions, page_versions
from tests.quizdata import question, quiz

MADE = quiz(question("q1"), question("q2"))
CORRECTED = quiz(question("q1"), question("q2", answer="B"))


def request(attempts: list[dict[str, Any]], versions: Any = None) -> dict[str, Any]:
    data: dict[str, Any] = {"op": "history", "quiz": CORRECTED, "attempts": attempts}
    if versions is not None:
        data["versions"] = versions
    return data


def shipped() -> dict[str, Any]:
    archive, _ = add_versions(None, [parse_quiz(MADE), parse_quiz(CORRECTED)])
    return page_versions(archive, parse_quiz(CORRECTED))


def test_an_attempt_of_an_older_version_is_scored_with_the_key_it_was_made_under() -> None:
    made = parse_quiz(MADE)
    attempts = [{"id": "a1", "version": made.scoring_version, "answers": {"q1": "A", "q2": "A"}}]
    reply = call(request(attempts, shipped()))
    [row] = reply["result"]["attempts"]
    assert ("scored", True, 100, True) == (row["status"], row["older_version"], row["percent"], row["passed"])
    assert (1, 100) == (reply["result"]["counted"], reply["result"]["percent"])
    # The page ships only the other versions: the quiz's own is never sent twice.
    assert [made.scoring_version] == list(shipped())


def test_without_the_archived_version_the_attempt_is_listed_and_the_row_says_why() -> None:
    attempts = [{"id": "a1", "version": parse_quiz(MADE).scoring_version, "answers": {}, "result": {"percent": 50}}]
    [row] = call(request(attempts))["result"]["attempts"]
    assert ("other_version", NOT_ARCHIVED, {"percent": 50}) == (row["status"], row["message"], row["recorded"])
    assert "存档" in NOT_ARCHIVED


def test_an_archived_version_that_does_not_match_its_hash_is_refused() -> None:
    """Answer data edited in the page (or a damaged build) never grades an attempt."""
    versions = shipped()
    [entry] = versions.values()
    entry["quiz"]["questions"][1]["answer"] = "C"
    attempts = [{"id": "a1", "version": parse_quiz(MADE).scoring_version, "answers": {"q2": "C"}}]
    reply = call(request(attempts, versions))
    assert (False, "bad_request") == (reply["ok"], reply["error"]["code"])
    assert "存档" in reply["error"]["message"]
