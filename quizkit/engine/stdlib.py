"""Pyodide's standard library cut to what the engine imports, and a lock file with no packages.

``stdlib_files.txt`` lists the members kept: every standard-library file that Pyodide's own
start-up and the scoring package load, as found by ``scripts/stdlib_files.mjs`` (Pyodide under
Node scoring the golden cases). Comments and docstrings are taken out of the kept sources (not out
of Pyodide's own ``pyodide``/``_pyodide`` packages, which read docstrings), as ``python -OO`` would.
The members are stored uncompressed so that the web server's gzip or brotli compresses across
files. The parity test runs Pyodide with this archive and checks under Python 3.14 that every
stripped file parses to the same code as the original, so a missing module or a bad cut fails
there, not on a learner's phone.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import tokenize
import zipfile
from pathlib import Path

KEEP_FILE = Path(__file__).with_name("stdlib_files.txt")
# A fixed timestamp keeps the archive (and so its hash) the same across builds.
EPOCH = (2020, 1, 1, 0, 0, 0)
# These read their own docstrings at run time.
KEEP_DOCSTRINGS = ("pyodide/", "_pyodide/")
STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, None}


def kept_files(keep_file: Path = KEEP_FILE) -> list[str]:
    """The archive members to keep: one path per line; blank lines and ``#`` comments ignored."""
    lines = (line.split("#", 1)[0].strip() for line in keep_file.read_text(encoding="utf-8").splitlines())
    return sorted({line for line in lines if line})


def strip_source(source: str, docstrings: bool = True) -> str:
    """Drop comments and (with ``docstrings``) string-only statements; code is left as it was.

    A string statement becomes ``pass`` (a body may consist of it alone), except before the
    module's first statement, where it goes entirely (``from __future__`` must come first).
    Lines left blank are dropped unless they are inside a multi-line string.
    """
    lines = source.splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    cuts: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    in_string: set[int] = set()
    previous: int | None = None
    for index, token in enumerate(tokens):
        if token.type == tokenize.COMMENT:
            cuts.append((token.start, token.end, ""))
        elif (
            docstrings
            and token.type == tokenize.STRING
            and previous in STATEMENT_START
            and tokens[index + 1].type == tokenize.NEWLINE
        ):
            cuts.append((token.start, token.end, "" if previous is None else "pass"))
        if token.type == tokenize.STRING and token.end[0] > token.start[0]:
            in_string.update(range(token.start[0] + 1, token.end[0] + 1))
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token.type
    for (start_row, start_col), (end_row, end_col), replacement in reversed(cuts):
        head, tail = lines[start_row - 1][:start_col], lines[end_row - 1][end_col:]
        lines[start_row - 1 : end_row] = [head + replacement + tail] + [""] * (end_row - start_row)
        in_string.difference_update(range(start_row + 1, end_row + 1))
    kept = [line.rstrip() + "\n" for row, line in enumerate(lines, start=1) if row in in_string or line.strip()]
    return "".join(kept)


def reduce_stdlib(stock: bytes, keep: list[str]) -> bytes:
    """The ``keep`` members of the stock archive, stripped, stored uncompressed, sorted."""
    source = zipfile.ZipFile(io.BytesIO(stock))
    present = set(source.namelist())
    missing = [name for name in keep if name not in present]
    if missing:
        raise ValueError(f"python_stdlib.zip has no {', '.join(missing)}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in keep:
            text = source.read(name).decode("utf-8")
            stripped = strip_source(text, docstrings=not name.startswith(KEEP_DOCSTRINGS))
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            archive.writestr(info, stripped.encode("utf-8"))
    return buffer.getvalue()


@functools.cache
def _reduced(stock_path: Path, stock_sha256: str, keep: tuple[str, ...]) -> bytes:
    return reduce_stdlib(stock_path.read_bytes(), list(keep))


def reduced_stdlib(pyodide_dir: Path) -> bytes:
    """The shipped ``python_stdlib.zip`` for the stock one in ``pyodide_dir`` (cached per process)."""
    stock = pyodide_dir / "python_stdlib.zip"
    digest = hashlib.sha256(stock.read_bytes()).hexdigest()
    return _reduced(stock, digest, tuple(kept_files()))


def reduce_lockfile(stock: bytes) -> bytes:
    """The lock file with no packages: the site loads none, and Pyodide reads only its ``info``."""
    lock = json.loads(stock)
    return json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":"), sort_keys=True).encode()
