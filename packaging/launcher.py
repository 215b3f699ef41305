"""PyInstaller entry script: the same as the ``nnviz`` console script (nnviz.cli:main)."""

import sys

from nnviz.cli import main

if __name__ == "__main__":
    sys.exit(main())
