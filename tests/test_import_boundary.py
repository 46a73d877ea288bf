"""scoring/ must import only the standard library: the same code runs in Pyodide."""

import ast
import re
import subprocess
import sys
from pathlib import Path

SCORING = Path(__file__).parent.parent / "scoring"


def imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_scoring_imports_only_the_standard_library() -> None:
    """Every absolute import in scoring/ names a standard-library module (or scoring itself)."""
    allowed = set(sys.stdlib_module_names) | {"__future__", "scoring"}
    outside = [
        f"{path.name}:{line} {module}"
        for path in sorted(SCORING.rglob("*.py"))
        for line, module in imported_modules(path)
        if module.split(".")[0] not in allowed
    ]
    assert [] == outside


def test_boundary_check_sees_a_third_party_import(tmp_path: Path) -> None:
    """The check itself notices a forbidden import, so the test above can fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("import yaml\nfrom mkdocs import plugins\n", encoding="utf-8")
    assert [(1, "yaml"), (2, "mkdocs")] == imported_modules(bad)


OFFICER = Path(__file__).parent.parent / "quizkit" / "officer"
# What Pyodide can load for the officer's pages: pure-Python wheels and our own scoring package.
OFFICER_ALLOWED = {"scoring", "openpyxl", "xlsxwriter", "et_xmlfile"}


def officer_imports(path: Path) -> list[tuple[int, str]]:
    """Absolute imports, and relative ones that reach outside quizkit/officer (shown as ``..name``)."""
    found = imported_modules(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level > 1:
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def test_officer_imports_only_what_the_browser_has() -> None:
    """quizkit/officer/ imports the standard library, scoring, openpyxl and xlsxwriter only (no yaml, mkdocs, nh3, jieba)."""
    allowed = set(sys.stdlib_module_names) | {"__future__"} | OFFICER_ALLOWED
    outside = [
        f"{path.name}:{line} {module}"
        for path in sorted(OFFICER.rglob("*.py"))
        for line, module in officer_imports(path)
        if module.startswith("..") or module.split(".")[0] not in allowed
    ]
    assert [] == outside


def test_officer_boundary_check_sees_yaml_and_the_build_glue(tmp_path: Path) -> None:
    """The officer check notices PyYAML and a relative import of the build glue, so the test above can fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("import yaml\nfrom ..yaml_source import load_yaml\nfrom .bank_rows import Row\n", encoding="utf-8")
    assert [(1, "yaml"), (2, "..yaml_source")] == officer_imports(bad)


# Loaded by importing the report in Pyodide, these would fail or cost a download: none may be.
NOT_IN_THE_BROWSER = {"mkdocs", "yaml", "nh3", "jieba", "markdown", "multiprocessing", "concurrent", "docx", "lxml"}
LOADED_BY = (
    "import sys, importlib; [importlib.import_module(m) for m in sys.argv[1:]]; print(' '.join(sorted(sys.modules)))"
)


def loaded_by(modules: list[str]) -> set[str]:
    """The top-level packages a fresh Python has loaded after importing ``modules``."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED_BY, *modules], capture_output=True, text=True, check=True, timeout=120
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_the_report_loads_nothing_the_browser_lacks() -> None:
    """Importing the report, its inputs, roster and workbook loads no build glue and no process pool
    (``--jobs`` lives in the command line)."""
    report_modules = sorted(f"quizkit.officer.{p.stem}" for p in OFFICER.glob("report*.py"))
    assert (True, set()) == (len(report_modules) >= 5, loaded_by(report_modules) & NOT_IN_THE_BROWSER)


def test_the_load_check_sees_a_process_pool() -> None:
    """The command line's report module does start processes, and the check notices it."""
    assert {"multiprocessing", "concurrent"} <= loaded_by(["quizkit.report_cli"])


TESTS = Path(__file__).parent
# Collects the given test modules in a Python where Playwright cannot be imported.
WITHOUT_PLAYWRIGHT = (
    "import sys; sys.modules['playwright'] = None; import pytest; "
    "sys.exit(pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', *sys.argv[1:]]))"
)


def test_core_tests_run_without_the_browser_stack() -> None:
    """Every test module that does not drive a browser collects with Playwright missing."""
    core = sorted(
        str(p)
        for p in TESTS.glob("test_*.py")
        if not {"playwright", "mark.browser"}
        & set(re.findall(r"playwright|mark\.browser", p.read_text(encoding="utf-8")))
    )
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_PLAYWRIGHT, *core], capture_output=True, text=True, cwd=TESTS.parent, timeout=300
    )
    assert (True, 0) == (len(core) >= 15, result.returncode), result.stdout[-3000:] + result.stderr[-3000:]
