"""Starts the Qt application: the composition of catalog, policy, state and the main window."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from selfaudit import APP_ID, APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

MAX_WINDOW_ICON = 256


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from selfaudit.audit.session import AuditSession
    from selfaudit.audit.state import AppState
    from selfaudit.content import ContentError, load_catalog
    from selfaudit.probes import computer_probes
    from selfaudit.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    try:
        catalog = load_catalog()
    except ContentError as exc:
        QMessageBox.critical(
            None,
            "selfaudit cannot start",
            "Some of the app's own files are damaged, so it cannot start. "
            f"Please reinstall it or tell your IT team.\n\n{exc}",
        )
        return 1
    # issue 8: the organisation policy; a broken file never stops the app (ui/deployment.py)
    from selfaudit.ui.deployment import after_window_shown, startup_policy

    loaded_policy = startup_policy(args, catalog)
    # issue 8: once saved state is loaded here, `--induction` (args.induction) still starts fresh
    session = AuditSession(catalog, AppState())
    policy = loaded_policy.policy
    probes = computer_probes(policy.max_screen_lock_minutes)  # cheap: nothing runs yet
    window = MainWindow(session, policy, probes=probes)
    window.start()  # the dashboard, or the wizard for a first audit
    shown = window.wizard or window
    after_window_shown(app, shown, session, loaded_policy, args)  # issue 8
    if getattr(args, "exit_after_show", False):
        quit_once_shown(app, shown)
    return app.exec()


def configure_application(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Online Safety Self-Audit")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())


def app_icon() -> QIcon:
    """The app's icon at every size rendered from resources/icons (packaging/render_icons.py)."""
    from PySide6.QtGui import QIcon

    from selfaudit.paths import resources_dir

    icon = QIcon()
    for png in (resources_dir() / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.png"):
        side = int(png.parent.parent.name.partition("x")[0])
        # X11 drops the whole window icon when one size is too large to send (512 px is)
        if side <= MAX_WINDOW_ICON:
            icon.addFile(str(png))
    return icon


def quit_once_shown(app: QApplication, window: QWidget) -> None:
    """For the bundle's smoke test (the hidden --exit-after-show): once the window is on screen,
    say which page it shows and quit, so a bundle missing a module fails its build, not a user."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWizard

    handle = window.windowHandle()
    if handle is None or not handle.isExposed():
        QTimer.singleShot(50, lambda: quit_once_shown(app, window))
        return
    page = window.currentPage().title() if isinstance(window, QWizard) else ""
    if sys.stdout is not None:  # a windowed Windows program has no console to print to
        print(f"shown: {window.windowTitle()}: {page}", flush=True)
    app.quit()
