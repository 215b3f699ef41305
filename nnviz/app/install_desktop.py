"""``nnviz install-desktop``: make nnviz a desktop application for the current user.

Writes, under the XDG base directories (``$XDG_DATA_HOME``, default ``~/.local/share``;
``$XDG_CONFIG_HOME``, default ``~/.config``):

- ``applications/nnviz.desktop``, whose Exec runs *this* installation of nnviz (a venv
  need not be on PATH for a double-click to work);
- ``mime/packages/nnviz.xml``, the ``application/x-nnviz`` type (``*.nnviz``, and
  documents recognised by their leading ``"format_version"``);
- ``metainfo/io.github.nnviz.metainfo.xml`` for software centres;
- ``icons/hicolor/<size>/{apps,mimetypes}/...png`` rendered from the shipped SVG, and the
  SVG itself as ``scalable``;
- nnviz as the default handler of ``application/x-nnviz`` in ``mimeapps.list``.

Then it refreshes the MIME, desktop and icon caches with the tools that exist
(update-mime-database, update-desktop-database, gtk-update-icon-cache). ``--uninstall``
removes exactly what it wrote. Nothing here needs a display: icons render offscreen.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

DESKTOP_ID = "nnviz.desktop"
MIME_TYPE = "application/x-nnviz"
MIME_ICON = "application-x-nnviz"
METAINFO = "io.github.nnviz.metainfo.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
DEFAULTS = "[Default Applications]"


@dataclass
class Report:
    """What an install or uninstall did, for the one summary the command prints."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def data_home(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def config_home(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def launch_command() -> str:
    """The Exec value that starts this installation: the bundle's binary or ``python -m nnviz``."""
    words = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "nnviz"]
    # The desktop entry spec quotes like a shell for these characters; %f is the file.
    return " ".join(shlex.quote(w) if any(c in w for c in " \"'\\$`") else w
                    for w in words) + " %f"


def shipped(name: str) -> bytes:
    return (resources.files("nnviz.resources") / "desktop" / name).read_bytes()


def desktop_entry() -> bytes:
    lines = shipped(DESKTOP_ID).decode("utf-8").splitlines()
    return ("\n".join(f"Exec={launch_command()}" if line.startswith("Exec=") else line
                      for line in lines) + "\n").encode("utf-8")


def icon_pngs() -> dict[int, bytes]:
    """The application icon as PNG at every hicolor size, rendered from the shipped SVG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    # A QApplication, not a QGuiApplication: a window may be opened in the same process.
    _app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841
    svg = QSvgRenderer(QByteArray((resources.files("nnviz.resources") / "icons" /
                                   "nnviz.svg").read_bytes()))
    pngs = {}
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        svg.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(data)
    return pngs


def planned_files(environ: dict[str, str] | None = None) -> dict[Path, bytes | None]:
    """Every file install writes, by path; icon contents are None until rendered."""
    data = data_home(environ)
    hicolor = data / "icons" / "hicolor"
    files: dict[Path, bytes | None] = {
        data / "applications" / DESKTOP_ID: None,
        data / "mime" / "packages" / "nnviz.xml": None,
        data / "metainfo" / METAINFO: None,
        hicolor / "scalable" / "apps" / "nnviz.svg": None,
        hicolor / "scalable" / "mimetypes" / f"{MIME_ICON}.svg": None,
    }
    for size in ICON_SIZES:
        files[hicolor / f"{size}x{size}" / "apps" / "nnviz.png"] = None
        files[hicolor / f"{size}x{size}" / "mimetypes" / f"{MIME_ICON}.png"] = None
    return files


def _contents(path: Path, pngs: dict[int, bytes]) -> bytes:
    if path.name == DESKTOP_ID:
        return desktop_entry()
    if path.name == "nnviz.xml":
        return shipped("nnviz-mime.xml")
    if path.name == METAINFO:
        return shipped(METAINFO)
    if path.suffix == ".svg":
        return (resources.files("nnviz.resources") / "icons" / "nnviz.svg").read_bytes()
    return pngs[int(path.parent.parent.name.split("x")[0])]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def set_default_handler(mimeapps: Path, install: bool) -> bool:
    """Make nnviz.desktop the default for .nnviz in mimeapps.list (or take it out again).

    Edits only the one key, as ``xdg-mime default`` does, keeping every other line.
    Returns whether the file changed.
    """
    lines = mimeapps.read_text("utf-8").splitlines() if mimeapps.exists() else []
    key = f"{MIME_TYPE}="
    start = next((i for i, line in enumerate(lines) if line.strip() == DEFAULTS), None)
    if start is None:
        if not install:
            return False
        lines += ([""] if lines else []) + [DEFAULTS]
        start = len(lines) - 1
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    old = next((i for i in range(start + 1, end) if lines[i].startswith(key)), None)
    before = list(lines)
    if install:
        entry = f"{key}{DESKTOP_ID};"
        if old is None:
            lines.insert(end, entry)
        else:
            lines[old] = entry
    elif old is not None and lines[old].strip() in (f"{key}{DESKTOP_ID};", f"{key}{DESKTOP_ID}"):
        del lines[old]
    if lines == before:
        return False
    _write(mimeapps, ("\n".join(lines) + "\n").encode("utf-8"))
    return True


def refresh_caches(environ: dict[str, str] | None, report: Report) -> None:
    """Run the desktop's cache tools that exist; a missing tool is not an error."""
    data = data_home(environ)
    for tool, target in (("update-mime-database", data / "mime"),
                         ("update-desktop-database", data / "applications"),
                         ("gtk-update-icon-cache", data / "icons" / "hicolor")):
        if shutil.which(tool) is None or not target.exists():
            continue
        args = [tool, "-f", "-t", "-q", str(target)] if tool == "gtk-update-icon-cache" \
            else [tool, str(target)]
        done = subprocess.run(args, capture_output=True, text=True, timeout=60)
        if done.returncode == 0:
            report.refreshed.append(tool)
        else:
            first = (done.stderr.strip().splitlines() or ["failed"])[0]
            report.problems.append(f"{tool}: {first}")


def install(environ: dict[str, str] | None = None) -> Report:
    """Install the desktop entry, MIME type, metainfo, icons and default handler."""
    report = Report()
    pngs = icon_pngs()
    for path in planned_files(environ):
        _write(path, _contents(path, pngs))
        report.written.append(path)
    mimeapps = config_home(environ) / "mimeapps.list"
    if set_default_handler(mimeapps, install=True):
        report.written.append(mimeapps)
    refresh_caches(environ, report)
    return report


def uninstall(environ: dict[str, str] | None = None) -> Report:
    """Remove what install wrote (the default-handler line only if it still names nnviz)."""
    report = Report()
    for path in planned_files(environ):
        if path.exists():
            path.unlink()
            report.removed.append(path)
    mimeapps = config_home(environ) / "mimeapps.list"
    if set_default_handler(mimeapps, install=False):
        report.removed.append(mimeapps)
    refresh_caches(environ, report)  # the MIME cache forgets the type only when rebuilt
    return report


def summary(report: Report, installing: bool) -> str:
    """What the command prints: where things went and what to do if a cache tool is missing."""
    if installing:
        lines = [f"installed nnviz for this user: {len(report.written)} files under "
                 f"{data_home()} (desktop entry {data_home() / 'applications' / DESKTOP_ID})",
                 f"  .nnviz files ({MIME_TYPE}) now open in nnviz"]
    else:
        lines = [f"removed {len(report.removed)} files of nnviz's desktop integration"]
    if report.refreshed:
        lines.append(f"  refreshed: {', '.join(report.refreshed)}")
    missing = [t for t in ("update-mime-database", "update-desktop-database")
               if t not in report.refreshed and shutil.which(t) is None]
    if missing:
        lines.append(f"  not found: {', '.join(missing)} (shared-mime-info, desktop-file-utils);"
                     " the desktop picks the changes up at its next start")
    lines += [f"  problem: {p}" for p in report.problems]
    return "\n".join(lines)
