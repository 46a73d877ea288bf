"""The reduced standard library: what is cut from the sources, and what is kept."""

from __future__ import annotations

import io
import json
import zipfile

from quizkit.engine.stdlib import kept_files, reduce_lockfile, reduce_stdlib, strip_source

from .sites import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"


def test_comments_go_but_hashes_in_strings_stay() -> None:
    """A comment is cut; a '#' inside a string is code and stays."""
    source = 'x = "# kept"  # cut\n# cut\ny = 1\n'
    assert 'x = "# kept"\ny = 1\n' == strip_source(source)


def test_docstrings_become_pass_and_module_docstring_goes() -> None:
    """A body left with only its docstring still parses; ``from __future__`` stays first."""
    source = '"""Module."""\nfrom __future__ import annotations\ndef f():\n    """Doc."""\n'
    assert "from __future__ import annotations\ndef f():\n    pass\n" == strip_source(source)


def test_blank_lines_inside_strings_are_kept() -> None:
    """Lines of a multi-line string are data, kept as they are."""
    source = 'x = """a\n\n  b"""\n\n'
    assert 'x = """a\n\n  b"""\n' == strip_source(source)


def test_reduced_stdlib_holds_exactly_the_kept_files() -> None:
    """The shipped archive has the listed members and no others."""
    reduced = reduce_stdlib((PYODIDE / "python_stdlib.zip").read_bytes(), kept_files())
    assert kept_files() == sorted(zipfile.ZipFile(io.BytesIO(reduced)).namelist())


def test_lockfile_keeps_info_and_no_packages() -> None:
    """The shipped lock file names no package (the site loads none)."""
    lock = json.loads(reduce_lockfile((PYODIDE / "pyodide-lock.json").read_bytes()))
    assert ({}, "3.14") == (lock["packages"], lock["info"]["python"][:4])
