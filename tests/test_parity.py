"""Golden cases scored under CPython and under real Pyodide in Node give identical replies."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from quizkit.archive import build_scoring_archive
from quizkit.engine.stdlib import reduce_lockfile, reduced_stdlib
from scoring.api import call

from .sites import ROOT

CASES_FILE = Path(__file__).parent / "golden" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cpython_matches_golden(case: dict[str, Any]) -> None:
    """CPython gives the recorded reply for each golden request."""
    assert case["expected"] == call(case["request"])


@pytest.fixture(scope="module")
def pyodide_replies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required for the Pyodide parity test")
    engine = tmp_path_factory.mktemp("engine")
    pyodide = ROOT / "node_modules" / "pyodide"
    # The same files the site ships, built by the same functions.
    archive = engine / "scoring.zip"
    archive.write_bytes(build_scoring_archive(ROOT / "scoring"))
    (engine / "python_stdlib.zip").write_bytes(reduced_stdlib(pyodide))
    (engine / "pyodide-lock.json").write_bytes(reduce_lockfile((pyodide / "pyodide-lock.json").read_bytes()))
    script = Path(__file__).parent / "node" / "score_golden.mjs"
    result = subprocess.run(
        [
            node,
            str(script),
            str(pyodide),
            str(archive),
            str(CASES_FILE),
            str(engine / "python_stdlib.zip"),
            str(engine / "pyodide-lock.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"Pyodide under Node failed:\n{result.stderr[-3000:]}")
    replies: dict[str, Any] = json.loads(result.stdout)
    return replies


@pytest.mark.node
def test_every_scoring_module_imports_under_the_shipped_stdlib(pyodide_replies: dict[str, Any]) -> None:
    """Each module of scoring/ imported in Pyodide with the reduced standard library the site ships."""
    expected = sorted(f"scoring.{p.stem}" for p in (ROOT / "scoring").glob("*.py") if p.name != "__init__.py")
    assert expected == pyodide_replies["modules"]


@pytest.mark.node
def test_pyodide_runs_a_newer_python(pyodide_replies: dict[str, Any]) -> None:
    """The replies really come from Pyodide's interpreter (Python 3.14), not this one."""
    assert pyodide_replies["python"].startswith("3.14")


@pytest.mark.node
@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["name"] for c in CASES])
def test_pyodide_matches_golden(pyodide_replies: dict[str, Any], index: int) -> None:
    """Pyodide in Node gives exactly the recorded reply."""
    assert CASES[index]["expected"] == pyodide_replies["replies"][index]


@pytest.mark.node
def test_stripped_stdlib_is_the_same_code(pyodide_replies: dict[str, Any]) -> None:
    """Under Python 3.14's parser every shipped stdlib file is the stock file's code, docstrings aside."""
    assert [] == pyodide_replies["stripped_mismatches"]
