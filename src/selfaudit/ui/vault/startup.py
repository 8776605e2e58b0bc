"""Opening the checklist when the app starts: first run, keyring, passphrase, recovery code,
damaged and newer files, each step off the UI thread, each question in a non-blocking dialog.

`VaultStartup.start()` ends in exactly one of `ready(UnlockedVault)` or `abandoned()`.
`dialog` is whatever it is showing at the moment (tests drive it; a second launch raises it).

    inspect + choose keyring (background)
      ├─ no checklist ──────────> first run: key to keyring (or choose passphrase) ─> code ─> create
      │                             or "Restore a copy…": file ─> its recovery code ─> restore
      │                             ─> open, and keep its key (keyring, or a new passphrase)
      ├─ newer format ──────────> explain, quit (the file is left alone)
      ├─ nothing readable ──────> set everything aside (quarantine) ─> first run
      └─ checklist ──> key: keyring | passphrase | recovery code ──> open (background)
                         open: damaged -> quarantine + "carry on from the copy of <date>?"
                               newer schema -> read-only notice
                               after recovery: put the key back in the keyring (or passphrase)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from selfaudit.ui.background import Job, run_in_background
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
    from selfaudit.audit.state import AppState
    from selfaudit.ui.vault.passphrase import PassphraseDialog
    from selfaudit.ui.vault.recovery import RecoveryDialog
    from selfaudit.ui.vault.waiting import KeyringWaitDialog
    from selfaudit.vault.keys import DataKey, RecoveryCode
    from selfaudit.vault.portable import PortableCopy
    from selfaudit.vault.vault import Inspection, Opened, Vault

T = TypeVar("T")


def _recovery_code(text: str) -> RecoveryCode:
    from selfaudit.vault.keys import RecoveryCode

    return RecoveryCode.parse(text)


WAIT_DIALOG_DELAY_MS = 400  # most keyrings answer within this; no flash of a dialog then


@dataclass
class UnlockedVault:
    """The open checklist and where its key lives, for the rest of the app."""

    vault: Vault
    state: AppState
    keyring: KeyringKeyStore | None  # None: passphrase mode
    restored: bool = False  # a copy restored at first run: its state, not the first run's

    @property
    def lock_description(self) -> str:
        from selfaudit.ui.vault.recovery_code import describe_lock

        return describe_lock(
            None if self.vault.uses_passphrase or not self.keyring else self.keyring.name
        )


class VaultStartup(QObject):
    ready = Signal(object)  # UnlockedVault
    abandoned = Signal()
    # there is no checklist yet; with `defer_first_run` the owner shows its window first, then
    # calls `begin_first_run()`, so a new user sees what the app is before choosing how to lock it
    first_run_needed = Signal()
    dialog_shown = Signal(object)  # each dialog, as it is shown: start-up waits for the person

    def __init__(
        self,
        layout: VaultLayout,
        keyring_timeout: float = KEYRING_TIMEOUT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.layout = layout
        self.keyring_timeout = keyring_timeout
        self.dialog: QWidget | None = None
        self._found: Inspection | None = None  # None: no checklist at all (a first run)
        self._store: KeyringKeyStore | None = None
        self._refusal = ""
        self._keyring_known = False
        self._looking = False
        self._first_run_wanted = False
        self._pending: Job | None = None
        self._timers: list[QTimer] = []  # those of the keyring call under way
        self._wait_dialog: KeyringWaitDialog | None = None
        self.finished = False
        self.defer_first_run = False
        self._restored = False

    # plumbing -------------------------------------------------------------------------------
    def start(self) -> None:
        if self.defer_first_run and not self.layout.has_data():
            # no copy of a checklist at all (a look at two names): the owner's window can open
            # now; the keyring is looked for once it has (look_for_keyring, begin_first_run)
            self.first_run_needed.emit()
            return

        def look() -> tuple[Inspection, KeyringChoice]:
            from selfaudit.vault.vault import inspect

            return inspect(self.layout), choose_keyring()

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
        self._pending = run_in_background(action, on_done, on_error or self._fatal, detached=True)

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
            self.finished = True
            self.abandoned.emit()

    def _done(self, unlocked: UnlockedVault) -> None:
        self._close_dialog()
        if not self.finished:
            self.finished = True
            self.ready.emit(unlocked)

    def _fatal(self, error: BaseException) -> None:
        self._stop_waiting()
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

    # keyring calls, with "waiting for your keyring" ------------------------------------------
    def _keyring_call(
        self,
        action: Callable[[], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None],
        alternative: tuple[str, Callable[[], None]],
    ) -> None:
        from selfaudit.ui.vault.waiting import KeyringWaitDialog

        assert self._store is not None
        label, on_alternative = alternative
        wait = KeyringWaitDialog(self._store.name, label)
        wait.rejected.connect(self._abandon)
        wait.alternative_chosen.connect(lambda: self._leave_keyring(on_alternative))
        wait.retry_chosen.connect(
            lambda: self._keyring_call(action, on_done, on_failed, alternative)
        )

        def done(result: T) -> None:
            self._stop_waiting()
            on_done(result)

        def failed(error: BaseException) -> None:
            self._stop_waiting()
            on_failed(error)

        def timed_out() -> None:
            if self._pending is not None:
                self._pending.cancel()
            wait.show_timed_out(
                f"{self._store.name if self._store else 'Your keyring'} did not answer within "
                f"{self.keyring_timeout:.0f} seconds. If it is asking you to unlock it, do that "
                "and choose Try again."
            )
            self._show(wait)
            wait.open()

        self._stop_waiting()
        self._wait_dialog = wait
        self._timers = [
            self._single_shot(WAIT_DIALOG_DELAY_MS, lambda: self._show_wait(wait)),
            self._single_shot(int(self.keyring_timeout * 1000), timed_out),
        ]
        self._background(action, done, failed)

    def _single_shot(self, milliseconds: int, action: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(action)
        timer.start(milliseconds)
        return timer

    def _show_wait(self, wait: KeyringWaitDialog) -> None:
        wait.show_waiting()
        self._show(wait)
        wait.open()

    def _stop_waiting(self) -> None:
        for timer in self._timers:
            timer.stop()
            timer.deleteLater()
        self._timers = []
        if self._wait_dialog is not None and self.dialog is self._wait_dialog:
            self._close_dialog()
        self._wait_dialog = None

    def _leave_keyring(self, then: Callable[[], None]) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._stop_waiting()
        then()

    # step 1: what is there -------------------------------------------------------------------
    def _keyring_chosen(self, choice: KeyringChoice) -> None:
        self._store = KeyringKeyStore(choice.backend) if choice.usable else None
        self._refusal = choice.refusal
        self._keyring_known = True
        if self._first_run_wanted:
            self._first_run_wanted = False
            self._first_run()

    @property
    def found(self) -> Inspection:
        assert self._found is not None, "only once an existing checklist was looked at"
        return self._found

    def _inspected(self, result: tuple[Inspection, KeyringChoice]) -> None:
        from selfaudit.vault.vault import Need

        found, choice = result
        self._found = found
        self._keyring_chosen(choice)
        need = found.need
        if need is Need.FIRST_RUN and self.defer_first_run:
            self.first_run_needed.emit()
        elif need is Need.FIRST_RUN:
            self._first_run()
        elif need is Need.TOO_NEW:
            self._message(
                "This checklist needs a newer version of selfaudit",
                f"{found.problem} selfaudit has not changed it.",
                [("quit", "Quit")],
                lambda _: self._abandon(),
                QMessageBox.Icon.Information,
            )
        elif need is Need.UNREADABLE:
            self._offer_fresh_start(
                f"Your checklist file and its backups are damaged ({found.problem}). "
                f"selfaudit will move them to {self.layout.quarantine}, not delete them."
            )
        elif found.has_passphrase:
            self._ask_passphrase()
        elif self._store is not None:
            store = self._store
            self._keyring_call(
                lambda: store.find(found.key_ids),
                self._keyring_answered,
                lambda error: self._ask_recovery(str(error)),
                ("Use my recovery code instead", lambda: self._ask_recovery("")),
            )
        else:
            self._ask_recovery(
                f"{self._refusal} The key to your checklist was kept in a keyring, so selfaudit "
                "needs your recovery code to open it."
            )

    def _keyring_answered(self, key: DataKey | None) -> None:
        if key is None:
            assert self._store is not None
            self._ask_recovery(
                f"selfaudit cannot find the key to your checklist in {self._store.name}. This "
                "can happen after the keyring is reset, on a new computer, or after a copy from "
                "another computer was restored."
            )
        else:
            self._open(lambda: key, None, recovered_key=False)

    def _offer_fresh_start(self, why: str) -> None:
        def chosen(choice: str) -> None:
            if choice == "start":
                self._background(self._set_aside_all, lambda _: self._first_run())
            else:
                self._abandon()

        self._message(
            "Your checklist could not be opened",
            f"{why} You can start a new, empty checklist.",
            [("start", "Start a new checklist"), ("quit", "Quit")],
            chosen,
        )

    # step 2: the key -------------------------------------------------------------------------
    def _ask_passphrase(self) -> None:
        from selfaudit.ui.vault.passphrase import PassphraseDialog

        dialog = PassphraseDialog(choose=False)
        dialog.rejected.connect(self._abandon)
        dialog.forgotten.connect(lambda: self._ask_recovery(""))
        dialog.submitted.connect(
            lambda text: self._open(lambda: self.found.key_from_passphrase(text), dialog, False)
        )
        self._show(dialog)
        dialog.open()

    def _ask_recovery(self, reason: str) -> None:
        from selfaudit.ui.vault.recovery import RecoveryDialog

        dialog = RecoveryDialog(reason)
        dialog.rejected.connect(self._abandon)
        dialog.lost.connect(self._lost_code)
        dialog.submitted.connect(
            lambda text: self._open(
                lambda: self.found.key_from_code(_recovery_code(text)), dialog, True
            )
        )
        self._show(dialog)
        dialog.open()

    def _lost_code(self) -> None:
        from selfaudit.ui.vault.recovery import LOST_CODE_TEXT

        def chosen(choice: str) -> None:
            if choice == "start":
                self._background(self._set_aside_all, lambda _: self._first_run())
            else:
                self._ask_recovery("")

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
        dialog: PassphraseDialog | RecoveryDialog | None,
        recovered_key: bool,
    ) -> None:
        def work() -> tuple[DataKey, Opened]:
            from selfaudit.vault.vault import open_vault

            key = get_key()  # a passphrase is a slow derivation: it belongs here too
            return key, open_vault(self.layout, key)

        def failed(error: BaseException) -> None:
            from selfaudit.vault.vault import NoGoodCopyError

            if dialog is not None and isinstance(error, BadRecoveryCodeError | WrongSecretError):
                dialog.show_error(str(error))
            elif dialog is not None and isinstance(error, KeyMismatchError):
                dialog.show_error("That does not open this checklist.")
            elif isinstance(error, NoGoodCopyError):
                self._offer_fresh_start(str(error))
            else:
                self._fatal(error)

        self._background(work, lambda result: self._opened(*result, recovered_key), failed)

    def _opened(self, key: DataKey, opened: Opened, recovered_key: bool) -> None:
        def carry_on() -> None:
            if recovered_key:
                self._keep_key_again(key, opened)
            else:
                self._finish(opened)

        if opened.recovered is None:
            carry_on()
            return
        backup = opened.recovered.backup
        self._message(
            "Your checklist file was damaged",
            f"selfaudit found that your checklist file is damaged: {opened.recovered.problem}. "
            f"It has been moved to {self.layout.quarantine}, not deleted. The newest good copy "
            f"was saved on {backup.saved_at.astimezone():%d %B %Y at %H:%M}. Changes made after "
            "that are lost.",
            [("use", "Carry on from this copy"), ("quit", "Quit")],
            lambda choice: carry_on() if choice == "use" else self._abandon(),
        )

    def _keep_key_again(self, key: DataKey, opened: Opened) -> None:
        """After the recovery code: keep the key where it belongs, so next time opens directly."""
        vault = opened.vault
        if self._store is not None:
            store = self._store

            def stored(_: None) -> None:
                if vault.uses_passphrase:
                    vault.use_keyring_only()
                    self._save_then_finish(opened)
                else:
                    self._finish(opened)

            self._keyring_call(
                lambda: store.store(key),
                stored,
                lambda error: self._choose_new_passphrase(opened, str(error)),
                ("Use a passphrase instead", lambda: self._choose_new_passphrase(opened, "")),
            )
        else:
            self._choose_new_passphrase(opened, self._refusal)

    def _choose_new_passphrase(self, opened: Opened, reason: str) -> None:
        from selfaudit.ui.vault.passphrase import PassphraseDialog

        dialog = PassphraseDialog(choose=True, reason=reason)
        dialog.rejected.connect(self._abandon)

        def chosen(passphrase: str) -> None:
            def work() -> None:
                opened.vault.use_passphrase(passphrase)
                opened.vault.save(opened.state)

            self._background(work, lambda _: self._finish(opened))

        dialog.submitted.connect(chosen)
        self._show(dialog)
        dialog.open()

    def _save_then_finish(self, opened: Opened) -> None:
        self._background(lambda: opened.vault.save(opened.state), lambda _: self._finish(opened))

    def _finish(self, opened: Opened) -> None:
        keyring = None if opened.vault.uses_passphrase else self._store
        unlocked = UnlockedVault(opened.vault, opened.state, keyring, self._restored)
        if opened.vault.read_only is None:
            self._done(unlocked)
            return
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
        if not self._keyring_known and not self._looking:
            self._looking = True
            self._background(choose_keyring, self._keyring_chosen)

    def begin_first_run(self) -> None:
        """After `first_run_needed`: the owner's window is up; now how to lock the checklist
        (once the keyring has been found)."""
        if self._keyring_known:
            self._first_run()
        else:
            self._first_run_wanted = True
            self.look_for_keyring()

    def _set_aside_all(self) -> object:
        from selfaudit.vault.vault import set_aside_all

        return set_aside_all(self.layout)

    def _first_run(self) -> None:
        from selfaudit.vault.keys import DataKey, RecoveryCode

        key, code = DataKey.generate(), RecoveryCode.generate()
        if self._store is None:
            self._choose_first_passphrase(key, code, self._refusal)
            return
        store = self._store
        self._keyring_call(
            lambda: store.store(key),
            lambda _: self._show_code(key, code, None),
            lambda error: self._choose_first_passphrase(key, code, str(error)),
            ("Use a passphrase instead", lambda: self._choose_first_passphrase(key, code, "")),
        )

    def _choose_first_passphrase(self, key: DataKey, code: RecoveryCode, reason: str) -> None:
        from selfaudit.ui.vault.passphrase import PassphraseDialog

        dialog = PassphraseDialog(choose=True, reason=reason, offer_restore=True)
        dialog.rejected.connect(self._abandon)
        dialog.submitted.connect(lambda passphrase: self._show_code(key, code, passphrase))
        dialog.restore_requested.connect(
            lambda: self._restore_copy(
                dialog, back=lambda: self._choose_first_passphrase(key, code, reason)
            )
        )
        self._show(dialog)
        dialog.open()

    def _show_code(self, key: DataKey, code: RecoveryCode, passphrase: str | None) -> None:
        from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog, describe_lock

        store = self._store if passphrase is None else None
        dialog = RecoveryCodeDialog(
            str(code),
            describe_lock(store.name if store else None),
            first_run=True,
            offer_restore=passphrase is None,  # a passphrase: offered when it was chosen
        )

        def forget_key() -> None:
            if store is not None:  # no checklist was made with it: do not leave it behind
                run_in_background(
                    lambda: store.delete(key.key_id), lambda _: None, lambda _: None, detached=True
                )

        def quit_setup() -> None:
            forget_key()
            self._abandon()

        def create() -> None:
            from selfaudit.audit.state import AppState
            from selfaudit.vault.vault import Vault

            self._background(
                lambda: Vault.create(self.layout, key, code, passphrase),
                lambda vault: self._done(UnlockedVault(vault, AppState(), store)),
                self._creation_failed(key, code, passphrase),
            )

        dialog.rejected.connect(quit_setup)
        dialog.accepted.connect(create)
        dialog.restore_requested.connect(
            lambda: self._restore_copy(
                dialog, back=lambda: self._show_code(key, code, passphrase), unused=forget_key
            )
        )
        self._show(dialog)
        dialog.open()

    def _creation_failed(
        self, key: DataKey, code: RecoveryCode, passphrase: str | None
    ) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            self._message(
                "selfaudit could not set up your checklist",
                str(error),
                [("retry", "Try again"), ("quit", "Quit")],
                lambda choice: (
                    self._show_code(key, code, passphrase) if choice == "retry" else self._abandon()
                ),
            )

        return failed

    # first run: a copy from another computer instead -----------------------------------------
    def _restore_copy(
        self,
        parent: QWidget,
        back: Callable[[], None],
        unused: Callable[[], None] = lambda: None,
    ) -> None:
        """Restores a copy the person picks, after its recovery code; `back` returns to the
        first-run dialog, `unused` forgets the key that dialog had made once the copy is in."""
        from selfaudit.ui.vault.restore import choose_copy
        from selfaudit.vault.portable import read_portable_copy

        path = choose_copy(parent)
        if path is None:
            return  # the first-run dialog is still there

        def refused(error: BaseException) -> None:
            reason = str(error) if isinstance(error, VaultError) else repr(error)
            self._message(
                "This file cannot be restored",
                f"{reason} Nothing was changed.",
                [("again", "Choose another file"), ("back", "Go back")],
                lambda choice: (
                    self._restore_copy(parent, back, unused) if choice == "again" else back()
                ),
            )

        self._background(
            lambda: read_portable_copy(path),
            lambda copy: self._ask_code_for_copy(copy, back, unused),
            refused,
        )

    def _ask_code_for_copy(
        self, copy: PortableCopy, back: Callable[[], None], unused: Callable[[], None]
    ) -> None:
        from selfaudit.ui.vault.recovery import RecoveryDialog
        from selfaudit.ui.vault.restore import (
            LOST_COPY_CODE_TEXT,
            RESTORE_REASON,
            why_the_copy_did_not_open,
        )

        dialog = RecoveryDialog(RESTORE_REASON, title="Restore your checklist", action="Restore")

        def quit_setup() -> None:
            unused()
            self._abandon()

        def lost() -> None:
            self._message(
                "Start a new checklist instead?",
                LOST_COPY_CODE_TEXT,
                [("back", "Start a new checklist"), ("retry", "Type the code again")],
                lambda choice: (
                    back() if choice == "back" else self._ask_code_for_copy(copy, back, unused)
                ),
            )

        def restore(text: str) -> DataKey:
            from selfaudit.vault.keys import unlock_with_code
            from selfaudit.vault.portable import restore_copy

            key = unlock_with_code(copy.header.slots, _recovery_code(text))
            restore_copy(self.layout, copy, key)  # checks it opens with this key first
            return key

        def restored(key: DataKey) -> None:
            unused()
            self._restored = True
            self._open(lambda: key, None, recovered_key=True)

        def failed(error: BaseException) -> None:
            why = why_the_copy_did_not_open(error)
            if why is None:
                self._fatal(error)
            else:
                dialog.show_error(why)

        dialog.rejected.connect(quit_setup)
        dialog.lost.connect(lost)
        dialog.submitted.connect(
            lambda text: self._background(lambda: restore(text), restored, failed)
        )
        self._show(dialog)
        dialog.open()
