"""When training runs in the compiled kernel (numba) and when in NumPy, its reference.

numba is optional (``pip install 'nnviz[fast]'``): without it, or with
``NNVIZ_KERNEL=off`` in the environment, every trainer uses the NumPy engine. With it,
the engine process calls ``start_loading()``: a background thread imports and
compiles the kernel (about ten seconds the first time, one or two from the disk
cache) while training goes on in NumPy; each trainer switches over at its next
step once ``kernel()`` returns the module. Nothing ever waits for a compiler.

numba writes its cache beside the module (site-packages, often read-only) unless
told otherwise: ``NUMBA_CACHE_DIR`` points it at the user's cache directory.

The choice per network (``worth_it``) is measured: see tests/benchmarks/bench_kernel.py.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nnviz.core.kernel_plan import KernelPlan
    from nnviz.core.plan import Plan

MODE_ENV = "NNVIZ_KERNEL"  # "off" never uses the kernel; anything else uses it when it loads

# Above this many multiply-adds per update (weights × batch), NumPy wins: its BLAS
# products and vectorised tanh (8x faster than the scalar tanh the kernel calls) outrun
# the kernel's loops. Measured (bench_kernel.py's scaling table, one BLAS thread, five
# interleaved turns, machine loaded ~7 on 2 cores): the kernel wins 1.3x at 2-24-24-1
# (6,480) and 1.16x at 2-8-8-1 batch 100 (8,800), ties at 2-32-32-1 (11,200: 1.02x),
# and loses at batch 250 (22,000: 0.74x), 2-64-64-1 (42,880: 0.59x), 784-8-8-1 (0.90x).
BLAS_CROSSOVER = 10_000
# A whole split's forward pass (the history row) is mostly tanh: the kernel's is faster
# below this many neuron values (neurons × rows), NumPy's above (62 vs 86 µs for
# 2-4-2-1 on 250 rows, 1,750 values; 399 vs 225 µs for 2-8x6-1, 12,250 values).
EVAL_CROSSOVER = 4_000

_lock = threading.Lock()
_kernel: ModuleType | None = None
_error: str | None = None
_thread: threading.Thread | None = None
_active = False  # set by start_loading() or use_now(): this process trains with the kernel
_forced: bool | None = None  # tests: True/False overrides both


def cache_dir() -> Path:
    """The per-user cache directory numba writes compiled kernels into."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "nnviz" / "numba"


def wanted() -> bool:
    """numba is installed and the environment does not switch the kernel off."""
    if _forced is not None:
        return _forced
    if os.environ.get(MODE_ENV, "").strip().lower() in ("off", "0", "no", "false", "numpy"):
        return False
    return importlib.util.find_spec("numba") is not None


def load() -> ModuleType | None:
    """Import (compiling or reading the cache) the kernel now; None when unavailable."""
    global _kernel, _error
    if not wanted():
        return None
    with _lock:
        if _kernel is None and _error is None:
            os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_dir()))
            try:
                from nnviz.core import kernel as module
                _kernel = module
            except Exception as exc:  # noqa: BLE001 - any failure leaves NumPy in charge
                _error = f"{type(exc).__name__}: {exc}"
    return _kernel


def use_now() -> ModuleType | None:
    """Load the kernel now, blocking, and train with it from here on (CLI, benchmarks)."""
    global _active
    _active = True
    return load()


def start_loading() -> None:
    """Load the kernel in a background thread (the engine process calls this at start);
    trainers use it from their first step after it is ready."""
    global _thread, _active
    _active = True
    if not wanted() or _thread is not None:
        return
    _thread = threading.Thread(target=load, name="nnviz-kernel-compile", daemon=True)
    _thread.start()


def wait(timeout: float | None = None) -> ModuleType | None:
    """Block until a background load finishes (tests, benchmarks, the smoke test)."""
    if _thread is not None:
        _thread.join(timeout)
    return kernel()


def kernel() -> ModuleType | None:
    """The kernel module once loaded and in use in this process, else None (never blocks).

    Called several times per epoch: it only reads flags (``load`` checked ``wanted()``)."""
    on = _forced if _forced is not None else _active
    return _kernel if on else None


def status() -> str:
    """One line for the smoke test and the CLI: which engine trains."""
    if not wanted():
        return "NumPy (compiled kernel switched off or numba not installed)"
    if kernel() is not None:
        return "compiled kernel (numba)"
    if _error is not None:
        return f"NumPy (compiled kernel failed to load: {_error})"
    return "NumPy (compiled kernel still loading)"


def worth_it(plan: Plan, batch: int) -> bool:
    """True when the kernel trains this network faster than NumPy at this batch size."""
    weights = sum(lv.shape[0] * lv.shape[1] for lv in plan.levels)
    return weights * batch <= BLAS_CROSSOVER


def evaluates(plan: Plan, rows: int) -> bool:
    """True when the kernel's forward pass over ``rows`` examples beats NumPy's."""
    return (plan.n - plan.n_in) * rows <= EVAL_CROSSOVER


def kernel_plan(plan: Plan, batch: int) -> KernelPlan | None:
    """A KernelPlan for this plan when the kernel is loaded, supports it and is faster."""
    k = kernel()
    if k is None or not worth_it(plan, batch):
        return None
    from nnviz.core.kernel_plan import KernelPlan, unsupported

    if unsupported(plan, k.ACT_CODES):
        return None
    return KernelPlan(plan, k)


@contextmanager
def forced(on: bool):
    """Tests: run with the kernel on (loaded now) or off, whatever is installed."""
    global _forced
    before = _forced
    _forced = on
    try:
        if on and load() is None:
            raise RuntimeError(f"the compiled kernel did not load: {_error}")
        yield
    finally:
        _forced = before


def engine_report(session: object, timeout: float = 120.0) -> str:
    """Run in the engine process (its "compute" command): wait for the kernel, say who trains."""
    wait(timeout)
    trainer = session.trainer  # type: ignore[attr-defined]
    return status() if trainer.kernel_plan() is not None or kernel() is None else (
        "NumPy (the compiled kernel is loaded, but NumPy is faster for this network)")
