"""The recovery code, shown once at first run (and again from Settings): big, printable,
copyable, with why it matters."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit import APP_TITLE
from selfaudit.dates import long_date
from selfaudit.ui.vault.messages import comfortable_width
from selfaudit.ui.vault.restore import add_restore_offer
from selfaudit.ui.widgets.labels import wrapped_label


def describe_lock(keyring_name: str | None) -> str:
    """Where the key to the checklist is kept, and what the recovery code is for, in two
    sentences. `keyring_name` None: passphrase mode."""
    if keyring_name is None:
        return (
            "Your checklist is locked with the passphrase you chose. If you ever forget it, "
            "your recovery code is the only way to open your checklist."
        )
    return (
        f"The key to your checklist is kept in {keyring_name}. If that key is ever lost, for "
        "example when your computer is reset or you move to a new one, your recovery code is "
        "the only way to open your checklist."
    )


def recovery_sheet_html(code: str, lock: str, on: date) -> str:
    """The printed page: the code, what it is for, and where it came from."""
    return f"""
    <h1>{escape(APP_TITLE)}: your recovery code</h1>
    <p>Printed on {long_date(on)}.</p>
    <p style="font-family: monospace; font-size: 20pt; letter-spacing: 2px;">
      <b>{escape(code)}</b></p>
    <p>Your checklist is encrypted. {escape(lock)}</p>
    <p>Keep this page somewhere safe, away from your computer. Anyone with this code and a copy of
    your checklist could read it.</p>
    """


class RecoveryCodeDialog(QDialog):
    """At first run the person must tick that they have kept the code before going on; with
    `offer_restore`, they may restore a copy from another computer instead."""

    restore_requested = Signal()

    def __init__(
        self,
        code: str,
        lock: str,
        first_run: bool,
        parent: QWidget | None = None,
        offer_restore: bool = False,
    ) -> None:
        super().__init__(parent)
        self.code = code
        self.lock = lock
        self.setObjectName("recovery-code-dialog")
        self.setWindowTitle("Save your recovery code" if first_run else "Your recovery code")
        comfortable_width(self, 64)
        layout = QVBoxLayout(self)
        heading = wrapped_label(self.windowTitle(), self, bold=True)
        heading.setAccessibleName(self.windowTitle())
        layout.addWidget(heading)
        layout.addWidget(
            wrapped_label(f"Your answers are kept encrypted on this computer. {lock}", self)
        )

        self.code_label = QLabel(code, self)
        self.code_label.setObjectName("recovery-code")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.code_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.code_label.setMargin(12)
        self.code_label.setAccessibleName("Your recovery code")
        self.code_label.setAccessibleDescription(" ".join(code.replace("-", " ")))
        layout.addWidget(self.code_label)

        actions = QHBoxLayout()
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setAccessibleName("Print the recovery code")
        self.print_button.clicked.connect(self.print_code)
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setAccessibleName("Copy the recovery code")
        self.copy_button.clicked.connect(self.copy_code)
        actions.addWidget(self.print_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.copied_label = wrapped_label("", self)
        self.copied_label.hide()
        layout.addWidget(self.copied_label)

        layout.addWidget(
            wrapped_label(
                "Print it or write it down, and keep it somewhere safe, away from this "
                "computer. Do not share it: anyone with this code and a copy of your checklist "
                "could read it.",
                self,
            )
        )
        self.kept_box: QCheckBox | None = None
        self.restore_button: QPushButton | None = None
        buttons = QDialogButtonBox(self)
        if first_run:
            layout.addWidget(wrapped_label("You can see this code again later, in Settings.", self))
            self.kept_box = QCheckBox("I have printed or written down my recovery code", self)
            self.kept_box.setAccessibleName("I have printed or written down my recovery code")
            layout.addWidget(self.kept_box)
            self.continue_button = buttons.addButton(
                "Continue", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.continue_button.setEnabled(False)
            self.kept_box.toggled.connect(self.continue_button.setEnabled)
            cancel = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
            cancel.setAccessibleName("Quit without setting up")
            if offer_restore:
                self.restore_button = add_restore_offer(self, layout)
                self.restore_button.clicked.connect(self.restore_requested.emit)
        else:
            self.continue_button = buttons.addButton(
                "Close", QDialogButtonBox.ButtonRole.AcceptRole
            )
        self.continue_button.setAccessibleName(self.continue_button.text())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.code_label.setFocus()

    def copy_code(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.code)
        self.copied_label.setText(
            "Copied. Paste it somewhere safe, such as a password manager, then copy something "
            "else so it does not stay on the clipboard."
        )
        self.copied_label.show()

    def sheet(self) -> QTextDocument:
        document = QTextDocument(self)
        document.setHtml(recovery_sheet_html(self.code, self.lock, date.today()))
        return document

    def print_code(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print your recovery code")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.sheet().print_(printer)
