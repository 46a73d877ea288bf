"""The Pyodide files the site ships under ``assets/pyodide/``, as MkDocs files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .stdlib import reduce_lockfile, reduced_stdlib

# Shipped as they are in the npm package.
STOCK = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


def engine_contents(pyodide_dir: Path) -> dict[str, bytes]:
    """File name -> bytes: the stock core, the reduced stdlib and lock file, and ``engine.json``.

    ``engine.json`` names this exact set of files (one hash over all of them); the engine keys its
    saved memory snapshot by it, so a snapshot never outlives the files it was made from.
    """
    contents = {name: (pyodide_dir / name).read_bytes() for name in STOCK}
    contents["python_stdlib.zip"] = reduced_stdlib(pyodide_dir)
    contents["pyodide-lock.json"] = reduce_lockfile((pyodide_dir / "pyodide-lock.json").read_bytes())
    digest = hashlib.sha256()
    for name in sorted(contents):
        digest.update(name.encode() + b"\0" + hashlib.sha256(contents[name]).digest())
    contents["engine.json"] = json.dumps({"version": digest.hexdigest()[:16]}).encode()
    return contents


def engine_files(config: MkDocsConfig, pyodide_dir: Path, site_folder: str) -> list[File]:
    return [
        File.generated(config, f"{site_folder}/{name}", content=content)
        for name, content in engine_contents(pyodide_dir).items()
    ]
