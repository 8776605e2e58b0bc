"""Wires the features into the main window once the person's checklist is open: the friend check,
the evidence log, Settings (with the policy and reminder panels), this computer's probes, and
induction mode. `ui/app.py` runs it through the vault (`run_with_vault`)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import AppState
from selfaudit.content import ContentError
from selfaudit.content.models import Catalog
from selfaudit.policy_loader import LoadedPolicy
from selfaudit.probes import Probe
from selfaudit.ui.main_window import Feature, MainWindow
from selfaudit.ui.vault_app import AppServices
from selfaudit.vault.blobs import BlobStore


@dataclass
class AppParts:
    """What every window of the running app is built from."""

    app: QApplication
    args: argparse.Namespace
    catalog: Catalog
    loaded_policy: LoadedPolicy
    probes: Sequence[Probe]
    session: AuditSession | None = None
    window: MainWindow | None = None


def build_main_window(
    parts: AppParts, state: AppState, services: AppServices
) -> tuple[MainWindow, AuditSession]:
    """Builds and shows the main window on the person's checklist."""
    from selfaudit.ui.deployment import after_window_shown

    open_settings = services.open_settings
    induction = bool(getattr(parts.args, "induction", False))
    if induction:
        start_fresh(state)
    policy = parts.loaded_policy.policy
    session = AuditSession(parts.catalog, state)
    window = MainWindow(session, policy, probes=parts.probes)
    parts.session, parts.window = session, window
    window.wizard_opened.connect(lambda wizard: wizard.offer_settings(open_settings))
    window.connect_feature(Feature.FRIEND_CHECK, lambda: open_friend_check(session, window))
    window.connect_feature(
        Feature.EVIDENCE_LOG,
        lambda: open_evidence_log(session, services.blobs(), parts, window),
    )
    window.connect_feature(Feature.SETTINGS, open_settings)
    if induction:
        window.start_audit(every_question=True)  # a fresh audit, whatever was done before
    else:
        window.start()  # the dashboard, or the wizard for a first audit

    def finish() -> None:
        window.close()  # saves, then ends the app (ui/vault_controller.py)

    after_window_shown(
        parts.app,
        window.wizard or window,
        session,
        parts.loaded_policy,
        parts.args,
        finish=finish,
        receipt=lambda _parent, _session: window.exporter.save_receipt(),
    )
    return window, session


def start_fresh(state: AppState) -> None:
    """Induction mode: a fresh audit from the first question. Past audits stay in the history."""
    state.answers.clear()
    state.platforms.clear()


def settings_sections(parts: AppParts) -> list[tuple[str, QWidget]]:
    """The Settings tabs the policy and reminders add, built each time Settings opens."""
    from selfaudit.reminders import sources
    from selfaudit.reminders.autostart import login_item
    from selfaudit.reminders.launch import reminder_command
    from selfaudit.ui.policy_panel import PolicyPanel
    from selfaudit.ui.reminder_panel import ReminderPanel

    state = parts.session.state if parts.session is not None else AppState()
    policy = parts.loaded_policy.policy
    inputs = sources.reminder_inputs(state, parts.catalog, policy)
    command = reminder_command(getattr(parts.args, "policy", None))
    return [
        ("Organisation policy", PolicyPanel(parts.loaded_policy, parts.catalog)),
        ("Reminders", ReminderPanel(inputs, login_item(), command)),
    ]


def open_friend_check(session: AuditSession, parent: QWidget) -> None:
    from selfaudit.ui.friends.dialog import FriendCheckDialog

    dialog = FriendCheckDialog(session, parent)
    dialog.setModal(True)
    dialog.open()


def open_evidence_log(
    session: AuditSession, blobs: BlobStore, parts: AppParts, parent: QWidget
) -> None:
    from selfaudit.ui.evidence.window import open_evidence_window

    try:
        window = open_evidence_window(
            session.state, blobs, parts.loaded_policy.policy, session.notify_changed, parent
        )
    except ContentError as exc:
        QMessageBox.warning(
            parent,
            "The evidence log cannot open",
            "Some of the app's own files are damaged. Please reinstall it or tell your IT team."
            f"\n\n{exc}",
        )
        return
    window.show()
