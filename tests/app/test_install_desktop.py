"""`nnviz install-desktop` in a temporary XDG home: a double-clicked .nnviz opens in nnviz.

The desktop's own tools judge it: shared-mime-info's database and xdg-mime/gio say what
type a .nnviz is and which application opens it; desktop-file-validate and appstreamcli
validate the entry and the metainfo. Without those tools the checks that need them skip
locally and fail under CI (.ci/run installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

import nnviz
from nnviz.app import install_desktop as desktop
from nnviz.cli import main

TOOLS = {"xdg-mime": "xdg-utils", "update-mime-database": "shared-mime-info",
         "desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream",
         "gio": "libglib2.0-bin", "mimetype": "libfile-mimeinfo-perl"}


def need(*tools: str) -> None:
    missing = sorted({TOOLS[t] for t in tools if shutil.which(t) is None})
    if missing:
        reason = f"needs the Debian packages {', '.join(missing)}"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(reason + " (.ci/run installs them)")
        pytest.skip(reason)


@pytest.fixture
def xdg(tmp_path, monkeypatch) -> dict[str, str]:
    """A fresh user's XDG directories; returns the environment the desktop tools see."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_DIRS": "/usr/share", "XDG_CONFIG_DIRS": "/etc/xdg", "HOME": str(tmp_path)}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    return {**os.environ, **env}


def tool(env: dict[str, str], *args: str) -> str:
    return subprocess.run(args, env=env, capture_output=True, text=True, check=True,
                          timeout=60).stdout.strip()


def test_install_writes_entry_mime_type_metainfo_and_every_icon(xdg, capsys):
    assert main(["install-desktop"]) == 0
    assert "now open in nnviz" in capsys.readouterr().out
    data = Path(xdg["XDG_DATA_HOME"])
    entry = (data / "applications" / "nnviz.desktop").read_text("utf-8")
    assert "MimeType=application/x-nnviz;" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" -m nnviz %f")  # this installation, not whatever is on PATH
    for size in desktop.ICON_SIZES:
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "nnviz.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        from PySide6.QtGui import QImage
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty
    assert (data / "icons/hicolor/scalable/apps/nnviz.svg").is_file()
    mimeapps = Path(xdg["XDG_CONFIG_HOME"], "mimeapps.list").read_text("utf-8")
    assert "application/x-nnviz=nnviz.desktop;" in mimeapps


def test_xdg_mime_and_gio_see_the_type_and_its_default_application(xdg, tmp_path):
    need("xdg-mime", "update-mime-database", "gio", "mimetype")
    assert main(["install-desktop"]) == 0
    document = tmp_path / "homework.nnviz"
    shutil.copy(resources.files("nnviz.resources") / "examples" / "xnor.nnviz", document)
    assert tool(xdg, "xdg-mime", "query", "filetype", str(document)) == "application/x-nnviz"
    assert tool(xdg, "xdg-mime", "query", "default", "application/x-nnviz") == "nnviz.desktop"
    info = tool(xdg, "gio", "info", "-a", "standard::content-type", str(document))
    assert "application/x-nnviz" in info
    renamed = tmp_path / "homework"  # without a suffix, recognised by its content
    shutil.copy(document, renamed)
    assert "application/x-nnviz" in tool(xdg, "gio", "info", "-a",
                                          "standard::content-type", str(renamed))


def test_the_installed_files_pass_the_desktop_validators(xdg):
    need("desktop-file-validate", "appstreamcli")
    assert main(["install-desktop"]) == 0
    data = Path(xdg["XDG_DATA_HOME"])
    tool(xdg, "desktop-file-validate", str(data / "applications" / "nnviz.desktop"))
    tool(xdg, "appstreamcli", "validate", "--no-net",
         str(data / "metainfo" / "io.github.nnviz.metainfo.xml"))


def test_uninstall_removes_what_install_wrote_and_keeps_other_defaults(xdg, capsys):
    mimeapps = Path(xdg["XDG_CONFIG_HOME"], "mimeapps.list")
    mimeapps.parent.mkdir(parents=True)
    mimeapps.write_text("[Default Applications]\ntext/plain=editor.desktop;\n", "utf-8")
    assert main(["install-desktop"]) == 0
    assert main(["install-desktop", "--uninstall"]) == 0
    assert "removed" in capsys.readouterr().out
    data = Path(xdg["XDG_DATA_HOME"])
    leftovers = [p for p in data.rglob("*") if p.is_file() and "nnviz" in p.name]
    assert leftovers == []
    assert mimeapps.read_text("utf-8") == "[Default Applications]\ntext/plain=editor.desktop;\n"


def test_the_metainfo_release_is_the_package_version():
    root = ET.fromstring((resources.files("nnviz.resources") / "desktop" /
                          desktop.METAINFO).read_bytes())
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == nnviz.__version__


def test_the_application_names_its_desktop_file(qapp):
    from nnviz.app.main import create_application
    assert create_application().desktopFileName() == "nnviz"
