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
    from selfaudit.policy import DEFAULT_POLICY
    from selfaudit.probes import computer_probes
    from selfaudit.ui.wizard import AuditWizard, fit_to_screen

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
    session = AuditSession(catalog, AppState())
    policy = DEFAULT_POLICY
    probes = computer_probes(policy.max_screen_lock_minutes)  # cheap: nothing runs yet
    window = AuditWizard(session, policy, probes=probes)
    fit_to_screen(window)
    window.show()
    return app.exec()


def configure_application(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Online Safety Self-Audit")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
