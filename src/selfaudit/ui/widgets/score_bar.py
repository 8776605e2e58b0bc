"""A score out of 100 as a bar with the figure beside it, never on it: text drawn across the
bar's edge changes colour part-way through a character, and with some colours part of "45%"
disappears. The figure is plain text; the bar only shows it at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QWidget


class ScoreBar(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 8)
        self.bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.figure = QLabel(self)
        self.figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.figure.setMinimumWidth(self.fontMetrics().horizontalAdvance("100%") + 4)
        row.addWidget(self.bar, 1)
        row.addWidget(self.figure)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_score(self, value: int | None) -> None:
        self.bar.setValue(value or 0)
        self.figure.setText("–" if value is None else f"{value}%")
        name = f"{self.title}: {'no score' if value is None else f'{value} out of 100'}"
        self.bar.setAccessibleName(name)
        self.setAccessibleName(name)
