"""What the learner's scripts can say (loading, failures, notices) uses the pages' plain words.

The pages at rest are read in Chromium (test_accessibility); these sentences show only when
something happens, so they are read from the scripts' string literals."""

from __future__ import annotations

import re
from pathlib import Path

from .plain_words import JARGON
from .sites import ROOT

# The learner's pages' scripts and templates (the officer's workbench has its own assets folder).
LEARNER_SOURCES = [
    *sorted((ROOT / "quizkit" / "assets").glob("*.js")),
    *sorted((ROOT / "quizkit" / "assets").glob("*.mjs")),
    *sorted((ROOT / "quizkit" / "offline" / "assets").glob("*.js")),
    *sorted(path for path in (ROOT / "quizkit" / "pages" / "templates").iterdir() if path.stem != "officer"),
]
LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Code inside text: a script's ${…}, a template's {% … %} and tags; a template's {{ … }} keeps its strings.
CODE = re.compile(r"\$\{[^}]*\}|\{\{.*?\}\}|\{%.*?%\}|<[^>]*>")


def without_code(text: str) -> str:
    return CODE.sub(lambda code: " ".join(LITERAL.findall(code[0])) if code[0].startswith("{{") else "", text)


def sentences(path: Path) -> list[str]:
    """The Chinese text in a script's string literals or a template's lines, without the code in them."""
    text = path.read_text(encoding="utf-8")
    pieces = LITERAL.findall(text) if path.suffix in {".js", ".mjs"} else text.splitlines()
    return [without_code(piece) for piece in pieces if CHINESE.search(piece)]


def test_the_sources_are_found() -> None:
    assert {".js", ".mjs", ".md"} <= {path.suffix for path in LEARNER_SOURCES}
    assert any("评分程序" in line for path in LEARNER_SOURCES for line in sentences(path))


def test_what_the_learner_scripts_say_is_plain() -> None:
    """No message names Python, WebAssembly, Workers or hashes, and the scoring program has one name."""
    found = {
        path.relative_to(ROOT).as_posix(): words
        for path in LEARNER_SOURCES
        if (words := sorted({w for line in sentences(path) for w in JARGON.findall(line)}))
    }
    assert {} == found


# The publishing guide quotes what a learner's page says (提示“…”, 或“…”); …… stands for the rest.
QUOTED = re.compile(r"(?:提示|或)“([^”]+)”")


def test_the_guide_quotes_what_the_pages_say() -> None:
    """Every message the officer's guide tells them to look for is one a learner's page can show."""
    said = [line for path in LEARNER_SOURCES for line in sentences(path)]
    quoted = QUOTED.findall((ROOT / "docs" / "guide" / "publish.md").read_text(encoding="utf-8"))
    assert len(quoted) >= 4
    # A figure in a quote (120 秒) is a ${…} in the script: both stand for any text there.
    missing = [
        q
        for q in quoted
        if not any(all(part in line for part in re.split(r"……|\s*\d+\s*", q) if part) for line in said)
    ]
    assert [] == missing
