"""Issue 14: the committed archive of scoring versions, as real builds keep it."""

from __future__ import annotations

import json
from pathlib import Path

from scoring.version_archive import FILE_NAME, read_archive

from .sites import copy_mini, mkdocs_build


def test_builds_add_new_versions_and_never_change_the_file_otherwise(tmp_path: Path) -> None:
    """A wording edit leaves the archive byte-identical; a key change adds one version, names the quiz
    in the build's output, and keeps every version that was there."""
    project = copy_mini(tmp_path / "project")
    archive = project / "quizzes" / FILE_NAME
    committed = archive.read_bytes()
    quiz = project / "quizzes/sample.yaml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("组织培养要早发现、早培养。", "组织培养要早发现、早培养！", 1), encoding="utf-8")
    worded = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert (0, committed) == (worded.returncode, archive.read_bytes()), worded.stderr
    assert "评分版本存档" not in worded.stderr
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("    answer: B\n", "    answer: A\n", 1), encoding="utf-8")
    keyed = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert 0 == keyed.returncode, keyed.stderr
    assert "评分版本存档：1 份测验有了新的评分版本（sample）" in keyed.stderr
    before, after = json.loads(committed)["versions"], read_archive(archive.read_text(encoding="utf-8"))["versions"]
    assert (set(before) < set(after), len(after) - len(before)) == (True, 1)
    assert all(after[v] == before[v] for v in before)


def test_a_damaged_archive_stops_the_build_with_its_name(tmp_path: Path) -> None:
    project = copy_mini(tmp_path / "project")
    (project / "quizzes" / FILE_NAME).write_text('{"format": "cadre-scoring-archive", ', encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert 0 != result.returncode
    assert f"{FILE_NAME}：不是有效的 JSON" in result.stderr
