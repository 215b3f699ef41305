"""Menus, toolbar and keyboard shortcuts of the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenu, QToolBar, QToolButton

from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
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
    action = QAction(translate("actions", "Undo") if undo else translate("actions", "Redo"), w)
    action.triggered.connect(stack.undo if undo else stack.redo)
    # Both follow the stack's signals' arguments, never ask the stack: it signals while it
    # is being destroyed with the window.
    def enable(can: bool) -> None:
        action.setEnabled(can)

    def describe(text: str) -> None:
        if undo:
            tip = (translate("actions", "Undo {command}") if text
                   else translate("actions", "Nothing to undo"))
        else:
            tip = (translate("actions", "Redo {command}") if text
                   else translate("actions", "Nothing to redo"))
        action.setToolTip(tip.format(command=text))

    (stack.canUndoChanged if undo else stack.canRedoChanged).connect(enable)
    (stack.undoTextChanged if undo else stack.redoTextChanged).connect(describe)
    enable(stack.canUndo() if undo else stack.canRedo())
    describe(stack.undoText() if undo else stack.redoText())
    return action


def build_actions(w: MainWindow) -> dict[str, QAction]:
    f, c, m, v = w.files, w.controller, w.model, w.view
    a: dict[str, QAction] = {}
    a["new"] = _action(w, translate("actions", "&New"), f.new, QKeySequence.New,
                       translate("actions", "Start a new network"))
    a["open"] = _action(w, translate("actions", "&Open…"), f.open, QKeySequence.Open,
                        translate("actions", "Open a .nnviz file"))
    a["save"] = _action(w, translate("actions", "&Save"), f.save, QKeySequence.Save,
                        translate("actions", "Save the network"))
    a["save_as"] = _action(w, translate("actions", "Save &As…"), f.save_as, QKeySequence.SaveAs)
    a["quit"] = _action(w, translate("actions", "&Quit"), w.close, QKeySequence.Quit)
    a["undo"] = m.undo_stack.createUndoAction(w, translate("actions", "&Undo"))
    a["undo"].setShortcut(QKeySequence.Undo)
    a["redo"] = m.undo_stack.createRedoAction(w, translate("actions", "&Redo"))
    a["redo"].setShortcut(QKeySequence.Redo)
    # The menu says what Undo undoes; the toolbar says only "Undo" (the command is in the
    # tooltip), or every edit would change the button's width and shift the toolbar.
    a["undo_tool"] = _stack_action(w, m.undo_stack, undo=True)
    a["redo_tool"] = _stack_action(w, m.undo_stack, undo=False)
    a["delete"] = _action(w, translate("actions", "&Delete"), v.delete_selection,
                          QKeySequence.Delete,
                          translate("actions", "Delete the selected neurons and edges"))
    a["select_all"] = _action(w, translate("actions", "Select &All"), v.select_all,
                              QKeySequence.SelectAll)
    a["copy"] = _action(w, translate("actions", "&Copy"), v.copy, QKeySequence.Copy)
    a["paste"] = _action(w, translate("actions", "&Paste"), v.paste, QKeySequence.Paste)
    a["build"] = _action(w, translate("actions", "&Build Layered Network…"),
                         lambda: _build_dialog(w), "Ctrl+B",
                         translate("actions",
                                   "Replace the network by a layered one such as 2-4-2-1"))
    a["layout"] = _action(w, translate("actions", "Auto-&Layout"), v.auto_layout, "Ctrl+L",
                          translate("actions", "Arrange neurons in columns by depth"))
    a["zoom_in"] = _action(w, translate("actions", "Zoom &In"), v.zoom_in, QKeySequence.ZoomIn)
    a["zoom_out"] = _action(w, translate("actions", "Zoom &Out"), v.zoom_out, QKeySequence.ZoomOut)
    a["fit"] = _action(w, translate("actions", "&Fit Network"), v.fit, "Ctrl+0")
    a["thumbnails"] = _action(w, translate("actions", "Neuron &Thumbnails"), lambda: None, "T",
                              translate("actions", "Show each neuron's decision map inside it"))
    a["thumbnails"].setCheckable(True)
    a["thumbnails"].setChecked(True)
    a["thumbnails"].toggled.connect(v.set_thumbnails)
    a["play"] = _action(w, translate("actions", "&Play"), c.toggle, "Space",
                        translate("actions", "Start or pause training (Space)"))
    a["step"] = _action(w, translate("actions", "&Step"),
                        lambda: c.step(w.training_panel.step_unit()), "Right",
                        translate("actions",
                                  "Train one step (the unit is chosen in the training panel)"))
    a["reset"] = _action(w, translate("actions", "&Reset Weights"), c.reset, "Ctrl+R",
                         translate("actions",
                                   "Re-initialise with the same seed: the run replays exactly"))
    a["reseed"] = _action(w, translate("actions", "Re-&seed"), lambda: c.reset(reseed=True),
                          "Ctrl+Shift+R",
                          translate("actions", "Re-initialise with a new seed"))
    a["restore_best"] = _action(
        w, translate("actions", "Restore &Best Weights"), c.restore_best, "Ctrl+Shift+B",
        translate("actions", "Give the network the weights of the epoch with the lowest "
                             "test loss (undoable)"))
    a["about"] = _action(w, translate("actions", "&About nnviz"), w.about)
    a["shortcuts"] = _action(w, translate("actions", "&Keyboard Shortcuts"), lambda: _shortcuts(w),
                             "F1")
    c.playingChanged.connect(lambda p: a["play"].setText(
        translate("actions", "&Pause") if p else translate("actions", "&Play")))
    _export_actions(w, a)

    bar = w.menuBar()
    file_menu = bar.addMenu(translate("actions", "&File"))
    file_menu.setObjectName("menu-file")
    for key in ("new", "open"):
        file_menu.addAction(a[key])
    examples = file_menu.addMenu(translate("actions", "Open &Example"))
    examples.setObjectName("menu-examples")  # the examples' own names, not translated
    for name in example_names():
        examples.addAction(name, lambda n=name: f.open_example(n))
    recent = file_menu.addMenu(translate("actions", "Open &Recent"))
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    file_menu.addSeparator()
    for key in ("save", "save_as"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["export"])
    file_menu.addAction(a["export_animation"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit = bar.addMenu(translate("actions", "&Edit"))
    edit.setObjectName("menu-edit")
    for key in ("undo", "redo", None, "copy", "paste", "delete", "select_all", None,
                "build", "layout", None, "copy_image", "preferences"):
        edit.addSeparator() if key is None else edit.addAction(a[key])
    view = bar.addMenu(translate("actions", "&View"))
    view.setObjectName("menu-view")
    for key in ("zoom_in", "zoom_out", "fit", None, "thumbnails", "present"):
        view.addSeparator() if key is None else view.addAction(a[key])
    view.addSeparator()
    for dock in w.docks.values():
        view.addAction(dock.toggleViewAction())
    train = bar.addMenu(translate("actions", "&Train"))
    train.setObjectName("menu-train")
    for key in ("play", "step", None, "reset", "reseed", None, "restore_best"):
        train.addSeparator() if key is None else train.addAction(a[key])
    tools_menu = bar.addMenu(translate("actions", "T&ools"))
    tools_menu.setObjectName("menu-tools")
    tools_menu.addAction(a["exercise"])
    help_menu = bar.addMenu(translate("actions", "&Help"))
    help_menu.setObjectName("menu-help")
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["about"])

    tools = QToolBar(translate("actions", "Main"), w)
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


TOOL_ACTIONS = (  # name, tool, role, label, key, tip (translated where shown)
    ("select", "select", None, QT_TRANSLATE_NOOP("actions", "Select"), "V",
     QT_TRANSLATE_NOOP("actions", "Select and move (V): drag neurons; right-drag from a neuron "
                                  "onto a neuron or a column to connect")),
    ("add", "add", None, QT_TRANSLATE_NOOP("actions", "Add neuron"), "N",
     QT_TRANSLATE_NOOP("actions",
                       "Add a neuron (N): click where it goes; its column picks the role")),
    ("add_input", "add", "input", QT_TRANSLATE_NOOP("actions", "Add input"), "I",
     QT_TRANSLATE_NOOP("actions", "Add an input neuron (I)")),
    ("add_hidden", "add", "hidden", QT_TRANSLATE_NOOP("actions", "Add hidden"), "H",
     QT_TRANSLATE_NOOP("actions", "Add a hidden neuron (H)")),
    ("add_output", "add", "output", QT_TRANSLATE_NOOP("actions", "Add output"), "O",
     QT_TRANSLATE_NOOP("actions", "Add an output neuron (O)")),
    ("connect", "connect", None, QT_TRANSLATE_NOOP("actions", "Connect"), "C",
     QT_TRANSLATE_NOOP("actions",
                       "Connect (C): drag from one neuron to another, or onto a whole column")),
)


def name_tool_buttons(w: MainWindow) -> None:
    """Every toolbar button says what it does to a screen reader: its action's text (icon-only
    buttons show none) and its tooltip."""
    for bar in w.findChildren(QToolBar):
        for action in bar.actions():
            button = bar.widgetForAction(action)
            if not isinstance(button, QToolButton):
                continue
            source = action if action.text() else button.defaultAction()  # the Add split button
            if source is not None and source.text():
                button.setAccessibleName(source.text().replace("&", ""))
                button.setAccessibleDescription(source.toolTip())


def find_menu(window: MainWindow, key: str) -> QMenu | None:
    """The menu bar's menu ``key`` ("file", "edit", "view", "train", "help", "tools"), by
    its object name: its title is translated."""
    return window.menuBar().findChild(QMenu, f"menu-{key}")


def _tool_actions(w: MainWindow, a: dict[str, QAction], tools: QToolBar, edit: QMenu) -> None:
    """Select / Add (a split button: by place, input, hidden, output) / Connect, with keys
    that work whatever widget has focus in the window; a text field keeps its typing,
    because Qt lets a focused line edit or spin box override single-key shortcuts."""
    v = w.view
    group = QActionGroup(w)
    for name, tool, role, label, key, tip in TOOL_ACTIONS:
        act = _action(w, translate("actions", label), lambda t=tool, r=role: v.set_tool(t, r),
                      key, translate("actions", tip))
        act.setCheckable(True)
        act.setChecked(name == "select")
        group.addAction(act)
        a[f"tool_{name}"] = act
    a["sticky"] = _action(w, translate("actions", "Keep the Add Tool"), lambda: None, None,
                          translate("actions",
                                    "Stay on the add tool after a placement (else: hold Shift)"))
    a["sticky"].setCheckable(True)
    a["sticky"].toggled.connect(v.set_sticky)
    a["connect_selection"] = _action(
        w, translate("actions", "Connect Selected &Columns"), v.connect_selection, "J",
        translate("actions", "Connect the selected neurons' columns all-to-all, left to right"))
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
    a["export"] = _action(w, translate("actions", "&Export Figure…"), lambda: export_figure(w),
                          "Ctrl+E",
                          translate("actions",
                                    "Save the network, a plot or a slide as PNG, SVG or PDF"))
    a["export_animation"] = _action(
        w, translate("actions", "Export &Animation…"), lambda: _export_animation(w), None,
        translate("actions", "Training or the backprop steps as an animated GIF, PNG or MP4"))
    a["copy_image"] = _action(w, translate("actions", "Copy as &Image"), lambda: copy_as_image(w),
                              "Ctrl+Shift+C",
                              translate("actions",
                                        "Copy the network to the clipboard (image and SVG)"))
    a["preferences"] = _action(w, translate("actions", "Pre&ferences…"), lambda: preferences(w),
                               None,
                               translate("actions", "Theme and presentation font scale"))
    a["exercise"] = _action(
        w, translate("actions", "Make &Exercise Sheet…"), lambda: _exercise_sheet(w), None,
        translate("actions", "Randomised backpropagation exercises and their answer key as PDF"))
    a["present"] = _action(
        w, translate("actions", "&Presentation Mode"), w.presentation.toggle, "F5",
        translate("actions", "Full screen, larger text, editing panels hidden (Esc leaves)"))


def _exercise_sheet(w: MainWindow) -> None:
    from nnviz.app.export.sheet_dialog import make_exercise_sheet

    make_exercise_sheet(w)


def _export_animation(w: MainWindow) -> None:
    from nnviz.app.export.animation_dialog import export_animation

    export_animation(w)


def _fill_recent(w: MainWindow, menu: QMenu) -> None:
    menu.clear()
    paths = w.files.recent()
    if not paths:
        menu.addAction(translate("actions", "(none)")).setEnabled(False)
    for path in paths:
        menu.addAction(path, lambda p=path: w.files.open_path(p))


def _build_dialog(w: MainWindow) -> None:
    title = translate("actions", "Build layered network")
    shape, ok = QInputDialog.getText(
        w, title, translate("actions", "Layer sizes (inputs first), e.g. 2-4-2-1:"),
        text="2-4-2-1")
    if not ok:
        return
    activation, ok = QInputDialog.getItem(
        w, title, translate("actions", "Hidden activation:"),
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
    QMessageBox.information(w, translate("actions", "Keyboard shortcuts"), html + "</table>")
