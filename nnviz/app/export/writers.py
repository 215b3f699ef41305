"""Render a Figure into a PNG (QImage), an SVG (QSvgGenerator) or a one-page PDF (QPdfWriter).

Logical pixels are 1/96 inch: a PNG at scale K has K times the figure's pixel size
(DPI d means K = d / 96 and the PNG records d), an SVG's viewBox is the figure's size
in logical pixels, and a PDF page is exactly the figure (figure pixels × 0.75 pt).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

FORMATS = ("png", "svg", "pdf")
BASE_DPI = 96.0
MAX_PIXELS = 20000  # per side of a PNG: refuse silly scales before allocating gigabytes


def background_colour(background: str, theme=None) -> QColor:
    """``white``, ``transparent`` or ``theme`` (the current theme's canvas colour)."""
    if background == "white":
        return QColor("#ffffff")
    if background == "transparent":
        return QColor(0, 0, 0, 0)
    if background == "theme":
        from nnviz.app import theme as themes

        return QColor((theme or themes.current()).canvas)
    raise ValueError(f"unknown background {background!r} (white, transparent, theme)")


def _hints(painter: QPainter) -> None:
    hint = QPainter.RenderHint
    painter.setRenderHints(hint.Antialiasing | hint.TextAntialiasing
                           | hint.SmoothPixmapTransform)


def render_image(figure, scale: float = 1.0, background: QColor | None = None) -> QImage:
    """The figure as an ARGB image at ``scale`` device pixels per logical pixel."""
    if not 0.1 <= scale <= 50:
        raise ValueError(f"scale must be from 0.1 to 50, got {scale:g}")
    background = QColor("#ffffff") if background is None else background
    size = figure.size()
    w, h = round(size.width() * scale), round(size.height() * scale)
    if max(w, h) > MAX_PIXELS:
        raise ValueError(f"the image would be {w}×{h} pixels; use a smaller scale or DPI")
    image = QImage(max(w, 1), max(h, 1), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background)
    painter = QPainter(image)
    try:
        _hints(painter)
        painter.scale(w / size.width(), h / size.height())
        figure.paint(painter, QRectF(0, 0, size.width(), size.height()), background)
    finally:
        painter.end()
    # The resolution is written only after painting: fonts sized in points follow the
    # device's DPI, so a 300-DPI image would scale text twice (the painter already does).
    dpm = round(BASE_DPI * scale / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    return image


def svg_bytes(figure, background: QColor | None = None, description: str = "") -> bytes:
    """The figure as SVG: vector shapes, text as selectable ``<text>``."""
    from PySide6.QtSvg import QSvgGenerator

    background = QColor("#ffffff") if background is None else background
    size = figure.size()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(size.width()), round(size.height())))
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(round(BASE_DPI))
    generator.setTitle(figure.title)
    generator.setDescription(description or f"{figure.title}, exported from nnviz")
    painter = QPainter(generator)
    try:
        _paint(painter, figure, size, background)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_pdf(figure, path: str, background: QColor | None = None) -> None:
    """One page, exactly the figure's size, vectors throughout."""
    background = QColor("#ffffff") if background is None else background
    size = figure.size()
    writer = QPdfWriter(path)
    writer.setTitle(figure.title)
    writer.setCreator("nnviz")
    writer.setResolution(round(BASE_DPI))
    points = QSizeF(size.width() * 72 / BASE_DPI, size.height() * 72 / BASE_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize.Unit.Point, "figure",
                                               QPageSize.SizeMatchPolicy.ExactMatch),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write {path}")
    try:
        painter.scale(writer.width() / size.width(), writer.height() / size.height())
        _paint(painter, figure, size, background)
    finally:
        painter.end()


def format_of(path: str) -> str:
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(f"cannot tell the format of {path!r}: use .png, .svg or .pdf")
    return ext


def write_figure(figure, path: str, scale: float = 1.0, background: QColor | None = None,
                 dpi: float | None = None) -> str:
    """Write ``figure`` to ``path`` in the format its suffix names; returns the format.
    ``dpi`` (PNG only) overrides ``scale`` with dpi / 96."""
    fmt = format_of(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OSError(f"cannot write {path}: no such folder")
    if fmt == "png":
        if dpi is not None:
            scale = dpi / BASE_DPI
        image = render_image(figure, scale, background)
        if not image.save(path, "PNG"):
            raise OSError(f"cannot write {path}")
    elif fmt == "svg":
        data = svg_bytes(figure, background)
        with open(path, "wb") as out:
            out.write(data)
    else:
        write_pdf(figure, path, background)
    return fmt


def _paint(painter: QPainter, figure, size: QSizeF, background: QColor) -> None:
    """The figure over its background, in logical units (vector writers share this)."""
    _hints(painter)
    rect = QRectF(0, 0, size.width(), size.height())
    if background.alpha():
        painter.fillRect(rect, background)
    figure.paint(painter, rect, background)
