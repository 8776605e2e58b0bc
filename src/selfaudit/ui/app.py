"""Starts the Qt application: the composition of catalog, policy, state and the main window."""

from __future__ import annotations

import argparse
import sys

from selfaudit import APP_ID, APP_NAME, __version__


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from selfaudit.audit.session import AuditSession
    from selfaudit.content import ContentError, load_catalog
    from selfaudit.policy import DEFAULT_POLICY
    from selfaudit.ui.vault_app import run_with_vault
    from selfaudit.ui.vault_startup import UnlockedVault
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

    # The vault (ui/vault_app.py) takes the single-instance lock, opens the person's checklist
    # off the UI thread, then calls this to build the window on it; it saves as they go.
    def build_window(unlocked: UnlockedVault) -> tuple[AuditWizard, AuditSession]:
        session = AuditSession(catalog, unlocked.state)
        window = AuditWizard(session, DEFAULT_POLICY)
        fit_to_screen(window)
        return window, session

    return run_with_vault(app, build_window)


def configure_application(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Online Safety Self-Audit")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
