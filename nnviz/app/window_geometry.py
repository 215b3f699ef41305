"""Where the main window opens: a size that fits the screen, remembered per screen.

A fixed 1400×860 window ran off 1366×768 laptops and 1280×720 projectors, hiding the
Output panel, and left most of a 1080p screen unused. The window now opens maximised,
with a normal geometry inside the screen's available geometry (with room for the window
manager's frame); and the geometry a user left on one screen is restored on that screen only
(a laptop's window must not come back oversized on the projector, or the reverse).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1400, 860)
# Room for a title bar and borders, which are unknown until the window manager adds them.
FRAME_ALLOWANCE = QSize(16, 48)
NORMAL_SHARE = 0.9  # of the available area, for the restored (not maximised) window


def screen_key(screen: QScreen, what: str = "geometry") -> str:
    """The settings key of ``what`` (geometry, dock state...) on a screen, named by its
    name and size: a projector on the same port at another resolution is another screen
    for the window's purposes."""
    size = screen.size()
    name = "".join(c if c.isalnum() else "-" for c in screen.name()) or "screen"
    return f"window/{name}-{size.width()}x{size.height()}/{what}"


def current_screen(window: QWidget) -> QScreen:
    """The screen the window is on, or where the pointer is before it is shown."""
    if window.isVisible() and window.screen() is not None:
        return window.screen()
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def default_geometry(available: QRect, preferred: QSize = PREFERRED) -> tuple[QRect, bool]:
    """The normal geometry for a first start on a screen, and whether to open maximised.

    Maximised on every screen: a lecture wants all of it for the canvas (a centred
    1400×860 left most of a 1080p projector unused). The normal geometry, for when the
    user restores the window, is NORMAL_SHARE of the available area, centred, never
    smaller than the preferred size where that fits with its frame.
    """
    room = available.size() - FRAME_ALLOWANCE
    share = QSize(round(available.width() * NORMAL_SHARE),
                  round(available.height() * NORMAL_SHARE))
    size = share.expandedTo(preferred).boundedTo(room)
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    # Below the frame's title bar where the area is tight (it takes the top allowance).
    rect.moveTop(max(rect.top(), available.top() + FRAME_ALLOWANCE.height() - 8))
    return rect, True


def fit_inside(rect: QRect, available: QRect) -> QRect:
    """rect moved (and shrunk if need be) so that it lies within the available area."""
    room = available.size() - FRAME_ALLOWANCE
    size = rect.size().boundedTo(room)
    fitted = QRect(rect.topLeft(), size)
    fitted.moveLeft(min(max(fitted.left(), available.left()),
                        available.right() - size.width() + 1))
    fitted.moveTop(min(max(fitted.top(), available.top()),
                       available.bottom() - size.height() + 1))
    return fitted


def place(window: QWidget, settings: QSettings | None = None) -> None:
    """Give a window that is not shown yet its geometry for the screen it will open on."""
    settings = settings or QSettings()
    # The minimum size is the layout's from when it was last activated, which may be from
    # before docks were hidden (stacked, they asked for 880 px of height): update it first.
    if window.layout() is not None:
        window.layout().activate()
    screen = current_screen(window)
    available = screen.availableGeometry()
    saved = settings.value(screen_key(screen))
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
        if not window.isMaximized() and not window.isFullScreen():
            window.setGeometry(fit_inside(window.geometry(), available))
        return
    rect, maximised = default_geometry(available)
    window.setGeometry(rect)
    if maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QWidget, settings: QSettings | None = None) -> None:
    """Save the window's geometry under the screen it is on now."""
    settings = settings or QSettings()
    settings.setValue(screen_key(current_screen(window)), window.saveGeometry())
