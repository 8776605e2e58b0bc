"""A small line chart of the overall score over past audits, drawn with QPainter in the colours
of the system palette (so it follows light and dark themes). Its accessible description reads
the same figures out, for screen readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from selfaudit.ui.plan_model import short_date
from selfaudit.ui.style import edge_colour, ring_colour


@dataclass(frozen=True)
class ScorePoint:
    day: date
    score: int


class ScoreHistoryChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[ScorePoint] = []
        self.setObjectName("score-history")
        self.setAccessibleName("Your score over past audits")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader user can reach it
        self.setFixedHeight(self.fontMetrics().height() * 7)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("0") * 36, self.height())

    def set_points(self, points: list[ScorePoint]) -> None:
        self.points = points[-12:]  # the last year or so keeps the chart readable
        if not points:
            text = "No audits yet."
        else:
            text = "; ".join(f"{short_date(p.day)}: {p.score} out of 100" for p in self.points)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        # the line, its dots and the grid stand out 3:1 in any palette, dark and contrast too
        background = palette.color(QPalette.ColorRole.Window)
        grid_colour = edge_colour(palette, background)
        line_colour = ring_colour(palette, background)
        left = metrics.horizontalAdvance("100") + 8
        top = metrics.height() / 2
        bottom = self.height() - metrics.height() - 6
        right = self.width() - metrics.horizontalAdvance("00 Mmm 0000") / 2
        plot = QRectF(left, top, max(1.0, right - left), max(1.0, bottom - top))

        for value in (0, 50, 100):
            y = plot.bottom() - plot.height() * value / 100
            painter.setPen(QPen(grid_colour, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            label_box = QRectF(0, y - metrics.height() / 2, left - 6, metrics.height())
            painter.drawText(label_box, Qt.AlignmentFlag.AlignRight, str(value))

        if not self.points:
            painter.setPen(text_colour)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Your scores will show here.")
            return
        count = len(self.points)
        step = plot.width() / (count - 1) if count > 1 else 0.0
        positions = [
            QPointF(
                plot.left() + (step * index if count > 1 else plot.width() / 2),
                plot.bottom() - plot.height() * point.score / 100,
            )
            for index, point in enumerate(self.points)
        ]
        painter.setPen(QPen(line_colour, 2.5))
        painter.drawPolyline(positions)
        painter.setBrush(line_colour)
        painter.setPen(QPen(background, 1.5))  # a rim keeps a dot whole where the line meets it
        for position in positions:
            painter.drawEllipse(position, 5, 5)
        painter.setPen(text_colour)
        # first and last dates only: more would collide on a narrow chart
        for index in {0, count - 1}:
            label = short_date(self.points[index].day)
            width = metrics.horizontalAdvance(label)
            x = min(max(positions[index].x() - width / 2, 0), self.width() - width)
            painter.drawText(QPointF(x, self.height() - 4), label)
