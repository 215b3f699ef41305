"""Find user-visible string literals in nnviz/app that bypass the translation machinery.

A literal (or f-string) passed straight to a call that shows text (a widget's
constructor, setText, setToolTip, a menu's addAction, QMessageBox, a status message...)
must be wrapped in translate("context", "text") from nnviz.app.i18n.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "nnviz" / "app"

# Call name -> the positions of its text arguments (None: every argument).
SINKS: dict[str, tuple[int, ...] | None] = {
    **dict.fromkeys((
        "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle",
        "setPlaceholderText", "setTitle", "setLabelText", "setAccessibleName",
        "setAccessibleDescription", "setSuffix", "setPrefix", "setSpecialValueText",
        "setFormat", "showMessage", "show_message", "addMenu", "addAction", "addRow",
        "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
        "setInformativeText", "setDetailedText", "setCancelButtonText", "setOkButtonText",
        "emit", "addButton", "setWindowIconText", "QAction", "QLabel", "QPushButton",
        "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QDockWidget", "QMenu",
        "QToolBar", "QCommandLinkButton", "QProgressDialog", "QMessageBox", "TextItem",
        "LabelItem", "information", "warning", "critical", "question", "about",
        "getText", "getItem", "getInt", "getDouble", "getMultiLineText",
        "getOpenFileName", "getSaveFileName", "getExistingDirectory", "add_dock",
        "_action", "addTab", "insertTab", "setTabText", "setTabToolTip", "setItemText",
        "addItem", "insertItem", "setLabel", "setTickText",
    ), None),
}
# Keyword arguments that carry text, whatever the call.
TEXT_KEYWORDS = {"text", "title", "tip", "tooltip", "label", "message", "caption"}

KEY_SEQUENCE = re.compile(
    r"((Ctrl|Shift|Alt|Meta)\+)*([A-Z0-9]|F\d{1,2}|Space|Left|Right|Up|Down|Esc|Escape|"
    r"Return|Enter|Tab|Delete|Backspace|Home|End|PgUp|PgDown|\+|-|=|\[|\])")
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_.\-]*|#[0-9a-fA-F]{3,8}|[a-z]+:.*")


def looks_visible(text: str) -> bool:
    """Prose, a word or a label; not a key, an identifier, a colour or a unit symbol."""
    if not re.search(r"[A-Za-z]{2}", text):
        return False
    return not (KEY_SEQUENCE.fullmatch(text) or IDENTIFIER.fullmatch(text))


def call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


WRAPPERS = {"translate", "QT_TRANSLATE_NOOP", "tr"}


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    col: int
    end_line: int
    end_col: int
    call: str
    text: str
    fstring: bool

    def __str__(self) -> str:
        rel = self.path.relative_to(APP.parents[1])
        return f"{rel}:{self.line}: {self.call}({self.text!r})"


def _literal(node: ast.AST) -> tuple[str, bool] | None:
    """The text of a str literal, f-string or literal concatenation, and whether it formats."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, False
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
        return "".join(parts), True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left = _literal(node.left)
        if left is not None:
            return left[0], True
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"):
        inner = _literal(node.func.value)
        if inner is not None:
            return inner[0], True
    if isinstance(node, ast.IfExp):
        return _literal(node.body) or _literal(node.orelse)
    return None


def scan_file(path: Path) -> list[Finding]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Finding] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        if name in WRAPPERS:
            continue
        args: list[ast.AST] = []
        if name in SINKS:
            positions = SINKS[name]
            args += [a for i, a in enumerate(node.args) if positions is None or i in positions]
        args += [k.value for k in node.keywords if k.arg and k.arg.lower() in TEXT_KEYWORDS]
        for arg in args:
            candidates = arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]
            for cand in candidates:
                lit = _literal(cand)
                if lit is None or not looks_visible(lit[0]):
                    continue
                found.append(Finding(path, cand.lineno, cand.col_offset, cand.end_lineno,
                                     cand.end_col_offset, name, lit[0], lit[1]))
    return found


def scan(root: Path = APP) -> list[Finding]:
    return [f for p in sorted(root.rglob("*.py")) for f in scan_file(p)]


def context_of(path: Path) -> str:
    """The translation context of a module: its dotted path below nnviz/app."""
    rel = path.relative_to(APP).with_suffix("")
    return ".".join(rel.parts)
