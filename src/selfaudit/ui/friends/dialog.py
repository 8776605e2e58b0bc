"""The friend check on its own, for the dashboard: `FriendCheckDialog(session).open()`."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.ui.friends.check_widget import FriendCheckWidget
from selfaudit.ui.screen_fit import fit_to_screen


class FriendCheckDialog(QDialog):
    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check your friends for service users")
        self.setObjectName("friend-check-dialog")
        layout = QVBoxLayout(self)
        self.check = FriendCheckWidget(session, self)
        layout.addWidget(self.check, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.finished.connect(self._closed)
        fit_to_screen(self, 900, 600)

    def _closed(self) -> None:
        if self.check.review is not None:
            self.check.review.answer_question()
        self.check.forget()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.check.cancel()
        super().closeEvent(event)
