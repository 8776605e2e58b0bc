"""Saving while the person works: a short pause after each change (debounce), the save itself
in the background, one at a time, and a plain message when it fails. `flush` saves on close.

The state is copied on the UI thread (where it changes) and encrypted and written elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.ui.background import run_in_background
from selfaudit.ui.vault.messages import VaultMessage, show_message
from selfaudit.vault.errors import ChangedOnDiskError, VaultError
from selfaudit.vault.vault import Vault

SAVE_DELAY_MS = 800  # long enough to gather a burst of clicks, short enough to lose nothing


class Autosave(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        vault: Vault,
        session: AuditSession,
        window: QWidget | None = None,
        delay_ms: int = SAVE_DELAY_MS,
    ) -> None:
        super().__init__(window)
        self.vault = vault
        self.session = session
        self.window = window
        self.dirty = False
        self.saving = False
        self.stopped = vault.read_only is not None  # read-only: never save
        self.message: VaultMessage | None = None
        self.last_failure: BaseException | None = None
        self._overwrite = False
        self._after_save: list[Callable[[bool], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)
        session.subscribe(self.changed)

    def changed(self) -> None:
        if self.stopped:
            return
        self.dirty = True
        self._timer.start()  # restarts: saves once the clicks pause

    def stop(self) -> None:
        """No more saves (the data is being deleted, or the person chose to stop)."""
        self.stopped = True
        self._timer.stop()

    def halt(self, then: Callable[[], object], *, forget_changes: bool = False) -> None:
        """Stops saving (the checklist is about to be replaced or deleted), then calls `then`
        once no save is under way, so none lands afterwards. `forget_changes`: what is not saved
        yet never will be (the data is being deleted)."""
        self.stop()
        if forget_changes:
            self.dirty = False
        if not self.saving:
            then()
            return

        def after_the_save(_saved: bool) -> None:
            then()

        self._after_save.append(after_the_save)

    def resume(self) -> None:
        """Saves again after `stop`, unless the checklist is open read-only (never saved)."""
        self.stopped = self.vault.read_only is not None

    def save_now(self) -> None:
        self._timer.stop()
        if self.stopped or self.saving or not self.dirty:
            return
        snapshot = self.session.state.model_copy(deep=True)
        overwrite, self._overwrite = self._overwrite, False
        self.dirty = False
        self.saving = True
        run_in_background(
            lambda: self.vault.save(snapshot, overwrite_changes=overwrite),
            lambda _: self._saved(),
            self._failed,
            owner=self,  # a save finishing after its window is gone reports to no one
            detached=True,
        )

    def _saved(self) -> None:
        self.saving = False
        self.last_failure = None
        if self.message is not None:
            self.message.hide()
            self.message = None
        self.saved.emit()
        if self.dirty:
            self.save_now()
        else:
            self._settle(True)

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.dirty = True  # what was not saved is still to save
        self.last_failure = error
        text = describe_failure(error)
        self.failed.emit(text)
        if self._after_save:
            self._settle(False)  # closing: the closing code asks its own question
        elif isinstance(error, ChangedOnDiskError):
            self._ask_about_other_copy(text)
        else:
            self._tell(text)

    def _tell(self, text: str) -> None:
        if self.message is not None and self.message.isVisible():
            return  # one message per run of failures, not one per click

        def chosen(choice: str) -> None:
            self.message = None
            if choice == "retry":
                self.save_now()

        self.message = show_message(
            self.window,
            "Your latest changes are not saved",
            f"{text} selfaudit will try again when you next change something.",
            [("retry", "Try again now"), ("ok", "OK")],
            chosen,
        )

    def _ask_about_other_copy(self, text: str) -> None:
        def chosen(choice: str) -> None:
            self.message = None
            if choice == "keep":
                self.keep_mine()
                self.save_now()
            else:
                self.stop()

        self.message = show_message(
            self.window,
            "Your checklist was changed elsewhere",
            f"{text} If you keep your changes, the other version is kept as a backup. If you "
            "stop saving, close selfaudit and open it again to see the other version.",
            [("keep", "Keep my changes"), ("stop", "Stop saving")],
            chosen,
        )

    def keep_mine(self) -> None:
        """The next save overwrites a file changed elsewhere (which is kept as a backup)."""
        self._overwrite = True

    # closing --------------------------------------------------------------------------------
    def flush(self, then: Callable[[bool], None]) -> None:
        """Saves what is left, then calls `then(saved)`; `saved` is False if it failed."""
        if self.stopped or (not self.dirty and not self.saving):
            then(not self.dirty or self.stopped)
            return
        self._after_save.append(then)
        if not self.saving:
            self.save_now()

    def _settle(self, ok: bool) -> None:
        waiting, self._after_save = self._after_save, []
        for then in waiting:
            then(ok)


def describe_failure(error: BaseException) -> str:
    return str(error) if isinstance(error, VaultError) else f"Something went wrong: {error!r}"


def ask_before_losing_changes(
    parent: QWidget | None, error: BaseException, on_choice: Callable[[str], None]
) -> VaultMessage:
    """At close, when the last save failed: try again (or keep mine over a file changed
    elsewhere), or close and lose the latest changes."""
    retry = (
        ("keep", "Keep my changes")
        if isinstance(error, ChangedOnDiskError)
        else ("retry", "Try again")
    )
    return show_message(
        parent,
        "Your latest changes are not saved",
        f"{describe_failure(error)} If you close now, the changes since the last save are lost.",
        [retry, ("close", "Close without saving")],
        on_choice,
        QMessageBox.Icon.Warning,
        escape=retry[0],  # Esc must never be the choice that loses data
    )
