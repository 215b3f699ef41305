"""A small line editor floating over the canvas, for typing a weight or a neuron's label.

Enter applies (and stays open when the text is refused, so it can be fixed),
Escape cancels, clicking elsewhere applies what was typed if it is valid.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from nnviz.app.i18n import translate

STYLE = ("QLineEdit { background: white; color: #1f2933; border: 2px solid #7b3fe4;"
         " border-radius: 5px; padding: 1px 4px; selection-background-color: #c9b3f5; }")


class InlineEditor(QLineEdit):
    closed = Signal()

    def __init__(self, parent: QWidget, text: str, apply: Callable[[str], bool],
                 kind: str) -> None:
        super().__init__(text, parent)
        self.apply, self.kind, self.original = apply, kind, text
        self._done = False
        self.setObjectName(f"inline-{kind}-editor")
        self.setStyleSheet(STYLE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setToolTip(translate("canvas.editor", "Enter applies, Escape cancels"))

    def place(self, centre: QPoint) -> None:
        width = max(70, self.fontMetrics().horizontalAdvance(self.text()) + 28)
        self.resize(width, self.sizeHint().height())
        self.move(centre - QPoint(width // 2, self.height() // 2))
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.apply(self.text()):
                self._finish()
            else:
                self.selectAll()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        if not self._done and event.reason() != Qt.FocusReason.PopupFocusReason:
            if self.text() != self.original:
                self.apply(self.text())
            self._finish()

    def cancel(self) -> None:
        self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.hide()
        self.deleteLater()
        self.closed.emit()
