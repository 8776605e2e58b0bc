"""The unlock screen: the passphrase that opens a checklist locked with one, at start-up and
after the app has locked itself. Show/Hide, a Caps Lock warning, "Use my recovery code
instead", and a wait after repeated wrong passphrases (vault/unlock_throttle.py) shown as a
countdown. The caller checks the passphrase off the UI thread and calls `show_error` or closes
the dialog."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.screen_fit import grow_for_words
from selfaudit.ui.vault.messages import comfortable_width
from selfaudit.ui.widgets.caps_lock import CapsLockWatch
from selfaudit.ui.widgets.labels import wrapped_label

LOCKED_TITLE = "selfaudit is locked"
OPEN_TITLE = "Open your checklist"


class Countdown(QTimer):
    """Seconds left of a wait, told once a second. `clock` is injectable so tests move time on
    and call `tick()` instead of waiting."""

    ticked = Signal(int)  # whole seconds left; 0 once the wait is over

    def __init__(self, parent: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.ends = 0.0
        self.setInterval(1000)
        self.timeout.connect(self.tick)

    def begin(self, seconds: float) -> None:
        self.ends = self.clock() + seconds
        self.start()
        self.tick()

    def left(self) -> int:
        return max(0, math.ceil(self.ends - self.clock()))

    def tick(self) -> None:
        left = self.left()
        if left == 0:
            self.stop()
        self.ticked.emit(left)


def wait_text(seconds: int, offer_code: bool = True) -> str:
    unit = "second" if seconds == 1 else "seconds"
    text = f"You can try again in {seconds} {unit}."
    return f"{text} Forgotten it? Use your recovery code instead." if offer_code else text


class PassphraseField(QWidget):
    """A passphrase box with a Show/Hide button and a Caps Lock warning below it."""

    def __init__(self, parent: QWidget, accessible_name: str = "Passphrase") -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.edit = QLineEdit(self)
        self.edit.setObjectName("unlock-passphrase")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setMaxLength(256)
        row.addWidget(self.edit, 1)
        self.show_button = QPushButton("S&how", self)
        self.show_button.setObjectName("show-passphrase")
        self.show_button.setCheckable(True)
        self.show_button.setAutoDefault(False)
        self.show_button.toggled.connect(self._shown)
        row.addWidget(self.show_button)
        layout.addLayout(row)
        self.caps_warning = QLabel(self)
        self.caps_warning.setObjectName("caps-lock-warning")
        self.caps_warning.setText("Caps Lock is on.")
        self.caps_warning.setAccessibleName("Caps Lock is on")
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.fontMetrics().height()
        warning_row = QHBoxLayout()
        self.caps_icon = QLabel(self)
        self.caps_icon.setPixmap(icon.pixmap(size, size))
        warning_row.addWidget(self.caps_icon)
        warning_row.addWidget(self.caps_warning, 1)
        layout.addLayout(warning_row)
        self.caps = CapsLockWatch(self.edit)
        self.caps.changed.connect(self._caps_changed)
        self._caps_changed(False)
        self._shown(False)

    def _shown(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_button.setText("&Hide" if shown else "S&how")
        self.show_button.setAccessibleName("Hide passphrase" if shown else "Show passphrase")

    def _caps_changed(self, on: bool) -> None:
        self.caps_warning.setVisible(on)
        self.caps_icon.setVisible(on)
        if on and self.isVisible():  # a line more: the window makes room, nothing is squeezed
            grow_for_words(self.window())

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()


class UnlockDialog(QDialog):
    """`submitted(passphrase)` when Unlock is chosen; `use_code` for the recovery code; closing
    it (Quit) rejects."""

    submitted = Signal(str)
    use_code = Signal()

    def __init__(
        self,
        after_lock: bool = False,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlock-dialog")
        self.setWindowTitle(LOCKED_TITLE if after_lock else OPEN_TITLE)
        comfortable_width(self, 60)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(self.windowTitle(), self, bold=True))
        intro = (
            "selfaudit locked itself to keep your checklist private. Everything you did was "
            "saved. Type your passphrase to open it again."
            if after_lock
            else "Type the passphrase you chose for selfaudit."
        )
        layout.addWidget(wrapped_label(intro, self))
        label = QLabel("&Passphrase", self)
        layout.addWidget(label)
        self.field = PassphraseField(self)
        label.setBuddy(self.field.edit)
        self.passphrase = self.field.edit
        layout.addWidget(self.field)
        self.feedback = QLabel("", self)
        self.feedback.setWordWrap(True)
        self.feedback.setObjectName("unlock-feedback")
        self.feedback.setAccessibleName("Unlock feedback")
        layout.addWidget(self.feedback)

        buttons = QDialogButtonBox(self)
        self.unlock_button = buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlock-button")
        self.unlock_button.setAccessibleName("Unlock with this passphrase")
        self.unlock_button.setDefault(True)
        self.code_button = buttons.addButton(
            "Use my &recovery code instead", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.code_button.setAccessibleName("Use my recovery code instead")
        self.code_button.setAutoDefault(False)
        self.quit_button = buttons.addButton(
            "&Quit" if parent is None else "Cancel", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setAccessibleName(self.quit_button.text().replace("&", ""))
        self.quit_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self._submit)
        self.code_button.clicked.connect(self.use_code.emit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.countdown = Countdown(self, clock)
        self.countdown.ticked.connect(self._waiting)
        self.busy = False
        self._just_wrong = False  # the wait follows a wrong passphrase typed just now
        self.passphrase.textChanged.connect(self._update)
        self._update()
        self.passphrase.setFocus()

    def waiting(self) -> bool:
        return self.countdown.left() > 0

    def _update(self) -> None:
        self.unlock_button.setEnabled(
            bool(self.passphrase.text()) and not self.busy and not self.waiting()
        )

    def _submit(self) -> None:
        if not self.passphrase.text() or self.busy or self.waiting():
            return
        self.set_busy(True)
        self.submitted.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.passphrase.setReadOnly(busy)
        self.code_button.setEnabled(not busy)
        self._update()
        if busy:
            self._say("Checking…")

    def show_error(self, message: str) -> None:
        """A wrong passphrase: says so (then `wait_for` the wait that follows, if any)."""
        self.set_busy(False)
        self._say(message)
        self.passphrase.setAccessibleDescription(message)  # read out as focus comes back
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def wait_for(self, seconds: float, just_wrong: bool = False) -> None:
        """Unlock stays off for `seconds`, with a countdown; `just_wrong`: after a wrong
        passphrase typed just now (else a wait left over, or a try refused during it)."""
        if seconds > 0:
            self._just_wrong = just_wrong
            self.countdown.begin(seconds)

    def _waiting(self, left: int) -> None:
        if not left:
            text = "You can try again now."
        elif self._just_wrong:
            text = f"That passphrase does not open your checklist. {wait_text(left)}"
        else:
            text = f"Too many wrong passphrases in a row. {wait_text(left)}"
        self._say(text)
        self.passphrase.setAccessibleDescription(text)
        self._update()

    def _say(self, text: str) -> None:
        self.feedback.setText(text)
        grow_for_words(self)  # a message of two lines leaves the rest its full height

    def forget_typed(self) -> None:
        """Clears what was typed (the dialog stays for the next try, or is about to close)."""
        self.field.clear()
