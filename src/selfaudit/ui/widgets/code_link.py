"""The organisation's own code of practice, named where the app says what it is based on: its
title and version, and a link that opens it in the person's browser on their click."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from selfaudit.content.code import CodeOfPractice


def code_html(code: CodeOfPractice) -> str:
    """'Based on <a href="…">Social Media Code, version 3.0</a>.' ("" without a code named)."""
    if not code.own:
        return ""
    name = escape(code.name)
    if code.url:
        name = f'<a href="{escape(code.url, quote=True)}">{name}</a>'
    return f"Based on {name}."


class CodeLink(QLabel):
    """Hidden until the organisation names its own code (`show_code`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code-of-practice")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self._open)
        # Tab reaches the link and Enter opens it, as a click does
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.hide()

    def _open(self, url: str) -> None:
        from selfaudit.ui.links import open_link  # not needed for the first page's first frame

        open_link(url, self)

    def show_code(self, code: CodeOfPractice) -> None:
        text = code_html(code)
        self.setText(text)
        self.setAccessibleName(
            f"Based on {code.name}" + (" (opens in your browser)" if code.url else "")
        )
        self.setVisible(bool(text))
