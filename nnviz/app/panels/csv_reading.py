"""Reading a CSV file off the GUI thread, with progress and Cancel.

A large file takes a while to read even when it is refused at the end, and the
window must not wait on it: the import dialog starts a ``CsvRead`` and keeps
answering (a progress bar, a Cancel button) until ``done`` brings the table, the
suggested column roles, or the problems that refused the file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from nnviz.app.i18n import translate
from nnviz.core.csvdata import (
    CsvCancelled,
    CsvError,
    CsvTable,
    Problem,
    import_csv,
    read_csv,
    suggest_roles,
)
from nnviz.core.data import DataError, Dataset


@dataclass
class ReadResult:
    """What a read gave: a table with its suggested roles and encodings, or problems."""

    path: str
    table: CsvTable | None = None
    roles: dict[str, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    read: int = 0  # characters of the file read when it ended (at the last report)
    # The first import with the suggested choices, encoded here rather than on the GUI
    # thread: the dataset, or what it refused; ``encoded`` is False when it was not tried.
    encoded: bool = False
    dataset: Dataset | None = None
    import_errors: list[Problem] = field(default_factory=list)
    train_ratio: float = 0.8


def first_import(result: ReadResult) -> None:
    """Encode the table with its suggested roles, as the dialog would right after reading."""
    if result.table is None or "thermometer" in result.encodings.values():
        return  # a thermometer code needs levels the user arranges in the dialog
    try:
        result.dataset = import_csv(result.table, result.roles, result.encodings, {},
                                    result.train_ratio)
    except CsvError as exc:
        result.import_errors = exc.errors
    except DataError as exc:
        result.import_errors = [(None, None, str(exc))]
    result.encoded = True


class CsvRead(QThread):
    """One file read on its own thread; ``done`` arrives on the GUI thread."""

    progressed = Signal(int, int)  # characters read, file size
    done = Signal(object)  # ReadResult

    def __init__(self, path: str, parent: QObject | None = None,
                 train_ratio: float = 0.8) -> None:
        super().__init__(parent)
        self.path = path
        self.train_ratio = train_ratio
        self._cancel = threading.Event()
        self._read = 0

    def cancel(self) -> None:
        """Stop at the next progress report (every few thousand lines)."""
        self._cancel.set()

    def run(self) -> None:
        result = ReadResult(self.path, train_ratio=self.train_ratio)
        try:
            table = read_csv(Path(self.path), progress=self._progress)
            # Suggesting roles parses every column once (cached in the table), so the
            # dialog's re-encoding after each choice is arithmetic, not parsing.
            result.roles, result.encodings = suggest_roles(table)
            result.table = table
            first_import(result)
        except CsvCancelled:
            result.cancelled = True
        except CsvError as exc:
            result.errors = exc.errors
        except DataError as exc:  # the file itself: missing, too big, not UTF-8
            result.errors = [(None, None, str(exc))]
        except MemoryError:
            result.errors = [(None, None,
                              translate("panels.csv_reading",
                                        "not enough memory to read this file"))]
        result.read = self._read
        self.done.emit(result)

    def _progress(self, done: int, total: int) -> bool:
        self._read = done
        self.progressed.emit(done, total)
        return not self._cancel.is_set()
