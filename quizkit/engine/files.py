"""The Pyodide files the site ships under ``assets/pyodide/``, as MkDocs files, and ``engine.json``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..facts import gzip_size
from .stdlib import reduce_lockfile, reduced_stdlib

# Shipped as they are in the npm package.
STOCK = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
MANIFEST = "engine.json"


def engine_contents(pyodide_dir: Path) -> dict[str, bytes]:
    """File name -> bytes: the stock core and the reduced stdlib and lock file."""
    contents = {name: (pyodide_dir / name).read_bytes() for name in STOCK}
    contents["python_stdlib.zip"] = reduced_stdlib(pyodide_dir)
    contents["pyodide-lock.json"] = reduce_lockfile((pyodide_dir / "pyodide-lock.json").read_bytes())
    return contents


def engine_manifest(contents: dict[str, bytes], extra: dict[str, bytes]) -> bytes:
    """``engine.json``: every file the engine loads, with its size, gzip size and SHA-256, and totals.

    ``contents`` are the files beside ``engine.json``; ``extra`` maps other engine files (the
    scoring archive) by their URL relative to it. The browser checks each file against its hash
    before it caches or runs it. ``total`` is the files' size, ``download`` their gzip size: what
    a phone downloads, the figure pages state ({{ engine_size }}) and the progress counts in (a
    fetch sees only decoded bytes, so each file's share is scaled to its gzip size). ``version``
    names the Pyodide files (one hash over all of them): the engine keys its saved memory
    snapshot by it, so a snapshot never outlives the files it was made from.
    """
    digest = hashlib.sha256()
    for name in sorted(contents):
        digest.update(name.encode() + b"\0" + hashlib.sha256(contents[name]).digest())
    every = sorted({**contents, **extra}.items())
    gzipped = {url: gzip_size([data]) for url, data in every}
    files = [
        {"url": url, "size": len(data), "gzip": gzipped[url], "sha256": hashlib.sha256(data).hexdigest()}
        for url, data in every
    ]
    total = sum(len(data) for _, data in every)
    download = sum(gzipped.values())
    manifest = {"version": digest.hexdigest()[:16], "total": total, "download": download, "files": files}
    return json.dumps(manifest, indent=1).encode()


def engine_files(config: MkDocsConfig, pyodide_dir: Path, site_folder: str, extra: dict[str, bytes]) -> list[File]:
    """The Pyodide files and ``engine.json`` (which also lists ``extra``, see ``engine_manifest``)."""
    contents = engine_contents(pyodide_dir)
    contents_files = [
        File.generated(config, f"{site_folder}/{name}", content=content) for name, content in contents.items()
    ]
    manifest = File.generated(config, f"{site_folder}/{MANIFEST}", content=engine_manifest(contents, extra))
    return [*contents_files, manifest]


def download_size(engine: list[File]) -> int:
    """The engine's ``download`` figure (gzip bytes) from the ``engine.json`` among ``engine``."""
    manifest = next(file for file in engine if file.src_uri.endswith(f"/{MANIFEST}"))
    size: int = json.loads(manifest.content_bytes)["download"]
    return size
