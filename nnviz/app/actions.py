"""Menus, toolbar and keyboard shortcuts of the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenu, QToolBar, QToolButton

from nnviz.app.runbar import RunBar
from nnviz.core.builders import build_shape
from nnviz.core.examples import example_names

if TYPE_CHECKING:
    from nnviz.app.mainwindow import MainWindow



def _action(window: MainWindow, text: str, slot: Callable, shortcut=None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work wherever focus is, also with menus hidden
    return action


def _stack_action(w: MainWindow, stack: QUndoStack, undo: bool) -> QAction:
    """A toolbar Undo (or Redo) of fixed text, enabled with the stack, the command in its tip."""
    word = "Undo" if undo else "Redo"
    action = QAction(word, w)
    action.triggered.connect(stack.undo if undo else stack.redo)
    # Both follow the stack's signals' arguments, never ask the stack: it signals while it
    # is being destroyed with the window.
    def enable(can: bool) -> None:
        action.setEnabled(can)

    def describe(text: str) -> None:
        action.setToolTip(f"{word} {text}" if text else f"Nothing to {word.lower()}")

    (stack.canUndoChanged if undo else stack.canRedoChanged).connect(enable)
    (stack.undoTextChanged if undo else stack.redoTextChanged).connect(describe)
    enable(stack.canUndo() if undo else stack.canRedo())
    describe(stack.undoText() if undo else stack.redoText())
    return action


def build_actions(w: MainWindow) -> dict[str, QAction]:
    f, c, m, v = w.files, w.controller, w.model, w.view
    a: dict[str, QAction] = {}
    a["new"] = _action(w, "&New", f.new, QKeySequence.New, "Start a new network")
    a["open"] = _action(w, "&Open…", f.open, QKeySequence.Open, "Open a .nnviz file")
    a["save"] = _action(w, "&Save", f.save, QKeySequence.Save, "Save the network")
    a["save_as"] = _action(w, "Save &As…", f.save_as, QKeySequence.SaveAs)
    a["quit"] = _action(w, "&Quit", w.close, QKeySequence.Quit)
    a["undo"] = m.undo_stack.createUndoAction(w, "&Undo")
    a["undo"].setShortcut(QKeySequence.Undo)
    a["redo"] = m.undo_stack.createRedoAction(w, "&Redo")
    a["redo"].setShortcut(QKeySequence.Redo)
    # The menu says what Undo undoes; the toolbar says only "Undo" (the command is in the
    # tooltip), or every edit would change the button's width and shift the toolbar.
    a["undo_tool"] = _stack_action(w, m.undo_stack, undo=True)
    a["redo_tool"] = _stack_action(w, m.undo_stack, undo=False)
    a["delete"] = _action(w, "&Delete", v.delete_selection, QKeySequence.Delete,
                          "Delete the selected neurons and edges")
    a["select_all"] = _action(w, "Select &All", v.select_all, QKeySequence.SelectAll)
    a["copy"] = _action(w, "&Copy", v.copy, QKeySequence.Copy)
    a["paste"] = _action(w, "&Paste", v.paste, QKeySequence.Paste)
    a["build"] = _action(w, "&Build Layered Network…", lambda: _build_dialog(w), "Ctrl+B",
                         "Replace the network by a layered one such as 2-4-2-1")
    a["layout"] = _action(w, "Auto-&Layout", v.auto_layout, "Ctrl+L",
                          "Arrange neurons in columns by depth")
    a["zoom_in"] = _action(w, "Zoom &In", v.zoom_in, QKeySequence.ZoomIn)
    a["zoom_out"] = _action(w, "Zoom &Out", v.zoom_out, QKeySequence.ZoomOut)
    a["fit"] = _action(w, "&Fit Network", v.fit, "Ctrl+0")
    a["thumbnails"] = _action(w, "Neuron &Thumbnails", lambda: None, "T",
                              "Show each neuron's decision map inside it")
    a["thumbnails"].setCheckable(True)
    a["thumbnails"].setChecked(True)
    a["thumbnails"].toggled.connect(v.set_thumbnails)
    a["play"] = _action(w, "&Play", c.toggle, "Space", "Start or pause training (Space)")
    a["step"] = _action(w, "&Step", lambda: c.step(w.training_panel.step_unit()), "Right",
                        "Train one step (the unit is chosen in the training panel)")
    a["reset"] = _action(w, "&Reset Weights", c.reset, "Ctrl+R",
                         "Re-initialise with the same seed: the run replays exactly")
    a["reseed"] = _action(w, "Re-&seed", lambda: c.reset(reseed=True), "Ctrl+Shift+R",
                          "Re-initialise with a new seed")
    a["about"] = _action(w, "&About nnviz", w.about)
    a["shortcuts"] = _action(w, "&Keyboard Shortcuts", lambda: _shortcuts(w), "F1")
    c.playingChanged.connect(lambda p: a["play"].setText("&Pause" if p else "&Play"))
    _export_actions(w, a)

    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    for key in ("new", "open"):
        file_menu.addAction(a[key])
    examples = file_menu.addMenu("Open &Example")
    for name in example_names():
        examples.addAction(name, lambda n=name: f.open_example(n))
    recent = file_menu.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    file_menu.addSeparator()
    for key in ("save", "save_as"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["export"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit = bar.addMenu("&Edit")
    for key in ("undo", "redo", None, "copy", "paste", "delete", "select_all", None,
                "build", "layout", None, "copy_image", "preferences"):
        edit.addSeparator() if key is None else edit.addAction(a[key])
    view = bar.addMenu("&View")
    for key in ("zoom_in", "zoom_out", "fit", None, "thumbnails", "present"):
        view.addSeparator() if key is None else view.addAction(a[key])
    view.addSeparator()
    for dock in w.docks.values():
        view.addAction(dock.toggleViewAction())
    train = bar.addMenu("&Train")
    for key in ("play", "step", None, "reset", "reseed"):
        train.addSeparator() if key is None else train.addAction(a[key])
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["about"])

    tools = QToolBar("Main", w)
    tools.setObjectName("toolbar-main")
    for key in ("new", "open", "save", "export", None, "undo_tool", "redo_tool"):
        tools.addSeparator() if key is None else tools.addAction(a[key])
    tools.addSeparator()
    _tool_actions(w, a, tools, edit)
    w.addToolBar(tools)
    # Play, Step, Reset and the epoch in large type on a bar of their own, which
    # presentation mode keeps on screen.
    w.run_bar = RunBar(w, a["play"], a["step"], a["reset"])
    w.addToolBar(w.run_bar)
    return a


TOOL_ACTIONS = (  # name, tool, role, label, key, tip
    ("select", "select", None, "Select", "V",
     "Select and move (V): drag neurons; drag from a neuron onto a neuron or a column "
     "to connect"),
    ("add", "add", None, "Add neuron", "N",
     "Add a neuron (N): click where it goes; its column picks the role"),
    ("add_input", "add", "input", "Add input", "I", "Add an input neuron (I)"),
    ("add_hidden", "add", "hidden", "Add hidden", "H", "Add a hidden neuron (H)"),
    ("add_output", "add", "output", "Add output", "O", "Add an output neuron (O)"),
    ("connect", "connect", None, "Connect", "C",
     "Connect (C): drag from one neuron to another, or onto a whole column"),
)


def _tool_actions(w: MainWindow, a: dict[str, QAction], tools: QToolBar, edit: QMenu) -> None:
    """Select / Add (a split button: by place, input, hidden, output) / Connect, with keys
    that work whatever widget has focus in the window; a text field keeps its typing,
    because Qt lets a focused line edit or spin box override single-key shortcuts."""
    v = w.view
    group = QActionGroup(w)
    for name, tool, role, label, key, tip in TOOL_ACTIONS:
        act = _action(w, label, lambda t=tool, r=role: v.set_tool(t, r), key, tip)
        act.setCheckable(True)
        act.setChecked(name == "select")
        group.addAction(act)
        a[f"tool_{name}"] = act
    a["sticky"] = _action(w, "Keep the Add Tool", lambda: None, None,
                          "Stay on the add tool after a placement (else: hold Shift)")
    a["sticky"].setCheckable(True)
    a["sticky"].toggled.connect(v.set_sticky)
    a["connect_selection"] = _action(
        w, "Connect Selected &Columns", v.connect_selection, "J",
        "Connect the selected neurons' columns all-to-all, left to right")
    tools.addAction(a["tool_select"])
    split = QToolButton(tools)
    split.setObjectName("add-tool-button")
    split.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    split.setDefaultAction(a["tool_add"])
    menu = QMenu(split)
    for name in ("add", "add_input", "add_hidden", "add_output"):
        menu.addAction(a[f"tool_{name}"])
    menu.addSeparator()
    menu.addAction(a["sticky"])
    split.setMenu(menu)
    tools.addWidget(split)
    tools.addAction(a["tool_connect"])
    edit.addSeparator()
    edit.addAction(a["connect_selection"])

    def follow(tool: str) -> None:  # keys on the canvas pick tools too: keep in step
        name = tool if tool != "add" or v.add_role is None else f"add_{v.add_role}"
        a[f"tool_{name}"].setChecked(True)
        split.setDefaultAction(a[f"tool_{name}"] if tool == "add" else a["tool_add"])
    v.toolChanged.connect(follow)


def _export_actions(w: MainWindow, a: dict[str, QAction]) -> None:
    """File → Export…, Edit → Copy as Image, Preferences, View → Presentation Mode (F5)."""
    from nnviz.app.export.dialog import copy_as_image, export_figure
    from nnviz.app.presentation import Presentation, preferences

    w.presentation = Presentation(w)
    a["export"] = _action(w, "&Export Figure…", lambda: export_figure(w), "Ctrl+E",
                          "Save the network, a plot or a slide as PNG, SVG or PDF")
    a["copy_image"] = _action(w, "Copy as &Image", lambda: copy_as_image(w), "Ctrl+Shift+C",
                              "Copy the network to the clipboard (image and SVG)")
    a["preferences"] = _action(w, "Pre&ferences…", lambda: preferences(w), None,
                               "Theme and presentation font scale")
    a["present"] = _action(w, "&Presentation Mode", w.presentation.toggle, "F5",
                           "Full screen, larger text, editing panels hidden (Esc leaves)")


def _fill_recent(w: MainWindow, menu: QMenu) -> None:
    menu.clear()
    paths = w.files.recent()
    if not paths:
        menu.addAction("(none)").setEnabled(False)
    for path in paths:
        menu.addAction(path, lambda p=path: w.files.open_path(p))


def _build_dialog(w: MainWindow) -> None:
    shape, ok = QInputDialog.getText(
        w, "Build layered network", "Layer sizes (inputs first), e.g. 2-4-2-1:", text="2-4-2-1")
    if not ok:
        return
    activation, ok = QInputDialog.getItem(
        w, "Build layered network", "Hidden activation:",
        ["tanh", "sigmoid", "relu", "leaky_relu", "identity"], 0, False)
    if not ok:
        return
    try:
        command = build_shape(shape, activation)
    except ValueError as exc:
        w.show_message(str(exc))
        return
    w.model.push(command)


def _shortcuts(w: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    rows = [(a.text().replace("&", ""), a.shortcut().toString(QKeySequence.NativeText))
            for a in w.actions_.values() if not a.shortcut().isEmpty()]
    html = "<table>" + "".join(f"<tr><td>{t}</td><td><b>{k}</b></td></tr>" for t, k in rows)
    QMessageBox.information(w, "Keyboard shortcuts", html + "</table>")
