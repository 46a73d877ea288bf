"""The committed archive of scoring versions on disk: read it, and add the versions a build publishes.

The file lives beside the quizzes (``quizzes/scoring-versions.json``); the officer commits it like a
lock file. It is written only when a version was added, so a build of an unchanged bank leaves it
byte-identical, and nothing is ever removed from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scoring.errors import ScoringError
from scoring.model import Quiz
from scoring.version_archive import FILE_NAME, add_versions, archive_text, empty_archive, read_archive


def archive_path(quiz_dir: Path) -> Path:
    return quiz_dir / FILE_NAME


def load_archive(quiz_dir: Path) -> dict[str, Any]:
    """The archive, or an empty one when the file does not exist yet; a damaged file is an error."""
    path = archive_path(quiz_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return empty_archive()
    except (OSError, UnicodeDecodeError) as error:
        raise ScoringError(f"无法读取评分版本存档 {path}：{error}") from None
    return read_archive(text, str(path))


def update_archive(quiz_dir: Path, quizzes: Iterable[Quiz]) -> tuple[dict[str, Any], list[str]]:
    """Add the quizzes' current scoring versions; write the file only if one was new."""
    archive, added = add_versions(load_archive(quiz_dir), quizzes)
    if added:
        path = archive_path(quiz_dir)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(archive_text(archive), encoding="utf-8")
        temporary.replace(path)
    return archive, added
