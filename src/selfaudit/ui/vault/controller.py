"""The open checklist in the running app: autosave, save on close, and what Settings offers
(the recovery code after re-authentication, a new passphrase, switching how it opens, a copy
restored over it, a backup file, deleting everything); and locking: the last changes saved,
then the key dropped.

`VaultController.flow` says what it is doing, one thing at a time: a Settings action asked for
while another runs brings that one's dialog forward instead. Each flow's first screen is built
in the method that starts it (`show_recovery_code`, `change_passphrase`, `restore_from_file`,
`back_up_to_file`, `delete_everything`; switch_mode.py's `to_passphrase`, `to_keyring`); it
ends, back to OPEN, when its last dialog is closed or its work fails. CLOSING, REPLACED and
LOCKED are the end: nothing more is started, and after a copy is restored, everything deleted
(REPLACED) or the app locked (LOCKED) nothing more is saved. Locking (LOCKING) may interrupt
any flow but closing: what that flow still had to do in the background is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.ui.background import Job, run_in_background
from selfaudit.ui.vault.autosave import Autosave, ask_before_losing_changes, describe_failure
from selfaudit.ui.vault.messages import show_message
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.reauthenticate import confirm_with_keyring, confirm_with_passphrase
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.vault.errors import VaultError
from selfaudit.vault.keystore import call_with_timeout
from selfaudit.vault.portable import write_portable_copy
from selfaudit.vault.vault import delete_all_data

if TYPE_CHECKING:
    from selfaudit.audit.state import AppState


class Flow(Enum):
    OPEN = auto()  # nothing under way: the checklist is open and saved as it changes
    RECOVERY_CODE = auto()  # re-authentication (passphrase or keyring), then the code
    NEW_PASSPHRASE = auto()  # the current passphrase, then a new one, saved at once
    RESTORE = auto()  # a copy, its recovery code, "Replace your checklist?", then restored
    BACKUP = auto()  # the latest changes saved, then an encrypted copy written
    DELETE = auto()  # every file and key deleted
    TO_PASSPHRASE = auto()  # the keyring confirms, a passphrase chosen, the key re-wrapped
    TO_KEYRING = auto()  # the current passphrase, the key to the keyring, re-wrapped
    CLOSING = auto()  # the last changes saved, then the app quits
    REPLACED = auto()  # restored over or deleted: nothing more is saved, the app closes
    LOCKING = auto()  # the windows are closed; the last changes saved, then the key dropped
    LOCKED = auto()  # the key is gone: the app opens the checklist anew (ui/vault/app_lock.py)


STARTED_BY_SETTINGS = frozenset(
    {
        Flow.RECOVERY_CODE,
        Flow.NEW_PASSPHRASE,
        Flow.RESTORE,
        Flow.BACKUP,
        Flow.DELETE,
        Flow.TO_PASSPHRASE,
        Flow.TO_KEYRING,
    }
)
FLOW_TRANSITIONS: dict[Flow, frozenset[Flow]] = {
    Flow.OPEN: STARTED_BY_SETTINGS | {Flow.CLOSING, Flow.LOCKING},
    **{flow: frozenset({Flow.OPEN, Flow.CLOSING, Flow.LOCKING}) for flow in STARTED_BY_SETTINGS},
    Flow.RESTORE: frozenset({Flow.OPEN, Flow.CLOSING, Flow.REPLACED, Flow.LOCKING}),
    Flow.DELETE: frozenset({Flow.OPEN, Flow.CLOSING, Flow.REPLACED, Flow.LOCKING}),
    Flow.CLOSING: frozenset(),
    Flow.REPLACED: frozenset(),
    Flow.LOCKING: frozenset({Flow.LOCKED}),
    Flow.LOCKED: frozenset(),
}
ENDED = frozenset({Flow.CLOSING, Flow.REPLACED, Flow.LOCKING, Flow.LOCKED})


T = TypeVar("T")


class VaultController(QObject):
    mode_changed = Signal()  # now opens with a passphrase, or with the keyring (switch_mode.py)

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
        self._jobs: list[Job] = []  # the flows' background work, dropped if the app locks
        if isinstance(window, QDialog):
            # a QDialog (the wizard) closes through done(): Finish, Cancel, Esc and the X button
            window.finished.connect(lambda _: self.close_and_quit())
        else:  # a main window: hold its close until the last changes are saved
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        closing = self.flow in ENDED
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

    begin, enter_flow = _begin, _enter

    def _end(self) -> None:
        """The flow under way is over (done, cancelled or failed)."""
        if self.flow in STARTED_BY_SETTINGS:
            self._enter(Flow.OPEN)

    end_flow = _end

    def _ends_with(self, dialog: QDialog) -> None:
        """The flow ends when this dialog closes."""
        dialog.finished.connect(lambda _: self._end())

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        """A flow's work off the UI thread (detached: it may wait on a keyring); its result is
        dropped if the app locks meanwhile, and once it has locked the work is not started."""
        if self.flow in (Flow.LOCKING, Flow.LOCKED):
            return
        self._jobs = [job for job in self._jobs if not job.finished]
        self._jobs.append(run_in_background(work, on_done, on_failed, detached=True))

    def unless_locked(self, then: Callable[[bool], None]) -> Callable[[bool], None]:
        """For a flow waiting on a save: nothing more once the app has started to lock."""
        return lambda saved: None if self.flow in (Flow.LOCKING, Flow.LOCKED) else then(saved)

    # locking --------------------------------------------------------------------------------
    def lock(self, then: Callable[[AppState | None], None]) -> bool:
        """Saves what is left, stops saving and drops the key, then `then(unsaved)`: None, or
        the state whose last changes could not be saved (kept for when it is opened again).
        False (and nothing done) when closing, replaced or already locking."""
        if Flow.LOCKING not in FLOW_TRANSITIONS[self.flow]:
            return False
        self._enter(Flow.LOCKING)
        for job in self._jobs:
            job.cancel()
        self.dialog = None

        def flushed(saved: bool) -> None:
            failed = not saved and self.autosave.last_failure is not None
            self.autosave.stop()
            self._enter(Flow.LOCKED)
            self.vault.forget_key()
            then(self.autosave.session.state if failed else None)

        self.autosave.flush(flushed)
        return True

    # closing --------------------------------------------------------------------------------
    def close_and_quit(self) -> None:
        """Saves what is left, then quits; asks first if the save fails."""
        if self.flow in ENDED:
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
        reveal = partial(self._reveal, parent)
        if self.vault.uses_passphrase or self.unlocked.keyring is None:
            purpose = "Type your passphrase to see your recovery code."
            confirm_with_passphrase(self, parent, purpose, reveal)
            return

        def chosen(choice: str) -> None:
            if choice == "show":
                confirm_with_keyring(self, reveal, partial(self._tell, parent))
            else:
                self._end()

        self.dialog = show_message(
            parent,
            "Show your recovery code?",
            "Make sure nobody can see your screen. selfaudit will ask your keyring for the "
            "key to your checklist first; your keyring may ask for your password.",
            [("show", "Show my recovery code"), ("cancel", "Cancel")],
            chosen,
            QMessageBox.Icon.Question,
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

    # the service users' names, when they are kept -----------------------------------------
    @property
    def kept_service_users(self) -> int:
        state = self.autosave.session.state
        return len(state.service_users) if state.keep_service_users else 0

    def forget_service_users(self, parent: QWidget | None, forgotten: Callable[[], None]) -> None:
        def chosen(choice: str) -> None:
            if choice == "delete":
                self.autosave.session.keep_service_users(None)  # saved with the next save
                forgotten()

        self.dialog = show_message(
            parent,
            "Delete the list of service users' names?",
            "Your next friend check will need the names again. Backups saved before now keep "
            "the list until they are replaced, within 30 days.",
            [("delete", "Delete the list"), ("cancel", "Cancel")],
            chosen,
            QMessageBox.Icon.Question,
            escape="cancel",
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
        confirm_with_passphrase(
            self, parent, "Type your current passphrase.", lambda: self._choose_passphrase(parent)
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
            self.autosave.flush(self.unless_locked(saved))

        def chosen(passphrase: str) -> None:
            self.run(
                lambda: self.vault.use_passphrase(passphrase),  # a slow derivation
                locked_anew,
                lambda error: dialog.show_error(repr(error)),
            )

        dialog.rejected.connect(self._end)
        dialog.submitted.connect(chosen)
        self.dialog = dialog
        dialog.open()

    # restoring a copy over this checklist (restore_over.py) -------------------------------
    def restore_from_file(self, parent: QWidget | None) -> None:
        from selfaudit.ui.vault.restore_over import restore_over

        restore_over(self, parent)

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
            self.run(
                lambda: write_portable_copy(self.vault.layout, destination),
                lambda _: self._note(
                    parent,
                    "Copy saved",
                    f"An encrypted copy of your checklist is in {destination}. To open it on "
                    "another computer you need your recovery code.",
                ),
                lambda error: self._note(parent, "The copy was not saved", str(error)),
            )

        self.autosave.flush(self.unless_locked(copy))

    def _note(self, parent: QWidget | None, title: str, text: str) -> None:
        """The flow's last word: it ends when this is closed."""
        self.dialog = show_message(
            parent, title, text, [("ok", "OK")], lambda _: self._end(), QMessageBox.Icon.Information
        )

    note = _note

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
        self.autosave.halt(lambda: self.run(work, done, failed), forget_changes=True)
