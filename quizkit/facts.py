"""Figures that pages state and only the build knows, written once: ``{{ name }}`` in a Markdown page
is replaced by the build (an unknown name is left as it is, so other braces in code samples stay).

- ``{{ engine_size }}``: what a phone downloads for the scoring engine the first time (gzip, engine.json's
  ``download``, which the progress bar also counts in), e.g. 约 4 MB;
- ``{{ officer_size }}``: what the officer's workbench page downloads the first time (gzip), e.g. 约 7 MB;
- ``{{ question_types }}``: the question types scoring knows, e.g. 单选、多选……情景 7 种.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from scoring.model import TYPE_NAMES

PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def gzip_size(contents: Iterable[bytes]) -> int:
    """Bytes on the wire with gzip (the level most servers use), as a phone would download them."""
    total = 0
    for content in contents:
        compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
        total += len(compressor.compress(content)) + len(compressor.flush())
    return total


def megabytes(size: int) -> str:
    """约 4 MB: to the half megabyte, never 0."""
    return f"约 {max(0.5, round(size / 1e6 * 2) / 2):g} MB"


def question_types() -> str:
    names = [name.removesuffix("题") for name in TYPE_NAMES.values()]
    return f"{'、'.join(names)} {len(names)} 种"


def page_facts(engine_bytes: int, officer_bytes: int = 0) -> dict[str, str]:
    facts = {"engine_size": megabytes(engine_bytes), "question_types": question_types()}
    return facts | ({"officer_size": megabytes(officer_bytes)} if officer_bytes else {})


def fill_facts(markdown: str, facts: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: facts.get(match.group(1), match.group(0)), markdown)
