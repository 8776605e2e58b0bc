"""Opening the checklist when the app starts: first run, keyring, passphrase, recovery code,
damaged and newer files, each step off the UI thread, each question in a non-blocking dialog.

`VaultStartup.start()` ends in exactly one of `ready(UnlockedVault)` or `abandoned()`. It is a
state machine: `stage` is one of `startup_stages.Stage`, changed only by `_enter`, which refuses a
move `startup_stages.TRANSITIONS` does not list and tells `stage_changed`. Each stage's screen is
built in one method, named after the stage (`_passphrase`, `_recovery_code`, `_damaged`, ...).
`dialog` is what it shows at the moment (tests drive it; a second launch raises it). The first
run (how the checklist opens, its code, "Restore a copy…") is in first_run.py, keeping the key
again after a recovery in after_recovery.py. With `after_lock` it opens the checklist again
after the app locked itself: the unlock screen says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from selfaudit.dates import date_and_time
from selfaudit.ui.background import Job, run_in_background
from selfaudit.ui.vault.startup_stages import Stage, may_follow
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.vault.errors import (
    BadRecoveryCodeError,
    KeyMismatchError,
    VaultError,
    WrongSecretError,
)
from selfaudit.vault.keystore import KEYRING_TIMEOUT, KeyringChoice, KeyringKeyStore, choose_keyring
from selfaudit.vault.layout import VaultLayout

if TYPE_CHECKING:
    # the checklist's own modules (models, encryption) are loaded in the background, when the
    # checklist is opened: a new user's window does not wait for them
    from selfaudit.ui.vault.recovery import RecoveryDialog
    from selfaudit.ui.vault.unlock import UnlockDialog
    from selfaudit.ui.vault.waiting import KeyringWaitDialog
    from selfaudit.vault.keys import DataKey, RecoveryCode
    from selfaudit.vault.lock_rules import LockRules
    from selfaudit.vault.vault import Inspection, Opened

T = TypeVar("T")


def _parse_code(text: str) -> RecoveryCode:
    from selfaudit.vault.keys import RecoveryCode

    return RecoveryCode.parse(text)


class VaultStartup(QObject):
    ready = Signal(object)  # UnlockedVault
    abandoned = Signal()
    # there is no checklist yet; with `defer_first_run` the owner shows its window first, then
    # calls `begin_first_run()`, so a new user sees what the app is before choosing how to lock it
    first_run_needed = Signal()
    dialog_shown = Signal(object)  # each dialog, as it is shown: start-up waits for the person
    stage_changed = Signal(object)  # the Stage entered

    def __init__(
        self,
        layout: VaultLayout,
        keyring_timeout: float = KEYRING_TIMEOUT,
        parent: QObject | None = None,
        after_lock: bool = False,
    ) -> None:
        super().__init__(parent)
        self.layout = layout
        self.keyring_timeout = keyring_timeout
        self.after_lock = after_lock
        self._rules: LockRules | None = None  # the policy's, set by the owner once it is read
        self.stage = Stage.INSPECTING
        self.dialog: QWidget | None = None
        self.defer_first_run = False
        self._found: Inspection | None = None  # None: no checklist at all (a first run)
        self._keyring: KeyringChoice | None = None  # None: not known yet
        self._search: Job | None = None  # the keyring being looked for, during a first run
        self._store: KeyringKeyStore | None = None
        self._pending: Job | None = None
        self._timers: list[QTimer] = []  # those of the keyring call under way
        self._wait_dialog: KeyringWaitDialog | None = None
        self._restored = False  # a copy was restored at first run
        self._wait = 0.0  # seconds before another passphrase may be tried (unlock_throttle.py)

    def _enter(self, stage: Stage) -> None:
        """The one place the stage changes."""
        if not may_follow(self.stage, stage):
            raise RuntimeError(f"start-up cannot go from {self.stage.name} to {stage.name}")
        self.stage = stage
        self.stage_changed.emit(stage)

    @property
    def rules(self) -> LockRules:
        if self._rules is None:  # none given: no policy asks anything of the lock
            from selfaudit.vault.lock_rules import LockRules

            self._rules = LockRules()
        return self._rules

    @rules.setter
    def rules(self, rules: LockRules) -> None:
        self._rules = rules

    @property
    def finished(self) -> bool:
        return self.stage in (Stage.READY, Stage.ABANDONED)

    # plumbing -------------------------------------------------------------------------------
    def start(self) -> None:
        if self.defer_first_run and not self.layout.has_data():
            # no copy of a checklist at all (a look at two names): the owner's window can open
            # now; the keyring is looked for once it has (look_for_keyring, begin_first_run)
            self._awaiting_window()
            return

        def look() -> tuple[Inspection, KeyringChoice, float]:
            from selfaudit.vault.unlock_throttle import UnlockThrottle
            from selfaudit.vault.vault import inspect

            found = inspect(self.layout)
            wait = 0.0
            if found.headers and found.has_passphrase:
                wait = UnlockThrottle(self.layout.unlock_attempts).wait_left()
            return found, choose_keyring(), wait

        self._background(look, self._inspected)

    def raise_current(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show()
            self.dialog.raise_()
            self.dialog.activateWindow()

    def _background(
        self,
        action: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        # owned by this start-up: its work reports to no one once it is gone (after a lock)
        self._pending = run_in_background(
            action, on_done, on_error or self._fatal, owner=self, detached=True
        )

    def _show(self, dialog: QWidget) -> None:
        if self.dialog is not None and self.dialog is not dialog:
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = dialog
        self.dialog_shown.emit(dialog)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _message(
        self,
        title: str,
        text: str,
        choices: list[tuple[str, str]],
        on_choice: Callable[[str], None],
        icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    ) -> None:
        from selfaudit.ui.vault.messages import show_message

        self._show(show_message(None, title, text, choices, on_choice, icon))

    def _abandon(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._stop_waiting()
        self._close_dialog()
        if not self.finished:
            self._enter(Stage.ABANDONED)
            self.abandoned.emit()

    def _done(self, unlocked: UnlockedVault) -> None:
        self._close_dialog()
        if not self.finished:
            self._enter(Stage.READY)
            self.ready.emit(unlocked)

    def _fatal(self, error: BaseException) -> None:
        if self.finished:
            return
        self._stop_waiting()
        self._enter(Stage.FAILED)
        text = (
            str(error)
            if isinstance(error, VaultError)
            else f"Something unexpected went wrong: {error!r}"
        )
        self._message(
            "selfaudit cannot open your checklist",
            f"{text}\n\nYour checklist has not been changed.",
            [("quit", "Quit")],
            lambda _: self._abandon(),
            QMessageBox.Icon.Critical,
        )

    # keyring calls, with "waiting for your keyring" (keyring_call.py) ------------------------
    def _keyring_call(
        self,
        action: Callable[[], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None],
        alternative: tuple[str, Callable[[], None]],
    ) -> None:
        from selfaudit.ui.vault.keyring_call import keyring_call

        keyring_call(self, action, on_done, on_failed, alternative)

    def _stop_waiting(self) -> None:
        from selfaudit.ui.vault.keyring_call import stop_waiting

        stop_waiting(self)

    # step 1: what is there -------------------------------------------------------------------
    def _keyring_chosen(self, choice: KeyringChoice) -> None:
        self._keyring = choice
        self._store = KeyringKeyStore(choice.backend) if choice.usable else None
        if self.stage is Stage.FINDING_KEYRING:
            self._first_run()

    @property
    def _refusal(self) -> str:
        """Why the keyring cannot be used ("" when it can)."""
        return self._keyring.refusal if self._keyring is not None else ""

    @property
    def found(self) -> Inspection:
        assert self._found is not None, "only once an existing checklist was looked at"
        return self._found

    def _inspected(self, result: tuple[Inspection, KeyringChoice, float]) -> None:
        from selfaudit.vault.vault import Need

        found, choice, self._wait = result
        self._found = found
        self._keyring_chosen(choice)
        need = found.need
        if need is Need.FIRST_RUN and self.defer_first_run:
            self._awaiting_window()
        elif need is Need.FIRST_RUN:
            self._first_run()
        elif need is Need.TOO_NEW:
            self._too_new(found)
        elif need is Need.UNREADABLE:
            self._unreadable(
                f"Your checklist file and its backups are damaged ({found.problem}). "
                f"selfaudit will move them to {self.layout.quarantine}, not delete them."
            )
        elif found.has_passphrase:
            self._passphrase()
        elif self._store is not None:
            store = self._store
            self._keyring_call(
                lambda: store.find(found.key_ids),
                self._keyring_answered,
                lambda error: self._recovery_code(str(error)),
                ("Use my recovery code instead", lambda: self._recovery_code("")),
            )
        else:
            self._recovery_code(
                f"{self._refusal} The key to your checklist was kept in a keyring, so selfaudit "
                "needs your recovery code to open it."
            )

    def _awaiting_window(self) -> None:
        """No screen of its own: the owner's window, then `begin_first_run`."""
        self._enter(Stage.AWAITING_WINDOW)
        self.first_run_needed.emit()

    def _too_new(self, found: Inspection) -> None:
        self._enter(Stage.TOO_NEW)
        self._message(
            "This checklist needs a newer version of selfaudit",
            f"{found.problem} selfaudit has not changed it.",
            [("quit", "Quit")],
            lambda _: self._abandon(),
            QMessageBox.Icon.Information,
        )

    def _keyring_answered(self, key: DataKey | None) -> None:
        if key is None:
            assert self._store is not None
            self._recovery_code(
                f"selfaudit cannot find the key to your checklist in {self._store.name}. This "
                "can happen after the keyring is reset, on a new computer, or after a copy from "
                "another computer was restored."
            )
        else:
            self._open(lambda: key, None, recovered_key=False)

    def _unreadable(self, why: str) -> None:
        def chosen(choice: str) -> None:
            if choice == "start":
                self._setting_aside()
            else:
                self._abandon()

        self._enter(Stage.UNREADABLE)
        self._message(
            "Your checklist could not be opened",
            f"{why} You can start a new, empty checklist.",
            [("start", "Start a new checklist"), ("quit", "Quit")],
            chosen,
        )

    # step 2: the key -------------------------------------------------------------------------
    def _passphrase(self) -> None:
        from selfaudit.ui.vault.unlock import UnlockDialog
        from selfaudit.vault.unlock_throttle import UnlockThrottle, try_passphrase

        self._enter(Stage.PASSPHRASE)
        dialog = UnlockDialog(after_lock=self.after_lock)
        dialog.rejected.connect(self._abandon)
        dialog.use_code.connect(lambda: self._recovery_code("", from_passphrase=True))
        throttle = UnlockThrottle(self.layout.unlock_attempts)

        def submitted(text: str) -> None:
            dialog.forget_typed()
            found = self.found
            self._open(
                lambda: try_passphrase(throttle, lambda: found.key_from_passphrase(text)),
                dialog,
                False,
            )

        dialog.submitted.connect(submitted)
        self._show(dialog)
        dialog.open()
        if self._wait > 0:
            dialog.wait_for(self._wait)

    def _recovery_code(self, reason: str, from_passphrase: bool = False) -> None:
        from selfaudit.ui.vault.recovery import RecoveryDialog

        self._enter(Stage.RECOVERY_CODE)
        dialog = RecoveryDialog(reason, offer_passphrase=from_passphrase)
        dialog.rejected.connect(self._abandon)
        dialog.lost.connect(lambda: self._lost_code(from_passphrase))
        dialog.back.connect(lambda: self._back_to_passphrase(dialog))
        dialog.submitted.connect(
            lambda text: self._open(
                lambda: self.found.key_from_code(_parse_code(text)), dialog, True
            )
        )
        self._show(dialog)
        dialog.open()

    def _back_to_passphrase(self, dialog: RecoveryDialog) -> None:
        """The unlock screen again, with the wait left after wrong passphrases (read afresh:
        it may have begun before this start-up)."""
        from selfaudit.vault.unlock_throttle import UnlockThrottle

        def back(wait: float) -> None:
            self._wait = wait
            self._passphrase()

        dialog.setEnabled(False)  # nothing else is chosen while the file is read
        self._background(UnlockThrottle(self.layout.unlock_attempts).wait_left, back)

    def _lost_code(self, from_passphrase: bool = False) -> None:
        from selfaudit.ui.vault.recovery import LOST_CODE_TEXT

        def chosen(choice: str) -> None:
            if choice == "start":
                self._setting_aside()
            else:
                self._recovery_code("", from_passphrase)

        self._enter(Stage.LOST_CODE)
        self._message(
            "Start again without your recovery code?",
            LOST_CODE_TEXT,
            [("start", "Start a new checklist"), ("back", "Go back")],
            chosen,
        )

    # step 3: open ----------------------------------------------------------------------------
    def _open(
        self,
        get_key: Callable[[], DataKey],
        dialog: UnlockDialog | RecoveryDialog | None,
        recovered_key: bool,
    ) -> None:
        def work() -> tuple[DataKey, Opened]:
            from selfaudit.vault.unlock_throttle import UnlockThrottle
            from selfaudit.vault.vault import open_vault

            key = get_key()  # a passphrase is a slow derivation: it belongs here too
            opened = open_vault(self.layout, key)
            UnlockThrottle(self.layout.unlock_attempts).record_success()  # the code too
            return key, opened

        asking = self.stage  # the dialog's stage, to go back to when the key is wrong

        def failed(error: BaseException) -> None:
            from selfaudit.vault.vault import NoGoodCopyError

            wrong = (
                "That does not open this checklist." if isinstance(error, KeyMismatchError) else ""
            )
            if isinstance(error, BadRecoveryCodeError | WrongSecretError):
                wrong = str(error)
            if dialog is not None and wrong:
                from selfaudit.ui.vault.unlock import UnlockDialog

                self._enter(asking)
                dialog.show_error(wrong)
                if isinstance(dialog, UnlockDialog):
                    dialog.wait_for(getattr(error, "wait", 0.0), getattr(error, "tried", False))
            elif isinstance(error, NoGoodCopyError):
                self._unreadable(str(error))
            else:
                self._fatal(error)

        self._enter(Stage.OPENING)
        self._background(work, lambda result: self._opened(*result, recovered_key), failed)

    def _opened(self, key: DataKey, opened: Opened, recovered_key: bool) -> None:
        def carry_on() -> None:
            if recovered_key:
                from selfaudit.ui.vault.after_recovery import keep_key_again

                keep_key_again(self, key, opened)
            else:
                self._finish(opened)

        if opened.recovered is None:
            carry_on()
        else:
            self._damaged(opened, carry_on)

    def _damaged(self, opened: Opened, carry_on: Callable[[], None]) -> None:
        assert opened.recovered is not None
        backup = opened.recovered.backup
        self._enter(Stage.DAMAGED)
        self._message(
            "Your checklist file was damaged",
            f"selfaudit found that your checklist file is damaged: {opened.recovered.problem}. "
            f"It has been moved to {self.layout.quarantine}, not deleted. The newest good copy "
            f"was saved on {date_and_time(backup.saved_at.astimezone())}. Changes made after "
            "that are lost.",
            [("use", "Carry on from this copy"), ("quit", "Quit")],
            lambda choice: carry_on() if choice == "use" else self._abandon(),
        )

    def _finish(self, opened: Opened) -> None:
        keyring = None if opened.vault.uses_passphrase else self._store
        unlocked = UnlockedVault(opened.vault, opened.state, keyring, self._restored)
        if opened.vault.read_only is None:
            self._done(unlocked)
        else:
            self._read_only(opened, unlocked)

    def _read_only(self, opened: Opened, unlocked: UnlockedVault) -> None:
        self._enter(Stage.READ_ONLY)
        self._message(
            "Your checklist is open read-only",
            f"You can look at your checklist, but changes will not be saved: "
            f"{opened.vault.read_only}",
            [("ok", "OK")],
            lambda _: self._done(unlocked),
            QMessageBox.Icon.Information,
        )

    # first run -------------------------------------------------------------------------------
    def look_for_keyring(self) -> None:
        """After `first_run_needed`: finds the keyring in the background (once). The owner may
        call it as soon as its window is drawn, so the search overlaps its own work."""
        if self._keyring is None and self._search is None:
            self._background(choose_keyring, self._keyring_chosen)
            self._search = self._pending

    def begin_first_run(self) -> None:
        """After `first_run_needed`: the owner's window is up; now how to lock the checklist
        (once the keyring has been found)."""
        if self._keyring is not None:
            self._first_run()
        else:
            self._enter(Stage.FINDING_KEYRING)
            self.look_for_keyring()

    def _setting_aside(self) -> None:
        """Every copy to quarantine, then a first run."""

        def work() -> object:
            from selfaudit.vault.vault import set_aside_all

            return set_aside_all(self.layout)

        self._enter(Stage.SETTING_ASIDE)
        self._background(work, lambda _: self._first_run())

    def _first_run(self) -> None:
        from selfaudit.ui.vault.first_run import first_run

        first_run(self)
