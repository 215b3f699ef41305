"""The sizes nnviz handles, shared by the CSV import, the document schema and the loader.

One set of numbers, so that whatever imports also saves, and whatever saves also loads:
a dataset the import accepts is one the ``.nnviz`` format accepts, and a document at
every limit at once is still smaller than the largest file the loader reads. Each
limit is checked where the data arrives (while a CSV file is read, when its columns
are encoded, when a file is loaded) with a message that names it.
"""

from __future__ import annotations

#: Neurons of one network, and edges: the same numbers for Build Layered Network, the
#: file format and the loader, so whatever is built saves and opens again. A 2-1024-512-3
#: network (the lectures' parameter-count example) has 527,872 edges; at the limit a file
#: with edge blocks stays around 20 MB, and with one object per edge under 100 MB.
MAX_NEURONS = 5000
MAX_EDGES = 1_000_000
#: Rows of data (points), generated or imported.
MAX_ROWS = 100_000
#: Columns of data after encoding (inputs plus targets), and columns of a CSV file.
MAX_COLUMNS = 1000
#: Numbers of data in one document (rows times columns, inputs plus targets): what bounds
#: the file. Each takes at most ~24 bytes of JSON, so the data stays under ~50 MB.
MAX_VALUES = 2_000_000
#: Data values beyond this are refused (they would only overflow the training).
MAX_DATA_VALUE = 1e9
#: Ids, labels, feature, class and column names longer than this are refused (feature
#: names are parsed recursively, so their length bounds the work).
MAX_NAME = 200
#: A CSV cell longer than this is not data a network can learn from (and it bounds the
#: memory a hostile file can take); Python's csv module itself stops at 128 KB.
MAX_CELL_CHARS = 1000
#: A CSV file larger than this is refused before it is read.
MAX_CSV_BYTES = 64 * 2**20
#: A ``.nnviz`` file larger than this is refused before it is parsed.
MAX_FILE_BYTES = 256 * 2**20


def mb(size: int) -> str:
    """A byte count the way the limits are worded: ``64 MB``."""
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"
