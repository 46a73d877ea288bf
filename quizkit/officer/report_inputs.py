"""The files an officer hands over, as they arrive: records, zip archives of them, and stray files.

An input is anything with a display name, a size and ``read`` (``MemoryFile`` holds the bytes the
browser hands over; the command line reads from disk lazily). Zips are opened in memory, never
extracted, with limits on size, count and compression ratio; names written by Chinese Windows
(GBK, without the UTF-8 flag) are decoded as such. Nothing here raises for a bad file: it becomes
a ``Skipped`` row or, when read, an ``Unreadable`` error that the report turns into a row.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

MAX_RECORD_BYTES = 10_000_000
MAX_ZIP_BYTES = 300_000_000
# Every archive of one run together: members and their unpacked bytes.
MAX_MEMBERS = 50_000
MAX_UNPACKED = 2_000_000_000
# A record deflates about 6:1; a zip bomb thousands to one.
MAX_RATIO = 100
MAX_ZIP_DEPTH = 2
SNIFF_BYTES = 4096
RECORD_MARK = b'"cadre-learning-record"'
# System and editor leftovers: not the learner's, not worth a row.
IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error)
UNICODE_PATH_FIELD = 0x7075


class Unreadable(Exception):
    """One input file cannot be read; the message (Chinese) says why. The report makes it a row."""


class Upload(Protocol):
    """One file to read: ``name`` is how the officer finds it (folder/file or archive.zip/file)."""

    @property
    def name(self) -> str: ...

    @property
    def size(self) -> int: ...

    def read(self, limit: int) -> bytes:
        """At most ``limit + 1`` bytes: more than ``limit`` means the file is too large."""
        ...


@dataclass(frozen=True)
class MemoryFile:
    """A (name, bytes) item, as the browser hands a chosen file over."""

    name: str
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    def read(self, limit: int) -> bytes:
        return self.data[: limit + 1]


@dataclass(frozen=True)
class Skipped:
    """An input that is no learner's record (a stray file, a broken archive): one row in 问题清单."""

    name: str
    kind: str
    message: str


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def kind_of(name: str) -> str:
    """``record``, ``zip``, ``maybe`` (a .txt or no extension: look inside), ``ignore`` or ``other``."""
    lowered = name.casefold()
    base = lowered.rsplit("/", 1)[-1]
    if "__macosx/" in lowered or base.startswith((".", "~$")) or base in IGNORED_NAMES or not base:
        return "ignore"
    if base.endswith((".json", ".json.txt")):
        return "record"
    if base.endswith(".zip"):
        return "zip"
    if base.endswith(".txt") or "." not in base:
        return "maybe"
    return "other"


def looks_like_record(upload: Upload) -> bool:
    try:
        head = upload.read(SNIFF_BYTES)
    except Unreadable:
        return True  # let reading it again say why
    return RECORD_MARK in head or RECORD_MARK in head.decode("utf-16", "ignore").encode("utf-8")


def decode_name(raw: bytes) -> str:
    """A member name without the UTF-8 flag: UTF-8 if it is valid UTF-8, else GBK (Chinese Windows)."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp437")


def _unicode_path(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """The Info-ZIP Unicode Path extra field (7-Zip, WinRAR), when it belongs to this name."""
    extra = info.extra
    while len(extra) >= 4:
        kind, size = struct.unpack("<HH", extra[:4])
        body, extra = extra[4 : 4 + size], extra[4 + size :]
        if kind != UNICODE_PATH_FIELD or len(body) <= 5 or body[0] != 1:
            continue
        if struct.unpack("<L", body[1:5])[0] == zlib.crc32(raw):
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
    return None


def member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        name = info.filename
    else:
        # zipfile decoded the bytes as cp437, which maps every byte: encoding gives them back.
        raw = info.orig_filename.encode("cp437")
        name = _unicode_path(info, raw) or decode_name(raw)
    return name.replace("\\", "/").lstrip("/")


@dataclass
class Budget:
    """What all the archives of one run may unpack to, together."""

    members: int
    unpacked: int


class Archive:
    """An opened zip, shared by its members; re-opened after being sent to another process."""

    def __init__(self, upload: Upload) -> None:
        self.upload = upload
        self._zip: zipfile.ZipFile | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"upload": self.upload, "_zip": None}

    def open(self) -> zipfile.ZipFile:
        if self._zip is None:
            data = self.upload.read(MAX_ZIP_BYTES)
            if len(data) > MAX_ZIP_BYTES:
                raise Unreadable(f"压缩包超过 {megabytes(MAX_ZIP_BYTES)}，请分成几个较小的压缩包")
            try:
                self._zip = zipfile.ZipFile(io.BytesIO(data))
            except ZIP_ERRORS:
                raise Unreadable("压缩包已损坏，或不是 zip 格式（.rar、.7z 请先解压）") from None
        return self._zip


@dataclass(frozen=True)
class ZipMember:
    archive: Archive
    info: zipfile.ZipInfo
    name: str

    @property
    def size(self) -> int:
        return self.info.file_size

    def read(self, limit: int) -> bytes:
        info = self.info
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1_000_000:
            raise Unreadable(
                f"压缩比异常（{megabytes(info.compress_size)} 解开后是 {megabytes(info.file_size)}），"
                "可能是“压缩炸弹”，没有解开"
            )
        try:
            with self.archive.open().open(info) as handle:
                # Never more than asked, whatever the header claims.
                return handle.read(limit + 1)
        except RuntimeError:
            raise Unreadable("压缩包里的这个文件设了密码，请解压后把文件直接交来") from None
        except ZIP_ERRORS:
            raise Unreadable("压缩包里的这个文件已损坏，无法解开") from None


def _members(upload: Upload, budget: Budget, depth: int) -> Iterator[Upload | Skipped]:
    archive = Archive(upload)
    try:
        infos = [info for info in archive.open().infolist() if not info.is_dir()]
    except Unreadable as error:
        yield Skipped(upload.name, "压缩包无法读取", str(error))
        return
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > budget.members:
        yield Skipped(
            upload.name, "压缩包无法读取", f"压缩包里有 {len(infos)} 个文件，超过了 {budget.members} 个的上限"
        )
        return
    if unpacked > budget.unpacked:
        yield Skipped(
            upload.name,
            "压缩包无法读取",
            f"压缩包解开后有 {megabytes(unpacked)}，超过了 {megabytes(budget.unpacked)} 的上限，可能是“压缩炸弹”",
        )
        return
    budget.members -= len(infos)
    budget.unpacked -= unpacked
    members: list[Upload] = [ZipMember(archive, info, f"{upload.name}/{member_name(info)}") for info in infos]
    yield from _expand(sorted(members, key=lambda m: m.name), budget, depth + 1)


def _expand(uploads: Iterable[Upload], budget: Budget, depth: int) -> Iterator[Upload | Skipped]:
    for upload in uploads:
        kind = kind_of(upload.name)
        if kind == "record" or (kind == "maybe" and looks_like_record(upload)):
            yield upload
        elif kind == "zip":
            if depth >= MAX_ZIP_DEPTH:
                yield Skipped(upload.name, "压缩包无法读取", "压缩包里又套了好几层压缩包，请解开后再放进来")
            else:
                yield from _members(upload, budget, depth)
        elif kind != "ignore":
            yield Skipped(upload.name, "已跳过", "不是学习档案（.json）或压缩包（.zip），没有读取")


def expand(uploads: Iterable[Upload]) -> list[Upload | Skipped]:
    """Record files (zip members among them) and rows for everything that is not one, in order."""
    return list(_expand(uploads, Budget(MAX_MEMBERS, MAX_UNPACKED), 0))


def record_text(upload: Upload) -> str:
    """The record file's text; ``Unreadable`` says plainly why there is none."""
    if upload.size > MAX_RECORD_BYTES:
        raise Unreadable(f"文件过大（{megabytes(upload.size)}），不像是学习档案")
    data = upload.read(MAX_RECORD_BYTES)
    if len(data) > MAX_RECORD_BYTES:
        raise Unreadable(f"文件超过 {megabytes(MAX_RECORD_BYTES)}，不像是学习档案")
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")  # saved again by Windows Notepad as "Unicode"
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("文件不是 UTF-8 文本，不像是本平台导出的学习档案") from None
