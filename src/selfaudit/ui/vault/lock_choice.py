"""How the checklist opens, chosen at first run: with the computer's sign-in (the keyring) or
by asking for a passphrase each time. Settings offers the same two choices (lock_settings.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.screen_fit import fit_scrolled
from selfaudit.ui.vault.messages import comfortable_width
from selfaudit.ui.vault.restore import add_restore_offer
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.scrolling import scroll_area
from selfaudit.vault.lock_rules import KEYRING_CHOICE, PASSPHRASE_CHOICE

KEYRING = "keyring"
PASSPHRASE = "passphrase"


def keyring_explanation(keyring_name: str) -> str:
    return (
        "selfaudit opens without asking while you are signed in to this computer: the key is "
        f"kept in {keyring_name}. Anyone who can use your account on this computer can open it "
        "too. Choose this if only you use this computer and your account."
    )


PASSPHRASE_EXPLANATION = (
    "You type a passphrase each time selfaudit opens, and it locks itself when you leave it or "
    "lock your screen. Choose this if you share this computer or your account with anyone, "
    "such as family."
)


def add_choice(
    parent: QWidget, layout: QVBoxLayout, group: QButtonGroup, label: str, explanation: str
) -> QRadioButton:
    """One choice: the radio button, and its explanation below it (also its description for
    screen readers)."""
    button = QRadioButton(label, parent)
    button.setAccessibleName(label.replace("&", ""))
    button.setAccessibleDescription(explanation)
    group.addButton(button)
    layout.addWidget(button)
    text = wrapped_label(explanation, parent)
    text.setIndent(
        button.style().pixelMetric(button.style().PixelMetric.PM_ExclusiveIndicatorWidth)
    )
    layout.addWidget(text)
    return button


class LockChoiceDialog(QDialog):
    """`chosen(KEYRING | PASSPHRASE)` on Continue; `restore_requested` for a copy instead."""

    chosen = Signal(str)
    restore_requested = Signal()

    def __init__(self, keyring_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock-choice-dialog")
        self.setWindowTitle("How should selfaudit open?")
        comfortable_width(self, 64)
        outer = QVBoxLayout(self)
        # the words scroll when the screen is short (200% scaling, large text); the buttons stay
        scroll = scroll_area(self, self.windowTitle())
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(wrapped_label(self.windowTitle(), body, bold=True))
        layout.addWidget(
            wrapped_label(
                "Your checklist can hold private things: your answers, an evidence log, and "
                "perhaps the names of people you work with. It is always encrypted. Choose "
                "what opens it.",
                body,
            )
        )
        self.group = QButtonGroup(self)
        self.keyring_button = add_choice(
            body, layout, self.group, f"&{KEYRING_CHOICE}", keyring_explanation(keyring_name)
        )
        self.passphrase_button = add_choice(
            body, layout, self.group, f"&{PASSPHRASE_CHOICE}", PASSPHRASE_EXPLANATION
        )
        layout.addWidget(
            wrapped_label(
                "Either way, your recovery code (shown next) also opens it. You can change this "
                "later in Settings.",
                body,
            )
        )
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.restore_button: QPushButton = add_restore_offer(self, outer)
        self.restore_button.clicked.connect(self.restore_requested.emit)
        buttons = QDialogButtonBox(self)
        self.continue_button = buttons.addButton(
            "&Continue", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setAccessibleName("Continue")
        self.continue_button.setDefault(True)
        self.continue_button.setEnabled(False)  # an informed choice, not a default
        quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAccessibleName("Quit")
        buttons.rejected.connect(self.reject)
        self.continue_button.clicked.connect(self._continue)
        self.group.buttonToggled.connect(lambda *_: self.continue_button.setEnabled(True))
        outer.addWidget(buttons)
        self.keyring_button.setFocus()
        self._scroll: QScrollArea | None = scroll  # sized when first shown, with all it holds

    def showEvent(self, event: QShowEvent) -> None:
        # others may add to the dialog before it shows (the help offered on a first run)
        if self._scroll is not None:
            fit_scrolled(self, self._scroll, 64)
            self._scroll = None
        super().showEvent(event)

    def choice(self) -> str | None:
        if self.keyring_button.isChecked():
            return KEYRING
        if self.passphrase_button.isChecked():
            return PASSPHRASE
        return None

    def choose(self, choice: str) -> None:
        """As the person would: tick one, then Continue."""
        (self.keyring_button if choice == KEYRING else self.passphrase_button).setChecked(True)
        self.continue_button.click()

    def _continue(self) -> None:
        choice = self.choice()
        if choice is not None:
            self.chosen.emit(choice)
