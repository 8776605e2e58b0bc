"""The open checklist in the running app: autosave, save on close, and what Settings offers
(the recovery code after re-authentication, a new passphrase, a copy restored over it, a backup
file, deleting everything).

`VaultController.flow` says what it is doing, one thing at a time: a Settings action asked for
while another runs brings that one's dialog forward instead. Each flow's first screen is built
in the method that starts it (`show_recovery_code`, `change_passphrase`, `restore_from_file`,
`back_up_to_file`, `delete_everything`); it ends, back to OPEN, when its last dialog is closed
or its work fails. CLOSING and REPLACED are the end: nothing more is started, and after a copy
is restored or everything deleted (REPLACED) nothing more is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.ui.background import run_in_background
from selfaudit.ui.vault.autosave import Autosave, ask_before_losing_changes, describe_failure
from selfaudit.ui.vault.messages import show_message
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.vault.errors import VaultError, WrongSecretError
from selfaudit.vault.keys import unlock_with_passphrase
from selfaudit.vault.keystore import call_with_timeout
from selfaudit.vault.portable import write_portable_copy
from selfaudit.vault.vault import delete_all_data

if TYPE_CHECKING:
    from selfaudit.vault.contents import Contents
    from selfaudit.vault.keys import DataKey
    from selfaudit.vault.portable import PortableCopy


class Flow(Enum):
    OPEN = auto()  # nothing under way: the checklist is open and saved as it changes
    RECOVERY_CODE = auto()  # re-authentication (passphrase or keyring), then the code
    NEW_PASSPHRASE = auto()  # the current passphrase, then a new one, saved at once
    RESTORE = auto()  # a copy, its recovery code, "Replace your checklist?", then restored
    BACKUP = auto()  # the latest changes saved, then an encrypted copy written
    DELETE = auto()  # every file and key deleted
    CLOSING = auto()  # the last changes saved, then the app quits
    REPLACED = auto()  # restored over or deleted: nothing more is saved, the app closes


STARTED_BY_SETTINGS = frozenset(
    {Flow.RECOVERY_CODE, Flow.NEW_PASSPHRASE, Flow.RESTORE, Flow.BACKUP, Flow.DELETE}
)
FLOW_TRANSITIONS: dict[Flow, frozenset[Flow]] = {
    Flow.OPEN: STARTED_BY_SETTINGS | {Flow.CLOSING},
    **{flow: frozenset({Flow.OPEN, Flow.CLOSING}) for flow in STARTED_BY_SETTINGS},
    Flow.RESTORE: frozenset({Flow.OPEN, Flow.CLOSING, Flow.REPLACED}),
    Flow.DELETE: frozenset({Flow.OPEN, Flow.CLOSING, Flow.REPLACED}),
    Flow.CLOSING: frozenset(),
    Flow.REPLACED: frozenset(),
}


class VaultController(QObject):
    def __init__(
        self,
        unlocked: UnlockedVault,
        session: AuditSession,
        window: QWidget,
        quit_app: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.unlocked = unlocked
        self.vault = unlocked.vault
        self.window = window
        self.quit_app = quit_app
        self.autosave = Autosave(unlocked.vault, session, window)
        self.dialog: QWidget | None = None  # the controller's own dialog on screen (for tests)
        self.flow = Flow.OPEN
        if isinstance(window, QDialog):
            # a QDialog (the wizard) closes through done(): Finish, Cancel, Esc and the X button
            window.finished.connect(lambda _: self.close_and_quit())
        else:  # a main window: hold its close until the last changes are saved
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        closing = self.flow in (Flow.CLOSING, Flow.REPLACED)
        if watched is self.window and event.type() == QEvent.Type.Close and not closing:
            event.ignore()
            self.window.hide()
            self.close_and_quit()
            return True
        return super().eventFilter(watched, event)

    @property
    def data_folder(self) -> Path:
        return self.vault.layout.root

    @property
    def lock_description(self) -> str:
        return self.unlocked.lock_description

    @property
    def read_only(self) -> str | None:
        return self.vault.read_only

    # the flow under way ----------------------------------------------------------------------
    def _enter(self, flow: Flow) -> None:
        if flow not in FLOW_TRANSITIONS[self.flow]:
            raise RuntimeError(f"cannot go from {self.flow.name} to {flow.name}")
        self.flow = flow

    def _begin(self, flow: Flow) -> bool:
        """Starts a flow from Settings, unless one is under way (its dialog comes forward)."""
        if self.flow is not Flow.OPEN:
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.raise_()
                self.dialog.activateWindow()
            return False
        self._enter(flow)
        return True

    def _end(self) -> None:
        """The flow under way is over (done, cancelled or failed)."""
        if self.flow in STARTED_BY_SETTINGS:
            self._enter(Flow.OPEN)

    def _ends_with(self, dialog: QDialog) -> None:
        """The flow ends when this dialog closes."""
        dialog.finished.connect(lambda _: self._end())

    # closing --------------------------------------------------------------------------------
    def close_and_quit(self) -> None:
        """Saves what is left, then quits; asks first if the save fails."""
        if self.flow in (Flow.CLOSING, Flow.REPLACED):
            return
        self._enter(Flow.CLOSING)
        self.autosave.flush(self._flushed)

    def _flushed(self, saved: bool) -> None:
        if saved or self.autosave.last_failure is None:
            self.quit_app()
            return

        def chosen(choice: str) -> None:
            if choice == "close":
                self.quit_app()
                return
            if choice == "keep":
                self.autosave.keep_mine()
            self.autosave.flush(self._flushed)

        self.dialog = ask_before_losing_changes(None, self.autosave.last_failure, chosen)

    # recovery code --------------------------------------------------------------------------
    def show_recovery_code(self, parent: QWidget | None) -> None:
        """Only after re-authentication: the passphrase, or the keyring handing over the key
        again (which may ask for the keyring's password)."""
        if not self._begin(Flow.RECOVERY_CODE):
            return
        if self.vault.uses_passphrase or self.unlocked.keyring is None:
            self._reauthenticate_with_passphrase(parent)
        else:
            self.dialog = show_message(
                parent,
                "Show your recovery code?",
                "Make sure nobody can see your screen. selfaudit will ask your keyring for the "
                "key to your checklist first; your keyring may ask for your password.",
                [("show", "Show my recovery code"), ("cancel", "Cancel")],
                lambda choice: self._check_keyring(parent) if choice == "show" else self._end(),
                QMessageBox.Icon.Question,
            )

    def _reauthenticate_with_passphrase(self, parent: QWidget | None) -> None:
        self._check_passphrase(
            parent, "Type your passphrase to see your recovery code.", lambda: self._reveal(parent)
        )

    def _check_passphrase(
        self, parent: QWidget | None, purpose: str, then: Callable[[], None]
    ) -> None:
        """Asks for the passphrase the checklist is locked with; `then` once it is right."""
        dialog = PassphraseDialog(choose=False, purpose=purpose, parent=parent)
        slots = list(self.vault.slots)

        def check(passphrase: str) -> None:
            def work() -> bool:
                return unlock_with_passphrase(slots, passphrase) == self.vault.key

            def done(matches: bool) -> None:
                if matches:
                    dialog.accept()
                    then()
                else:
                    dialog.show_error("That passphrase does not open this checklist.")

            def failed(error: BaseException) -> None:
                dialog.show_error(
                    str(error) if isinstance(error, WrongSecretError) else repr(error)
                )

            run_in_background(work, done, failed, detached=True)

        dialog.rejected.connect(self._end)
        dialog.submitted.connect(check)
        if dialog.forgot_button is not None:
            dialog.forgot_button.hide()  # the code is what they would need; not this way round
        self.dialog = dialog
        dialog.open()

    def _check_keyring(self, parent: QWidget | None) -> None:
        store = self.unlocked.keyring
        assert store is not None
        key_id = self.vault.key.key_id

        def done(matches: bool) -> None:
            if matches:
                self._reveal(parent)
            else:
                self._tell(parent, "Your keyring no longer has the key to this checklist.")

        run_in_background(
            lambda: call_with_timeout(lambda: store.load(key_id)) == self.vault.key,
            done,
            lambda error: self._tell(parent, str(error)),
            detached=True,
        )

    def _reveal(self, parent: QWidget | None) -> None:
        dialog = RecoveryCodeDialog(
            self.vault.recovery_code, self.lock_description, first_run=False, parent=parent
        )
        self._ends_with(dialog)
        self.dialog = dialog
        dialog.open()

    def _tell(self, parent: QWidget | None, text: str) -> None:
        self.dialog = show_message(
            parent,
            "selfaudit cannot show your recovery code",
            text,
            [("ok", "OK")],
            lambda _: self._end(),
        )

    # a new passphrase ---------------------------------------------------------------------
    @property
    def uses_passphrase(self) -> bool:
        return self.vault.uses_passphrase

    def change_passphrase(self, parent: QWidget | None) -> None:
        """The current passphrase, then a new one; saved at once. The data key stays the same,
        so the recovery code and every earlier copy keep working."""
        if not self._begin(Flow.NEW_PASSPHRASE):
            return
        self._check_passphrase(
            parent, "Type your current passphrase.", lambda: self._choose_passphrase(parent)
        )

    def _choose_passphrase(self, parent: QWidget | None) -> None:
        dialog = PassphraseDialog(choose=True, parent=parent)

        def saved(ok: bool) -> None:
            dialog.accept()
            if ok:
                self._note(
                    parent,
                    "Your passphrase is changed",
                    "From now on, open selfaudit with your new passphrase. Copies saved before "
                    "now (its backups, and any encrypted copy you saved) still open with the "
                    "old one; your recovery code opens them all.",
                )
            else:
                failure = self.autosave.last_failure
                self._note(
                    parent,
                    "Your new passphrase is not saved yet",
                    f"{describe_failure(failure) if failure else ''} Your checklist still opens "
                    "with your old passphrase. selfaudit will try again when you next change "
                    "something.",
                )

        def locked_anew(_: None) -> None:
            self.autosave.changed()  # a save after this one, even if one is under way
            self.autosave.flush(saved)

        def chosen(passphrase: str) -> None:
            run_in_background(
                lambda: self.vault.use_passphrase(passphrase),  # a slow derivation
                locked_anew,
                lambda error: dialog.show_error(repr(error)),
                detached=True,
            )

        dialog.rejected.connect(self._end)
        dialog.submitted.connect(chosen)
        self.dialog = dialog
        dialog.open()

    # restoring a copy over this checklist ---------------------------------------------------
    def restore_from_file(self, parent: QWidget | None) -> None:
        """A copy (from another computer, or an earlier one) in place of this checklist, after
        its recovery code and a confirmation. The checklist it replaces is kept among the
        backups. The app then closes: it opens the restored checklist next time."""
        from selfaudit.ui.vault.restore import choose_copy
        from selfaudit.vault.portable import read_portable_copy

        if not self._begin(Flow.RESTORE):
            return
        path = choose_copy(parent)
        if path is None:
            self._end()
            return
        run_in_background(
            lambda: read_portable_copy(path),
            lambda copy: self._ask_code_for_copy(parent, copy),
            lambda error: self._note(parent, "This file cannot be restored", str(error)),
            detached=True,
        )

    def _ask_code_for_copy(self, parent: QWidget | None, copy: PortableCopy) -> None:
        from selfaudit.ui.vault.recovery import RecoveryDialog
        from selfaudit.ui.vault.restore import RESTORE_REASON, why_the_copy_did_not_open
        from selfaudit.vault.keys import RecoveryCode, unlock_with_code
        from selfaudit.vault.portable import check_copy

        dialog = RecoveryDialog(RESTORE_REASON, parent, "Restore a copy", "Continue")
        dialog.lost_button.hide()  # without the copy's code there is nothing to do here
        dialog.rejected.connect(self._end)

        def unlock(text: str) -> tuple[DataKey, Contents]:
            key = unlock_with_code(copy.header.slots, RecoveryCode.parse(text))
            return key, check_copy(copy, key)

        def unlocked(found: tuple[DataKey, Contents]) -> None:
            dialog.accept()
            self._confirm_restore(parent, copy, *found)

        def failed(error: BaseException) -> None:
            dialog.show_error(why_the_copy_did_not_open(error) or repr(error))

        dialog.submitted.connect(
            lambda text: run_in_background(lambda: unlock(text), unlocked, failed, detached=True)
        )
        self.dialog = dialog
        dialog.open()

    def _confirm_restore(
        self, parent: QWidget | None, copy: PortableCopy, key: DataKey, contents: Contents
    ) -> None:
        saved = contents.saved_at.astimezone()

        def chosen(choice: str) -> None:
            if choice == "restore":
                self.autosave.flush(lambda _saved: self._restore(parent, copy, key))
            else:
                self._end()

        self.dialog = show_message(
            parent,
            "Replace your checklist with this copy?",
            f"The copy was saved on {saved:%d %B %Y at %H:%M} ({contents.state.summary()}). "
            "Your checklist as it is now is kept among the backups. selfaudit will then close; "
            "open it again to carry on with the copy.",
            [("restore", "Replace my checklist"), ("cancel", "Cancel")],
            chosen,
            QMessageBox.Icon.Question,
        )

    def _restore(self, parent: QWidget | None, copy: PortableCopy, key: DataKey) -> None:
        from selfaudit.vault.portable import restore_copy

        layout, store = self.vault.layout, self.unlocked.keyring

        def work() -> bool:
            restore_copy(layout, copy, key)
            if store is None or copy.header.has_passphrase:
                return True  # it opens with the copy's passphrase, or its recovery code
            try:  # so it opens without its recovery code
                call_with_timeout(lambda: store.store(key))
            except VaultError:
                return False  # restored all the same: the app asks for the code once
            return True

        def done(key_kept: bool) -> None:
            self._enter(Flow.REPLACED)
            code = "" if key_kept else " It will ask for the copy's recovery code once."
            self.dialog = show_message(
                parent,
                "Your checklist is restored",
                "selfaudit will now close. Open it again to carry on with the restored copy."
                + code,
                [("ok", "Close selfaudit")],
                lambda _: self.quit_app(),
                QMessageBox.Icon.Information,
            )

        def failed(error: BaseException) -> None:
            text = str(error) if isinstance(error, VaultError) else repr(error)
            self._note(parent, "The copy was not restored", f"{text} Your checklist is unchanged.")
            self.autosave.resume()

        # nothing of this session may be saved over the copy, not even a save under way
        self.autosave.halt(lambda: run_in_background(work, done, failed, detached=True))

    # a backup file --------------------------------------------------------------------------
    def back_up_to_file(self, parent: QWidget | None, target: Path | None = None) -> None:
        if not self._begin(Flow.BACKUP):
            return
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                parent,
                "Save an encrypted copy of your checklist",
                str(Path.home() / "selfaudit-backup.zip"),
                "selfaudit backup (*.zip)",
            )
            if not chosen:
                self._end()
                return
            target = Path(chosen)
        destination = target

        def copy(_: bool) -> None:  # after the latest changes are saved (or failed to be)
            run_in_background(
                lambda: write_portable_copy(self.vault.layout, destination),
                lambda _: self._note(
                    parent,
                    "Copy saved",
                    f"An encrypted copy of your checklist is in {destination}. To open it on "
                    "another computer you need your recovery code.",
                ),
                lambda error: self._note(parent, "The copy was not saved", str(error)),
                detached=True,
            )

        self.autosave.flush(copy)

    def _note(self, parent: QWidget | None, title: str, text: str) -> None:
        """The flow's last word: it ends when this is closed."""
        self.dialog = show_message(
            parent, title, text, [("ok", "OK")], lambda _: self._end(), QMessageBox.Icon.Information
        )

    # deleting everything ----------------------------------------------------------------------
    def delete_everything(self, parent: QWidget | None) -> None:
        """Called once the person has confirmed. Stops saving, deletes every file and key, says
        so, and closes the app."""
        if not self._begin(Flow.DELETE):
            return
        layout = self.vault.layout
        store = self.unlocked.keyring

        def work() -> None:
            key_ids = delete_all_data(layout) | {self.vault.key.key_id}
            if store is not None:
                for key_id in key_ids:
                    call_with_timeout(partial(store.delete, key_id))

        def done(_: None) -> None:
            self._enter(Flow.REPLACED)
            self.dialog = show_message(
                parent,
                "All your data has been deleted",
                "Your checklist, its backups and its key have been deleted from this computer. "
                "selfaudit will now close.",
                [("ok", "Close selfaudit")],
                lambda _: self.quit_app(),
                QMessageBox.Icon.Information,
            )

        def failed(error: BaseException) -> None:
            text = str(error) if isinstance(error, VaultError | OSError) else repr(error)
            self._note(
                parent,
                "Not everything could be deleted",
                f"{text} What is left is in {layout.root}; you can delete that folder yourself.",
            )

        # no save may land after the files are gone, not even one under way now
        self.autosave.halt(
            lambda: run_in_background(work, done, failed, detached=True), forget_changes=True
        )
