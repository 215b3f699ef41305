"""The ``engine`` fixture: a test that takes it runs once in NumPy and once in the kernel."""

from __future__ import annotations

import pytest

from nnviz.core import accel


@pytest.fixture(params=["numpy", "kernel"])
def engine(request):
    """Train with NumPy (the reference) or with the compiled kernel (skipped without numba)."""
    if request.param == "kernel":
        pytest.importorskip("numba", reason="the compiled kernel needs numba: pip install "
                            "'nnviz[fast]'")
    with accel.forced(request.param == "kernel"):
        yield request.param
