"""The organisation policy at start-up: load it without ever failing, and tell the person (and
through them IT) about a policy file that had to be ignored."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

if TYPE_CHECKING:
    from selfaudit.audit.session import AuditSession
    from selfaudit.content.models import Catalog
    from selfaudit.policy_loader import LoadedPolicy
    from selfaudit.ui.induction import ReceiptHook


def startup_policy(args: argparse.Namespace, catalog: Catalog) -> LoadedPolicy:
    """Qt-free, for the start-up's worker thread."""
    from selfaudit.policy_loader import load_policy

    explicit: Path | None = getattr(args, "policy", None)
    return load_policy(explicit, catalog=catalog)


def warn_about_ignored_policy(parent: QWidget, loaded: LoadedPolicy) -> QMessageBox | None:
    """A window-modal note over the app (it does not block start-up) naming each file ignored
    and why. Returns the message box, or None when nothing was ignored."""
    if not loaded.ignored:
        return None
    from selfaudit.ui.policy_panel import ignored_text

    box = QMessageBox(parent)
    box.setObjectName("ignored-policy-message")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("A policy file was ignored")
    box.setText("Your organisation's policy file could not be used.")
    box.setInformativeText("\n\n".join(ignored_text(i, loaded, most=5) for i in loaded.ignored))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def after_window_shown(
    app: QApplication,
    shown: QWidget,
    session: AuditSession,
    loaded: LoadedPolicy,
    args: argparse.Namespace,
    finish: Callable[[], None] | None = None,
    receipt: ReceiptHook | None = None,
) -> None:
    """What IT deployment adds once the window is up: the note about an ignored policy file,
    and in induction mode the finishing window with reminders and the receipt."""
    warn_about_ignored_policy(shown, loaded)
    if getattr(args, "induction", False):
        # induction starts from a fresh state, so the window shown is the first audit's wizard
        assert isinstance(shown, QWizard)
        from selfaudit.reminders.autostart import login_item
        from selfaudit.reminders.launch import reminder_command
        from selfaudit.ui.induction import start_induction

        start_induction(
            shown,
            session,
            login_item(),
            reminder_command(getattr(args, "policy", None)),
            loaded.policy.reaudit_days,
            finish or app.quit,
            receipt,
        )
