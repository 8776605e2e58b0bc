"""Opening the checklist with the recovery code, when the key is not where it was kept; and,
for someone who has lost the code, starting again without destroying the old checklist."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.vault.messages import comfortable_width
from selfaudit.ui.widgets.labels import wrapped_label


class RecoveryDialog(QDialog):
    """Emits `submitted(code text)`; the caller checks it off the UI thread and either closes
    the dialog or calls `show_error`. `lost` asks for the start-again route. With
    `offer_passphrase` (opened from the unlock screen) `back` goes back to the passphrase."""

    submitted = Signal(str)
    lost = Signal()
    back = Signal()

    def __init__(
        self,
        reason: str,
        parent: QWidget | None = None,
        title: str = "Use your recovery code",
        action: str = "Open",
        offer_passphrase: bool = False,
    ) -> None:
        from selfaudit.vault.keys import CODE_GROUPS  # the encryption library, only here

        super().__init__(parent)
        self.setObjectName("recovery-dialog")
        self.setWindowTitle(title)
        comfortable_width(self, 60)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(self.windowTitle(), self, bold=True))
        if reason:
            layout.addWidget(wrapped_label(reason, self))
        layout.addWidget(
            wrapped_label(
                "Type the recovery code you saved when you first used selfaudit. It has "
                f"{CODE_GROUPS} groups of 4 letters and numbers.",
                self,
            )
        )
        self.code = QLineEdit(self)
        self.code.setObjectName("recovery-code-input")
        self.code.setAccessibleName("Recovery code")
        self.code.setPlaceholderText("-".join(["XXXX"] * CODE_GROUPS))
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.code.setMaxLength(80)
        layout.addWidget(self.code)
        self.feedback = QLabel("", self)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("Recovery code feedback")
        layout.addWidget(self.feedback)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setAccessibleName(f"{action} with this recovery code")
        self.open_button.setDefault(True)
        self.lost_button = buttons.addButton(
            "I have &lost my recovery code", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.lost_button.setAccessibleName("I have lost my recovery code")
        self.passphrase_button: QPushButton | None = None
        if offer_passphrase:  # chosen by mistake, or the passphrase came back to mind
            self.passphrase_button = buttons.addButton(
                "Use my &passphrase instead", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.passphrase_button.setAccessibleName("Use my passphrase instead")
            self.passphrase_button.setAutoDefault(False)
            self.passphrase_button.clicked.connect(self.back.emit)
        # at start-up closing it ends the app; over a window it only closes the dialog
        quit_button = buttons.addButton(
            "Quit" if parent is None else "Cancel", QDialogButtonBox.ButtonRole.RejectRole
        )
        quit_button.setAccessibleName(quit_button.text())
        self.open_button.clicked.connect(self._submit)
        self.lost_button.clicked.connect(self.lost.emit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # a minimum width of our own stops the layout's: never narrower than the buttons' row
        self.setMinimumWidth(max(self.minimumWidth(), layout.totalMinimumSize().width()))
        self.code.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text.strip())))
        self.open_button.setEnabled(False)
        self.code.setFocus()

    def _submit(self) -> None:
        if not self.code.text().strip():
            return
        self.set_busy(True)
        self.submitted.emit(self.code.text())

    def set_busy(self, busy: bool) -> None:
        for widget in (self.code, self.open_button, self.lost_button, self.passphrase_button):
            if widget is not None:
                widget.setEnabled(not busy)
        if busy:
            self.feedback.setText("Checking…")

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.feedback.setText(message)
        self.code.setAccessibleDescription(message)  # read out as focus comes back
        self.code.setFocus()


LOST_CODE_TEXT = (
    "Without your recovery code, selfaudit cannot open your checklist. You can start a new, "
    "empty checklist instead. Your old checklist will be kept, still locked, in the quarantine "
    "folder, in case you find the code later."
)
