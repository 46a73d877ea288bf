"""The officer's page in the built site: the page, its scripts, the full standard library and the wheels.

Everything lives under ``assets/officer/`` and only the officer's page loads it; the service
worker leaves that folder out of its precache, so learners never download it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from scoring.credit_rules import RuleSet
from scoring.model import AREAS, Quiz

from ..facts import gzip_size, megabytes
from ..officer.bank_site import site_bank_json
from ..officer.template import TEMPLATE_PATH
from ..officer.workbench import catalogue_json
from ..pages.common import SITE_PYODIDE, generated_page, render
from ..sources import read_folder
from .wheels import officer_wheels

SITE_OFFICER = "assets/officer"
ASSET_DIR = Path(__file__).parent / "assets"
STDLIB = f"{SITE_OFFICER}/python_stdlib.zip"
CATALOGUE = f"{SITE_OFFICER}/catalogue.json"
# The other quizzes and the pages' heading ids, for the import's checks; written once pages are rendered.
SITE_BANK = f"{SITE_OFFICER}/site-bank.json"
CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add_officer_page(
    config: MkDocsConfig,
    files: Files,
    page_uri: str,
    pyodide_dir: Path,
    quizzes: Iterable[Quiz],
    rules: Iterable[RuleSet],
    timeout_seconds: int,
    archive: Mapping[str, Any] | None = None,
) -> int:
    """The page and its files, added to ``files``; returns what the page downloads the first time (gzip bytes):
    Pyodide's core (shared with the learners' engine), the full stdlib, the wheels and the catalogue."""
    for asset in sorted(ASSET_DIR.iterdir()):
        files.append(File.generated(config, f"{SITE_OFFICER}/{asset.name}", abs_src_path=str(asset)))
    # Pyodide's whole standard library: openpyxl and xlsxwriter reach far beyond the learners' cut.
    stdlib = (pyodide_dir / "python_stdlib.zip").read_bytes()
    files.append(File.generated(config, STDLIB, content=stdlib))
    archives = []
    shipped = {name: (pyodide_dir / name).read_bytes() for name in CORE}
    shipped["python_stdlib.zip"] = stdlib
    for wheel in officer_wheels():
        url = f"{SITE_OFFICER}/{wheel.file_name}"
        files.append(File.generated(config, url, content=wheel.content))
        archives.append((url, _sha256(wheel.content)))
        shipped[wheel.file_name] = wheel.content
    catalogue = catalogue_json(quizzes, rules, archive).encode("utf-8")
    files.append(File.generated(config, CATALOGUE, content=catalogue))
    shipped["catalogue.json"] = catalogue
    files.append(File.generated(config, SITE_BANK, content=b""))
    page = generated_page(config, files, page_uri)

    def rel(url: str) -> str:
        return get_relative_url(url, page.url)

    listing = {
        "stdlib": rel(STDLIB),
        "catalogue": rel(CATALOGUE),
        "bank": rel(SITE_BANK),
        "archives": [{"url": rel(url), "sha256": sha} for url, sha in archives],
    }
    for asset in sorted(ASSET_DIR.iterdir()):
        shipped[asset.name] = asset.read_bytes()
    size = gzip_size(shipped.values())
    page.content_string = render(
        "officer.md",
        title="培训专员工作台",
        worker=rel(f"{SITE_OFFICER}/officer-worker.mjs"),
        pyodide=rel(f"{SITE_PYODIDE}/"),
        timeout_seconds=timeout_seconds,
        files=listing,
        download_size=megabytes(size),
        script=rel(f"{SITE_OFFICER}/officer.js"),
        stylesheet=rel(f"{SITE_OFFICER}/officer.css"),
        template_href=rel(TEMPLATE_PATH),
        areas=AREAS,
    )
    return size


def write_site_bank(files: Files, quiz_dir: Path, root: Path, anchors: dict[str, set[str]]) -> None:
    """The import's view of the site, once every page's heading ids are known (``on_env``)."""
    site_bank = files.get_file_from_path(SITE_BANK)
    if site_bank is not None:
        loaded, _ = read_folder(quiz_dir, root, "测验")
        site_bank.content_string = site_bank_json(loaded, anchors)
