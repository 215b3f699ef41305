"""Frames into a file: animated GIF (Pillow), animated PNG (chunks, no library), MP4 (ffmpeg).

Every writer takes frames as QImages with their delays (``add``, on the GUI thread) and
writes a temporary file beside the target, renamed over it by ``finish``; ``abort``
removes it, so a cancelled or failed export never leaves half a file.

- APNG streams each frame's Qt PNG bytes through ``ApngWriter``: exact pixels, one
  frame in memory at a time. (Pillow's APNG encoder keeps every frame decoded until the
  end: 200 MB for 50 slide frames, so it is not used even where Pillow is installed.)
- GIF needs Pillow (the ``anim`` extra) for the palette: frames are kept compressed,
  one palette of 256 colours is chosen from a sample of them, and every frame is mapped
  to it without dithering, so what does not move does not shimmer. ``finish`` does the
  encoding and uses no Qt, so the window runs it on a thread.
- MP4 pipes raw RGBA frames into an ffmpeg process (H.264, yuv420p, plays everywhere).
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from nnviz.app.export.animation_apng import ApngWriter
from nnviz.core.atomicfile import temporary_for

PILLOW_MISSING = ("GIF needs Pillow, which is not installed: pip install 'nnviz[anim]' "
                  "(or write .png, an animated PNG, which needs nothing more)")
FFMPEG_MISSING = ("MP4 needs the ffmpeg program, which is not on PATH: install ffmpeg "
                  "(or write .gif or .png, an animated PNG)")
PALETTE_SAMPLE = 8  # frames the GIF palette is chosen from
MIN_VIDEO_FPS = 10  # slower videos repeat frames: some players mishandle 0.5 frames/s


def have_pillow() -> bool:
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        return False
    return True


def ffmpeg_path() -> str | None:
    return shutil.which("ffmpeg")


def check_available(fmt: str) -> None:
    """ValueError with the one line saying what to install, when ``fmt`` cannot be written."""
    if fmt == "gif" and not have_pillow():
        raise ValueError(PILLOW_MISSING)
    if fmt == "mp4" and ffmpeg_path() is None:
        raise ValueError(FFMPEG_MISSING)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("cannot encode a frame as PNG")
    buffer.close()
    return bytes(data.data())


def _opaque(image: QImage) -> QImage:
    """Every frame in one pixel format (opaque RGB): the animation's frames must match."""
    return image.convertToFormat(QImage.Format.Format_RGB32)


class Writer:
    def __init__(self, path: str | os.PathLike[str], count: int, background: QColor) -> None:
        self.path = Path(path)
        self.count = count
        self.background = QColor(background)
        self.tmp = temporary_for(self.path)
        self.added = 0

    def add(self, image: QImage, delay_ms: int) -> None:
        raise NotImplementedError

    def finish(self, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Write the file (no Qt: may run on a thread); False when ``cancelled()`` said so."""
        raise NotImplementedError

    def _commit(self) -> None:
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


class ApngFile(Writer):
    def __init__(self, path, count: int, background: QColor) -> None:
        super().__init__(path, count, background)
        self.file = open(self.tmp, "xb")  # noqa: SIM115 — closed by finish or abort
        self.apng = ApngWriter(self.file, count)

    def add(self, image: QImage, delay_ms: int) -> None:
        self.apng.add(png_bytes(_opaque(image)), delay_ms)
        self.added += 1

    def finish(self, cancelled=lambda: False) -> bool:
        try:
            self.apng.close()
            self.file.close()
        except BaseException:
            self.abort()
            raise
        self._commit()
        return True

    def abort(self) -> None:
        self.file.close()
        super().abort()


class GifFile(Writer):
    def __init__(self, path, count: int, background: QColor) -> None:
        if not have_pillow():
            raise ValueError(PILLOW_MISSING)
        super().__init__(path, count, background)
        self.frames: list[tuple[bytes, int]] = []  # RGB rows, compressed; bytes per row
        self.size = (0, 0)
        self.delays: list[int] = []

    def add(self, image: QImage, delay_ms: int) -> None:
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)
        self.size = (rgb.width(), rgb.height())
        rows = rgb.bytesPerLine()
        # zlib at level 1 is twice as fast as Qt's PNG encoder and about as small.
        self.frames.append((zlib.compress(bytes(rgb.constBits())[:rows * rgb.height()], 1),
                            rows))
        self.delays.append(delay_ms)
        self.added += 1

    def finish(self, cancelled=lambda: False) -> bool:
        from PIL import Image

        def decode(frame: tuple[bytes, int]):
            data, rows = frame
            return Image.frombytes("RGB", self.size, zlib.decompress(data), "raw", "RGB", rows)

        n = len(self.frames)
        picks = sorted({round(i * (n - 1) / max(PALETTE_SAMPLE - 1, 1))
                        for i in range(min(n, PALETTE_SAMPLE))})
        sample = [decode(self.frames[i]) for i in picks]
        w, h = sample[0].size
        mosaic = Image.new("RGB", (w, h * len(sample)))
        for k, im in enumerate(sample):
            mosaic.paste(im, (0, h * k))
        # Octree on a half-size mosaic: 25 times faster than median cut on the full one,
        # and the flat colours of a figure (axes, text, neurons) come out the same.
        palette = mosaic.reduce(2).quantize(256, method=Image.Quantize.FASTOCTREE)

        class Stop(Exception):
            pass

        def mapped():
            for frame in self.frames[1:]:
                if cancelled():
                    raise Stop
                yield decode(frame).quantize(palette=palette, dither=Image.Dither.NONE)

        first = decode(self.frames[0]).quantize(palette=palette, dither=Image.Dither.NONE)
        try:
            first.save(self.tmp, "GIF", save_all=True, append_images=mapped(),
                       duration=self.delays, loop=0, disposal=1, optimize=False)
        except Stop:
            self.abort()
            return False
        except BaseException:
            self.abort()
            raise
        self._commit()
        return True


class Mp4File(Writer):
    """Frames go to ffmpeg as they come; the last frame is repeated for its longer delay."""

    def __init__(self, path, count: int, background: QColor) -> None:
        if ffmpeg_path() is None:
            raise ValueError(FFMPEG_MISSING)
        super().__init__(path, count, background)
        self.process: subprocess.Popen | None = None
        self.tick = 1.0  # hundredths of a second per video frame, set by the first frame
        self.size: tuple[int, int] | None = None

    def _start(self, w: int, h: int, centis: int) -> None:
        # The video's rate: the first frame's, times what brings it to MIN_VIDEO_FPS; each
        # frame is then sent as often as its delay lasts at that rate (the last one holds).
        repeat = max(1, math.ceil(MIN_VIDEO_FPS * centis / 100))
        bg = self.background.name()[1:]
        encoder = "libx264" if _has_encoder("libx264") else "mpeg4"
        command = [ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-y",
                   "-f", "rawvideo", "-pix_fmt", "rgba", "-s", f"{w}x{h}",
                   "-framerate", f"{100 * repeat}/{centis}", "-i", "-",
                   # yuv420p needs even sides: a line of background where one is odd
                   "-vf", f"pad=ceil(iw/2)*2:ceil(ih/2)*2:0:0:0x{bg}",
                   "-c:v", encoder, "-pix_fmt", "yuv420p"]
        command += ["-crf", "18"] if encoder == "libx264" else ["-q:v", "3"]
        command += ["-movflags", "+faststart", "-f", "mp4", str(self.tmp)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.tick, self.size = centis / repeat, (w, h)  # hundredths of a second a video frame

    def add(self, image: QImage, delay_ms: int) -> None:
        rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
        w, h = rgba.width(), rgba.height()
        centis = max(1, round(delay_ms / 10))
        if self.process is None:
            self._start(w, h, centis)
        if (w, h) != self.size:
            raise ValueError("every frame must have the first frame's size")
        data = bytes(rgba.constBits())[:w * h * 4]
        try:
            for _ in range(max(1, round(centis / self.tick))):
                self.process.stdin.write(data)
        except BrokenPipeError:
            raise OSError(f"ffmpeg stopped: {self._stderr()}") from None
        self.added += 1

    def _stderr(self) -> str:
        text = self.process.stderr.read().decode(errors="replace") if self.process else ""
        return " ".join(text.split())[:300] or "no message"

    def finish(self, cancelled=lambda: False) -> bool:
        if self.process is None:
            raise ValueError("no frames to write")
        self.process.stdin.close()
        code = self.process.wait()
        if code != 0:
            message = self._stderr()
            self.abort()
            raise OSError(f"ffmpeg failed (exit status {code}): {message}")
        self.process.stderr.close()
        self._commit()
        return True

    def abort(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            for pipe in (self.process.stdin, self.process.stderr):
                with contextlib.suppress(OSError, ValueError):
                    pipe.close()
        super().abort()


def _has_encoder(name: str) -> bool:
    try:
        listed = subprocess.run([ffmpeg_path(), "-hide_banner", "-encoders"], capture_output=True,
                                text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(line.split()[1:2] == [name] for line in listed.splitlines() if line.strip())


WRITERS = {"gif": GifFile, "apng": ApngFile, "mp4": Mp4File}


def open_writer(fmt: str, path, count: int, background: QColor) -> Writer:
    return WRITERS[fmt](path, count, background)
