"""Labels for text that wraps. Qt only, so the first page can be drawn before anything else of
the app is loaded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def wrapped_label(text: str, parent: QWidget | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def heading(text: str, parent: QWidget, scale: float = 1.25) -> QLabel:
    label = wrapped_label(text, parent, bold=True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
