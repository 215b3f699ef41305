"""The formula dock and the on-canvas legend of the backward-pass view."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nnviz.app import uiscale
from nnviz.app.i18n import translate
from nnviz.core.stepper import PHASE_TITLES, PHASES, Step


def esc(text: str) -> str:
    """Escape for a rich-text label without turning ' into &#x27; (Qt shows that literally
    in some paths) — every label here is explicitly rich text, so this is all it needs."""
    return escape(text, quote=False)


def visible_text(label: QLabel) -> str:
    """What a QLabel shows, as plain text (rich text rendered the way Qt renders it)."""
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text()))
    if not rich:
        return label.text()
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def step_style() -> str:
    return f"font-size: {uiscale.px(18)}px; color: #1f2933; padding: 6px 0;"


def paths_style() -> str:  # a path sum runs longer than a step's formula
    return f"font-size: {uiscale.px(14)}px; color: #1f2933; padding: 4px 0;"




class FormulaPanel(QWidget):
    """Where the step-through writes the current formula with the numbers plugged in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.phases = QLabel()
        self.title = QLabel()
        self.formula = QLabel()
        self.note = QLabel()
        self.keys = QLabel(esc(translate("backward.panel", "→ / ← step · Shift+→ / Shift+←"
                                         " jump a phase · Esc leaves · the update step is one"
                                         " undo step")))
        self._paths = False  # the formula shows a path sum (smaller type), not a step
        self.rescale()
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setWordWrap(True)
        self.note.setWordWrap(True)
        self.keys.setWordWrap(True)
        for w in (self.phases, self.title, self.formula, self.note, self.keys):
            w.setTextFormat(Qt.TextFormat.RichText)  # one format: every text is escaped once
        for w in (self.phases, self.title, self.formula, self.note):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.keys)
        self.clear()
        uiscale.notifier.changed.connect(self.rescale)  # presentation mode: larger type

    def rescale(self, *_args: object) -> None:
        """Type sizes at presentation mode's factor."""
        self.title.setStyleSheet(f"font-size: {uiscale.px(17)}px; font-weight: 600; "
                                 f"color: #1f2933;")
        self.formula.setStyleSheet(paths_style() if self._paths else step_style())
        self.note.setStyleSheet("color: #616e7c;")  # the phases and the note: app font
        self.keys.setStyleSheet(f"color: #616e7c; font-size: {uiscale.px(11)}px;")

    def clear(self) -> None:
        """Nothing computed yet: only how to start."""
        self.show_step(None, 0, 0, translate("backward.panel", "Press F6 (View → Step Through"
                                             " Backprop) to start."))

    def show_lines(self, title: str, lines: list[str], note: str) -> None:
        """A formula that is not a step (a path sum): no phase trail, same look."""
        trail = esc(translate("backward.panel", "Computational graph: gradients as sums over"
                              " paths of the reversed graph"))
        trail = f"<span style='color:#9aa5b1'>{trail}</span>"
        self.phases.setText(trail)
        self.title.setText(esc(title))
        self._paths = True
        self.formula.setStyleSheet(paths_style())
        self.formula.setText("<br>".join(esc(line) for line in lines))
        self.note.setText(esc(note))

    def show_step(self, step: Step | None, index: int, count: int, note: str) -> None:
        current = step.phase if step is not None else None
        crumbs = [f"<b style='color:#7b3fe4'>{PHASE_TITLES[p]}</b>" if p == current
                  else f"<span style='color:#9aa5b1'>{PHASE_TITLES[p]}</span>" for p in PHASES]
        self.phases.setText(" → ".join(crumbs))
        self._paths = False
        self.formula.setStyleSheet(step_style())
        where = translate("backward.panel", "({index} of {count})").format(index=index + 1,
                                                                           count=count)
        self.title.setText("" if step is None else f"{esc(step.title)}"
                           f"  <span style='color:#9aa5b1'>{esc(where)}</span>")
        self.formula.setText("<br>".join(esc(line) for line in step.lines)
                             if step is not None else "")
        self.note.setText(esc(note))


class Legend(QLabel):
    """A card in the canvas's top-left corner: the convention, the example, the notation."""

    def __init__(self, parent: QWidget) -> None:
        # A child of the view, not of its viewport: QGraphicsView scrolls the viewport with
        # QWidget.scroll, which drags the viewport's children along (fit and pan moved the
        # card off its corner). Positioned over the viewport's top-left corner instead.
        self.viewport = parent
        super().__init__(parent.parentWidget() or parent)
        self.rescale()
        uiscale.notifier.changed.connect(self.rescale)  # presentation mode: larger type
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def rescale(self, *_args: object) -> None:
        px = uiscale.px
        self.setStyleSheet(f"QLabel {{ background: rgba(255,255,255,235); border: 1px solid "
                           f"#d9dee4; border-radius: {px(6)}px; padding: {px(6)}px {px(9)}px; "
                           f"color: #1f2933; font-size: {px(12)}px; }}")
        if self.text():  # re-fit the card once the new type size has reached the layout
            QTimer.singleShot(0, self, lambda: self.set_lines(self.text().split("<br>")))

    def set_lines(self, lines: list[str]) -> None:
        self.setText("<br>".join(lines))
        self.setWordWrap(False)
        self.setMinimumWidth(0)
        self.setMaximumWidth(16777215)
        self.adjustSize()
        room = self.viewport.width() - 24
        if 0 < room < self.width():  # a narrow canvas: wrap rather than be cut off
            self.setWordWrap(True)
            self.setFixedWidth(room)
            self.setFixedHeight(self.heightForWidth(room))
        else:
            self.setMinimumSize(0, 0)
            self.setMaximumSize(16777215, 16777215)
            self.adjustSize()
        self.place()

    def place(self) -> None:
        """Over the viewport's top-left corner."""
        corner = self.viewport.geometry().topLeft() if self.parentWidget() is not self.viewport \
            else self.viewport.rect().topLeft()
        self.move(corner.x() + 12, corner.y() + 12)
        self.raise_()
