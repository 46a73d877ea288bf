"""scoring/ must import only the standard library: the same code runs in Pyodide."""

import ast
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
