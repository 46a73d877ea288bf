"""Publish the site into a folder that is only ever replaced by a complete, strict build.

``mkdocs build`` empties its output folder first, so a failed build leaves nothing (and an
``rsync --delete`` from it then empties the server). Here the strict build goes into a new folder
beside ``DEST``; only when it succeeded is it swapped in by rename, and the version it replaces is
kept as ``DEST.previous`` for ``--rollback``. Warnings fail a strict build; the build is never run
with ``-q``, which in MkDocs 1.6 silences the warnings before strict mode can count them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def previous_of(dest: Path) -> Path:
    return dest.with_name(dest.name + ".previous")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0
    return bool(done)


def swap_in(new: Path, dest: Path) -> None:
    """``new`` becomes ``dest``; the old ``dest`` becomes ``dest.previous`` (an older one is removed)."""
    previous = previous_of(dest)
    if not dest.exists():
        new.rename(dest)
        return
    if previous.exists():
        shutil.rmtree(previous)
    if _exchange(new, dest):
        new.rename(previous)
    else:
        # Two renames: for a moment there is no dest, but never a partial one.
        dest.rename(previous)
        new.rename(dest)


def rollback(dest: Path) -> None:
    """Put ``dest.previous`` back as ``dest``; the version rolled back from becomes ``dest.previous``."""
    previous = previous_of(dest)
    if not previous.is_dir():
        raise FileNotFoundError(previous)
    if not _exchange(previous, dest):
        held = dest.with_name(dest.name + ".rollback")
        dest.rename(held)
        previous.rename(dest)
        held.rename(previous)


def build_into(config_file: Path, folder: Path) -> int:
    """A strict MkDocs build of ``config_file`` into ``folder``; its output goes to ours."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(folder)]
    return subprocess.run(command, cwd=config_file.parent, check=False).returncode


def publish(config_file: Path, dest: Path) -> bool:
    """Build and swap in; False (``dest`` untouched, nothing left behind) when the build failed."""
    dest = dest.absolute()
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = dest.with_name(f".{dest.name}.new-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    try:
        if build_into(config_file, staging) != 0 or not (staging / "index.html").is_file():
            return False
        swap_in(staging, dest)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging)
