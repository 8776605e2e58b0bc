"""The password strength bar: five segments, as many filled as the score is high (plus one),
in a colour for the score. The colours come in a light and a dark set, picked from the window's
own palette, so they stay visible in dark mode; the score is also always given in words."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

SEGMENTS = 5
# very weak, weak, fair, strong, very strong; each readable against its palette's window colour
ON_LIGHT = ("#b3261e", "#b54708", "#8a6100", "#2e7d32", "#1b5e20")
ON_DARK = ("#ff8a80", "#ffab70", "#ffd54f", "#81c784", "#a5d6a7")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def score_colour(score: int, palette: QPalette) -> QColor:
    return QColor((ON_DARK if is_dark(palette) else ON_LIGHT)[score])


class StrengthMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score: int | None = None  # None: nothing to measure yet
        self.setAccessibleName("Password strength")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, max(10, self.fontMetrics().height() // 2))

    def set_score(self, score: int | None, words: str = "") -> None:
        self.score = score
        self.setAccessibleDescription(words)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 4.0
        width = (self.width() - gap * (SEGMENTS - 1)) / SEGMENTS
        height = float(self.height())
        # unfilled segments: the text colour, faint, so they show on light and dark windows alike
        empty = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        empty.setAlpha(50)
        for index in range(SEGMENTS):
            filled = self.score is not None and index <= self.score
            colour = (
                score_colour(self.score, self.palette())
                if filled and self.score is not None
                else empty
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(index * (width + gap), 0, width, height), 2, 2)
        painter.end()
