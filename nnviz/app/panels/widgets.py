"""Small pieces the panels share: a re-entrancy guard, spin boxes, message labels, merging,
and the wheel guard that keeps a scrolling panel's values still while it scrolls.

Panels refresh their widgets from the document after every change; setting a widget
programmatically fires the same signals a user's edit does, so every panel wraps its
refresh in a ``Guard`` and its edit handlers return early while the guard is held.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QScrollBar,
    QSpinBox,
    QWidget,
)

from nnviz.app.core_terms import core_title
from nnviz.core.commands import Command, SetAttribute

if TYPE_CHECKING:
    pass

_VALUE_WIDGETS = (QAbstractSpinBox, QAbstractSlider, QComboBox)

ERROR_STYLE = "color: #b3261e;"
INFO_STYLE = "color: palette(mid);"
_runs = itertools.count(1)


class Guard:
    """True while a panel writes its own widgets; edit handlers then do nothing."""

    def __init__(self) -> None:
        self._depth = 0

    def __bool__(self) -> bool:
        return self._depth > 0

    @contextmanager
    def hold(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1


def new_run() -> int:
    """A fresh token: edits tagged with different tokens never merge into one undo step."""
    return next(_runs)


def in_run(command: Command, run: int) -> Command:
    """Tag a mergeable command with an edit run (one spin-box or slider interaction).

    Core commands merge whenever their keys match; without the run token, nudging a
    bias today and again after an unrelated pause would still be one undo step.
    """
    if command.merge_key is not None:
        command.merge_key = (command.merge_key, run)
    return command


class MergingSetAttribute(SetAttribute):
    """SetAttribute whose consecutive edits of one field (spin arrows, wheel) merge."""

    def __init__(self, name: str, value: object, text: str, key: object = None) -> None:
        super().__init__(name, value, text)
        self.merge_key = None if key is None else ("attribute", name, key)

    def merge(self, later: Command) -> bool:
        if not isinstance(later, MergingSetAttribute) or later.merge_key != self.merge_key:
            return False
        self.new = later.new  # keep our ``old``: undo returns to before the first step
        return True


def double_spin(low: float, high: float, decimals: int, step: float, tip: str,
                parent: QWidget | None = None) -> QDoubleSpinBox:
    """A spin box that commits typed text on Enter or focus-out, arrows and wheel at once."""
    box = QDoubleSpinBox(parent)
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setKeyboardTracking(False)  # "1.25" typed is one edit, not "1", "1.2", "1.25"
    box.setAccelerated(True)
    box.setToolTip(tip)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


def int_spin(low: int, high: int, tip: str, parent: QWidget | None = None) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(low, high)
    box.setKeyboardTracking(False)
    box.setToolTip(tip)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


def choice_combo(choices: dict[str, str], tip: str, parent: QWidget | None = None) -> QComboBox:
    """A combo of (title, key) items, titles translated (see core_terms); ``currentData()`` is
    the key."""
    combo = QComboBox(parent)
    for key, title in choices.items():
        combo.addItem(core_title(title), key)
    combo.setToolTip(tip)
    # Long titles ("Gradient descent (backprop)") must not force a wide dock.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def add_row(form: QFormLayout, text: str, field: QWidget, tip: str | None = None) -> QLabel:
    """A form row whose label shares the field's tooltip (hovering either explains it)."""
    if tip is not None:
        field.setToolTip(tip)
    label = QLabel(text)
    label.setToolTip(field.toolTip())
    label.setBuddy(field)
    form.addRow(label, field)
    return label


def select_data(combo: QComboBox, value: object) -> None:
    """Show the item whose data is value (or no item when none has it)."""
    combo.setCurrentIndex(combo.findData(value))


class MessageLabel(QLabel):
    """A wrapped one-line notice under a form: errors in red, hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_STYLE)

    def show_info(self, text: str) -> None:
        self._show(text, INFO_STYLE)

    def _show(self, text: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")
        self.hide()


def fmt(value: float | None, digits: int = 4) -> str:
    """A number as the read-only fields show it; an em dash when there is none."""
    if value is None:
        return "—"
    if value != value or abs(value) == float("inf"):
        return str(value)
    return f"{value:+.{digits}f}".replace("-", "−")



class WheelGuard(QObject):
    """Spin boxes, sliders and combo boxes in a scrolling panel take the wheel only when focused.

    Otherwise the wheel scrolls the panel: turning it over a Data panel whose Split slider
    happened to pass under the pointer re-split the data. Installed once on the
    application, it sees every widget, those created later included: each value widget
    gets StrongFocus when first polished (Qt's default WheelFocus would let the wheel
    focus it and so change it), and a wheel over an unfocused one goes to the scroll area
    around it. Scroll bars, and widgets in no scroll area, keep the wheel as usual.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            return self._wheel(watched, event)
        if kind == QEvent.Type.Polish and _is_value_widget(watched):
            _take_focus_by_click_or_tab(watched)
        return False

    def _wheel(self, widget: QObject, event: QWheelEvent) -> bool:
        if not _is_value_widget(widget) or widget.hasFocus():
            return False
        area = _scroll_area_around(widget)
        if area is None:
            return False
        viewport = area.viewport()
        # The scroll area's viewport scrolls it; positions only matter for the pointer.
        scroll = QWheelEvent(viewport.mapFromGlobal(event.globalPosition()),
                             event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                             event.buttons(), event.modifiers(), event.phase(),
                             event.inverted(), event.source())
        QApplication.sendEvent(viewport, scroll)
        return True  # handled: the value widget never sees it


def _is_value_widget(obj: QObject) -> bool:
    return isinstance(obj, _VALUE_WIDGETS) and not isinstance(obj, QScrollBar)


def _take_focus_by_click_or_tab(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        if parent.isWindow():
            return None
        parent = parent.parentWidget()
    return None


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """The application's one WheelGuard (installed on first call), value widgets converted."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        for widget in app.allWidgets():  # those polished before the guard existed
            if _is_value_widget(widget):
                _take_focus_by_click_or_tab(widget)
    return guard
