"""The report command's work at the edge: folders on disk, several processes, the output files.

``quizkit.officer`` takes (name, bytes) items and never touches the disk (it also runs in the
browser); here the folders are walked, files read lazily, records examined in ``--jobs``
processes, and the workbook and CSV written.
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from .officer.report import Examine, Report
from .officer.report_assess import Examined, Options, examine
from .officer.report_catalogue import Catalogue
from .officer.report_errors import OfficerError
from .officer.report_inputs import Unreadable, Upload
from .officer.report_workbook import csv_bytes, workbook_bytes

CHUNK = 200
# Allocations before the youngest generation is collected, and the older generations' ratios.
SELDOM = (50_000, 20, 100)


@contextmanager
def seldom_collected() -> Iterator[None]:
    """The cycle collector run seldom, and never over what exists already (the catalogue): records are
    trees (JSON holds no cycles) freed as each is examined, so the collector would only rescan the
    catalogue and the growing results, over and over (about a tenth of a class's run)."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*SELDOM)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def display_name(name: str) -> str:
    """A file name as the officer reads it: bytes that were not UTF-8 (a GBK name from a Windows
    share) decoded as GBK, anything else undecodable replaced, never a lone surrogate."""
    raw = os.fsencode(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class DiskFile:
    """A file on disk, read when the report needs its bytes (and again if it merges duplicates)."""

    name: str
    path: Path
    size: int

    def read(self, limit: int) -> bytes:
        try:
            with self.path.open("rb") as handle:
                return handle.read(limit + 1)
        except OSError as error:
            raise Unreadable(f"文件无法读取（{error.strerror or error}）") from None


def _walk(folder: Path, prefix: str) -> Iterator[DiskFile]:
    def fail(error: OSError) -> None:
        raise OfficerError(f"无法读取档案文件夹 {error.filename}：{error.strerror or error}")

    for directory, folders, names in os.walk(folder, onerror=fail):
        folders.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if not path.is_file():
                continue  # a broken link, a socket
            relative = path.relative_to(folder).as_posix()
            yield DiskFile(display_name(prefix + relative), path, path.stat().st_size)


def collect_files(paths: Iterable[Path], skip: Iterable[Path] = ()) -> list[DiskFile]:
    """Every file under the given folders (subfolders too) and the given files, in name order;
    ``skip`` holds the report's own output and the roster, should they lie in a records folder."""
    given = list(paths)
    skipped = {p.resolve() for p in skip}
    found: list[DiskFile] = []
    for path in given:
        if path.is_dir():
            prefix = f"{path.name}/" if len(given) > 1 else ""
            found.extend(
                f for f in sorted(_walk(path, prefix), key=lambda f: f.name) if f.path.resolve() not in skipped
            )
        elif path.is_file():
            found.append(DiskFile(display_name(path.name), path, path.stat().st_size))
        else:
            raise OfficerError(f"找不到档案文件夹或文件：{path}")
    return found


_state: tuple[Catalogue, Options] | None = None


def _start(catalogue: Catalogue, options: Options) -> None:
    global _state
    _state = (catalogue, options)
    gc.freeze()  # as seldom_collected does in the main process; a worker lives only for the run
    gc.set_threshold(*SELDOM)


def _examine_chunk(chunk: list[Upload]) -> list[Examined]:
    if _state is None:
        raise RuntimeError("worker not started")
    catalogue, options = _state
    return [examine(upload, catalogue, options) for upload in chunk]


def examine_in_processes(jobs: int, catalogue: Catalogue, options: Options) -> Examine:
    """Examine records in ``jobs`` processes, results in input order (so the report is the same)."""

    def run(candidates: list[Upload]) -> Iterator[Examined]:
        size = max(1, min(CHUNK, math.ceil(len(candidates) / (jobs * 4))))
        chunks = [candidates[i : i + size] for i in range(0, len(candidates), size)]
        # spawn, as on the officers' Windows PCs: the workers start clean and get the catalogue once.
        with ProcessPoolExecutor(jobs, get_context("spawn"), initializer=_start, initargs=(catalogue, options)) as pool:
            for results in pool.map(_examine_chunk, chunks):
                yield from results

    return run


def write_outputs(report: Report, out: Path) -> None:
    """The workbook and, beside it, the learners' CSV; ``OfficerError`` when they cannot be written."""
    for path, data in ((out, workbook_bytes(report)), (out.with_suffix(".csv"), csv_bytes(report))):
        try:
            path.write_bytes(data)
        except PermissionError:
            raise OfficerError(f"无法写出报表 {path}：没有权限，或者它正在 WPS/Excel 里打开着（请先关闭）。") from None
        except OSError as error:
            raise OfficerError(f"无法写出报表 {path}：{error.strerror or error}") from None
