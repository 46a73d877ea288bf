"""Names Material's markup lacks, added to every built page: the search dialog and the two toggles."""

from __future__ import annotations

import re
from pathlib import Path

from quizkit.theme import name_search_dialog

UNNAMED = re.compile(r'<(?:div class="md-search"|input class="md-toggle")(?![^>]*aria-label)[^>]*>')


def test_no_built_page_has_an_unnamed_dialog_or_toggle(real_site: Path) -> None:
    """No page has Material's search dialog or menu/search toggle without an accessible name."""
    unnamed = {
        str(path.relative_to(real_site)): found
        for path in real_site.rglob("*.html")
        if (found := UNNAMED.findall(path.read_text(encoding="utf-8")))
    }
    assert {} == unnamed


def test_naming_is_idempotent() -> None:
    """A page already named is left as it is."""
    html = '<div class="md-search" data-md-component="search" role="dialog"><input class="md-toggle" data-md-toggle="drawer" type="checkbox">'
    once = name_search_dialog(html)
    assert (once, 2) == (name_search_dialog(once), once.count("aria-label"))
