"""File → Export Animation…: the options of ``nnviz animate``, a progress bar and Cancel.

Frames are widgets rendered into QImages, so they are made on the GUI thread, one per
timer tick: between two frames the window handles its events (it repaints, Cancel is
clicked). Encoding the GIF (Pillow, no Qt) then runs on a Python thread while the dialog
polls it. The animation replays training on a copy of the document taken when Export
is pressed: the window's own document, engine and undo history are never touched.
"""

from __future__ import annotations

import copy
import os
import threading

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.animate_file import (
    DEFAULT_DURATION,
    DEFAULT_EPOCHS,
    DEFAULT_FPS,
    DEFAULT_HOLD,
    MAX_FPS,
    AnimationOptions,
)
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate

C = "export.animation_dialog"  # the translation context of the tables' texts
VIEWS = {
    "slide": QT_TRANSLATE_NOOP("export.animation_dialog", "Slide (16:9: network, regions, loss)"),
    "network": QT_TRANSLATE_NOOP("export.animation_dialog", "Network"),
    "regions": QT_TRANSLATE_NOOP("export.animation_dialog", "Decision regions"),
    "loss": QT_TRANSLATE_NOOP("export.animation_dialog", "Loss plot"),
    "backward-steps": QT_TRANSLATE_NOOP("export.animation_dialog",
                                        "Backprop step-through (one frame a step)"),
}
FORMATS = {
    "gif": QT_TRANSLATE_NOOP("export.animation_dialog", "GIF (slides, web pages)"),
    "png": QT_TRANSLATE_NOOP("export.animation_dialog", "Animated PNG (lossless)"),
    "mp4": QT_TRANSLATE_NOOP("export.animation_dialog", "MP4 video (needs ffmpeg)"),
}
SIZES = {"1280x720": "1280 × 720", "1600x900": "1600 × 900", "1920x1080": "1920 × 1080",
         "960x540": "960 × 540",
         "own": QT_TRANSLATE_NOOP("export.animation_dialog", "The figure's own size")}
THEMES = {
    "light": QT_TRANSLATE_NOOP("export.animation_dialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("export.animation_dialog", "Dark"),
    "projector": QT_TRANSLATE_NOOP("export.animation_dialog", "Projector (high contrast)"),
    "print": QT_TRANSLATE_NOOP("export.animation_dialog", "Print"),
}
CONVENTIONS = {"": QT_TRANSLATE_NOOP("export.animation_dialog", "The document's"),
               "dl_dz": "δ = ∂L/∂z (dl_dz)", "mitchell": "δ = −∂E/∂net (Mitchell)"}
POLL_MS = 50  # how often the dialog looks whether the encoder thread has finished


def _combo(items: dict) -> QComboBox:
    combo = QComboBox()
    for key, text in items.items():
        combo.addItem(translate(C, text), key)
    return combo


class AnimationDialog(QDialog):
    """Options, then Export: frames render one per tick; ``finished_export(path)`` at the
    end (an empty path when cancelled or failed)."""

    finished_export = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        from nnviz.app import theme

        self.w = window
        self.setWindowTitle(translate("export.animation_dialog", "Export animation"))
        doc = window.model.document
        self.view, self.format, self.size_, self.theme, self.convention = (
            _combo(VIEWS), _combo(FORMATS), _combo(SIZES), _combo(THEMES), _combo(CONVENTIONS))
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme.current().name)))
        self.first = QSpinBox(minimum=doc.epoch, maximum=doc.epoch + 100_000, value=doc.epoch)
        self.last = QSpinBox(minimum=doc.epoch, maximum=doc.epoch + 100_000,
                             value=doc.epoch + DEFAULT_EPOCHS)
        self.fps = QDoubleSpinBox(minimum=0.1, maximum=MAX_FPS, value=DEFAULT_FPS["training"],
                                  decimals=1)
        self.duration = QDoubleSpinBox(minimum=0.1, maximum=600, value=DEFAULT_DURATION,
                                       decimals=1)
        self.hold = QDoubleSpinBox(minimum=0, maximum=60, value=DEFAULT_HOLD, decimals=1)
        rows = doc.build_dataset().n if self._runs(doc) else 1
        sample = window.controller.sample
        self.sample = QSpinBox(minimum=0, maximum=max(rows - 1, 0),
                               value=sample if sample is not None and sample < rows else 0)
        for spin in (self.fps, self.duration, self.hold):
            seconds = translate("export.animation_dialog", " s")
            spin.setSuffix(seconds if spin is not self.fps else "")
        self.path = QLineEdit()
        browse = QPushButton(translate("export.animation_dialog", "Browse…"))
        browse.clicked.connect(self.browse)
        where = QWidget()
        line = QHBoxLayout(where)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        form = QFormLayout()
        form.addRow(translate("export.animation_dialog", "View:"), self.view)
        form.addRow(translate("export.animation_dialog", "From epoch:"), self.first)
        form.addRow(translate("export.animation_dialog", "To epoch:"), self.last)
        form.addRow(translate("export.animation_dialog", "Example row:"), self.sample)
        form.addRow(translate("export.animation_dialog", "Convention:"), self.convention)
        form.addRow(translate("export.animation_dialog", "Frames per second:"), self.fps)
        form.addRow(translate("export.animation_dialog", "Duration:"), self.duration)
        form.addRow(translate("export.animation_dialog", "Hold the last frame:"), self.hold)
        form.addRow(translate("export.animation_dialog", "Size:"), self.size_)
        form.addRow(translate("export.animation_dialog", "Theme:"), self.theme)
        form.addRow(translate("export.animation_dialog", "Format:"), self.format)
        form.addRow(translate("export.animation_dialog", "File:"), where)
        self.form = form
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(translate("export.animation_dialog", "Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.job = None
        self.thread: threading.Thread | None = None
        self._stop = False
        self._error: str | None = None
        self._theme_name = theme.current().name
        self.view.currentIndexChanged.connect(self._follow_view)
        self.format.currentIndexChanged.connect(self._follow_format)
        self._load()
        self._follow_view()
        self._idle()

    @staticmethod
    def _runs(doc) -> bool:
        try:
            doc.build_dataset()
        except Exception:  # noqa: BLE001 — an unfinished document: row 0 is all there is
            return False
        return True

    # ------------------------------------------------------------ options
    def _load(self) -> None:
        s = QSettings()
        for combo, key in self._combos():
            index = combo.findData(s.value(f"animation/{key}"))
            if index >= 0:
                combo.setCurrentIndex(index)
        folder = s.value("animation/folder", os.path.expanduser("~"))
        self.path.setText(os.path.join(folder, f"nnviz-animation.{self.format.currentData()}"))

    def save(self) -> None:
        s = QSettings()
        for combo, key in self._combos():
            s.setValue(f"animation/{key}", combo.currentData())
        s.setValue("animation/folder", os.path.dirname(os.path.abspath(self.path.text())))

    def _combos(self):
        return ((self.view, "view"), (self.format, "format"), (self.size_, "size"))

    def _follow_view(self) -> None:
        steps = self.view.currentData() == "backward-steps"
        for widget, on in ((self.first, not steps), (self.last, not steps),
                           (self.sample, steps), (self.convention, steps)):
            widget.setEnabled(on)
            self.form.labelForField(widget).setEnabled(on)
        self.fps.setValue(DEFAULT_FPS["backward-steps" if steps else "training"])
        self.duration.setEnabled(not steps)
        self.form.labelForField(self.duration).setEnabled(not steps)

    def _follow_format(self) -> None:
        base, _ = os.path.splitext(self.path.text())
        if base:
            self.path.setText(f"{base}.{self.format.currentData()}")

    def browse(self) -> None:
        fmt = self.format.currentData()
        title = translate("export.animation_dialog", "Export animation")
        path, _ = QFileDialog.getSaveFileName(self, title, self.path.text(),
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.path.setText(path)

    def options(self) -> AnimationOptions:
        steps = self.view.currentData() == "backward-steps"
        size = self.size_.currentData()
        w, h = size.split("x") if size != "own" else (None, None)
        return AnimationOptions(
            view=self.view.currentData(),
            epochs=None if steps else (self.first.value(), max(self.first.value(),
                                                               self.last.value())),
            fps=self.fps.value(), duration=None if steps else self.duration.value(),
            hold=self.hold.value(), size=(int(w), int(h)) if w else None,
            theme=self.theme.currentData(),
            convention=(self.convention.currentData() or None) if steps else None,
            sample=self.sample.value() if steps else None,
            title=self.w.model.document.title or self.w.files.display_name())

    # ------------------------------------------------------------ running
    @property
    def running(self) -> bool:
        return self.job is not None

    def _idle(self) -> None:
        for widget in (self.export_button, self.close_button):
            widget.setEnabled(True)
        self.cancel_button.setEnabled(False)
        for i in range(self.form.rowCount()):
            item = self.form.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                item.widget().setEnabled(True)
        self._follow_view_enabled()

    def _follow_view_enabled(self) -> None:
        steps = self.view.currentData() == "backward-steps"
        for widget, on in ((self.first, not steps), (self.last, not steps),
                           (self.sample, steps), (self.convention, steps),
                           (self.duration, not steps)):
            widget.setEnabled(on)

    def _busy(self) -> None:
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        for i in range(self.form.rowCount()):
            item = self.form.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                item.widget().setEnabled(False)

    def start(self) -> None:
        from nnviz.app.export.animation import AnimationJob
        from nnviz.app.export.writers import background_colour

        path = self.path.text().strip()
        if not path:
            self.status.setText(translate("export.animation_dialog", "Choose a file to write."))
            return
        self.save()
        from nnviz.app import theme

        self._theme_name = theme.current().name  # the window's, given back at the end
        epoch = self.w.model.document.epoch  # trained since the dialog opened: start there
        for spin in (self.first, self.last):
            spin.setMinimum(epoch)
        o = self.options()
        document = consistent_copy(self.w.model.document)  # the window's stays as it is
        self._stop, self._error = False, None
        try:
            with self._theme(o.theme) as chosen:
                self.job = AnimationJob(document, path, o, background_colour("theme", chosen))
        except (ValueError, OSError) as exc:
            self.job = None
            text = translate("export.animation_dialog", "Cannot export: {reason}")
            self.status.setText(text.format(reason=exc))
            return
        self.path_written = path
        self.progress.setRange(0, self.job.count)
        self.progress.setValue(0)
        text = translate("export.animation_dialog", "Rendering {count} frames…")
        self.status.setText(text.format(count=self.job.count))
        self._busy()
        QTimer.singleShot(0, self, self._tick)

    def _theme(self, name: str):
        """The export's theme while a frame renders; the window's again right after."""
        from contextlib import contextmanager

        from nnviz.app import theme

        @contextmanager
        def applied():
            before = theme.current()
            chosen = theme.apply_theme(name)  # canvas and plot styles only, not the palette
            try:
                yield chosen
            finally:
                theme.apply_theme(before)
        return applied()

    def _tick(self) -> None:
        job = self.job
        if job is None or self._stop:
            return
        try:
            with self._theme(self.theme.currentData()):
                frame = job.step()
        except (ValueError, OSError) as exc:
            text = translate("export.animation_dialog", "Export failed: {reason}")
            self._done(text.format(reason=exc), "")
            return
        if frame is not None:
            self.progress.setValue(job.done)
            text = translate("export.animation_dialog", "Frame {done} of {count}: {label}")
            self.status.setText(text.format(done=job.done, count=job.count, label=frame.label))
            QTimer.singleShot(0, self, self._tick)
            return
        self.status.setText(translate("export.animation_dialog", "Writing {name}…").format(
            name=os.path.basename(self.path_written)))
        self.progress.setRange(0, 0)  # busy: the encoder does not say how far it is
        self.thread = threading.Thread(target=self._finish, args=(job,), daemon=True)
        self.thread.start()
        QTimer.singleShot(POLL_MS, self, self._poll)

    def _finish(self, job) -> None:
        try:
            if not job.finish(lambda: self._stop):
                self._error = "cancelled"
        except (ValueError, OSError) as exc:
            self._error = str(exc)

    def _poll(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            QTimer.singleShot(POLL_MS, self, self._poll)
            return
        self.thread = None
        if self._error == "cancelled" or self._stop:
            self._done(translate("export.animation_dialog", "Cancelled."), "")
        elif self._error:
            text = translate("export.animation_dialog", "Export failed: {reason}")
            self._done(text.format(reason=self._error), "")
        else:
            name = os.path.basename(self.path_written)
            text = translate("export.animation_dialog", "Wrote {name} ({count} frames).")
            self._done(text.format(name=name, count=self.job.count), self.path_written)
            text = translate("export.animation_dialog", "Exported the animation {name}")
            self.w.show_message(text.format(name=name))

    def cancel(self) -> None:
        """Stop: while rendering at once; while encoding at its next frame."""
        if self.job is None:
            return
        self._stop = True
        if self.thread is None:  # still rendering: nothing is running between ticks
            self.job.abort()
            self._done(translate("export.animation_dialog", "Cancelled."), "")

    def _done(self, message: str, path: str) -> None:
        from nnviz.app import theme

        if self.theme.currentData() != self._theme_name:
            # The window's plots and canvas may have redrawn during a frame, with the
            # export's colours (the styles are global): give them the window's again.
            theme.apply_to_window(self.w, self._theme_name)
        self.job = None
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if path else 0)
        self.status.setText(message)
        self._idle()
        self.finished_export.emit(path)

    def reject(self) -> None:
        if self.running:
            self.cancel()
            if self.running:  # encoding: the thread stops at its next frame, then we close
                return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.running:
            self.cancel()
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)


def consistent_copy(document):
    """A copy of the window's document, its history cut at its epoch.

    While the window trains, the document's history is the controller's, which grows
    with every snapshot, but weights and epoch are taken in only every so often: the
    copy keeps the rows its weights have seen, or the replay would draw the epochs in
    between twice.
    """
    from nnviz.core.training import History

    doc = copy.deepcopy(document)
    rows = doc.history.rows
    keep = [i for i, epoch in enumerate(rows["epoch"]) if epoch <= doc.epoch]
    if len(keep) != len(rows["epoch"]):
        doc.history = History.from_dict({k: [v[i] for i in keep] for k, v in rows.items()})
    return doc


def export_animation(window) -> AnimationDialog:
    """Show the dialog (not modal: the window stays usable while frames render)."""
    dialog = getattr(window, "_animation_dialog", None)
    if dialog is None or not dialog.running:  # a fresh one: the document may have changed
        if dialog is not None:
            dialog.deleteLater()
        dialog = window._animation_dialog = AnimationDialog(window)
    dialog.show()
    dialog.raise_()
    return dialog
