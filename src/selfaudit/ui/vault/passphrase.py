"""Choosing a passphrase (with a strength check), at first run, after a recovery and in
Settings; and typing the current one where Settings asks who you are. The unlock screen, which
opens a checklist locked with a passphrase, is unlock.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.screen_fit import grow_for_words
from selfaudit.ui.vault.messages import comfortable_width

if TYPE_CHECKING:
    from selfaudit.ui.vault.unlock import Countdown
from selfaudit.ui.vault.restore import add_restore_offer
from selfaudit.ui.widgets.labels import wrapped_label

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn: "safely unguessable", what the policy asks of passwords by default
_ESTIMATE_CHARS = 64  # zxcvbn slows down on long input; longer than this is long enough


def passphrase_problem(passphrase: str, user_inputs: list[str] | None = None) -> str:
    """Why this passphrase is not good enough, or '' if it is. Uses zxcvbn's own feedback."""
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters. Three or four random words work well."
    if len(passphrase) > _ESTIMATE_CHARS:
        return ""
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase, user_inputs=user_inputs or ["selfaudit"])
    if result["score"] >= MIN_SCORE:
        return ""
    feedback = result.get("feedback", {})
    advice = feedback.get("warning") or ""
    suggestions = " ".join(feedback.get("suggestions") or [])
    text = " ".join(part for part in (advice, suggestions) if part)
    return f"This would be easy to guess. {text or 'Add another word or two.'}".strip()


def instead_of_keyring(problem: str) -> str:
    """What the passphrase dialog says when the keyring cannot keep the key."""
    if not problem:
        return ""
    return (
        f"{problem} So selfaudit will lock your checklist with a passphrase that you choose "
        "instead."
    )


class PassphraseDialog(QDialog):
    """`choose=True`: pick a new passphrase (twice). Otherwise: type it to open the checklist;
    the caller checks it (slowly, off the UI thread) and calls `show_error` or closes."""

    submitted = Signal(str)
    forgotten = Signal()
    restore_requested = Signal()  # with `offer_restore` (a first run): a copy instead
    back_requested = Signal()  # with `offer_back`: back to the choice of how it opens

    def __init__(
        self,
        choose: bool,
        reason: str = "",
        parent: QWidget | None = None,
        purpose: str = "Type the passphrase you chose for selfaudit.",
        offer_restore: bool = False,
        offer_back: bool = False,
        quit_label: str = "",
    ) -> None:
        super().__init__(parent)
        self.choose = choose
        self.setObjectName("passphrase-dialog")
        if choose:
            self.setWindowTitle("Choose a passphrase")
        elif parent is None:
            self.setWindowTitle("Open your checklist")
        else:
            self.setWindowTitle("Type your passphrase")
        comfortable_width(self, 60)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(self.windowTitle(), self, bold=True))
        if choose:
            if reason:
                layout.addWidget(wrapped_label(reason, self))
            for text in (
                "You will type it each time you open selfaudit. Three or four random words "
                "are easy to remember and hard to guess.",
                "Do not use a password you use anywhere else.",
            ):
                layout.addWidget(wrapped_label(text, self))
        else:
            layout.addWidget(wrapped_label(purpose, self))

        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setMaxLength(256)
        form.addRow("&Passphrase", self.passphrase)
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("Type the passphrase again")
        self.again.setMaxLength(256)
        if choose:
            form.addRow("Type it &again", self.again)
        else:
            self.again.hide()
        layout.addLayout(form)
        self.show_box = QCheckBox("&Show passphrase", self)
        self.show_box.setAccessibleName("Show passphrase")
        self.show_box.toggled.connect(self._show)
        layout.addWidget(self.show_box)
        self.feedback = QLabel("", self)
        self.feedback.setWordWrap(True)
        self.feedback.setObjectName("passphrase-feedback")
        self.feedback.setAccessibleName("Passphrase feedback")
        layout.addWidget(self.feedback)

        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            "Continue" if choose else "Open", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setAccessibleName(self.ok_button.text())
        self.ok_button.setDefault(True)
        self.forgot_button: QPushButton | None = None
        if not choose:
            self.forgot_button = buttons.addButton(
                "&Forgotten it? Use your recovery code", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.forgot_button.setAccessibleName(
                "Forgotten your passphrase? Use your recovery code"
            )
            self.forgot_button.clicked.connect(self.forgotten.emit)
        self.back_button: QPushButton | None = None
        if offer_back:
            self.back_button = buttons.addButton("&Back", QDialogButtonBox.ButtonRole.ResetRole)
            self.back_button.setAccessibleName("Back to how selfaudit opens")
            self.back_button.clicked.connect(self.back_requested.emit)
        quit_button = buttons.addButton(
            quit_label or ("Quit" if parent is None else "Cancel"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        quit_button.setAccessibleName(quit_button.text())
        buttons.rejected.connect(self.reject)
        self.ok_button.clicked.connect(self._submit)
        self.restore_button: QPushButton | None = None
        if offer_restore:
            self.restore_button = add_restore_offer(self, layout)
            self.restore_button.clicked.connect(self.restore_requested.emit)
        layout.addWidget(buttons)
        for field in (self.passphrase, self.again):
            field.textChanged.connect(self._update)
        self._update()
        self.passphrase.setFocus()

    def _say(self, text: str) -> None:
        self.feedback.setText(text)
        grow_for_words(self)  # advice of two or three lines leaves the rest its full height

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.again.setEchoMode(mode)

    def problem(self) -> str:
        """Why Continue is not possible yet ('' when it is)."""
        if not self.choose:
            return "" if self.passphrase.text() else "Type your passphrase."
        problem = passphrase_problem(self.passphrase.text())
        if problem:
            return problem
        if self.again.text() != self.passphrase.text():
            return "The two passphrases are not the same yet."
        return ""

    def _update(self) -> None:
        if self.choose:
            problem = self.problem() if self.passphrase.text() else ""
            self._say(problem or ("Strong enough." if self.passphrase.text() else ""))
            self.ok_button.setEnabled(bool(self.passphrase.text()) and not self.problem())
        else:
            self._say("")
            held = self.countdown is not None and self.countdown.left() > 0
            self.ok_button.setEnabled(bool(self.passphrase.text()) and not held)

    def _submit(self) -> None:
        if self.problem():
            return
        self.set_busy(True)
        self.submitted.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.again, self.ok_button, self.show_box):
            widget.setEnabled(not busy)
        if self.forgot_button is not None:
            self.forgot_button.setEnabled(not busy)
        if busy:
            self._say("Checking…" if not self.choose else "Setting up…")

    countdown: Countdown | None = None

    def hold(self, seconds: float) -> None:
        """After too many wrong passphrases in a row: OK stays off for `seconds`."""
        from selfaudit.ui.vault.unlock import Countdown

        if self.countdown is None:
            self.countdown = Countdown(self)
            self.countdown.ticked.connect(self._held)
        self.countdown.begin(seconds)

    def _held(self, left: int) -> None:
        from selfaudit.ui.vault.unlock import wait_text

        self.ok_button.setEnabled(left == 0 and bool(self.passphrase.text()))
        self._say(
            f"Too many wrong passphrases in a row. {wait_text(left, offer_code=False)}"
            if left
            else "You can try again now."
        )

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self._say(message)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
