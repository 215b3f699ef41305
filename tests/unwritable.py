"""Folders this test process really cannot write, even when the suite runs as root.

Root ignores permission bits, so under root the test drops its effective user id to
``nobody`` while it acts (and gets it back afterwards): the kernel then refuses as it
would refuse a student. Paths used meanwhile must be reachable by that user, hence
``shared_folder`` (under the world-traversable temporary folder, not pytest's 0700 one).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

NOBODY = 65534


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="nnviz-shared-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for sub in folder.rglob("*"):
            with contextlib.suppress(OSError):
                sub.chmod(0o755 if sub.is_dir() else 0o644)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def as_ordinary_user() -> Iterator[None]:
    """Run the body without root's privileges (a no-op for an ordinary user)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
