"""The one kind of scroll area every window uses for its content: no frame, the content as wide
as the window (wrapped text wraps, nothing scrolls sideways), and a name.

A scroll area is a stop for the Tab key (so the keyboard can scroll text with no control in it),
so a screen reader announces it: without a name it reads as an unnamed "filler"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scroll_area(
    parent: QWidget, name: str, content: QWidget | None = None, description: str = ""
) -> QScrollArea:
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll.setAccessibleName(name)
    scroll.setAccessibleDescription(
        description or "Scrolls with the arrow keys, Page Up and Page Down."
    )
    if content is not None:
        scroll.setWidget(content)
    return scroll
