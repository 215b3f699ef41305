"""The CSV dialog's preview: the first rows of the file, every column, drawn on demand.

A table widget with one item per cell made 50,000 items for a 1,000-column file and
measured every one of them to size its columns, for seconds. This model hands the view
only the cells it paints; columns get a width from their header and first rows.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from nnviz.core.csvdata import CsvTable

PREVIEW_ROWS = 50
# Columns sized from their text up front; the rest get the default width (a file can
# have a thousand, and measuring each costs a font metrics pass over its cells).
SIZED_COLUMNS = 30

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The first ``PREVIEW_ROWS`` rows of a table, read-only; row headers are file lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: CsvTable | None = None
        self.calls = 0  # data() calls: what a test counts instead of time

    def set_table(self, table: CsvTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if self.table is None or parent.isValid() else min(PREVIEW_ROWS,
                                                                     len(self.table.rows))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if self.table is None or parent.isValid() else len(self.table.header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or self.table is None or not index.isValid():
            return None
        self.calls += 1
        row = self.table.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or self.table is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.table.header[section] if section < len(self.table.header) else None
        return str(self.table.lines[section]) if section < len(self.table.lines) else None


class PreviewTable(QTableView):
    """A read-only view of ``PreviewModel``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = PreviewModel(self)
        self.setModel(self.preview)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setMinimumSectionSize(70)

    def set_table(self, table: CsvTable | None) -> None:
        self.preview.set_table(table)
        for j in range(min(SIZED_COLUMNS, self.preview.columnCount())):
            self.resizeColumnToContents(j)

    def rowCount(self) -> int:
        return self.preview.rowCount()

    def columnCount(self) -> int:
        return self.preview.columnCount()

    def show_cell(self, row: int, column: int) -> None:
        """Select a cell and scroll it into view (a refused value the user clicked)."""
        index = self.preview.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
