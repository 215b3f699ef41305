"""PyInstaller entry script: the same as the ``nnviz`` console script (nnviz.cli:main)."""

import multiprocessing
import sys

from nnviz.cli import main

if __name__ == "__main__":
    # The bundled binary is also the engine process's interpreter: run as one, it
    # must serve the engine and exit before the command line is looked at.
    multiprocessing.freeze_support()
    sys.exit(main())
