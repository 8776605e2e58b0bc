"""The app around the vault: one instance, the checklist opened before the window is built,
autosave and save on close, Settings, and locking (app_lock.py: the windows closed, the key
dropped, the checklist opened again with the passphrase or the code). `run_app` (ui/app.py)
hands over a function that builds the main window on the opened state; this module does the
rest.

With a `QuickStart` (ui/composition.py), the window opens at once: a new user's on its first
page, a returning person's saying that their checklist is being opened (nothing of theirs is in
it until it is). What the windows are built from is read in the background once that first
frame is drawn, alongside the opening of the checklist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from selfaudit.paths import AppPaths
from selfaudit.ui.vault.lock_setup import LockSetup
from selfaudit.ui.vault.single_instance import SingleInstance
from selfaudit.ui.vault.startup import VaultStartup
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.vault.errors import VaultError
from selfaudit.vault.layout import VaultLayout

if TYPE_CHECKING:
    from selfaudit.audit.session import AuditSession
    from selfaudit.audit.state import AppState
    from selfaudit.evidence.blob_store import BlobStore
    from selfaudit.ui.settings import SettingsDialog
    from selfaudit.ui.vault.app_lock import AppLock
    from selfaudit.ui.vault.controller import VaultController


class AppServices(Protocol):
    """What the running app offers the windows built on it."""

    def open_settings(self) -> None: ...

    def blobs(self) -> BlobStore: ...

    def lock(self) -> None: ...

    def offer_passphrase(self, parent: QWidget | None) -> None: ...

    def watch_lockable(self, owner: QObject, show: Callable[[bool], None]) -> None: ...


# builds and shows the main window and the session it edits, on the person's checklist
WindowBuilder = Callable[["AppState", AppServices], tuple[QWidget, "AuditSession"]]
# the Settings tabs other features add: (title, widget), built each time Settings opens
SectionsBuilder = Callable[[], Sequence[tuple[str, QWidget]]]


@dataclass(frozen=True)
class QuickStart:
    """How the app opens before all of it is loaded (ui/composition.py)."""

    # a new user's first page, shown at once; the window builder later takes it over
    show_opening: Callable[[], QWidget]
    # a returning person's window, shown at once while their checklist is opened; the window
    # builder later takes it over
    show_waiting: Callable[[], QWidget]
    # starts reading what the windows are built from, if not yet; calls back on the UI thread
    # once the window builder can run without waiting
    when_ready: Callable[[Callable[[], None]], None]
    # begins setting up a new checklist (its dialogs cover every window), or holds it back
    # while the person reads help that cannot wait ("Something has happened")
    set_up: Callable[[Callable[[], None]], None] = lambda begin: begin()
    # each start-up dialog as it is shown, so a first run's can offer that help too
    with_dialog: Callable[[QWidget], None] = lambda dialog: None


def run_with_vault(
    app: QApplication,
    build_window: WindowBuilder,
    settings_sections: SectionsBuilder = lambda: (),
    paths: AppPaths | None = None,
    quick: QuickStart | None = None,
    settled: Callable[[], None] | None = None,
    lock: LockSetup | None = None,
) -> int:
    """`settled` is told once start-up waits for the person (the hidden --exit-after-show)."""
    layout = VaultLayout((paths or AppPaths.for_user()).data_dir)
    instance = SingleInstance(layout)
    try:
        claimed = instance.claim(listen=quick is None)  # with a quick start: once it is drawn
    except VaultError as exc:
        QMessageBox.critical(None, "selfaudit cannot start", str(exc))
        return 1
    if not claimed:
        if instance.wake_running():
            return 0  # the running app has come forward; this one writes nothing
        holder = instance.lock.holder()
        QMessageBox.warning(
            None,
            "selfaudit is already open",
            f"selfaudit is already open{f' ({holder})' if holder else ''} but is not answering. "
            "Close it, or restart your computer, then open selfaudit again.",
        )
        return 1
    app.setQuitOnLastWindowClosed(False)  # closing saves first, then quits (VaultController)
    running = RunningApp(
        app, layout, instance, build_window, settings_sections, quick=quick, lock=lock
    )
    if settled is not None:
        running.settled.connect(settled)
    running.start()
    try:
        return app.exec()
    finally:
        instance.release()


class RunningApp(QObject):
    # start-up is done with what it can do alone: the window is built on the checklist, or a
    # dialog waits for the person (how to lock a new checklist, a passphrase, a problem)
    settled = Signal()

    def __init__(
        self,
        app: QApplication,
        layout: VaultLayout,
        instance: SingleInstance,
        build_window: WindowBuilder,
        settings_sections: SectionsBuilder,
        quit_app: Callable[[], None] | None = None,
        quick: QuickStart | None = None,
        lock: LockSetup | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.quit_app = quit_app or app.quit
        self.layout = layout
        self.instance = instance
        self.build_window = build_window
        self.settings_sections = settings_sections
        self.quick = quick
        self.startup = VaultStartup(layout, parent=self)
        self.opening: QWidget | None = None  # a new user's first page, before the window
        self.window: QWidget | None = None
        self.session: AuditSession | None = None
        self.controller: VaultController | None = None
        self.settings: SettingsDialog | None = None
        self.is_settled = False
        self._quitting = False
        self.lock_setup = lock or LockSetup()
        self._app_lock: AppLock | None = None

    @property
    def app_lock(self) -> AppLock:
        """Made when first needed: after the first frame (a new user) or once the checklist is
        open, so start-up does not wait for it."""
        if self._app_lock is None:
            from selfaudit.ui.vault.app_lock import AppLock

            self._app_lock = AppLock(self, self.lock_setup)
        return self._app_lock

    def start(self) -> None:
        self._wire(self.startup)
        self.startup.defer_first_run = True
        self.startup.first_run_needed.connect(self._first_run)
        self.instance.show_requested.connect(self.bring_forward)
        if self.quick is not None and self.layout.has_data():
            self._returning(self.quick)
            return
        self.startup.start()  # a new user's first run begins at once, in here
        if self.opening is None:
            self.instance.listen()
            if self.quick is not None:
                # the checklist opens in the background; what the window needs is read meanwhile
                self.quick.when_ready(lambda: None)

    def _wire(self, startup: VaultStartup) -> None:
        startup.ready.connect(self._ready)
        startup.abandoned.connect(self._abandoned)
        startup.dialog_shown.connect(self._dialog_shown)

    def _dialog_shown(self, dialog: QWidget) -> None:
        self._settle()
        if self.quick is not None:
            self.quick.with_dialog(dialog)

    def _returning(self, quick: QuickStart) -> None:
        """A checklist exists: the window first, saying it is being opened; then the checklist
        is opened, and what the window is built from read, in the background."""
        from selfaudit.ui.first_frame import after_first_frame

        self.opening = quick.show_waiting()
        self.opening.installEventFilter(self)  # closed this early: just quit

        def opened_window() -> None:
            if self._quitting:
                return
            self.instance.listen()
            self.startup.start()
            quick.when_ready(lambda: None)

        after_first_frame(self.opening, opened_window)

    def _settle(self) -> None:
        if not self.is_settled:
            self.is_settled = True
            self.settled.emit()

    def _abandoned(self) -> None:
        self._quitting = True
        self.quit_app()

    def _first_run(self) -> None:
        """No checklist yet: the window first, then choosing how to lock the new checklist over
        it. Answers given meanwhile are saved as soon as it exists."""
        if self.quick is None:
            self._first_run_window()
            return
        if self.opening is not None:  # a checklist was there a moment ago: its window is up
            self.quick.when_ready(self._first_run_window)
            return
        from selfaudit.ui.first_frame import after_first_frame

        quick = self.quick
        self.opening = quick.show_opening()
        self.opening.installEventFilter(self)  # closed this early: just quit
        # the rest is read once the first page is on screen, so it does not hold that up
        after_first_frame(self.opening, lambda: self._after_opening(quick))

    def _after_opening(self, quick: QuickStart) -> None:
        self.instance.listen()  # a second launch can now bring this window forward
        self.startup.look_for_keyring()
        quick.when_ready(self._first_run_window)

    def _first_run_window(self) -> None:
        from selfaudit.audit.state import AppState

        if self._quitting:
            return
        if self.opening is not None:
            self.opening.removeEventFilter(self)  # the window built now takes it over
        self.window, self.session = self.build_window(AppState(), self)
        self.window.installEventFilter(self)  # closed before the checklist exists: just quit
        self.startup.rules = self.app_lock.rules  # the policy is read by now
        if self.quick is not None:
            self.quick.set_up(self._begin_first_run)
        else:
            self.startup.begin_first_run()

    def _begin_first_run(self) -> None:
        if not self._quitting:
            self.startup.begin_first_run()

    def _ready(self, unlocked: UnlockedVault) -> None:
        if self.window is None and self.quick is not None:
            self.quick.when_ready(lambda: self._opened(unlocked))
        else:
            self._opened(unlocked)

    def _opened(self, unlocked: UnlockedVault) -> None:
        from selfaudit.ui.vault.controller import VaultController

        if self._quitting:  # the window was closed while the checklist was being opened
            return

        new = self.window is not None and self.session is not None
        unsaved = self.app_lock.before_window(unlocked)  # left unsaved when it locked
        if new and unlocked.restored:
            # a checklist restored from another computer: its own window replaces the first
            # run's, and nothing done in that one is kept
            self._replace_first_run_window(unlocked)
            new = False
        if self.window is None or self.session is None:
            if self.opening is not None:  # the window building now takes it over
                self.opening.removeEventFilter(self)
            self.window, self.session = self.build_window(unlocked.state, self)
        elif new:  # a new checklist: it takes what the person did while it was being set up
            self.window.removeEventFilter(self)
            unlocked.state = self.session.state
        window, session = self.window, self.session
        self.controller = VaultController(unlocked, session, window, self.quit_app)
        if new or unsaved:
            self.controller.autosave.changed()
        if unlocked.vault.read_only:
            window.setWindowTitle(f"{window.windowTitle()} (read-only)")
        self._settle()
        self.app_lock.opened(self.controller)

    def _replace_first_run_window(self, unlocked: UnlockedVault) -> None:
        old = self.window
        assert old is not None
        old.removeEventFilter(self)
        self.window, self.session = self.build_window(unlocked.state, self)  # shown first
        for widget in (getattr(old, "wizard", None), old):
            if isinstance(widget, QWidget):
                widget.hide()  # not close(): nothing of the first run may react to it
                widget.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        closing = event.type() == QEvent.Type.Close
        if closing and watched is not None and watched in (self.window, self.opening):
            self._quitting = True
            self.startup.raise_current()
            self.quit_app()
        return super().eventFilter(watched, event)

    # locking (app_lock.py) --------------------------------------------------------------------
    def lock(self) -> None:
        self.app_lock.lock()

    def offer_passphrase(self, parent: QWidget | None) -> None:
        self.app_lock.offer_passphrase(parent)

    def watch_lockable(self, owner: QObject, show: Callable[[bool], None]) -> None:
        self.app_lock.watch_lockable(owner, show)

    def forget_person(self) -> None:
        """Locked: lets go of the windows, the session and the open checklist."""
        self.window = self.session = self.controller = self.settings = self.opening = None

    def reopen_after_lock(self) -> None:
        """The unlock screen: the checklist opened again as at start-up."""
        self.startup.deleteLater()
        self.startup = VaultStartup(self.layout, parent=self, after_lock=True)
        self.startup.rules = self.app_lock.rules
        self._wire(self.startup)
        self.startup.start()

    def blobs(self) -> BlobStore:
        if self.controller is None:
            raise VaultError("Your checklist is not open yet.")
        return self.controller.vault.blobs

    def open_settings(self) -> None:
        from selfaudit.ui.settings import SettingsDialog

        if self.controller is None:
            self.startup.raise_current()  # the checklist is still being set up
            return
        self.settings = SettingsDialog(
            self.controller, self.settings_sections(), self.window, lock=self.app_lock
        )
        self.settings.open()

    def bring_forward(self) -> None:
        """A second launch asked for us."""
        window = self.window or self.opening
        if window is None:
            self.startup.raise_current()
            return
        window.showNormal()
        window.raise_()
        window.activateWindow()
