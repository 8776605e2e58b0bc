"""Wires the features into the main window once the person's checklist is open: the friend check,
the evidence log, Settings (with the policy and reminder panels), this computer's probes, and
induction mode. `ui/app.py` runs it through the vault (`run_with_vault`).

`AppAssembly` is what the app is built from: the catalog, the policy in force and this computer's
probes, read on a worker thread (`load`), and the window shown before they are read, which the
main window then takes over: a new user's first page (`show_opening`), or a returning person's
window saying their checklist is being opened (`show_waiting`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from selfaudit.ui.screen_fit import fit_to_screen
from selfaudit.ui.situations.launcher import HelpLauncher
from selfaudit.ui.vault.lock_setup import LockSetup
from selfaudit.ui.vault.running_app import AppServices, QuickStart

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtCore import QObject

    from selfaudit.audit.session import AuditSession
    from selfaudit.audit.state import AppState
    from selfaudit.content.models import Catalog, Platform
    from selfaudit.content.situations import PlanKind
    from selfaudit.evidence.blob_store import BlobStore
    from selfaudit.policy import Policy
    from selfaudit.policy_loader import LoadedPolicy
    from selfaudit.probes import Probe
    from selfaudit.ui.evidence.editor import IncidentStart
    from selfaudit.ui.evidence.window import EvidenceWindow
    from selfaudit.ui.main_window import MainWindow
    from selfaudit.ui.screen_lock import ScreenLockWatch
    from selfaudit.ui.situations.host import HelpHost
    from selfaudit.ui.wizard import AuditWizard
    from selfaudit.vault.lock_rules import LockRules


@dataclass
class AppParts:
    """What every window of the running app is built from."""

    app: QApplication
    args: argparse.Namespace
    catalog: Catalog  # as the policy shapes it (policy_catalog.py): what every window uses
    loaded_policy: LoadedPolicy
    probes: Sequence[Probe]
    session: AuditSession | None = None
    window: MainWindow | None = None
    opening: AuditWizard | None = None  # a new user's first page, shown before the rest
    waiting: MainWindow | None = None  # a returning person's window, shown before the rest
    app_catalog: Catalog | None = None  # the app's own, which the policy panel compares with
    help: HelpLauncher | None = None  # "Something has happened", from any window


def read_parts(
    args: argparse.Namespace,
) -> tuple[Catalog, LoadedPolicy, Sequence[Probe], Catalog]:
    """Qt-free, for a worker thread: the catalog as the policy in force shapes it (a broken
    policy file never stops the app: ui/deployment.py), the policy, this computer's probes
    (nothing runs yet) and the app's own catalog."""
    from selfaudit.content import load_catalog
    from selfaudit.policy_catalog import shape_catalog
    from selfaudit.probes import computer_probes
    from selfaudit.ui.deployment import startup_policy

    catalog = load_catalog()
    loaded = startup_policy(args, catalog)
    probes = computer_probes(loaded.policy.max_screen_lock_minutes)
    return shape_catalog(catalog, loaded.policy), loaded, probes, catalog


class AppAssembly:
    """Builds the app's windows. What they are built from is read once, off the UI thread; a
    new user's first page does not wait for it."""

    def __init__(
        self, app: QApplication, args: argparse.Namespace, quit_app: Callable[[int], None]
    ) -> None:
        self.app = app
        self.args = args
        self.quit_app = quit_app
        self.parts: AppParts | None = None
        self.opening: AuditWizard | None = None
        self.waiting: MainWindow | None = None
        self._waiting: list[Callable[[], None]] = []
        self._loading = False
        # from the first page on, before what it shows has been read
        self.help = HelpLauncher(self.when_ready, self._help_parts, app)

    def quick_start(self) -> QuickStart:
        return QuickStart(
            self.show_opening,
            self.show_waiting,
            self.when_ready,
            self.help.hold_set_up,
            self.help.offer_in_dialog,
        )

    def _help_parts(self) -> tuple[Policy, tuple[Platform, ...]]:
        assert self.parts is not None, "asked for once the parts are read (when_ready)"
        return self.parts.loaded_policy.policy, self.parts.catalog.platforms

    def show_opening(self) -> AuditWizard:
        """The first audit's window on its welcome page, at once: it needs only the
        organisation's name, read from the policy file without checking it yet."""
        from selfaudit.policy_loader import organisation_hint
        from selfaudit.ui.wizard import AuditWizard

        wizard = AuditWizard.opening(organisation_hint(getattr(self.args, "policy", None)))
        wizard.welcome.offer_help(lambda: self.help.open(wizard))
        fit_to_screen(wizard)
        wizard.show()
        self.opening = wizard
        return wizard

    def show_waiting(self) -> MainWindow:
        """A returning person's window, at once: it says their checklist is being opened, and
        shows nothing of theirs until it is."""
        from selfaudit.ui.main_window import MainWindow

        window = MainWindow.waiting()
        window.show()
        self.waiting = window
        return window

    def when_ready(self, then: Callable[[], None]) -> None:
        """Calls `then` (on the UI thread) once the parts are read; starts reading them if
        nothing has yet."""
        if self.parts is not None:
            then()
            return
        self._waiting.append(then)
        if not self._loading:
            from selfaudit.ui.background import run_in_background

            self._loading = True
            run_in_background(
                lambda: read_parts(self.args), self._read, self._failed, detached=True
            )

    def _read(self, found: tuple[Catalog, LoadedPolicy, Sequence[Probe], Catalog]) -> None:
        catalog, loaded, probes, app_catalog = found
        self.parts = AppParts(
            self.app,
            self.args,
            catalog,
            loaded,
            probes,
            opening=self.opening,
            waiting=self.waiting,
            app_catalog=app_catalog,
            help=self.help,
        )
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def _failed(self, error: BaseException) -> None:
        import traceback

        from selfaudit.content import ContentError

        if isinstance(error, ContentError):
            text = (
                "Some of the app's own files are damaged, so it cannot start. "
                f"Please reinstall it or tell your IT team.\n\n{error}"
            )
        else:  # a bug: said plainly, and the details left where a developer can find them
            traceback.print_exception(error)
            text = f"Something unexpected went wrong: {error!r}\n\nPlease tell your IT team."
        QMessageBox.critical(None, "selfaudit cannot start", text)
        self.quit_app(1)

    def build_main_window(
        self, state: AppState, services: AppServices
    ) -> tuple[MainWindow, AuditSession]:
        assert self.parts is not None, "built once the parts are read (when_ready)"
        return build_main_window(self.parts, state, services)

    def settings_sections(self) -> list[tuple[str, QWidget]]:
        assert self.parts is not None
        return settings_sections(self.parts)

    def lock_setup(self) -> LockSetup:
        """What locking needs from here: the policy's rules, the desktop's screen lock, and
        letting go of the person's session when the app locks."""
        return LockSetup(self.lock_rules, this_computers_screen_lock, self.forget_person)

    def lock_rules(self) -> LockRules:
        from selfaudit.vault.lock_rules import LockRules

        if self.parts is None:
            return LockRules()
        return LockRules.from_policy(self.parts.loaded_policy.policy)

    def forget_person(self) -> None:
        self.opening, self.waiting = None, None
        if self.parts is not None:
            self.parts.session = self.parts.window = None
            self.parts.opening, self.parts.waiting = None, None
            if self.parts.help is not None:
                self.parts.help.host = None  # its buttons act on the session: attached again


def this_computers_screen_lock(parent: QObject) -> ScreenLockWatch:
    """The watch for this OS, loaded once the checklist is open (not before the first frame)."""
    from selfaudit.ui.screen_lock import screen_lock_watch

    return screen_lock_watch(parent)


def build_main_window(
    parts: AppParts, state: AppState, services: AppServices
) -> tuple[MainWindow, AuditSession]:
    """Builds and shows the main window on the person's checklist."""
    from selfaudit.audit.session import AuditSession
    from selfaudit.ui.deployment import after_window_shown
    from selfaudit.ui.main_window import Feature, MainWindow

    open_settings = services.open_settings
    induction = bool(getattr(parts.args, "induction", False))
    if induction:
        start_fresh(state)
    policy = parts.loaded_policy.policy
    session = AuditSession(parts.catalog, state)
    window, parts.waiting = parts.waiting, None
    if window is None:
        window = MainWindow(session, policy, probes=parts.probes)
    else:  # the window already up, saying the checklist is being opened
        window.complete(session, policy, parts.probes)
    parts.session, parts.window = session, window
    window.wizard_opened.connect(lambda wizard: offer_in_wizard(wizard, services))
    launcher = something_happened(parts, session, window, services)
    window.wizard_opened.connect(
        lambda wizard: wizard.welcome.offer_help(lambda: launcher.open(wizard))
    )
    window.connect_feature(Feature.SOMETHING_HAPPENED, lambda: launcher.open(window))
    window.connect_feature(
        Feature.FRIEND_CHECK, lambda: open_friend_check(session, window, services)
    )
    window.connect_feature(
        Feature.EVIDENCE_LOG,
        lambda: open_evidence_log(session, services.blobs(), parts, window),
    )
    window.connect_feature(Feature.SETTINGS, open_settings)
    window.connect_feature(Feature.LOCK, services.lock)
    services.watch_lockable(window, lambda shown: window.show_feature(Feature.LOCK, shown))
    opening, parts.opening = parts.opening, None
    if induction:
        # a fresh audit, whatever was done before
        window.start_audit(every_question=True, opening=opening)
    else:
        # the dashboard, or the wizard for a first audit (taking over the first page if it is up)
        window.start(opening)

    def finish() -> None:
        window.close()  # saves, then ends the app (ui/vault/controller.py)

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


def offer_in_wizard(wizard: AuditWizard, services: AppServices) -> None:
    """The wizard's own buttons for the app's services: Settings, and Lock (while the checklist
    asks for a passphrase); and a passphrase offered when service users' names are kept."""
    wizard.offer_settings(services.open_settings)
    wizard.offer_lock(services.lock)
    wizard.offer_passphrase = services.offer_passphrase
    services.watch_lockable(wizard, wizard.show_lock)


def something_happened(
    parts: AppParts, session: AuditSession, window: MainWindow, services: AppServices
) -> HelpLauncher:
    """The launcher of "Something has happened" (the assembly's, which a new user's first page
    already uses), now able to act: record, check friends, add to the plan."""
    launcher = parts.help
    if launcher is None:
        catalog, policy = parts.catalog, parts.loaded_policy.policy
        launcher = parts.help = HelpLauncher(
            lambda then: then(), lambda: (policy, catalog.platforms), parts.app
        )
    launcher.attach(help_host(parts, session, window, services, launcher))
    return launcher


def help_host(
    parts: AppParts,
    session: AuditSession,
    window: MainWindow,
    services: AppServices,
    launcher: HelpLauncher,
) -> HelpHost:
    """What a situation's page does: the evidence log on a new incident, the friend check, an
    action added to the plan. Their windows belong to the main window, so they stay open when
    the help is closed."""
    # what the host's actions need is imported when one is taken, not while the window is built
    from selfaudit.ui.situations.host import HelpHost

    def record(start: IncidentStart, _parent: QWidget) -> None:
        from selfaudit.ui.situations.host import NotReadyError
        from selfaudit.vault.errors import VaultError

        try:
            blobs = services.blobs()
        except VaultError:
            launcher.release()  # a first run: setting up the checklist begins now
            raise NotReadyError(
                "Your checklist is not set up yet, so there is nowhere safe to keep the record. "
                "Set it up in the window that has opened, then choose Record it again."
            ) from None
        evidence = open_evidence_log(session, blobs, parts, window)
        if evidence is not None:
            evidence.add_incident(start)

    def add_to_plan(situation: str, kind: PlanKind, platform: str | None) -> date:
        from selfaudit.audit.plan import build_plan
        from selfaudit.dates import local_date

        item = session.add_situation_action(situation, kind, platform)
        policy = parts.loaded_policy.policy
        plan = build_plan(parts.catalog, session.state, policy, local_date(session.now()))
        window.plan_changed()
        return plan.action(item.id).due

    return HelpHost(
        record=record,
        check_friends=lambda _parent: open_friend_check(session, window, services),
        add_to_plan=add_to_plan,
        plan_shown=lambda: bool(session.state.audits),
    )


def start_fresh(state: AppState) -> None:
    """Induction mode: a fresh audit from the first question. Past audits stay in the history."""
    state.answers.clear()
    state.platforms.clear()


def settings_sections(parts: AppParts) -> list[tuple[str, QWidget]]:
    """The Settings tabs the policy and reminders add, built each time Settings opens."""
    from selfaudit.audit.state import AppState
    from selfaudit.reminders.autostart import login_item
    from selfaudit.reminders.inputs import ReminderInputs, reminder_inputs
    from selfaudit.reminders.launch import reminder_command
    from selfaudit.ui.policy_panel import PolicyPanel
    from selfaudit.ui.reminder_panel import IntervalChoice, ReminderPanel

    session = parts.session
    state = session.state if session is not None else AppState()
    policy = parts.loaded_policy.policy
    inputs = reminder_inputs(state, parts.catalog, policy)
    command = reminder_command(getattr(parts.args, "policy", None))

    def choose(days: int | None) -> ReminderInputs:
        from dataclasses import replace

        from selfaudit.audit.reaudit import schedule

        if session is not None:
            session.set_own_reaudit_days(days)  # saved with the checklist
        # only the schedule depends on it: the plan's actions are not built again
        return replace(inputs, schedule=schedule(parts.catalog, state, policy))

    interval = IntervalChoice(policy.reaudit_days, state.own_reaudit_days, choose)
    return [
        ("Organisation policy", PolicyPanel(parts.loaded_policy, parts.app_catalog)),
        ("Reminders", ReminderPanel(inputs, login_item(), command, interval=interval)),
    ]


def open_friend_check(session: AuditSession, parent: MainWindow, services: AppServices) -> None:
    from selfaudit.ui.friends.dialog import FriendCheckDialog

    dialog = FriendCheckDialog(session, parent)
    dialog.check.keep_list_chosen.connect(lambda: services.offer_passphrase(dialog))
    # the service users it found are in the plan: the dashboard behind shows them once it closes
    dialog.finished.connect(lambda _result: parent.plan_changed())
    dialog.setModal(True)
    dialog.open()


def open_evidence_log(
    session: AuditSession, blobs: BlobStore, parts: AppParts, parent: QWidget
) -> EvidenceWindow | None:
    from selfaudit.content import ContentError
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
        return None
    window.show()
    return window
