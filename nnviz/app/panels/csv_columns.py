"""The CSV dialog's column table: one row per column with its role, encoding and levels.

Encodings follow the lectures: real values are standardised or scaled, nominal ones
become one-of-k, ordinal ones a thermometer code, which needs the levels in order
(small, medium, large): typed comma-separated or arranged in a drag-and-drop list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.core.csvdata import CsvTable, suggest_roles

#: An ordinal column with more levels than this is not offered its levels in the dialog.
MAX_LEVELS = 50
# Rows given their combo boxes at once when the view cannot yet say which are on screen.
VISIBLE_ROWS = 40
ROLE_TITLES = {"feature": QT_TRANSLATE_NOOP("panels.csv_columns", "Feature (input)"),
               "target": QT_TRANSLATE_NOOP("panels.csv_columns", "Target (output)"),
               "ignore": QT_TRANSLATE_NOOP("panels.csv_columns", "Ignore")}
ENCODINGS = {
    "feature": {"standardize": QT_TRANSLATE_NOOP("panels.csv_columns", "Standardise (z-score)"),
                "scale": QT_TRANSLATE_NOOP("panels.csv_columns", "Scale to −1…1"),
                "none": QT_TRANSLATE_NOOP("panels.csv_columns", "As is"),
                "onehot": QT_TRANSLATE_NOOP("panels.csv_columns", "One-of-k (nominal)"),
                "thermometer": QT_TRANSLATE_NOOP("panels.csv_columns", "Thermometer (ordinal)")},
    "target": {"numeric": QT_TRANSLATE_NOOP("panels.csv_columns", "Number (regression)"),
               "binary": QT_TRANSLATE_NOOP("panels.csv_columns", "Two classes (0/1)"),
               "onehot": QT_TRANSLATE_NOOP("panels.csv_columns", "Classes (one-hot)")},
}
ENCODING_TIPS = {
    "standardize": QT_TRANSLATE_NOOP("panels.csv_columns",
                                     "(x − mean) / std over the training rows"),
    "scale": QT_TRANSLATE_NOOP(
            "panels.csv_columns", "Linearly onto −1…1 using the training rows' min and max"),
    "none": QT_TRANSLATE_NOOP("panels.csv_columns", "The numbers exactly as in the file"),
    "onehot": QT_TRANSLATE_NOOP("panels.csv_columns",
                                "One 0/1 column per distinct value (one-of-k)"),
    "thermometer": QT_TRANSLATE_NOOP(
            "panels.csv_columns", "Ordered levels: small = 100, medium = 110, large = 111"),
    "numeric": QT_TRANSLATE_NOOP("panels.csv_columns", "A number to regress on"),
    "binary": QT_TRANSLATE_NOOP("panels.csv_columns", "Exactly two values, coded 0 and 1"),
}


def level_order(value: str) -> tuple:
    """Numbers in numeric order before words in alphabetical order (1 < 2 < 10 < low)."""
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


class LevelsDialog(QDialog):
    """Put a thermometer column's levels in order by dragging or with Up/Down."""

    def __init__(self, column: str, levels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("panels.csv_columns", "Order the levels of {column}").format(
            column=column))
        self.list = QListWidget()
        self.list.addItems(levels)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setToolTip(translate("panels.csv_columns",
                                       "Smallest level first; drag to reorder"))
        up, down = QToolButton(), QToolButton()
        up.setArrowType(Qt.ArrowType.UpArrow)
        down.setArrowType(Qt.ArrowType.DownArrow)
        up.setToolTip(translate("panels.csv_columns", "Move the selected level up"))
        down.setToolTip(translate("panels.csv_columns", "Move the selected level down"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate(
                "panels.csv_columns", "Smallest first. small, medium, large → 100, 110, 111.")))
        layout.addLayout(row)
        layout.addWidget(buttons)

    def _move(self, by: int) -> None:
        row = self.list.currentRow()
        if 0 <= row + by < self.list.count() and row >= 0:
            item = self.list.takeItem(row)
            self.list.insertItem(row + by, item)
            self.list.setCurrentRow(row + by)

    def levels(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class ColumnTable(QTableWidget):
    """Roles, encodings and levels per column; ``changed`` fires after every choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([translate("panels.csv_columns", "Column"),
                                        translate("panels.csv_columns", "Role"),
                                        translate("panels.csv_columns", "Encoding"),
                                        translate("panels.csv_columns", "Levels (in order)")])
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for j, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,) * 3
                                 + (QHeaderView.ResizeMode.Stretch,)):
            header.setSectionResizeMode(j, mode)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setToolTip(translate(
                "panels.csv_columns", "How each column of the file becomes numbers for the "
                "network"))
        self.table: CsvTable | None = None
        # Rows whose combo boxes are not made yet: (role, encoding) by row. A 1,000-column
        # file made 2,000 combo boxes up front, for seconds; a row gets its own when it
        # is first scrolled into view or its choice is read or set through the widgets.
        self._pending: dict[int, tuple[str, str]] = {}
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._make_visible_rows())

    def set_table(self, table: CsvTable | None,
                  suggested: tuple[dict[str, str], dict[str, str]] | None = None) -> None:
        """Show a table's columns with the suggested (or given) roles and encodings."""
        self.table = table
        self._pending = {}
        self.setRowCount(0)
        if table is None:
            return
        roles, encodings = suggested if suggested and suggested[0] else suggest_roles(table)
        self.setRowCount(len(table.header))
        for i, col in enumerate(table.header):
            name = QTableWidgetItem(col)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            name.setToolTip(translate("panels.csv_columns", "Column {name} of the file").format(
                name=repr(col)))
            self.setItem(i, 0, name)
            self._pending[i] = (roles[col], encodings[col])
        # Rows as tall as a combo box, all of them, without measuring each.
        self.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 2)
        for i in [i for i, (_r, e) in self._pending.items() if e == "thermometer"]:
            self._row_widgets(i)  # a thermometer code needs its levels editor
        self._make_visible_rows()

    def _make_visible_rows(self) -> None:
        """Combo boxes for the rows on screen (and a few beyond), where not made yet."""
        if not self._pending:
            return
        first = max(self.rowAt(0), 0)
        last = self.rowAt(max(self.viewport().height() - 1, 0))
        last = last if last >= 0 else min(self.rowCount() - 1, first + VISIBLE_ROWS)
        for i in range(first, min(last + 5, self.rowCount() - 1) + 1):
            if i in self._pending:
                self._row_widgets(i)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._make_visible_rows()

    def _row_widgets(self, i: int) -> None:
        """Make row i's role and encoding combo boxes with its pending choice."""
        role_key, encoding = self._pending.pop(i)
        role = QComboBox()
        for key, title in ROLE_TITLES.items():
            role.addItem(translate("panels.csv_columns", title), key)
        role.setCurrentIndex(role.findData(role_key))
        role.setToolTip(translate(
                "panels.csv_columns", "Feature: feeds an input · Target: what the outputs "
                "learn · Ignore: left out"))
        self.setCellWidget(i, 1, role)
        self.setCellWidget(i, 2, QComboBox())
        self._fill_encodings(i, encoding)
        role.currentIndexChanged.connect(lambda _i, r=i: self._role_changed(r))
        self._encoding(i).currentIndexChanged.connect(lambda _i, r=i: self._update_row(r))

    def _levels_cell(self, row: int) -> QWidget:
        """The levels editor of a row, made when its column first becomes a thermometer
        (made for every row up front, a 1,000-column file took seconds to show)."""
        cell = self.cellWidget(row, 3)
        if cell is not None:
            return cell
        levels = QLineEdit(", ".join(self._distinct(self.item(row, 0).text())))
        levels.setToolTip(translate(
                "panels.csv_columns", "Thermometer levels, smallest first, separated by commas"))
        levels.editingFinished.connect(self.changed)
        order = QToolButton()
        order.setText(translate("panels.csv_columns", "Order…"))
        order.setToolTip(translate("panels.csv_columns", "Arrange the levels by dragging"))
        order.clicked.connect(lambda _c=False, r=row: self._order(r))
        cell = QWidget()
        cell_layout = QHBoxLayout(cell)
        cell_layout.setContentsMargins(2, 0, 2, 0)
        cell_layout.addWidget(levels, 1)
        cell_layout.addWidget(order)
        self.setCellWidget(row, 3, cell)
        return cell

    def _distinct(self, col: str) -> list[str]:
        """A column's values in order, as thermometer levels; none for a column with more
        values than an ordinal scale has (sorting 100,000 numbers would only cost time)."""
        assert self.table is not None
        values = set(self.table.column(col))
        values.discard("")
        return sorted(values, key=level_order) if len(values) <= MAX_LEVELS else []

    def _role(self, row: int) -> QComboBox:
        if row in self._pending:
            self._row_widgets(row)
        return self.cellWidget(row, 1)

    def _encoding(self, row: int) -> QComboBox:
        if row in self._pending:
            self._row_widgets(row)
        return self.cellWidget(row, 2)

    def _choice(self, row: int) -> tuple[str, str | None]:
        """A row's (role, encoding), read without making its widgets; encoding None for a
        role that has none (ignored), as its empty combo box would say."""
        if row not in self._pending:
            encoding = self._encoding(row)
            return self._role(row).currentData(), (encoding.currentData() if encoding.count()
                                                   else None)
        role, encoding = self._pending[row]
        offered = list(ENCODINGS.get(role, {}))
        if not offered:
            return role, None
        return role, encoding if encoding in offered else offered[0]

    def _levels(self, row: int) -> QLineEdit:
        return self._levels_cell(row).findChild(QLineEdit)

    def _fill_encodings(self, row: int, current: str | None) -> None:
        combo = self._encoding(row)
        combo.blockSignals(True)  # one ``changed`` for the whole row update, sent below
        combo.clear()
        for key, title in ENCODINGS.get(self._role(row).currentData(), {}).items():
            combo.addItem(translate("panels.csv_columns", title), key)
            combo.setItemData(combo.count() - 1, translate("panels.csv_columns",
                                                           ENCODING_TIPS[key]),
                              Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(current), 0) if combo.count() else -1)
        combo.setEnabled(combo.count() > 0)
        combo.blockSignals(False)
        self._update_row(row, notify=False)

    def _role_changed(self, row: int) -> None:
        self._fill_encodings(row, self._encoding(row).currentData())
        self.changed.emit()

    def _update_row(self, row: int, notify: bool = True) -> None:
        encoding = self._encoding(row).currentData()
        # Levels matter only to a thermometer code; elsewhere they would be noise. (The
        # view shows its cell widgets itself, so hide what is inside the cell.)
        cell = self._levels_cell(row) if encoding == "thermometer" else self.cellWidget(row, 3)
        for child in cell.findChildren(QWidget) if cell is not None else []:
            child.setVisible(encoding == "thermometer")
        tip = ENCODING_TIPS.get(
            encoding, QT_TRANSLATE_NOOP("panels.csv_columns", "Ignored columns need none"))
        self._encoding(row).setToolTip(translate("panels.csv_columns", tip))
        if notify:
            self.changed.emit()

    def _order(self, row: int) -> None:
        col = self.item(row, 0).text()
        dialog = LevelsDialog(col, self.levels().get(col) or self._distinct(col), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._levels(row).setText(", ".join(dialog.levels()))
            self.changed.emit()

    # ---------------------------------------------------------- reading
    def roles(self) -> dict[str, str]:
        return {self.item(i, 0).text(): self._choice(i)[0] for i in range(self.rowCount())}

    def encodings(self) -> dict[str, str]:
        return {self.item(i, 0).text(): encoding for i in range(self.rowCount())
                if (encoding := self._choice(i)[1]) is not None}

    def levels(self) -> dict[str, list[str]]:
        out = {}
        for i in range(self.rowCount()):
            if self._choice(i)[1] == "thermometer":
                text = self._levels(i).text()
                out[self.item(i, 0).text()] = [v.strip() for v in text.split(",") if v.strip()]
        return out

    def set_column(self, column: str, role: str, encoding: str | None = None) -> None:
        """Choose a column's role (and encoding), as a user would in its combos."""
        row = [self.item(i, 0).text() for i in range(self.rowCount())].index(column)
        self._role(row).setCurrentIndex(self._role(row).findData(role))
        if encoding is not None:
            self._encoding(row).setCurrentIndex(self._encoding(row).findData(encoding))
