"""The app around the vault: one instance, the checklist opened before the window is built,
autosave and save on close, and Settings. `run_app` (ui/app.py) hands over a function that
builds the main window on the opened state; this module does the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import AppState
from selfaudit.paths import AppPaths
from selfaudit.ui.settings import SettingsDialog
from selfaudit.ui.vault_controller import VaultController
from selfaudit.ui.vault_instance import SingleInstance
from selfaudit.ui.vault_startup import UnlockedVault, VaultStartup
from selfaudit.vault.blobs import BlobStore
from selfaudit.vault.errors import VaultError
from selfaudit.vault.layout import VaultLayout


class AppServices(Protocol):
    """What the running app offers the windows built on it."""

    def open_settings(self) -> None: ...

    def blobs(self) -> BlobStore: ...


# builds and shows the main window and the session it edits, on the person's checklist
WindowBuilder = Callable[[AppState, AppServices], tuple[QWidget, AuditSession]]
# the Settings tabs other features add: (title, widget), built each time Settings opens
SectionsBuilder = Callable[[], Sequence[tuple[str, QWidget]]]


def run_with_vault(
    app: QApplication,
    build_window: WindowBuilder,
    settings_sections: SectionsBuilder = lambda: (),
    paths: AppPaths | None = None,
) -> int:
    layout = VaultLayout((paths or AppPaths.for_user()).data_dir)
    instance = SingleInstance(layout)
    try:
        claimed = instance.claim()
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
    running = RunningApp(app, layout, instance, build_window, settings_sections)
    running.start()
    try:
        return app.exec()
    finally:
        instance.release()


class RunningApp(QObject):
    def __init__(
        self,
        app: QApplication,
        layout: VaultLayout,
        instance: SingleInstance,
        build_window: WindowBuilder,
        settings_sections: SectionsBuilder,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.quit_app = quit_app or app.quit
        self.layout = layout
        self.instance = instance
        self.build_window = build_window
        self.settings_sections = settings_sections
        self.startup = VaultStartup(layout, parent=self)
        self.window: QWidget | None = None
        self.session: AuditSession | None = None
        self.controller: VaultController | None = None
        self.settings: SettingsDialog | None = None

    def start(self) -> None:
        self.startup.ready.connect(self._ready)
        self.startup.abandoned.connect(self.quit_app)
        self.startup.defer_first_run = True
        self.startup.first_run_needed.connect(self._first_run)
        self.instance.show_requested.connect(self.bring_forward)
        self.startup.start()

    def _first_run(self) -> None:
        """No checklist yet: the window first, then choosing how to lock the new checklist over
        it. Answers given meanwhile are saved as soon as it exists."""
        self.window, self.session = self.build_window(AppState(), self)
        self.window.installEventFilter(self)  # closed before the checklist exists: just quit
        self.startup.begin_first_run()

    def _ready(self, unlocked: UnlockedVault) -> None:
        new = self.window is not None and self.session is not None
        if self.window is None or self.session is None:
            self.window, self.session = self.build_window(unlocked.state, self)
        else:  # a new checklist: it takes what the person did while it was being set up
            self.window.removeEventFilter(self)
            unlocked.state = self.session.state
        window, session = self.window, self.session
        self.controller = VaultController(unlocked, session, window, self.quit_app)
        if new:
            self.controller.autosave.changed()
        if unlocked.vault.read_only:
            window.setWindowTitle(f"{window.windowTitle()} (read-only)")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.startup.raise_current()
            self.quit_app()
        return super().eventFilter(watched, event)

    def blobs(self) -> BlobStore:
        if self.controller is None:
            raise VaultError("Your checklist is not open yet.")
        return self.controller.vault.blobs

    def open_settings(self) -> None:
        if self.controller is None:
            self.startup.raise_current()  # the checklist is still being set up
            return
        self.settings = SettingsDialog(self.controller, self.settings_sections(), self.window)
        self.settings.open()

    def bring_forward(self) -> None:
        """A second launch asked for us."""
        if self.window is None:
            self.startup.raise_current()
            return
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
