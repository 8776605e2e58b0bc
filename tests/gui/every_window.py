"""Every top-level window and dialog of the app, opened in a realistic state, for the sweeps that
must cover them all: the accessibility sweep (test_accessibility.py) and the fit-to-screen check
on small screens (test_fits_the_screen.py). `WINDOW_CLASSES` names the window classes they
cover; a test fails when a window class is added under ui/ without being added here.

Each maker opens its window (shown, as a person would see it) and returns it; the wizard's pages
are walked separately (`wizard_pages`)."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot
from samples import friend_check as scenario
from samples.evidence_log import POLICY, fill
from samples.locking import PassphraseLocking

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.friend_review import Decision
from selfaudit.audit.state import SavedServiceUser
from selfaudit.content import load_catalog
from selfaudit.content.models import Outcome
from selfaudit.evidence.log import IncidentLog
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.policy_loader import LoadedPolicy, load_policy
from selfaudit.ui.composition import AppParts, build_main_window, settings_sections
from selfaudit.ui.wizard import AuditWizard
from selfaudit.vault.lock_rules import LockRules
from tests.doubles import MemoryBlobStore
from tests.gui.test_composition import Services
from tests.unit.test_plan import KNOWN, audited

# the window classes the makers below open (a test compares with every class under ui/)
WINDOW_CLASSES = {
    "AuditWizard",
    "MainWindow",
    "EvidenceWindow",
    "IncidentEditor",
    "DeletedItemsDialog",
    "ImageWarningDialog",
    "FriendCheckDialog",
    "DownloadHelpDialog",
    "SettingsDialog",
    "DeleteDataDialog",
    "PassphraseDialog",
    "RecoveryCodeDialog",
    "RecoveryDialog",
    "KeyringWaitDialog",
    "VaultMessage",
    "ReminderWindow",
    "InductionFinishDialog",
    "CopyLinkDialog",
    "SomethingHappenedWindow",
    "NoteDialog",
    "LockChoiceDialog",
    "UnlockDialog",
}


def app_parts(qapp: QApplication) -> AppParts:
    catalog = load_catalog()
    loaded: LoadedPolicy = load_policy(None, catalog=catalog)
    return AppParts(qapp, argparse.Namespace(policy=None, induction=False), catalog, loaded, [])


def failing_audit() -> AuditSession:
    """A finished audit with things to fix, on two platforms: a plan with several actions."""
    return audited(dict(KNOWN), ["facebook", "instagram"])


class Windows:
    """Opens each window; `data` is what Settings shows (the vault controller in the app)."""

    def __init__(self, qtbot: QtBot, qapp: QApplication, data: object, folder: Path) -> None:
        self.qtbot = qtbot
        self.qapp = qapp
        self.data = data
        self.folder = folder
        self.parts = app_parts(qapp)

    def _shown(self, window: QWidget) -> QWidget:
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)
        return window

    def _new_window(self, before: set[QWidget], kind: type) -> QWidget:
        (window,) = {w for w in QApplication.topLevelWidgets() if isinstance(w, kind)} - before
        self.qtbot.addWidget(window)
        self.qtbot.waitExposed(window)
        return window

    # the main window and what it opens -------------------------------------------------------
    def dashboard(self) -> QWidget:
        from selfaudit.ui.main_window import MainWindow

        # as a checklist that asks for a passphrase shows it: with its Lock button
        window, _ = build_main_window(self.parts, failing_audit().state, Services(lockable=True))
        self.qtbot.addWidget(window)
        self.qtbot.waitExposed(window)
        assert isinstance(window, MainWindow)
        self.main_window = window
        return window

    def start_page(self) -> QWidget:
        from selfaudit.ui.main_window import MainWindow

        session = AuditSession(self.parts.catalog, AppState())
        window = MainWindow(session, DEFAULT_POLICY)
        window.stack.setCurrentWidget(window.start_page)
        return self._shown(window)

    def evidence_log(self) -> QWidget:
        from selfaudit.ui.evidence.window import EvidenceWindow, open_evidence_window

        state = AppState()
        store = MemoryBlobStore()
        fill(IncidentLog(state.evidence, store))
        window = open_evidence_window(state, store, POLICY, lambda: None)
        assert isinstance(window, EvidenceWindow)
        self.evidence = window
        return self._shown(window)

    def incident_editor(self) -> QWidget:
        evidence = self.evidence if hasattr(self, "evidence") else self.evidence_log()
        assert hasattr(evidence, "change_incident")
        evidence.table.selectRow(0)  # type: ignore[attr-defined]
        evidence.change_incident()
        editor = evidence.editor  # type: ignore[attr-defined]
        self.qtbot.waitExposed(editor)
        return editor  # type: ignore[no-any-return]

    def deleted_items(self) -> QWidget:
        evidence = self.evidence if hasattr(self, "evidence") else self.evidence_log()
        evidence.show_deleted()  # type: ignore[attr-defined]
        dialog = evidence.deleted_dialog  # type: ignore[attr-defined]
        self.qtbot.waitExposed(dialog)
        return dialog  # type: ignore[no-any-return]

    def image_warning(self) -> QWidget:
        from selfaudit.evidence.guidance import load_evidence_guidance, safeguarding_contacts
        from selfaudit.ui.evidence.image_warning import ImageWarningDialog

        guidance = load_evidence_guidance()
        assert guidance.image_warning is not None
        return self._shown(
            ImageWarningDialog(guidance.image_warning, safeguarding_contacts(POLICY))
        )

    def friend_check_lists(self) -> QWidget:
        from selfaudit.ui.friends.dialog import FriendCheckDialog

        session = AuditSession(self.parts.catalog, AppState(platforms=["facebook", "instagram"]))
        dialog = FriendCheckDialog(session)
        check = dialog.check
        self._shown(dialog)
        exports = scenario.build_exports(Path(tempfile.mkdtemp(dir=self.folder)))
        check.add_exports(exports)
        self.qtbot.waitUntil(
            lambda: not check.is_busy() and len(check.scans()) == len(exports), timeout=20000
        )
        users = [line.split(",")[0] for line in scenario.SERVICE_USERS_CSV.splitlines()[1:]]
        check.setup.names.setPlainText("\n".join(users))
        self.friend_check = dialog
        return dialog

    def friend_check_review(self) -> QWidget:
        dialog = self.friend_check_lists()
        check = dialog.check  # type: ignore[attr-defined]
        check.start_check()
        self.qtbot.waitUntil(check.showing_review, timeout=20000)
        review = check.review_panel
        review.select(0)
        review.decision_buttons[Decision.SAME.value].click()
        return dialog

    def download_help(self) -> QWidget:
        from selfaudit.ui.friends.download_help import DownloadHelpDialog

        return self._shown(DownloadHelpDialog("facebook"))

    def settings(self) -> Iterator[QWidget]:
        """Settings on each of its tabs."""
        from selfaudit.ui.settings import SettingsDialog

        self.parts.session = failing_audit()
        # with the Locking tab, and kept service users' names (Your data then says where)
        self.data.autosave.session.keep_service_users(  # type: ignore[attr-defined]
            [SavedServiceUser(name="Olivia Brown")]
        )
        dialog = SettingsDialog(
            self.data,  # type: ignore[arg-type]
            settings_sections(self.parts),
            lock=PassphraseLocking(LockRules(longest_idle_minutes=30)),
        )
        self._shown(dialog)
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            self.qtbot.wait(1)
            yield dialog

    def delete_data(self) -> QWidget:
        from selfaudit.ui.settings import DeleteDataDialog

        return self._shown(DeleteDataDialog())

    # start-up and the vault ------------------------------------------------------------------
    def lock_choice(self) -> QWidget:
        """How the checklist opens, as a first run asks it: with "Restore a copy…" and the help
        offered beside it."""
        from selfaudit.ui.situations.launcher import HelpLauncher
        from selfaudit.ui.vault.lock_choice import LockChoiceDialog

        dialog = LockChoiceDialog("GNOME Keyring")
        parts = self.parts
        launcher = HelpLauncher(
            lambda then: then(), lambda: (parts.loaded_policy.policy, parts.catalog.platforms)
        )
        launcher.offer_in_dialog(dialog)
        launcher.setParent(dialog)
        return self._shown(dialog)

    def unlock(self) -> Iterator[QWidget]:
        """The unlock screen at start-up; after a wrong passphrase, with its wait, then with
        the Caps Lock warning too; after the app has locked itself."""
        from selfaudit.ui.vault.unlock import UnlockDialog

        dialog = UnlockDialog()
        yield self._shown(dialog)
        dialog.show_error("That passphrase does not open your checklist.")
        dialog.wait_for(30, just_wrong=True)
        self.qtbot.wait(1)
        yield dialog
        self.qtbot.keyClicks(dialog.passphrase, "Q")  # a capital without Shift: Caps Lock
        assert dialog.field.caps_warning.isVisible()
        self.qtbot.wait(1)
        yield dialog
        yield self._shown(UnlockDialog(after_lock=True))

    def passphrase_choose(self) -> Iterator[QWidget]:
        """Choosing a passphrase: as it opens, then with advice on one easy to guess."""
        from selfaudit.ui.vault.passphrase import PassphraseDialog

        dialog = PassphraseDialog(choose=True, offer_back=True)
        yield self._shown(dialog)
        dialog.passphrase.setText("password1234")
        yield dialog

    def passphrase_unlock(self) -> QWidget:
        from selfaudit.ui.vault.passphrase import PassphraseDialog

        return self._shown(PassphraseDialog(choose=False, reason="Unlock your checklist"))

    def recovery_code_shown(self) -> QWidget:
        from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
        from selfaudit.vault.keys import RecoveryCode

        return self._shown(
            RecoveryCodeDialog(str(RecoveryCode.generate()), "your keyring", first_run=True)
        )

    def recovery_code_asked(self) -> Iterator[QWidget]:
        """When the keyring lost the key; then from the unlock screen, with the way back to
        the passphrase."""
        from selfaudit.ui.vault.recovery import RecoveryDialog

        yield self._shown(
            RecoveryDialog("The key to your checklist is not in your keyring any more.")
        )
        yield self._shown(RecoveryDialog("", offer_passphrase=True))

    def keyring_wait(self) -> QWidget:
        from selfaudit.ui.vault.waiting import KeyringWaitDialog

        dialog = KeyringWaitDialog("GNOME Keyring", "Use my recovery code instead")
        dialog.retry_button.show()
        return self._shown(dialog)

    def vault_message(self) -> QWidget:
        from selfaudit.ui.vault.messages import VaultMessage

        box = VaultMessage(
            None,
            QMessageBox.Icon.Warning,
            "Your checklist file was damaged",
            "selfaudit found a good copy from 3 March 2026 at 9:41am. Carry on from that copy? "
            "The damaged file is kept in the quarantine folder.",
            [("carry_on", "Carry on from the copy"), ("quit", "Quit")],
            lambda _key: None,
        )
        return self._shown(box)

    def reminder(self) -> QWidget:
        from selfaudit.ui.reminder import ReminderWindow
        from tests.gui.test_reminders_ui import due_notice

        return self._shown(ReminderWindow(due_notice(), lambda: True))  # type: ignore[arg-type]

    def induction_finish(self) -> QWidget:
        from selfaudit.reminders.autostart import XdgAutostart
        from selfaudit.ui.induction import InductionFinishDialog

        return self._shown(
            InductionFinishDialog(
                failing_audit(),
                XdgAutostart(self.folder),
                ["selfaudit", "remind", "--if-due"],
                180,
                receipt=lambda parent, session: None,
            )
        )

    def copy_link(self) -> QWidget:
        from PySide6.QtCore import QUrl

        from selfaudit.ui.links import CopyLinkDialog

        return self._shown(
            CopyLinkDialog(QUrl("https://www.facebook.com/settings/?tab=privacy&section=posts"))
        )

    def something_happened(self) -> Iterator[QWidget]:
        """ "Something has happened" from the dashboard: its list, then each kind of page."""
        from selfaudit.ui.main_window import Feature
        from selfaudit.ui.situations.window import SomethingHappenedWindow

        window = self.dashboard()
        assert isinstance(window, QWidget)
        window.feature_buttons[Feature.SOMETHING_HAPPENED].click()  # type: ignore[attr-defined]
        found = window.findChild(SomethingHappenedWindow)
        assert found is not None
        self.qtbot.waitUntil(lambda: found.content is not None, timeout=10000)
        self.help = found
        yield found
        assert found.content is not None
        for situation_id in found.content.situations.ids[:3]:
            found.choose(situation_id)
            self.qtbot.wait(1)
            yield found

    def line_manager_note(self) -> QWidget:
        from selfaudit.content.situations import HelpAction

        help_window = next(self.something_happened())
        assert help_window.content is not None  # type: ignore[attr-defined]
        for situation_id in help_window.content.situations.ids:  # type: ignore[attr-defined]
            view = help_window.choose(situation_id)  # type: ignore[attr-defined]
            if HelpAction.NOTE in view.action_buttons:
                view.action_buttons[HelpAction.NOTE].click()
                note = view.note_dialog
                self.qtbot.waitExposed(note)
                return note  # type: ignore[no-any-return]
        raise AssertionError("no situation offers a note to the line manager")

    def makers(self) -> dict[str, Callable[[], QWidget | Iterator[QWidget]]]:
        return {
            "dashboard": self.dashboard,
            "start page": self.start_page,
            "evidence log": self.evidence_log,
            "incident editor": self.incident_editor,
            "deleted items": self.deleted_items,
            "image warning": self.image_warning,
            "friend check: lists": self.friend_check_lists,
            "friend check: review": self.friend_check_review,
            "download help": self.download_help,
            "settings": self.settings,
            "delete all my data": self.delete_data,
            "how selfaudit opens": self.lock_choice,
            "unlock": self.unlock,
            "choose a passphrase": self.passphrase_choose,
            "unlock with the passphrase": self.passphrase_unlock,
            "recovery code shown": self.recovery_code_shown,
            "recovery code asked": self.recovery_code_asked,
            "waiting for the keyring": self.keyring_wait,
            "vault message": self.vault_message,
            "reminder": self.reminder,
            "end of induction": self.induction_finish,
            "copy the link": self.copy_link,
            "something has happened": self.something_happened,
            "a note to the line manager": self.line_manager_note,
        }

    def open(self, name: str) -> Iterator[QWidget]:
        """The window `name`, once for each state it is checked in."""
        made = self.makers()[name]()
        if isinstance(made, QWidget):
            yield made
        else:
            yield from made


# the makers' names, for pytest's test ids (a test checks they match `Windows.makers`)
WINDOW_NAMES = [
    "dashboard",
    "start page",
    "evidence log",
    "incident editor",
    "deleted items",
    "image warning",
    "friend check: lists",
    "friend check: review",
    "download help",
    "settings",
    "delete all my data",
    "how selfaudit opens",
    "unlock",
    "choose a passphrase",
    "unlock with the passphrase",
    "recovery code shown",
    "recovery code asked",
    "waiting for the keyring",
    "vault message",
    "reminder",
    "end of induction",
    "copy the link",
    "something has happened",
    "a note to the line manager",
]


def shown_wizard(qtbot: QtBot) -> AuditWizard:
    """A first audit's wizard as the app shows it to a checklist that asks for a passphrase:
    with its Settings and Lock buttons and Print your plan…, fitted to the screen."""
    from selfaudit.ui.screen_fit import fit_to_screen

    wizard = AuditWizard(AuditSession(load_catalog(), AppState()), DEFAULT_POLICY)
    qtbot.addWidget(wizard)
    wizard.offer_settings(lambda: None)
    wizard.offer_lock(lambda: None)
    wizard.show_lock(True)
    wizard.offer_print(lambda: None)
    fit_to_screen(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def wizard_pages(wizard: AuditWizard) -> Iterator[QWidget]:
    """Walks a first audit from its first page to its results on every platform, failing every
    question, and yields at each page (the wizard, showing it)."""
    from selfaudit.ui.pages.platforms import PlatformsPage
    from selfaudit.ui.pages.questions import QuestionsPage
    from selfaudit.ui.pages.summary import SummaryPage
    from tests.helpers import answer_for

    for _ in range(200):
        page = wizard.currentPage()
        yield wizard
        if isinstance(page, PlatformsPage):
            for box in page.boxes.values():
                box.setChecked(True)
        elif isinstance(page, QuestionsPage):
            for question in page.shown_questions():
                question.buttons[answer_for(question.check, Outcome.FAIL)].click()
        elif isinstance(page, SummaryPage):
            return
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert next_button.isEnabled(), f"Next is disabled on {page.title()!r}"
        next_button.click()
    raise AssertionError("the wizard never reached its results")


def feature_button(window: QWidget, name: str) -> QAbstractButton:
    button = window.findChild(QAbstractButton, f"feature:{name}")
    assert button is not None, name
    return button
