"""An animated PNG written from ordinary PNG files' bytes: zlib and chunks, nothing else.

Each frame arrives as a complete PNG (Qt's encoder: filtered and compressed already);
its IDAT data is copied into the animation, as IDAT for the first frame and as fdAT
(sequence number + the same data) for the others, each after an fcTL that gives its
size and delay. Frames stream to the file one at a time, so a long animation never
sits in memory, and the pixels are exactly Qt's. No Qt and no Pillow here.
"""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO

SIGNATURE = b"\x89PNG\r\n\x1a\n"
DISPOSE_NONE, BLEND_SOURCE = 0, 0


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of a PNG file; ValueError when it is not one."""
    if not png.startswith(SIGNATURE):
        raise ValueError("not a PNG image")
    out, pos = [], len(SIGNATURE)
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if len(data) != length:
            raise ValueError("truncated PNG image")
        out.append((kind, data))
        pos += 12 + length
        if kind == b"IEND":
            break
    return out


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


class ApngWriter:
    """``add(png_bytes, delay_ms)`` per frame, then ``close()``; ``count`` frames, known
    in advance (acTL, which comes first, holds it). ``loops`` 0 repeats for ever."""

    def __init__(self, out: BinaryIO, count: int, loops: int = 0) -> None:
        if count < 1:
            raise ValueError("an animation needs at least one frame")
        self.out, self.count, self.loops = out, count, loops
        self.header: bytes | None = None  # the first frame's IHDR: every frame must match
        self.written = 0
        self.sequence = 0

    def add(self, png: bytes, delay_ms: int) -> None:
        if self.written >= self.count:
            raise ValueError(f"more frames than the {self.count} announced")
        parts = chunks(png)
        ihdr = next((d for k, d in parts if k == b"IHDR"), None)
        if ihdr is None:
            raise ValueError("a PNG frame without a header")
        width, height = struct.unpack(">II", ihdr[:8])
        if self.header is None:
            self.header = ihdr
            self.out.write(SIGNATURE + chunk(b"IHDR", ihdr))
            # Resolution and colour space of the first frame apply to all of them.
            for kind, data in parts:
                if kind in (b"pHYs", b"sRGB", b"gAMA", b"cHRM", b"iCCP"):
                    self.out.write(chunk(kind, data))
            self.out.write(chunk(b"acTL", struct.pack(">II", self.count, self.loops)))
        elif ihdr != self.header:
            raise ValueError("every frame must have the first frame's size and pixel format")
        self.out.write(chunk(b"fcTL", struct.pack(
            ">IIIIIHHBB", self._next(), width, height, 0, 0, max(0, round(delay_ms)), 1000,
            DISPOSE_NONE, BLEND_SOURCE)))
        for kind, data in parts:
            if kind != b"IDAT":
                continue
            if self.written == 0:
                self.out.write(chunk(b"IDAT", data))
            else:
                self.out.write(chunk(b"fdAT", struct.pack(">I", self._next()) + data))
        self.written += 1

    def _next(self) -> int:
        n = self.sequence
        self.sequence += 1
        return n

    def close(self) -> None:
        if self.written != self.count:
            raise ValueError(f"{self.written} frames written of the {self.count} announced")
        self.out.write(chunk(b"IEND", b""))
