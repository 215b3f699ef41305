"""The hint line at the bottom of the canvas: the active tool, and what the draft lacks.

It is a widget over the viewport, not a scene item, so exports never show it. The
draft part is recomputed from the document on every edit, so it always describes the
network on screen and disappears as soon as the network can train.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate

HINTS = {
    "select": QT_TRANSLATE_NOOP(
            "canvas.hint", "Select (V) · drag a neuron: move · right-drag from a neuron to a "
            "neuron or a column: connect · N, I, H, O: add neurons"),
    "connect": QT_TRANSLATE_NOOP(
            "canvas.hint", "Connect (C) · drag from a neuron to a neuron or a whole column · "
            "Esc: Select"),
}
ROLES = {None: QT_TRANSLATE_NOOP("canvas.hint", "neuron (its column picks the role)"),
         "input": QT_TRANSLATE_NOOP("canvas.hint", "input neuron (I)"),
         "hidden": QT_TRANSLATE_NOOP("canvas.hint", "hidden neuron (H)"),
         "output": QT_TRANSLATE_NOOP("canvas.hint", "output neuron (O)")}
STYLE = ("QLabel { background: rgba(255, 255, 255, 225); color: #1f2933; border: 1px solid "
         "#d9dee4; border-radius: 6px; padding: 3px 8px; }")


def _draft(problem: str) -> str:
    return translate("canvas.hint", "Draft: {problem}").format(problem=problem)


class HintLine(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("canvas-hint")
        self.setStyleSheet(STYLE)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        font = self.font()
        font.setPixelSize(13)  # readable; the canvas's own labels are 11-12 px
        self.setFont(font)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.tool_text = ""
        self.draft_text = ""

    def show_tool(self, tool: str, role: str | None, sticky: bool) -> None:
        text = translate("canvas.hint", HINTS[tool]) if tool in HINTS else ""
        if tool == "add":
            keep = (translate("canvas.hint", "sticky: stays on") if sticky
                    else translate("canvas.hint", "Shift-click: keep adding"))
            text = translate(
                "canvas.hint", "Add {what}: click where it goes · {keep} · Esc: Select")
            text = text.format(what=translate("canvas.hint", ROLES[role]), keep=keep)
        self.tool_text = text
        self._show()

    def show_draft(self, problems: list[str]) -> None:
        self.draft_text = problems[0] if problems else ""
        self._show()

    def plain(self) -> str:
        """What the line says, without markup (tests read it)."""
        return self.tool_text + (" — " + _draft(self.draft_text) if self.draft_text else "")

    def _show(self) -> None:
        html = self.tool_text.replace("&", "&amp;").replace("<", "&lt;")
        if self.draft_text:
            draft = self.draft_text.replace("&", "&amp;").replace("<", "&lt;")
            html += f"<br><span style='color:#b54708'>{_draft(draft)}</span>"
        self.setText(html)
        self.place()

    def place(self) -> None:
        parent = self.parentWidget()
        metrics = self.fontMetrics()
        lines = [t for t in (self.tool_text, self.draft_text and _draft(self.draft_text)) if t]
        inner = min(max(200, parent.width() - 16) - 20,
                    max((metrics.horizontalAdvance(t) for t in lines), default=0) + 4)
        flags = Qt.TextFlag.TextWordWrap
        height = sum(metrics.boundingRect(0, 0, inner, 10_000, flags, t).height() for t in lines)
        self.setFixedSize(inner + 20, height + 10)  # padding and border of STYLE
        self.move(8, parent.height() - self.height() - 8)
        self.raise_()
