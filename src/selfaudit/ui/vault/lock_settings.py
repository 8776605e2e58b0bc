"""Settings, "Locking": how selfaudit opens (the computer's sign-in, or a passphrase each time),
how long it may sit unused before it locks itself, whether it can tell when the screen locks,
and "Lock now". What the policy requires is said in one line beside the choice it limits.

The choices show how things are, never how they might become: choosing the other way starts
the switch (which asks who you are first) and the radio buttons move only once it is done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.vault.lock_choice import PASSPHRASE_EXPLANATION, add_choice
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.vault.lock_rules import (
    KEYRING_CHOICE,
    PASSPHRASE_CHOICE,
    REQUIRED_LINE,
    LockRules,
    describe_minutes,
)

KEYRING_EXPLANATION = (
    "selfaudit opens without asking while you are signed in to this computer: the key is kept "
    "in your computer's keyring. Anyone who can use your account on this computer can open it "
    "too."
)
ONLY_WITH_A_PASSPHRASE = (
    "Locking is for a checklist that asks for a passphrase: with your computer's sign-in it "
    "would open again without one."
)


class LockSettings(Protocol):
    """What the "Locking" tab shows and does (AppLock in the app)."""

    @property
    def rules(self) -> LockRules: ...

    @property
    def opens_with_passphrase(self) -> bool: ...

    @property
    def read_only(self) -> str | None: ...

    @property
    def screen_lock_note(self) -> str: ...

    def idle_choice(self) -> int | None: ...

    def choose_idle_minutes(self, minutes: int | None) -> None: ...

    def switch_to_passphrase(self, parent: QWidget | None) -> None: ...

    def switch_to_keyring(self, parent: QWidget | None) -> None: ...

    def lock(self) -> None: ...

    def watch_lockable(self, owner: QObject, show: Callable[[bool], None]) -> None: ...


def idle_label(minutes: int | None) -> str:
    return "Never" if minutes is None else f"After {describe_minutes(minutes)} unused"


class LockingPanel(QWidget):
    def __init__(self, lock: LockSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.setObjectName("locking-panel")
        layout = QVBoxLayout(self)

        opens = QGroupBox("How selfaudit opens", self)
        opens_layout = QVBoxLayout(opens)
        self.group = QButtonGroup(self)
        self.keyring_button = add_choice(
            opens, opens_layout, self.group, "Open with my computer's &sign-in", KEYRING_EXPLANATION
        )
        self.passphrase_button = add_choice(
            opens,
            opens_layout,
            self.group,
            "Ask for a &passphrase each time",
            PASSPHRASE_EXPLANATION,
        )
        self.keyring_button.setAccessibleName(KEYRING_CHOICE)
        self.passphrase_button.setAccessibleName(PASSPHRASE_CHOICE)
        self.keyring_button.clicked.connect(self._keyring_clicked)
        self.passphrase_button.clicked.connect(self._passphrase_clicked)
        self.required = wrapped_label(REQUIRED_LINE, opens)
        self.required.setObjectName("passphrase-required")
        opens_layout.addWidget(self.required)
        opens_layout.addWidget(
            wrapped_label(
                "Changing this asks who you are first (your keyring, or your passphrase). Your "
                "recovery code opens your checklist either way.",
                opens,
            )
        )
        layout.addWidget(opens)

        when = QGroupBox("When selfaudit locks itself", self)
        form = QFormLayout(when)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.idle_box = QComboBox(when)
        self.idle_box.setObjectName("idle-lock")
        self.idle_box.setAccessibleName("Lock when unused")
        form.addRow("Lock when &unused", self.idle_box)
        self.limit = wrapped_label(lock.rules.idle_limit_line(), when)
        self.limit.setObjectName("idle-limit")
        form.addRow(self.limit)
        self.screen_note = wrapped_label("", when)
        self.screen_note.setObjectName("screen-lock-note")
        form.addRow(self.screen_note)
        self.only_with_passphrase = wrapped_label(ONLY_WITH_A_PASSPHRASE, when)
        form.addRow(self.only_with_passphrase)
        self.lock_button = QPushButton("&Lock now", when)
        self.lock_button.setObjectName("lock-now")
        self.lock_button.setAccessibleName("Lock selfaudit now")
        self.lock_button.setToolTip("Ctrl+L, from any of selfaudit's windows")
        self.lock_button.clicked.connect(lock.lock)
        form.addRow(self.lock_button)
        form.setAlignment(self.lock_button, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(when)
        layout.addStretch(1)
        self._fill_idle_box()
        self.idle_box.currentIndexChanged.connect(self._idle_chosen)
        lock.watch_lockable(self, lambda _lockable: self.refresh())

    def _fill_idle_box(self) -> None:
        rules = self.lock.rules
        chosen = rules.idle_minutes(self.lock.idle_choice())
        offered = rules.idle_choices()
        # a time chosen before that is not on the list (within the policy's) is kept as it is
        choices: list[int | None] = [*sorted(m for m in {*offered, chosen} if m is not None)]
        if None in offered:
            choices.append(None)
        self.idle_box.blockSignals(True)
        self.idle_box.clear()
        for minutes in choices:
            self.idle_box.addItem(idle_label(minutes), minutes)
        self.idle_box.setCurrentIndex(choices.index(chosen))
        self.idle_box.blockSignals(False)

    def refresh(self) -> None:
        """Shows how things are now (after a switch, or when the window opened)."""
        lock, rules = self.lock, self.lock.rules
        passphrase = lock.opens_with_passphrase
        self.passphrase_button.setChecked(passphrase)
        self.keyring_button.setChecked(not passphrase)
        changeable = lock.read_only is None
        self.keyring_button.setEnabled(changeable and not rules.require_passphrase)
        self.passphrase_button.setEnabled(changeable)
        self.required.setVisible(rules.require_passphrase)
        self.limit.setVisible(bool(rules.idle_limit_line()))
        self.idle_box.setEnabled(passphrase)
        self.lock_button.setEnabled(passphrase)
        self.only_with_passphrase.setVisible(not passphrase)
        self.screen_note.setText(lock.screen_lock_note if passphrase else "")
        self.screen_note.setVisible(passphrase)

    def _keyring_clicked(self) -> None:
        self.refresh()  # stays as it is until the switch is done
        if self.lock.opens_with_passphrase:
            self.lock.switch_to_keyring(self.window())

    def _passphrase_clicked(self) -> None:
        self.refresh()
        if not self.lock.opens_with_passphrase:
            self.lock.switch_to_passphrase(self.window())

    def _idle_chosen(self, index: int) -> None:
        self.lock.choose_idle_minutes(self.idle_box.itemData(index))
