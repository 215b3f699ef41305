"""The window speaks the system locale's language: German ships complete, English is the source."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QGroupBox, QLabel, QMenu

from nnviz.app.i18n import install_translators, remove_translators, translate, ui_locale
from tests.app.i18n_scan import APP, scan

ROOT = APP.parents[1]
TS = ROOT / "resources" / "i18n" / "nnviz_de.ts"
QM = TS.with_suffix(".qm")

# Literals the scan finds that are not words to translate.
ALLOWED = {
    "{}[*] — nnviz",  # the window title: a file name and the application's name
    "<b>{}</b><br>{}",  # markup around translated text
    "<b>{}</b> — {}, {}<br>",  # a neuron's label, role (translated) and activation
}
# Where every user-visible literal is wrapped (the scan below holds them to it).
WRAPPED = ("actions.py", "mainwindow.py", "runbar.py", "panels", "plots", "core_terms.py",
           "about.py", "files.py", "presentation.py", "controller.py", "worker.py", "recovery.py",
           "theme.py", "canvas", "companions", "dialog.py", "backward")


@pytest.fixture
def german(qapp, monkeypatch):
    """The German translation installed, as a German system locale would choose it."""
    monkeypatch.setenv("NNVIZ_LANG", "")
    # Not LANGUAGE: glibc reads it at each strerror() and caches the German catalogue, so
    # every later test in the process would get German OS error messages.
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    translators = install_translators(qapp, "de_DE")
    assert translators, "resources/i18n/nnviz_de.qm did not load"
    yield translators
    remove_translators(translators, qapp)


@pytest.fixture
def german_window(german, main_window):
    return main_window


def _translations() -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message.findtext("translation") or ""
    return out


def test_the_window_appears_in_german_under_a_german_locale(german_window):
    w = german_window
    menus = [a.text() for a in w.menuBar().actions()]
    for title in ("&Datei", "&Bearbeiten", "&Ansicht", "&Training", "&Hilfe"):
        assert title in menus
    assert w.actions_["open"].text() == "Ö&ffnen…"
    assert w.actions_["save_as"].text() == "Speichern &unter…"
    assert w.actions_["undo"].text().startswith("&Rückgängig")
    assert w.actions_["tool_add"].text() == "Neuron hinzufügen"
    assert {d.windowTitle() for d in w.docks.values()} >= {"Training", "Daten", "Inspektor",
                                                           "Ausgabe"}
    # The run bar's big Play button, and the epoch beside it.
    assert w.run_bar.play_button.text() == "Start"
    assert w.run_bar.counter.text().startswith("Epoche ")
    assert w.epoch_label.text().startswith("Epoche ")
    # A layout saved in one language restores in another: dock names stay English.
    assert w.docks["data"].objectName() == "dock-Data"


def test_no_english_text_is_left_in_the_german_window(german_window):
    """Text shown as its English source has escaped translation (e.g. evaluated at import)."""
    w = german_window
    english = {src for (_ctx, src), de in _translations().items() if de and de != src}
    examples = w.menuBar().findChild(QMenu, "menu-examples").actions()  # file names
    shown = [a.text() for a in w.findChildren(QAction) if a not in examples]
    shown += [a.toolTip() for a in w.actions_.values()]
    shown += [b.text() for b in w.findChildren(QAbstractButton)]
    shown += [b.toolTip() for b in w.findChildren(QAbstractButton)]
    shown += [lab.text() for lab in w.findChildren(QLabel)]
    shown += [g.title() for g in w.findChildren(QGroupBox)]
    shown += [d.windowTitle() for d in w.findChildren(QDockWidget)]
    left = sorted({t for t in shown if t in english})
    assert left == []


def test_english_is_the_default_and_nnviz_lang_overrides_the_system(qapp, monkeypatch):
    monkeypatch.setenv("NNVIZ_LANG", "en")
    assert install_translators(qapp) == []  # English is the source: nothing to load
    monkeypatch.setenv("NNVIZ_LANG", "de")
    assert ui_locale().language() == QLocale.Language.German
    loaded = install_translators(qapp)
    try:
        assert len(loaded) == 2  # nnviz's own and Qt's (dialog buttons, context menus)
    finally:
        remove_translators(loaded, qapp)


def test_every_user_visible_literal_goes_through_translate():
    found = [f for f in scan() if f.text not in ALLOWED
             and (f.path.name in WRAPPED or f.path.parent.name in WRAPPED)]
    assert [str(f) for f in found] == []


def test_the_german_translation_is_complete_and_compiled(tmp_path):
    unfinished = [src for (_c, src), de in _translations().items() if not de]
    assert unfinished == [], "translate these in resources/i18n/nnviz_de.ts"
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and 'type="vanished"' not in text
    lrelease = _tool("lrelease")
    built = tmp_path / "de.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(built)], check=True)
    assert built.read_bytes() == QM.read_bytes(), "run packaging/update_translations.sh"


def test_every_string_in_the_source_is_in_the_translation(tmp_path):
    """lupdate over nnviz/app adds nothing: no wrapped string is missing from the .ts."""
    copy = tmp_path / "nnviz_de.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in APP.rglob("*.py"))
    subprocess.run([_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                    *sources, "-ts", str(copy)], check=True, cwd=ROOT)
    new = sorted(set(_sources(copy)) - set(_sources(TS)))
    assert new == [], "run packaging/update_translations.sh and translate the new strings"
    gone = sorted(set(_sources(TS)) - set(_sources(copy)))
    assert gone == [], "run packaging/update_translations.sh to drop strings no longer used"


def _sources(ts: Path) -> list[tuple[str, str]]:
    return [(c.findtext("name"), m.findtext("source"))
            for c in ET.parse(ts).getroot().iter("context") for m in c.iter("message")]


def _tool(name: str) -> str:
    for candidate in (Path(sys.executable).parent / f"pyside6-{name}",
                      shutil.which(f"pyside6-{name}")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    pytest.skip(f"pyside6-{name} is not installed")


def test_widgets_without_text_have_accessible_names(main_window):
    from PySide6.QtWidgets import QToolBar, QToolButton

    w = main_window
    assert w.view.accessibleName() == "Network canvas"
    assert w.view.accessibleDescription()
    for plot in (w.decision_plot.plot_widget, w.loss_plot.plot_widget):
        assert plot.accessibleName() and plot.accessibleDescription()
    buttons = [bar.widgetForAction(a) for bar in w.findChildren(QToolBar) for a in bar.actions()
               if not a.isSeparator()]
    buttons = [b for b in buttons if isinstance(b, QToolButton)]
    assert len(buttons) >= 10
    unnamed = [b.defaultAction().text() for b in buttons if not b.accessibleName()]
    assert unnamed == []
    assert w.run_bar.widgetForAction(w.actions_["reset"]).accessibleName() == "Reset Weights"


def test_accessible_names_are_translated(german_window):
    assert german_window.view.accessibleName() == "Netzwerk-Zeichenfläche"
    assert german_window.decision_plot.plot_widget.accessibleName() == "Entscheidungsregionen"


def test_every_title_of_a_core_choice_table_is_listed_for_translation():
    """A new loss, optimiser or dataset in nnviz/core shows translated only if listed."""
    from nnviz.app.core_terms import TITLES
    from nnviz.core.datasets import BUILTIN_DATASETS
    from nnviz.core.losses import LOSSES
    from nnviz.core.settings import BATCH_MODES, INITS, RULES, SCHEDULES

    names = {"L1", "L2", "AND", "OR", "NOT", "XOR", "XNOR"}  # the same in every language
    titles = [*LOSSES.values(), *BATCH_MODES.values(), *INITS.values(), *RULES.values(),
              *SCHEDULES.values(), *(t for t, *_ in BUILTIN_DATASETS.values())]
    missing = sorted(t for t in set(titles) - names if t not in TITLES)
    assert missing == [], "add them to nnviz/app/core_terms.py"


def test_the_undo_menu_names_a_settings_edit_in_german(german_window, qtbot):
    """Edit → Undo named choices and switches by their English field names ("Init: …")."""
    w = german_window
    form = w.training_panel.settings
    stack = w.model.undo_stack
    title = translate("panels.settings_form", "Initialisation")
    assert title == "Initialisierung"
    form.init.setFocus()
    qtbot.keyClick(form.init, Qt.Key.Key_Down)  # the next way to draw the starting weights
    assert stack.undoText() == f"{title}: {form.init.currentText()}"
    qtbot.mouseClick(form.shuffle, Qt.MouseButton.LeftButton)
    assert stack.undoText() == "Jede Epoche mischen"
    assert w.actions_["undo"].text().startswith("&Rückgängig")
