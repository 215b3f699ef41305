"""Translation of the window's text: the one way strings are wrapped, and loading a language.

How to wrap a user-visible string (anything the window shows: menus, actions, labels,
tooltips, status messages, dialogs, dock titles, plot titles and axis labels)::

    from nnviz.app.i18n import translate
    label.setText(translate("panels.training_panel", "Learning rate"))
    msg = translate("mainwindow", "Opened {name}").format(name=path.name)

- The first argument, the *context*, is a string literal: the module's dotted path
  below nnviz/app (``"actions"``, ``"canvas.view"``, ``"panels.inspector"``).
- The text is a literal too (never an f-string or a variable: pyside6-lupdate reads
  the source and extracts only literals), and the call is spelt ``translate(`` (an alias
  such as ``tr = lambda t: translate(ctx, t)`` is extracted under the wrong context, so
  its strings are never found at run time). Put values in with ``.format(name=...)`` after
  translating, with named placeholders so that a translation can reorder them. Numbers
  are formatted by Python as before; they are not translated.
- A string in a module-level table (evaluated at import, before the translator is
  installed) is marked with ``QT_TRANSLATE_NOOP("context", "text")`` and translated
  where it is shown: ``translate("context", row.label)``.
- Not wrapped: nnviz/core (no Qt there), CLI output, object names, settings keys,
  file-format words and math (``tanh``, ``σ(z)``).

After adding strings run ``packaging/update_translations.sh`` and fill in the new
entries of ``resources/i18n/nnviz_de.ts`` (by hand or with pyside6-linguist); the tests
fail while a string has no German translation.

The language follows the system locale (LANGUAGE / LC_ALL / LC_MESSAGES / LANG);
``NNVIZ_LANG=de`` (or ``en``) overrides it.
"""

from __future__ import annotations

import os
from importlib import resources

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

__all__ = ["QT_TRANSLATE_NOOP", "install_translators", "remove_translators",
           "translate", "translations_dir", "ui_locale"]

# The translators in use: QCoreApplication does not own them, so they must stay alive.
_INSTALLED: list[QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None,
              n: int = -1) -> str:
    """``text`` in the window's language (itself when there is no translation).

    ``n`` >= 0 picks a plural form; the text then contains ``%n`` for the number.
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


def translations_dir() -> str | None:
    """The folder of the shipped .qm files (resources/i18n, installed as nnviz.resources)."""
    folder = resources.files("nnviz.resources") / "i18n"
    return str(folder) if folder.is_dir() else None


def ui_locale(language: str | None = None) -> QLocale:
    """The locale whose language the window speaks: ``language``, NNVIZ_LANG, or the system's."""
    language = language or os.environ.get("NNVIZ_LANG") or None
    return QLocale(language) if language else QLocale.system()


def install_translators(app: QCoreApplication | None = None,
                        language: str | None = None) -> list[QTranslator]:
    """Load nnviz's and Qt's own translation (dialog buttons, context menus) for the locale.

    Returns the translators that loaded (none for English, or for a language nnviz has
    no translation of); call before building any window, as text is translated once.
    """
    app = app or QCoreApplication.instance()
    locale = ui_locale(language)
    found: list[QTranslator] = []
    folders = [(translations_dir(), "nnviz"),
               (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase")]
    for folder, name in folders:
        if not folder:
            continue
        translator = QTranslator(app)
        # Tries each of the locale's UI languages (de_DE, de, ...) as name_<lang>.qm.
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            found.append(translator)
        if name == "nnviz" and not found:
            break  # no nnviz translation: Qt's German buttons in an English window would jar
    _INSTALLED.extend(found)
    return found


def remove_translators(translators: list[QTranslator],
                       app: QCoreApplication | None = None) -> None:
    """Undo install_translators (tests switch languages within one process)."""
    app = app or QCoreApplication.instance()
    for translator in translators:
        app.removeTranslator(translator)
        if translator in _INSTALLED:
            _INSTALLED.remove(translator)
