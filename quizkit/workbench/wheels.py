"""The Python the officer's page runs, as zip archives built from what is installed here.

The page runs ``quizkit.officer`` itself under Pyodide, so it needs that package, ``scoring`` and
the third-party packages the officer code imports (and what they require). Those are found at
build time: the officer modules' imports are read with ``ast``, mapped to their installed
distributions, and each distribution is zipped from its installed files (the files its wheel put
there, pinned in ``pyproject.toml``), so nothing is downloaded and no CDN is involved.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# A fixed timestamp keeps every archive (and so its hash) the same across builds.
EPOCH = (2020, 1, 1, 0, 0, 0)
PACKAGE_ROOT = Path(__file__).parent.parent.parent
OFFICER_DIR = PACKAGE_ROOT / "quizkit" / "officer"
OUR_PACKAGES = {"quizkit", "scoring"}
REQUIREMENT_NAME = re.compile(r"^[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Wheel:
    """One archive the page unpacks: a distribution (or our own code) as ``name-version.zip``."""

    name: str
    version: str
    content: bytes

    @property
    def file_name(self) -> str:
        return f"{self.name}-{self.version}.zip"


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members):
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def imported_modules(folder: Path) -> set[str]:
    """Top-level module names the ``.py`` files of ``folder`` import (absolute imports only)."""
    names: set[str] = set()
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _requirements(dist: metadata.Distribution) -> list[str]:
    """The distribution's unconditional requirements (no extras, no environment markers)."""
    found = []
    for requirement in dist.requires or []:
        if ";" in requirement:
            continue
        match = REQUIREMENT_NAME.match(requirement.strip())
        if match:
            found.append(match.group(0))
    return found


def third_party(folder: Path = OFFICER_DIR) -> list[metadata.Distribution]:
    """The installed distributions the officer code needs, with their requirements, by name."""
    owners = metadata.packages_distributions()
    wanted: list[str] = []
    for module in sorted(imported_modules(folder) - OUR_PACKAGES - set(sys.stdlib_module_names)):
        if module not in owners:
            raise RuntimeError(f"quizkit/officer imports {module}, which no installed distribution provides")
        wanted.extend(owners[module])
    found: dict[str, metadata.Distribution] = {}
    while wanted:
        dist = metadata.distribution(wanted.pop())
        key = dist.metadata["Name"].lower().replace("-", "_")
        if key not in found:
            found[key] = dist
            wanted.extend(_requirements(dist))
    return [found[key] for key in sorted(found)]


def distribution_wheel(dist: metadata.Distribution) -> Wheel:
    """The distribution's installed files (no bytecode, nothing outside site-packages) as a zip."""
    members = []
    for file in dist.files or []:
        parts = file.parts
        if ".." in parts or "__pycache__" in parts or file.suffix == ".pyc":
            continue
        members.append((file.as_posix(), Path(str(dist.locate_file(file))).read_bytes()))
    name = dist.metadata["Name"].lower().replace("-", "_")
    return Wheel(name, dist.version, _zip(members))


def own_wheel() -> Wheel:
    """``scoring`` and ``quizkit.officer`` (with ``quizkit/__init__.py``, nothing else of the build glue)."""
    members = [("quizkit/__init__.py", (PACKAGE_ROOT / "quizkit" / "__init__.py").read_bytes())]
    for folder in (PACKAGE_ROOT / "scoring", OFFICER_DIR):
        for path in sorted(folder.rglob("*.py")):
            members.append((path.relative_to(PACKAGE_ROOT).as_posix(), path.read_bytes()))
    content = _zip(members)
    return Wheel("officer", hashlib.sha256(content).hexdigest()[:12], content)


def officer_wheels() -> list[Wheel]:
    """Every archive the officer's page unpacks, third-party first, our own code last."""
    return [*(distribution_wheel(d) for d in third_party()), own_wheel()]
