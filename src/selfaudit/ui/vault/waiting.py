"""'Waiting for your keyring': shown when the keyring takes a moment, usually because it is
asking the person to unlock it in a window of its own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.vault.messages import comfortable_width
from selfaudit.ui.widgets.labels import wrapped_label


class KeyringWaitDialog(QDialog):
    """`alternative` is the way round the keyring ('Use my recovery code instead' or 'Use a
    passphrase instead'); `retry` appears once the keyring has stopped answering."""

    alternative_chosen = Signal()
    retry_chosen = Signal()

    def __init__(self, key_store: str, alternative: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyring-wait-dialog")
        self.setWindowTitle("Waiting for your keyring")
        comfortable_width(self, 60)
        layout = QVBoxLayout(self)
        self.heading = wrapped_label(self.windowTitle(), self, bold=True)
        layout.addWidget(self.heading)
        self.message = wrapped_label(
            f"selfaudit is asking {key_store} for the key to your checklist. If a window asks "
            "for a password to unlock your keyring, type your computer login password there.",
            self,
        )
        layout.addWidget(self.message)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Waiting")
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        buttons = QDialogButtonBox(self)
        self.retry_button = QPushButton("&Try again", self)
        self.retry_button.setAccessibleName("Try the keyring again")
        self.retry_button.hide()
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.alternative_button = buttons.addButton(
            alternative, QDialogButtonBox.ButtonRole.ActionRole
        )
        self.alternative_button.setAccessibleName(alternative)
        quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAccessibleName("Quit")
        self.retry_button.clicked.connect(self.retry_chosen.emit)
        self.alternative_button.clicked.connect(self.alternative_chosen.emit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_timed_out(self, message: str) -> None:
        self.heading.setText("Your keyring is not answering")
        self.setWindowTitle("Your keyring is not answering")
        self.message.setText(message)
        self.progress.hide()
        self.retry_button.show()

    def show_waiting(self) -> None:
        self.heading.setText("Waiting for your keyring")
        self.setWindowTitle("Waiting for your keyring")
        self.progress.show()
        self.retry_button.hide()
