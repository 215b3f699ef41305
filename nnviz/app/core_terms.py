"""The titles nnviz/core gives its choices (losses, batch modes, datasets...), for translation.

nnviz/core has no Qt, so its tables hold English titles; the window shows them through
``core_title(title)``. Every title is listed here once, so that pyside6-lupdate extracts
it (tests/app/test_i18n.py checks that no core title is missing).
"""

from __future__ import annotations

from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "core"

TITLES = (
    # losses, settings and conventions
    QT_TRANSLATE_NOOP("core", "Squared error"),
    QT_TRANSLATE_NOOP("core", "Binary cross-entropy"),
    QT_TRANSLATE_NOOP("core", "Softmax cross-entropy"),
    QT_TRANSLATE_NOOP("core", "Full batch"),
    QT_TRANSLATE_NOOP("core", "Mini-batch"),
    QT_TRANSLATE_NOOP("core", "Online (one example)"),
    QT_TRANSLATE_NOOP("core", "Uniform ±0.5 (Playground)"),
    QT_TRANSLATE_NOOP("core", "Xavier (Glorot)"),
    QT_TRANSLATE_NOOP("core", "He"),
    QT_TRANSLATE_NOOP("core", "Zeros"),
    QT_TRANSLATE_NOOP("core", "None"),
    QT_TRANSLATE_NOOP("core", "Gradient descent (backprop)"),
    QT_TRANSLATE_NOOP("core", "Perceptron rule"),
    QT_TRANSLATE_NOOP("core", "Constant"),
    QT_TRANSLATE_NOOP("core", "Step decay"),
    QT_TRANSLATE_NOOP("core", "Exponential"),
    QT_TRANSLATE_NOOP("core", "Cosine"),
    # built-in datasets
    QT_TRANSLATE_NOOP("core", "Circle"),
    QT_TRANSLATE_NOOP("core", "XOR (quadrants)"),
    QT_TRANSLATE_NOOP("core", "Two Gaussians"),
    QT_TRANSLATE_NOOP("core", "Spiral"),
    QT_TRANSLATE_NOOP("core", "Regression: plane"),
    QT_TRANSLATE_NOOP("core", "Regression: Gaussians"),
    QT_TRANSLATE_NOOP("core", "Blobs (K classes)"),
    QT_TRANSLATE_NOOP("core", "Spiral arms (K classes)"),
    QT_TRANSLATE_NOOP("core", "Handwritten digits (8×8)"),
    # the tasks of a dataset
    QT_TRANSLATE_NOOP("core", "binary"),
    QT_TRANSLATE_NOOP("core", "multiclass"),
    QT_TRANSLATE_NOOP("core", "regression"),
)


def core_title(title: str) -> str:
    """A title from a core table in the window's language (names such as AND, L1 stay)."""
    return translate(CONTEXT, title)
