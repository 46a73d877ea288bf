"""The scoring package as one zip archive for Pyodide, byte-for-byte reproducible."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

# A fixed timestamp keeps the archive (and so its hash) the same across builds.
EPOCH = (2020, 1, 1, 0, 0, 0)


def build_scoring_archive(package_dir: Path) -> bytes:
    """Zip every ``.py`` file of ``package_dir`` under its package name, sorted."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package_dir.rglob("*.py")):
            name = f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
