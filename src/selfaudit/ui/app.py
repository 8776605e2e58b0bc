"""Starts the Qt application: the composition of catalog, policy, state and the main window."""

from __future__ import annotations

import argparse
import sys

from selfaudit import APP_ID, APP_NAME, __version__


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from selfaudit.audit.session import AuditSession
    from selfaudit.audit.state import AppState
    from selfaudit.content import ContentError, load_catalog
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
    window = MainWindow(session, loaded_policy.policy)
    window.start()  # the dashboard, or the wizard for a first audit
    after_window_shown(app, window.wizard or window, session, loaded_policy, args)  # issue 8
    return app.exec()


def configure_application(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Online Safety Self-Audit")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
