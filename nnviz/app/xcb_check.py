"""Before Qt starts on X11: are the libraries its xcb platform plugin loads installed?

Without one of them Qt aborts with a message that names only the first library it
missed (and once suggested a package that was already installed). This checks them
all with the system's dynamic loader, before any QApplication exists, so nnviz can
say in one line what to install. Never imports Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# The shared libraries Qt 6's libqxcb.so and libQt6XcbQpa.so need (their DT_NEEDED entries
# besides Qt, the C/C++ runtime and GLib), with the Debian/Ubuntu package that ships each
# (README lists Fedora's). A test checks the list against the installed plugin.
XCB_LIBRARIES: dict[str, str] = {
    "libX11.so.6": "libx11-6",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
}


def platform_is_xcb(environ: Mapping[str, str] | None = None,
                    system: str | None = None) -> bool:
    """Whether Qt will start on the xcb plugin first (not offscreen, Wayland, macOS...)."""
    env = os.environ if environ is None else environ
    if not (system or sys.platform).startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        # A list such as "wayland;xcb" is tried in order: xcb only if it comes first.
        return chosen.split(";", 1)[0].split(":", 1)[0].strip() == "xcb"
    # Unset: Qt 6 takes Wayland in a Wayland session, X11 otherwise.
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" or bool(env.get("WAYLAND_DISPLAY"))
    return not wayland


def _load(name: str) -> None:
    ctypes.CDLL(name)


def missing_libraries(load: Callable[[str], object] = _load) -> list[str]:
    """The libraries of XCB_LIBRARIES the dynamic loader cannot open, in that order."""
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller build ships some beside itself
    missing = []
    for name in XCB_LIBRARIES:
        try:
            load(name)
        except OSError:
            if bundle and os.path.exists(os.path.join(bundle, name)):
                continue
            missing.append(name)
    return missing


def missing_message(missing: list[str]) -> str:
    """One line for the terminal: what is missing and what to install."""
    packages = " ".join(XCB_LIBRARIES[name] for name in missing)
    return (f"nnviz: cannot open the window: Qt's X11 (xcb) plugin needs {', '.join(missing)}, "
            f"which the system does not have; on Debian/Ubuntu: sudo apt-get install "
            f"{packages} (Fedora and more: see README, 'System packages')")


def check_xcb(load: Callable[[str], object] = _load,
              environ: Mapping[str, str] | None = None) -> str | None:
    """None when the window can start; else the one-line message saying what is missing."""
    if not platform_is_xcb(environ):
        return None
    missing = missing_libraries(load)
    return missing_message(missing) if missing else None
