"""Publishing: the published folder is replaced only by a complete strict build, and can be rolled back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from quizkit.cli import main
from quizkit.publish import previous_of, rollback, swap_in

from .sites import ROOT, copy_mini

pytestmark = pytest.mark.xdist_group("publish")


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path, with a hash of its content."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_builds_leave_the_published_site_as_it_was(tmp_path: Path) -> None:
    """A bad quiz link (build error) and a broken page link (strict warning) both fail and change nothing."""
    project = copy_mini(tmp_path / "project")
    config = project / "mkdocs.yml"
    dest = tmp_path / "www" / "cadre-site"
    assert main(["--config", str(config), "publish", str(dest)]) == 0
    published = tree(dest)
    assert len(published) > 50
    assert "index.html" in published
    sample = project / "quizzes" / "sample.yaml"
    good = sample.read_text(encoding="utf-8")
    sample.write_text(good.replace("secondment.md#", "missing-page.md#", 1), encoding="utf-8")
    assert main(["--config", str(config), "publish", str(dest)]) == 1
    assert tree(dest) == published
    sample.write_text(good, encoding="utf-8")
    page = project / "docs" / "secondment.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n见[不存在的页面](nowhere.md)。\n", encoding="utf-8")
    assert main(["--config", str(config), "publish", str(dest)]) == 1
    assert tree(dest) == published
    # Nothing half-built is left beside it.
    assert sorted(p.name for p in dest.parent.iterdir()) == ["cadre-site"]


def test_swap_keeps_the_previous_version_and_rollback_restores_it(tmp_path: Path) -> None:
    dest = tmp_path / "cadre-site"
    for version in ("一", "二"):
        new = tmp_path / f"new-{version}"
        new.mkdir()
        (new / "index.html").write_text(version, encoding="utf-8")
        swap_in(new, dest)
    assert ((dest / "index.html").read_text("utf-8"), (previous_of(dest) / "index.html").read_text("utf-8")) == (
        "二",
        "一",
    )
    rollback(dest)
    assert ((dest / "index.html").read_text("utf-8"), (previous_of(dest) / "index.html").read_text("utf-8")) == (
        "一",
        "二",
    )


def test_guide_publishes_with_the_command_never_rsync_delete_from_site() -> None:
    """The guide's rsync example must not copy a folder a failed build may have emptied."""
    guide = (ROOT / "docs" / "guide" / "publish.md").read_text(encoding="utf-8")
    assert "rsync -a --delete site/" not in guide
    assert "cadre-officer publish" in guide


def test_headers_file_refuses_framing_for_browsers_without_csp() -> None:
    from quizkit.csp import headers_file

    assert "  X-Frame-Options: SAMEORIGIN\n" in headers_file("frame-ancestors 'self'")
