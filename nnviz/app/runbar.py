"""The run bar: a large Play/Pause, a large epoch counter, Step and Reset, as in
TensorFlow Playground's top bar.

Read from the back of a room and kept on screen in presentation mode, when the
training panel is hidden. The counter's font is a multiple of the bar's, which
follows the application font: presentation mode's larger font makes it larger still.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QStyle, QToolBar, QWidget

from nnviz.app.i18n import translate

COUNTER_SCALE = 1.9  # the epoch counter's font against the application font
PLAY_SCALE = 1.3  # Play/Pause's


def epoch_text(epoch: int) -> str:
    """Zero-padded to six digits, as Playground writes it: the width stays while it counts."""
    return f"{epoch:07,}"


class EpochCounter(QLabel):
    """"Epoch 000,123" in a large font that follows the application font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setToolTip(translate("runbar", "Finished epochs (passes over the training set)"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(12, 0, 8, 0)  # apart from Play's frame
        self.set_epoch(0)

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch
        self.setText(translate("runbar", "Epoch {epoch}").format(epoch=epoch_text(epoch)))

    def scale_from(self, base: QFont) -> None:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * COUNTER_SCALE)
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        # Room for the zero-padded count, so the bar does not re-lay out while counting
        # (only once, at a million epochs). The margins are the only slack: on a 1280 px
        # screen in German every pixel of the row is taken.
        widest = translate("runbar", "Epoch {epoch}").format(epoch=epoch_text(0))
        margins = self.contentsMargins()
        self.setMinimumWidth(QFontMetrics(font).horizontalAdvance(widest) + margins.left()
                             + margins.right() + 2)


class RunBar(QToolBar):
    def __init__(self, window, play: QAction, step: QAction, reset: QAction) -> None:
        super().__init__(translate("runbar", "Run"), window)
        self.setObjectName("toolbar-run")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        self._icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MediaPause),
                       False: style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)}
        reset.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward))
        step.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        # Play and the epoch first: on a narrow screen a toolbar hides its last buttons
        # behind an arrow, and these two must stay in sight.
        self.addAction(play)
        self.play_button = self.widgetForAction(play)
        self.counter = EpochCounter(self)
        self.addWidget(self.counter)
        self.addSeparator()
        self.addAction(step)
        self.addAction(reset)
        self.extras = [self.widgetForAction(step), self.widgetForAction(reset)]
        for button, action in zip(self.extras, (step, reset)):
            button.setToolTip(action.toolTip() or action.text().replace("&", ""))
        self._full_width = 0  # the bar's width with Step and Reset named
        self.play = play
        controller = window.controller
        controller.playingChanged.connect(self._on_playing)
        # Greyed out with the training panel's Step while the network cannot be trained
        # (the panel says why).
        controller.trainableChanged.connect(play.setEnabled)
        play.setEnabled(controller.trainable)
        controller.snapshot.connect(lambda snap: self.counter.set_epoch(snap.epoch))
        window.model.replaced.connect(lambda: self.counter.set_epoch(window.model.document.epoch))
        self._on_playing(controller.playing)
        self._follow_font()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # The bar has no font of its own: it follows the application font (presentation
        # mode's larger one too), and its two large widgets follow the bar.
        if event.type() == QEvent.Type.FontChange:
            self._follow_font()
        super().changeEvent(event)

    def _follow_font(self) -> None:
        self.counter.scale_from(self.font())
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * PLAY_SCALE)
        font.setBold(True)
        self.play_button.setFont(font)
        side = QFontMetrics(font).height()
        self.play_button.setIconSize(QSize(side, side))
        # Play and Pause take the same room: the counter beside them never moves.
        metrics = QFontMetrics(font)
        words = (translate("actions", "&Play"), translate("actions", "&Pause"))
        self.play_button.setMinimumWidth(max(metrics.horizontalAdvance(t.replace("&", ""))
                                             for t in words) + side + 24)
        self._measure()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_room()

    def _measure(self) -> None:
        """The bar's width with Step and Reset named (the font or the language changed)."""
        for button in self.extras:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.layout().invalidate()
        self._full_width = self.sizeHint().width()
        self._fit_room()

    def _fit_room(self) -> None:
        """Where the row has no room for Step's and Reset's names (German at 1280 px, next
        to the main toolbar), they show their icons only, tooltips naming them, rather
        than hide behind the toolbar's overflow arrow."""
        style = (Qt.ToolButtonStyle.ToolButtonIconOnly if self.width() < self._full_width
                 else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for button in self.extras:
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)

    def _on_playing(self, playing: bool) -> None:
        self.play.setIcon(self._icons[playing])
