"""Why Next is greyed out: what is left to answer on the page, and a button that takes the
keyboard to the first question not yet answered (scrolled into view). It sits under the page's
scrolling part, beside the wizard's buttons, so it is seen even when the questions scroll."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class UnansweredNote(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unanswered")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("unanswered-note")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton("&Go to the first one", self)
        self.button.setObjectName("go-to-unanswered")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self._go)
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self._first: Callable[[], QWidget | None] = lambda: None
        self.hide()

    def show_left(self, text: str, target: str, first: Callable[[], QWidget | None]) -> None:
        """Says `text` (empty: everything is answered, and the note hides); the button names
        `target` ("the first question not answered") and takes the keyboard to `first()`."""
        self._first = first
        self.label.setText(text)
        self.button.setAccessibleName(f"Go to {target}")
        self.setVisible(bool(text))

    def _go(self) -> None:
        widget = self._first()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
