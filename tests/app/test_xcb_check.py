"""On X11 without a library Qt's xcb plugin loads, nnviz says in one line what to install."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnviz.app import xcb_check

ROOT = Path(__file__).resolve().parents[2]

# A machine without two of the libraries: the dynamic loader refuses them, as it would.
WITHOUT_TWO_LIBRARIES = """
import ctypes, sys
real = ctypes.CDLL
class CDLL(real):
    def __init__(self, name, *a, **k):
        if name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
            raise OSError(name + ": cannot open shared object file: No such file or directory")
        super().__init__(name, *a, **k)
ctypes.CDLL = CDLL
from nnviz.cli import main
code = main([])
print("qt imported" if any(m.startswith("PySide6.Qt") for m in sys.modules) else "no qt")
sys.exit(code)
"""


def test_missing_libraries_are_named_in_one_line_before_qt_starts(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", WITHOUT_TWO_LIBRARIES], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout.strip() == "no qt"  # Qt never got the chance to abort
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("nnviz: cannot open the window")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in line
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1 " in line
    assert "README" in line


def test_every_library_present_means_no_message():
    assert xcb_check.check_xcb(load=lambda name: None, environ={"QT_QPA_PLATFORM": "xcb"}) is None


def test_not_checked_when_qt_will_not_use_xcb():
    def absent(name):
        raise OSError(name)

    for env in ({"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "wayland;xcb"},
                {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}):
        assert xcb_check.check_xcb(load=absent, environ=env) is None, env
    assert xcb_check.check_xcb(load=absent, environ={"QT_QPA_PLATFORM": "xcb:foo=1"})
    assert xcb_check.check_xcb(load=absent, environ={"DISPLAY": ":0"})  # X11 session
    assert not xcb_check.platform_is_xcb({}, system="darwin")


def _needed(library: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True,
                         check=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out))


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_the_list_covers_what_the_installed_plugin_loads():
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        pytest.skip("this PySide6 has no xcb plugin")
    needed = _needed(plugin) | set().union(*(_needed(p) for p in qt.glob("lib/libQt6XcbQpa.so*")))
    runtime = re.compile(r"^(libQt6|libc\.|libm\.|libstdc\+\+|libgcc_s|libglib-|libgthread-|"
                         r"libpthread|libdl\.|ld-linux)")
    assert {n for n in needed if not runtime.match(n)} <= set(xcb_check.XCB_LIBRARIES)
