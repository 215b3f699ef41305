"""File → Export… (view, format, scale or DPI, background; remembered in QSettings) and
Edit → Copy as Image (a QImage on the clipboard, plus the SVG as image/svg+xml)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
)

from nnviz.app.export.figures import Figure, NetworkFigure
from nnviz.app.export.slide_panels import LossPanel, RegionsPanel, slide
from nnviz.app.export.writers import background_colour, render_image, write_figure
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate

VIEWS = {"network": QT_TRANSLATE_NOOP("export.dialog", "Network"),
         "regions": QT_TRANSLATE_NOOP("export.dialog", "Decision regions"),
         "loss": QT_TRANSLATE_NOOP("export.dialog", "Loss plot"),
         "slide": QT_TRANSLATE_NOOP("export.dialog", "Slide (16:9: network, regions, loss)")}
RESOLUTIONS = {"1×": 1.0, "2×": 2.0, "3×": 3.0, "4×": 4.0, "150 DPI": 150 / 96,
               "300 DPI": 300 / 96}
FORMATS = {"png": QT_TRANSLATE_NOOP("export.dialog", "PNG image"),
           "svg": QT_TRANSLATE_NOOP("export.dialog", "SVG (vector)"),
           "pdf": QT_TRANSLATE_NOOP("export.dialog", "PDF (vector, one page)")}
BACKGROUNDS = {"white": QT_TRANSLATE_NOOP("export.dialog", "White"),
               "transparent": QT_TRANSLATE_NOOP("export.dialog", "Transparent"),
               "theme": QT_TRANSLATE_NOOP("export.dialog", "Theme")}


def window_figure(window, name: str) -> Figure:
    """A figure of the main window's views."""
    from nnviz.app import theme

    if name == "network":
        return NetworkFigure(window.view.canvas)
    # The plots as the slide draws them (slide units): sharper at 300 DPI, never smaller.
    if name == "regions":
        return RegionsPanel.from_plot(window.decision_plot)
    if name == "loss":
        return LossPanel.from_plot(window.loss_plot)

    title = window.model.document.title or window.files.display_name()
    return slide(window.view.canvas, window.decision_plot, window.loss_plot, title,
                 ink=theme.current().ink)


class ExportDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("export.dialog", "Export figure"))
        self.view, self.format, self.resolution, self.background = (
            QComboBox(), QComboBox(), QComboBox(), QComboBox())
        for combo, items in ((self.view, VIEWS), (self.format, FORMATS),
                             (self.resolution, {k: k for k in RESOLUTIONS}),
                             (self.background, BACKGROUNDS)):
            for key, text in items.items():
                combo.addItem(translate("export.dialog", text), key)
        self.margin = QDoubleSpinBox(minimum=0, maximum=200, value=30, suffix=" px")
        form = QFormLayout(self)
        form.addRow(translate("export.dialog", "View:"), self.view)
        form.addRow(translate("export.dialog", "Format:"), self.format)
        form.addRow(translate("export.dialog", "PNG resolution:"), self.resolution)
        form.addRow(translate("export.dialog", "Background:"), self.background)
        form.addRow(translate("export.dialog", "Margin:"), self.margin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(
            lambda: self.resolution.setEnabled(self.format.currentData() == "png"))
        self._load()

    def _load(self) -> None:
        s = QSettings()
        for combo, key in self._combos():
            index = combo.findData(s.value(f"export/{key}"))
            if index >= 0:
                combo.setCurrentIndex(index)
        self.margin.setValue(float(s.value("export/margin", 30.0)))

    def save(self) -> None:
        s = QSettings()
        for combo, key in self._combos():
            s.setValue(f"export/{key}", combo.currentData())
        s.setValue("export/margin", self.margin.value())

    def _combos(self):
        return ((self.view, "view"), (self.format, "format"), (self.resolution, "resolution"),
                (self.background, "background"))

    def choices(self) -> dict:
        return {"view": self.view.currentData(), "format": self.format.currentData(),
                "scale": RESOLUTIONS[self.resolution.currentData()],
                "background": self.background.currentData(), "margin": self.margin.value()}


def export_figure(window) -> str | None:
    """Run the dialog, ask for a file name, write; returns the path written or None."""
    dialog = ExportDialog(window)
    if not dialog.exec():
        return None
    dialog.save()
    c = dialog.choices()
    folder = QSettings().value("export/folder", os.path.expanduser("~"))
    suggested = os.path.join(folder, f"nnviz-{c['view']}.{c['format']}")
    path, _ = QFileDialog.getSaveFileName(window, translate("export.dialog", "Export figure"),
                                          suggested,
                                          f"{c['format'].upper()} (*.{c['format']})")
    if not path:
        return None
    if not path.lower().endswith("." + c["format"]):
        path += "." + c["format"]
    QSettings().setValue("export/folder", os.path.dirname(path))
    figure = window_figure(window, c["view"])
    if isinstance(figure, NetworkFigure):
        figure.margin = c["margin"]
    try:
        write_figure(figure, path, c["scale"], background_colour(c["background"]))
    except (OSError, ValueError) as exc:
        window.show_message(translate("export.dialog", "Export failed: {reason}").format(
            reason=exc))
        return None
    window.show_message(translate("export.dialog", "Exported {name}").format(
        name=os.path.basename(path)))
    return path


def copy_as_image(window, view: str = "network", scale: float = 2.0) -> None:
    """The figure on the clipboard as an image, ready to paste into slides.

    Only the image: PySide6 (6.11) segfaults at exit when the clipboard holds a
    QMimeData made in Python (a five-line script reproduces it), which is the only
    way to offer SVG beside it. For vector figures, File > Export writes SVG or PDF.
    """
    figure = window_figure(window, view)
    QApplication.clipboard().setImage(render_image(figure, scale, background_colour("white")))
    window.show_message(translate("export.dialog", "Copied the figure as an image"))
