""" "Something has happened" in the app: two clicks (or keys) from the dashboard and the first
page to each situation's page, and what each page does: the evidence log opens on a new incident
filled in, the note opens dated and with no name, the friend check opens, the plan gains its
actions. Nothing about the situation is kept unless the person records it or adds it to the
plan."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from selfaudit.audit.state import AppState, FriendMatch
from selfaudit.content import load_catalog
from selfaudit.content.situations import HelpAction, PlanKind, load_situations
from selfaudit.dates import long_date
from selfaudit.paths import resources_dir
from selfaudit.policy_loader import LoadedPolicy, load_policy
from selfaudit.ui import mnemonics
from selfaudit.ui.composition import AppParts, build_main_window
from selfaudit.ui.evidence.editor import IncidentEditor
from selfaudit.ui.evidence.window import EvidenceWindow
from selfaudit.ui.friends.dialog import FriendCheckDialog
from selfaudit.ui.main_window import Feature, MainWindow
from selfaudit.ui.situations.note_dialog import NoteDialog
from selfaudit.ui.situations.page_view import SituationView
from selfaudit.ui.situations.window import SomethingHappenedWindow
from selfaudit.ui.vault.lock_choice import LockChoiceDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.startup_stages import Stage
from selfaudit.vault.layout import VaultLayout
from tests.gui.test_accessibility import sweep
from tests.gui.test_composition import Services
from tests.gui.test_quick_start import App as QuickStartApp
from tests.gui.test_quick_start import layout  # noqa: F401  (a fixture)
from tests.gui.vault_helpers import keep_code_and_continue, open_with_keyring
from tests.unit.test_plan import audited

EXAMPLE = resources_dir() / "policy" / "example-school-federation.toml"
IDS = load_situations().ids
SERVICE_USER = "Ellie Brooks"  # a confirmed friend the note must never name


@pytest.fixture
def parts(qapp: QApplication, app_paths: object) -> AppParts:
    catalog = load_catalog()
    loaded: LoadedPolicy = load_policy(EXAMPLE, catalog=catalog)
    return AppParts(qapp, argparse.Namespace(policy=EXAMPLE, induction=False), catalog, loaded, [])


def audited_state() -> AppState:
    state = audited({}, ["facebook", "instagram"]).state
    state.friend_matches.append(
        FriendMatch(
            friend=SERVICE_USER, platform="instagram", confirmed_at=datetime.now().astimezone()
        )
    )
    return state


class Dashboard:
    """The app after an audit, with "Something has happened" one click away."""

    def __init__(self, qtbot: QtBot, parts: AppParts, state: AppState | None = None) -> None:
        self.qtbot = qtbot
        self.services = Services()
        self.window, self.session = build_main_window(
            parts, state or audited_state(), self.services
        )
        assert isinstance(self.window, MainWindow)
        qtbot.addWidget(self.window)
        self.changes: list[bool] = []
        self.session.subscribe(lambda: self.changes.append(True))

    @property
    def button(self) -> QAbstractButton:
        return self.window.feature_buttons[Feature.SOMETHING_HAPPENED]

    def open_help(self) -> SomethingHappenedWindow:
        self.button.click()  # the first click
        return self.help_window()

    def help_window(self) -> SomethingHappenedWindow:
        found = self.window.findChild(SomethingHappenedWindow)
        assert found is not None and found.isVisible()
        self.qtbot.waitUntil(lambda: found.content is not None)
        return found


def choose(window: SomethingHappenedWindow, situation_id: str) -> SituationView:
    window.choices[situation_id].click()  # the second click
    view = window.view
    assert view is not None and view.page.situation.id == situation_id
    assert view.isVisible() and window.view_scroll is not None
    assert window.stack.currentWidget() is window.view_scroll
    return view


def test_from_the_dashboard_each_situation_s_page_is_two_clicks_away(
    qtbot: QtBot, parts: AppParts
) -> None:
    app = Dashboard(qtbot, parts)
    assert app.button.text() == "Something has &happened…" and app.button.isVisible()
    window = app.open_help()
    assert list(window.choices) == list(IDS)
    for situation_id in IDS:
        view = choose(window, situation_id)
        situation = view.page.situation
        assert view.title.text() == situation.title
        assert view.do_now.accessibleDescription().startswith(view.page.do_now[0].text)
        assert situation.do_now[-1].text in view.do_now.accessibleDescription()
        assert situation.do_not[-1].text in view.do_not.accessibleDescription()
        assert window.back_button.isVisible()
        window.back_button.click()
        assert window.stack.currentWidget() is window.list_page
        assert not window.back_button.isVisible()
    # who to tell comes from the organisation's policy
    view = choose(window, "child-image")
    (card,) = view.contact_cards
    assert card.title.text() == "Designated safeguarding lead: Mrs A. Patel"
    assert set(card.details.copy_buttons) == {"Phone number", "E-mail address"}
    assert view.findChild(QWidget, "image-warning") is not None
    assert not view.action_buttons and not view.plan_buttons  # no "Record it" here
    view = choose(window, "found-friend")
    assert [c.title.text() for c in view.contact_cards] == ["Your line manager"]
    assert set(view.action_buttons) == {HelpAction.CHECK_FRIENDS, HelpAction.NOTE}
    assert set(view.plan_buttons) == {PlanKind.REMOVE_FRIEND, PlanKind.TELL_LINE_MANAGER}
    view = choose(window, "abuse")
    assert [c.objectName() for c in view.outside_cards] == [
        "outside:professionals_helpline",
        "outside:report_harmful_content",
    ]
    # opening it again brings the same window forward
    app.button.click()
    assert app.window.findChildren(SomethingHappenedWindow) == [window]


def test_the_keyboard_alone_reaches_each_page_in_two_keys(qtbot: QtBot, parts: AppParts) -> None:
    app = Dashboard(qtbot, parts)
    app.button.setFocus()
    qtbot.keyClick(app.button, Qt.Key.Key_Space)  # the first key
    window = app.help_window()
    window.activateWindow()  # as the window manager does for a new window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    first = window.choices[IDS[0]]
    assert window.focusWidget() is first
    for index, situation_id in enumerate(IDS):
        focused = window.focusWidget()
        assert focused is window.choices[situation_id], situation_id
        qtbot.keyClick(focused, Qt.Key.Key_Return)  # the second key (after moving to it)
        view = window.view
        assert view is not None and view.page.situation.id == situation_id
        # the keyboard carries on at the top of the page: where it happened, or the steps
        assert window.focusWidget() is view.first_control()
        assert view.first_control() in (view.where, view.do_now, view.warning_box)
        if situation_id == "child-image":
            assert view.warning_box is not None and window.focusWidget() is view.warning_box
        # back to the list: its button is reached with Tab (and has Alt+B)
        assert window.back_button.focusPolicy() & Qt.FocusPolicy.TabFocus
        qtbot.keyClick(window.back_button, Qt.Key.Key_Space)
        assert window.stack.currentWidget() is window.list_page
        assert window.focusWidget() is window.choices[situation_id]
        if index + 1 < len(IDS):
            qtbot.keyClick(window.choices[situation_id], Qt.Key.Key_Tab)


def test_every_control_is_named_reachable_and_has_its_own_alt_letter(
    qtbot: QtBot, parts: AppParts
) -> None:
    app = Dashboard(qtbot, parts)
    window = app.open_help()
    problems = sweep(window, "the list")
    for situation_id in IDS:
        view = choose(window, situation_id)
        problems += sweep(window, situation_id)
        if HelpAction.NOTE in view.action_buttons:
            view.action_buttons[HelpAction.NOTE].click()
            note = view.note_dialog
            qtbot.waitExposed(note)
            problems += sweep(note, f"the note for {situation_id}")
            note.done(0)
    problems += sweep(app.window, "the dashboard")
    assert problems == [], "\n".join(problems)


def test_record_it_opens_the_evidence_log_on_a_new_incident_filled_in(
    qtbot: QtBot, parts: AppParts
) -> None:
    app = Dashboard(qtbot, parts)
    view = choose(app.open_help(), "contact")
    view.where.setCurrentText("Instagram")
    before = datetime.now().astimezone()
    view.action_buttons[HelpAction.RECORD].click()
    (evidence,) = app.window.findChildren(EvidenceWindow)
    qtbot.addWidget(evidence)
    assert evidence.isVisible()
    editor = evidence.findChild(IncidentEditor)
    assert editor is not None and editor.isVisible()
    details = editor.details()
    assert details.platform == "Instagram" and details.channel.value == "social"
    assert details.notes == "What happened: a service user contacted me privately."
    assert abs(details.occurred_at - before) < timedelta(minutes=2)
    assert "evidence log is open" in app.help_window().status.text()
    assert app.session.state.evidence.incidents == []  # nothing until the person saves
    editor.save()
    (incident,) = app.session.state.evidence.incidents
    assert incident.details.platform == "Instagram"


def test_record_it_by_text_message(qtbot: QtBot, parts: AppParts) -> None:
    app = Dashboard(qtbot, parts)
    view = choose(app.open_help(), "abuse")
    view.where.setCurrentText("A text message")
    view.action_buttons[HelpAction.RECORD].click()
    (evidence,) = app.window.findChildren(EvidenceWindow)
    qtbot.addWidget(evidence)
    editor = evidence.findChild(IncidentEditor)
    assert editor is not None
    assert editor.details().channel.value == "text" and editor.details().platform == ""
    assert "abusive, threatening or untrue" in editor.details().notes


def test_the_note_opens_dated_with_no_name_and_goes_to_the_e_mail_program_on_a_click(
    qtbot: QtBot, parts: AppParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(
            lambda url: (
                opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded)) or True
            )
        ),
    )
    app = Dashboard(qtbot, parts)
    for situation_id in ("friend-request", "contact", "found-friend"):
        view = choose(app.open_help(), situation_id)
        view.where.setCurrentText("Instagram")
        view.action_buttons[HelpAction.NOTE].click()
        note = view.note_dialog
        assert isinstance(note, NoteDialog) and note.isVisible()
        text = note.note().as_text()
        assert long_date(date.today()) in text and "on Instagram" in text
        assert SERVICE_USER not in text and "Ellie" not in text
        assert note.note().words < 150
        # the first [prompt] is selected: typing replaces it
        assert note.body.textCursor().selectedText().startswith("[")
        assert opened == []  # nothing opens by itself
        note.done(0)
    note.body.textCursor().insertText("We chatted about homework twice last week.")
    note.email_button.click()
    (address,) = opened
    query = parse_qs(urlsplit(address).query)
    assert query["subject"] == ["A service user among my social media friends"]
    assert "We chatted about homework twice last week." in query["body"][0]
    assert "[" not in query["body"][0].split("\r\n")[4]
    note.copy_button.click()
    assert QGuiApplication.clipboard().text() == note.note().as_text()
    assert "Copied the note" in note.status.text()
    # the note is never kept
    assert "homework" not in app.session.state.model_dump_json()
    assert app.changes == []


def test_closing_a_changed_note_that_was_not_sent_asks_first(
    qtbot: QtBot, parts: AppParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Dashboard(qtbot, parts)
    view = choose(app.open_help(), "friend-request")
    view.action_buttons[HelpAction.NOTE].click()
    note = view.note_dialog
    note.body.insertPlainText("Something only I know.")
    answers = [False, True]
    asked: list[bool] = []

    def forget() -> bool:
        asked.append(True)
        return answers.pop(0)

    monkeypatch.setattr(note, "_forget_anyway", forget)
    note.reject()
    assert note.isVisible() and asked == [True]
    note.reject()
    assert not note.isVisible() and asked == [True, True]


def test_the_note_prints_through_the_system_dialog(
    qtbot: QtBot, parts: AppParts, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    target = tmp_path / "note.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    app = Dashboard(qtbot, parts)
    view = choose(app.open_help(), "contact")
    view.action_buttons[HelpAction.NOTE].click()
    view.note_dialog.print_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    assert "printer" in view.note_dialog.status.text()


def test_check_my_friends_opens_the_friend_check(qtbot: QtBot, parts: AppParts) -> None:
    app = Dashboard(qtbot, parts)
    view = choose(app.open_help(), "found-friend")
    view.action_buttons[HelpAction.CHECK_FRIENDS].click()
    dialog = app.window.findChild(FriendCheckDialog)
    assert dialog is not None and dialog.isVisible()
    # what the check's review does when the person says "Same person"
    app.session.confirm_friend("Sam Other", "facebook", ["friend"])
    dialog.reject()
    # the dashboard behind shows the new action once the check closes
    titles = [a.display_title for a in app.window.dashboard.model.plan.actions]
    assert any("Sam Other" in title for title in titles), titles


def test_adding_to_the_plan_shows_on_the_dashboard_with_its_due_date(
    qtbot: QtBot, parts: AppParts
) -> None:
    app = Dashboard(qtbot, parts)
    window = app.open_help()
    view = choose(window, "found-friend")
    view.where.setCurrentText("Instagram")
    view.plan_buttons[PlanKind.REMOVE_FRIEND].click()
    (item,) = app.session.state.situation_actions
    assert (item.situation, item.kind, item.platform) == (
        "found-friend",
        PlanKind.REMOVE_FRIEND,
        "instagram",
    )
    assert app.changes == [True]  # saved like any change
    due = date.today() + timedelta(days=7)  # the example policy: high in 7 days
    assert window.status.text() == (
        f"Added to your plan: remove or unfollow them, by {long_date(due)}."
    )
    button = view.plan_buttons[PlanKind.REMOVE_FRIEND]
    assert not button.isEnabled() and button.text().startswith("Added to your plan")
    # the dashboard behind the help shows it at once, not at the next start
    titles = [a.title for a in app.window.dashboard.model.plan.actions]
    assert "Remove or unfollow the service user you found on Instagram" in titles


def test_looking_at_every_page_keeps_nothing(qtbot: QtBot, parts: AppParts) -> None:
    state = audited_state()
    before = state.model_dump_json()
    app = Dashboard(qtbot, parts, state)
    window = app.open_help()
    for situation_id in IDS:
        view = choose(window, situation_id)
        if view.page.situation.asks_where:
            view.where.setCurrentText("Facebook")
        for card in view.contact_cards:
            for button in card.details.copy_buttons.values():
                button.click()
        if HelpAction.NOTE in view.action_buttons:
            view.action_buttons[HelpAction.NOTE].click()
            view.note_dialog.copy()
            view.note_dialog.done(0)
    window.reject()
    assert app.changes == [] and state.model_dump_json() == before


def test_copying_a_contact_s_phone_number(qtbot: QtBot, parts: AppParts) -> None:
    app = Dashboard(qtbot, parts)
    window = app.open_help()
    view = choose(window, "child-image")
    view.contact_cards[0].details.copy_buttons["Phone number"].click()
    assert QGuiApplication.clipboard().text() == "01632 960 214"
    assert window.status.text() == "Copied the phone number of Mrs A. Patel: 01632 960 214"


def test_a_wizard_s_first_page_offers_it_too(qtbot: QtBot, parts: AppParts) -> None:
    app = Dashboard(qtbot, parts, AppState())  # no audit yet: straight into the wizard
    wizard = app.window.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    welcome = wizard.welcome
    assert welcome.help_box.isVisible() and welcome.help_button.text() == "Something has &happened…"
    assert mnemonics.clashes(wizard) == []
    welcome.help_button.click()
    window = wizard.findChild(SomethingHappenedWindow)
    assert window is not None
    qtbot.waitUntil(lambda: window.content is not None)
    view = choose(window, "found-friend")
    view.plan_buttons[PlanKind.TELL_LINE_MANAGER].click()
    assert "after your audit" in window.status.text()  # no dashboard yet
    assert len(app.session.state.situation_actions) == 1


def test_without_a_window_to_wire_it_to_the_first_page_hides_the_button(qtbot: QtBot) -> None:
    from selfaudit.ui.wizard import AuditWizard

    wizard = AuditWizard.opening("Riverside")
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.welcome.help_box.isVisible()


def any_button(widget: QWidget, text: str) -> QAbstractButton:
    for button in widget.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            return button
    raise AssertionError(text)


# a new user's first page, before anything is read --------------------------------------------


@pytest.fixture
def first_run(qapp: QApplication, layout: VaultLayout) -> Iterator[QuickStartApp]:  # noqa: F811
    running = QuickStartApp(qapp, layout)
    yield running
    for window in qapp.topLevelWidgets():
        if isinstance(window, EvidenceWindow):
            window.hide()
    running.close()


def test_on_a_first_run_the_first_page_opens_it_and_setting_up_waits_for_it(
    qtbot: QtBot, first_run: QuickStartApp
) -> None:
    first_run.running.start()
    opening = first_run.assembly.opening
    assert opening is not None and first_run.assembly.parts is None
    welcome = opening.welcome
    assert welcome.help_box.isVisible()
    welcome.help_button.click()  # at once: nothing is read yet
    window = opening.findChild(SomethingHappenedWindow)
    assert window is not None and window.isVisible()
    assert window.content is None and window.waiting.text() == "Getting the help ready…"
    qtbot.waitUntil(lambda: window.content is not None)
    # the window was built meanwhile; setting up the checklist has not begun: it waits while
    # the help is open (its dialogs would cover it)
    assert first_run.running.window is not None and first_run.running.startup.dialog is None
    assert first_run.running.startup.stage is Stage.AWAITING_WINDOW
    view = choose(window, "contact")  # two clicks from the first page
    view.action_buttons[HelpAction.RECORD].click()
    # there is nowhere safe to keep a record yet: setting up starts now, and the page says so
    assert "not set up yet" in window.status.text()
    open_with_keyring(qtbot, first_run.running.startup)
    qtbot.waitUntil(lambda: isinstance(first_run.running.startup.dialog, RecoveryCodeDialog))
    dialog = first_run.running.startup.dialog
    assert isinstance(dialog, RecoveryCodeDialog)
    keep_code_and_continue(dialog)
    qtbot.waitUntil(lambda: first_run.running.controller is not None)
    view.action_buttons[HelpAction.RECORD].click()
    evidence = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EvidenceWindow))
    editor = evidence.findChild(IncidentEditor)
    assert editor is not None and "contacted me privately" in editor.details().notes


def test_on_a_first_run_closing_the_help_starts_setting_up(
    qtbot: QtBot, first_run: QuickStartApp
) -> None:
    first_run.running.start()
    opening = first_run.assembly.opening
    assert opening is not None
    welcome = opening.welcome
    welcome.help_button.setFocus()
    qtbot.keyClick(welcome.help_button, Qt.Key.Key_Space)
    window = opening.findChild(SomethingHappenedWindow)
    assert window is not None
    qtbot.waitUntil(lambda: window.content is not None)
    qtbot.keyClick(window.choices["child-image"], Qt.Key.Key_Return)
    assert window.view is not None and window.view.page.situation.id == "child-image"
    assert first_run.running.window is not None
    assert first_run.running.startup.stage is Stage.AWAITING_WINDOW
    window.reject()
    qtbot.waitUntil(lambda: isinstance(first_run.running.startup.dialog, LockChoiceDialog))
    assert first_run.running.window is not None
    assert not first_run.running.window.session.state.situation_actions  # nothing kept


def test_a_first_run_s_set_up_dialog_offers_it_over_the_first_page(
    qtbot: QtBot, first_run: QuickStartApp
) -> None:
    """The dialogs that set up a new checklist cover the first page and its button: they offer
    the help themselves, beside restoring a copy, and it opens over them."""
    first_run.running.start()
    qtbot.waitUntil(lambda: isinstance(first_run.running.startup.dialog, LockChoiceDialog))
    dialog = first_run.running.startup.dialog  # the first: how the checklist opens
    assert dialog is not None
    button = dialog.findChild(QAbstractButton, "something-happened")
    assert button is not None and button.isVisibleTo(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert sweep(dialog, "the passphrase dialog") == []
    button.click()  # the first click
    launcher = first_run.assembly.help
    window = launcher.window
    assert window is not None and window.isVisible() and window.isModal()
    qtbot.waitUntil(lambda: window.content is not None)
    view = choose(window, "abuse")  # the second
    assert view.isVisible()
    window.reject()
    assert launcher.window is None and dialog.isVisible()  # setting up carries on
    open_with_keyring(qtbot, first_run.running.startup)
    qtbot.waitUntil(lambda: isinstance(first_run.running.startup.dialog, RecoveryCodeDialog))
    code = first_run.running.startup.dialog
    assert isinstance(code, RecoveryCodeDialog)
    assert code.findChild(QAbstractButton, "something-happened") is not None  # offered here too
    keep_code_and_continue(code)
    qtbot.waitUntil(lambda: first_run.running.controller is not None)


def test_the_passphrase_dialog_of_a_first_run_offers_it_with_its_own_alt_letter(
    qtbot: QtBot, parts: AppParts
) -> None:
    from selfaudit.ui.situations.launcher import HelpLauncher
    from selfaudit.ui.vault.passphrase import PassphraseDialog

    launcher = HelpLauncher(lambda then: then(), lambda: (parts.loaded_policy.policy, ()))
    dialog = PassphraseDialog(choose=True, offer_restore=True)
    qtbot.addWidget(dialog)
    launcher.offer_in_dialog(dialog)
    launcher.offer_in_dialog(dialog)  # once only, whatever asks twice
    buttons = dialog.findChildren(QAbstractButton, "something-happened")
    assert len(buttons) == 1
    dialog.show()
    qtbot.waitExposed(dialog)
    assert sweep(dialog, "the passphrase dialog") == []
    # a dialog that does not offer a new start (typing the passphrase to open) has none
    opening = PassphraseDialog(choose=False)
    qtbot.addWidget(opening)
    launcher.offer_in_dialog(opening)
    assert opening.findChild(QAbstractButton, "something-happened") is None
