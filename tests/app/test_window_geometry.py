"""The main window's first geometry fits the screen it opens on (real-X tests: tests/realx)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings

from nnviz.app.window_geometry import (
    FRAME_ALLOWANCE,
    PREFERRED,
    default_geometry,
    fit_inside,
    place,
)


def test_a_big_screen_is_used_whole_with_a_large_normal_geometry():
    # A centred 1400×860 left most of a 1080p projector unused.
    available = QRect(0, 0, 1920, 1050)
    rect, maximised = default_geometry(available)
    assert maximised
    assert rect.width() >= 0.88 * 1920 and rect.height() >= 0.88 * 1050
    assert rect.size().expandedTo(PREFERRED) == rect.size()
    assert available.contains(rect) and abs(rect.center().x() - available.center().x()) <= 1


def test_small_screens_open_maximised_with_a_normal_geometry_that_fits():
    for available in (QRect(0, 0, 1280, 720), QRect(0, 0, 1366, 738), QRect(0, 32, 1400, 868)):
        rect, maximised = default_geometry(available)
        assert maximised, available
        assert available.contains(rect.adjusted(0, -FRAME_ALLOWANCE.height() + 8, 0, 0))


def test_a_restored_geometry_too_big_for_the_screen_is_brought_inside():
    available = QRect(0, 0, 1280, 720)
    rect = fit_inside(QRect(300, 200, 1700, 960), available)
    assert available.contains(rect)
    assert rect.width() <= 1280 - FRAME_ALLOWANCE.width()


def test_the_window_opens_within_the_offscreen_screen(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    window = QMainWindow()
    window.setCentralWidget(QWidget())
    qtbot.addWidget(window)
    place(window, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    available = QApplication.primaryScreen().availableGeometry()
    assert window.isMaximized() or available.contains(window.geometry())
