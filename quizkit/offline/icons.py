"""The app icons, drawn at build time as PNG (zlib and struct only): a white tick on the theme red."""

from __future__ import annotations

import functools
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An 8-bit RGB PNG of ``rows`` (each ``width * 3`` bytes)."""
    raw = b"".join(b"\0" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")
    )


def _hex(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _on_tick(x: float, y: float, width: float) -> bool:
    """Whether (x, y), in units of the icon's size, lies on the tick's two strokes."""
    for (ax, ay), (bx, by) in (((0.30, 0.52), (0.44, 0.66)), ((0.44, 0.66), (0.72, 0.36))):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        if (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= width * width:
            return True
    return False


@functools.cache
def icon(size: int, colour: str, maskable: bool = False) -> bytes:
    """A square icon; ``maskable`` fills the whole square and keeps the tick in the safe zone."""
    background = bytes(_hex(colour))
    white, clear = b"\xff\xff\xff", b"\xff\xff\xff"
    radius = 0.0 if maskable else 0.18
    scale = 0.8 if maskable else 1.0
    rows = []
    for py in range(size):
        row = bytearray()
        y = (py + 0.5) / size
        for px in range(size):
            x = (px + 0.5) / size
            # Rounded corners outside the maskable icon (white, as on a light home screen).
            cx, cy = min(max(x, radius), 1 - radius), min(max(y, radius), 1 - radius)
            if radius and (x - cx) ** 2 + (y - cy) ** 2 > radius * radius:
                row += clear
            elif _on_tick(0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale, 0.055):
                row += white
            else:
                row += background
        rows.append(bytes(row))
    return png(size, size, rows)
