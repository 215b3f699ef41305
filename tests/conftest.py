"""Test-wide setup: Qt renders offscreen, and settings and recovery files go to a sandbox.

Both happen before any test imports Qt, so no test reads or writes the user's
own nnviz settings, recent files or crash-recovery folder.
"""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

_SANDBOX = tempfile.mkdtemp(prefix="nnviz-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SANDBOX, "data")
os.environ["NNVIZ_RECOVERY_DIR"] = os.path.join(_SANDBOX, "recovery")
# Engine processes train in NumPy: each would otherwise load the compiled kernel in the
# background, seconds of CPU per process. Tests of the kernel switch it on themselves
# (tests/core/conftest.py's ``engine`` fixture, check-engine --kernel in tests/cli).
os.environ.setdefault("NNVIZ_KERNEL", "off")
