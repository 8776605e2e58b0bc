"""The policy and reminder pieces of the UI: Settings panels, the reminder, induction, start-up."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.cli import run
from selfaudit.content import load_catalog
from selfaudit.paths import AppPaths, resources_dir
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.policy_loader import load_policy, read_policy_file
from selfaudit.reminders.autostart import AutostartError, XdgAutostart
from selfaudit.reminders.inputs import reminder_inputs
from selfaudit.reminders.notice import reminder
from selfaudit.ui import induction
from selfaudit.ui.contacts import NO_CONTACTS, ContactsPanel
from selfaudit.ui.deployment import after_window_shown, startup_policy
from selfaudit.ui.induction import InductionFinishDialog
from selfaudit.ui.policy_panel import PolicyPanel
from selfaudit.ui.reminder import (
    ReminderWindow,
    TrayReminder,
    detached_launcher,
    present_reminder,
)
from selfaudit.ui.reminder_panel import ReminderPanel
from selfaudit.ui.wizard import AuditWizard
from tests.gui.test_links import opens_links

EXAMPLE = resources_dir() / "policy" / "example-school-federation.toml"
COMMAND = ["selfaudit", "remind", "--if-due"]


def texts(widget: object) -> str:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def deploy(paths: AppPaths, text: str, where: str) -> Path:
    folder = paths.site_config_dirs[0] if where == "system" else paths.config_dir
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "policy.toml"
    target.write_text(text, encoding="utf-8")
    return target


# policy panel ---------------------------------------------------------------------------------
def test_policy_panel_shows_the_policy_and_its_source(qtbot: QtBot, app_paths: AppPaths) -> None:
    system = deploy(app_paths, EXAMPLE.read_text(encoding="utf-8"), "system")
    panel = PolicyPanel(load_policy(None, app_paths, load_catalog()), load_catalog())
    qtbot.addWidget(panel)
    assert str(system) in panel.source_label.text()
    assert "set up by your IT team" in panel.source_label.text()
    assert panel.values["Organisation"].text() == "Riverside Schools Federation"
    assert panel.notices == []


def test_policy_panel_warns_about_an_ignored_file(qtbot: QtBot, app_paths: AppPaths) -> None:
    broken = deploy(app_paths, "organisation = 'X'\nreaudit_dayz = 90\n", "user")
    panel = PolicyPanel(load_policy(None, app_paths, load_catalog()), load_catalog())
    qtbot.addWidget(panel)
    [notice] = panel.notices
    details = notice.details.text()
    assert str(broken) in details and "your own settings folder" in details
    assert "its built-in settings" in details
    assert "line 2, key `reaudit_dayz`" in details and "Did you mean `reaudit_days`?" in details
    assert "built-in settings" in panel.source_label.text()


# contacts -------------------------------------------------------------------------------------
def test_contacts_for_a_section(qtbot: QtBot) -> None:
    policy = read_policy_file(EXAMPLE)
    panel = ContactsPanel(policy, "evidence")
    qtbot.addWidget(panel)
    roles = [label.accessibleName() for label in panel.contact_labels]
    assert "First Response Team (LADO)" in roles and "IT help desk" not in roles
    lado = panel.contact_labels[roles.index("First Response Team (LADO)")].text()
    assert 'href="tel:01632960555"' in lado
    assert 'href="mailto:first.response@riverside-council.example"' in lado
    assert all(opens_links(label) for label in panel.contact_labels)
    links = [label.text() for label in panel.link_labels]
    assert any("Harassment and Bullying" in text for text in links)
    assert any("ICT Acceptable Use" in text for text in links)  # no `measures`: everywhere
    passwords = ContactsPanel(policy, "passwords")
    qtbot.addWidget(passwords)
    assert [label.accessibleName() for label in passwords.contact_labels] == ["IT help desk"]
    assert len(passwords.link_labels) == 1


def test_contacts_without_a_policy_say_who_to_ask(qtbot: QtBot) -> None:
    panel = ContactsPanel(DEFAULT_POLICY, "service_users")
    qtbot.addWidget(panel)
    assert panel.contact_labels == [] and panel.link_labels == []
    assert NO_CONTACTS in texts(panel)


def test_contacts_meant_for_other_sections_are_not_called_missing(qtbot: QtBot) -> None:
    """The example policy names no one for blocking: the section shows its policy link, and never
    says the employer has added no contacts."""
    panel = ContactsPanel(read_policy_file(EXAMPLE), "blocking")
    qtbot.addWidget(panel)
    assert panel.contact_labels == []
    assert any("Harassment and Bullying" in label.text() for label in panel.link_labels)
    assert NO_CONTACTS not in texts(panel)


def test_contact_text_is_escaped(qtbot: QtBot) -> None:
    policy = DEFAULT_POLICY.model_copy(
        update={
            "contacts": (
                read_policy_file(EXAMPLE)
                .contacts[0]
                .model_copy(update={"role": "<b>Boss</b> & co"}),
            )
        }
    )
    panel = ContactsPanel(policy)
    qtbot.addWidget(panel)
    assert "&lt;b&gt;Boss&lt;/b&gt; &amp; co" in panel.contact_labels[0].text()


# reminder panel -------------------------------------------------------------------------------
def audited_state(days_ago: int) -> AppState:
    finished = datetime.now(UTC) - timedelta(days=days_ago)
    session = AuditSession(load_catalog(), AppState(), clock=lambda: finished)
    for check in session.applicable_checks():
        session.set_answer(check.id, "not_sure")
    session.finish()
    return session.state


def make_panel(qtbot: QtBot, login: object, ask: Path | None = None) -> ReminderPanel:
    inputs = reminder_inputs(audited_state(10), load_catalog(), DEFAULT_POLICY)
    panel = ReminderPanel(inputs, login, COMMAND, ask_path=lambda parent: ask)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    qtbot.waitUntil(panel.login_toggle.isEnabled)
    return panel


def test_remind_me_at_login_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    login = XdgAutostart(tmp_path / "xdg")
    panel = make_panel(qtbot, login)
    assert "Your next self-audit is due on" in panel.summary_label.text()
    assert not panel.login_toggle.isChecked()
    with qtbot.waitSignal(panel.login_toggle.ready):
        panel.login_toggle.click()
    assert panel.login_toggle.isChecked() and login.path.exists()
    assert "selfaudit remind --if-due" in login.path.read_text()
    with qtbot.waitSignal(panel.login_toggle.ready):
        panel.login_toggle.click()
    assert not panel.login_toggle.isChecked() and not login.path.exists()


class BrokenLogin:
    location = "nowhere"

    def is_enabled(self) -> bool:
        return False

    def enable(self, command: Sequence[str]) -> None:
        raise AutostartError("Could not create the login item: disk full.")

    def disable(self) -> None:
        pass


def test_a_failed_change_is_shown_and_the_box_unticked(qtbot: QtBot) -> None:
    panel = make_panel(qtbot, BrokenLogin())
    with qtbot.waitSignal(panel.login_toggle.problem):
        panel.login_toggle.click()
    assert not panel.login_toggle.isChecked() and panel.login_toggle.isEnabled()
    assert panel.status_label.text() == "Could not create the login item: disk full."


def test_calendar_button_saves_a_calendar(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "cal" / "reminders.ics"
    panel = make_panel(qtbot, XdgAutostart(tmp_path), ask=target)
    with qtbot.waitSignal(panel.calendar_saved):
        panel.calendar_button.click()
    assert panel.calendar_button.isEnabled()
    assert str(target) in panel.status_label.text()
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert any(str(e["UID"]).startswith("action.") for e in events)


def test_calendar_that_cannot_be_saved_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    panel = make_panel(qtbot, XdgAutostart(tmp_path), ask=blocker / "x.ics")
    panel.calendar_button.click()
    qtbot.waitUntil(lambda: "could not be saved" in panel.status_label.text())
    assert panel.calendar_button.isEnabled()


# the reminder ---------------------------------------------------------------------------------
def due_notice() -> object:
    inputs = reminder_inputs(audited_state(200), load_catalog(), DEFAULT_POLICY)
    return reminder(inputs.schedule, inputs.actions, date.today(), inputs.section_titles)


def test_reminder_window_opens_the_app(qtbot: QtBot) -> None:
    launched: list[bool] = []
    window = ReminderWindow(due_notice(), lambda: launched.append(True) or True)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    assert window.title_label.text() == "Your online safety self-audit is due"
    assert window.open_button.isDefault()
    with qtbot.waitSignal(window.finished):
        window.open_button.click()
    assert launched == [True] and not window.isVisible()


def test_reminder_window_not_now_and_escape_close_it(qtbot: QtBot) -> None:
    launched: list[bool] = []
    window = ReminderWindow(due_notice(), lambda: launched.append(True) or True)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.finished):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert launched == [] and not window.isVisible()


def test_reminder_window_says_when_the_app_cannot_open(qtbot: QtBot) -> None:
    window = ReminderWindow(due_notice(), lambda: False)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.open_button.click()
    assert window.isVisible() and not window.error_label.isHidden()
    assert "applications menu" in window.error_label.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_without_a_tray_the_reminder_is_a_window(qtbot: QtBot) -> None:
    shown = present_reminder(due_notice(), lambda: True, tray_available=False)  # type: ignore[arg-type]
    qtbot.addWidget(shown)  # type: ignore[arg-type]
    assert isinstance(shown, ReminderWindow) and shown.isVisible()


# the offscreen platform has no tray of its own; Qt says so when the icon is shown
@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_with_a_tray_a_click_on_the_message_opens_the_app(qtbot: QtBot) -> None:
    launched: list[bool] = []
    tray = TrayReminder(due_notice(), lambda: launched.append(True) or True)  # type: ignore[arg-type]
    tray.tray.show()
    assert tray.tray.toolTip().endswith("Your online safety self-audit is due")
    with qtbot.waitSignal(tray.finished):
        tray.tray.messageClicked.emit()
    assert launched == [True] and not tray.tray.isVisible()


def test_the_app_is_started_as_its_own_process(qtbot: QtBot, tmp_path: Path) -> None:
    marker = tmp_path / "started"
    code = f"open({str(marker)!r}, 'w').close()"
    assert detached_launcher([sys.executable, "-c", code])()
    qtbot.waitUntil(marker.exists, timeout=20_000)
    assert not detached_launcher([str(tmp_path / "no-such-program")])()


def test_remind_command_shows_the_reminder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfaudit.cli import context
    from selfaudit.ui import reminder as reminder_ui

    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(context, "load_state", lambda ask_passphrase=True: AppState())
    monkeypatch.setattr(
        reminder_ui,
        "show_reminder",
        lambda notice, command: shown.append((notice.title, command)) or 0,
    )
    assert run(["remind", "--if-due"]) == 0
    [(title, command)] = shown
    assert title == "Time for your online safety self-audit"
    assert command[-2:] == ["-m", "selfaudit"]  # opens the app, not another reminder


# start-up and induction -----------------------------------------------------------------------
def test_a_broken_policy_never_stops_the_app(qtbot: QtBot, app_paths: AppPaths) -> None:
    broken = deploy(app_paths, "reaudit_days = 1\n", "system")
    loaded = startup_policy(argparse.Namespace(policy=None), load_catalog())
    assert loaded.policy == DEFAULT_POLICY
    wizard = AuditWizard(AuditSession(load_catalog(), AppState()), loaded.policy)
    qtbot.addWidget(wizard)
    wizard.show()
    after_window_shown(
        QApplication.instance(), wizard, wizard.session, loaded, argparse.Namespace()
    )  # type: ignore[arg-type]
    box = wizard.findChild(QMessageBox, "ignored-policy-message")
    assert box is not None and box.isVisible()
    assert str(broken) in box.informativeText()
    assert "line 1, key `reaudit_days`" in box.informativeText()
    box.accept()


def test_induction_offers_reminders_and_the_receipt(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    receipts: list[AuditSession] = []
    finished: list[int] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    session = AuditSession(load_catalog(), AppState())
    wizard = AuditWizard(session, DEFAULT_POLICY)
    qtbot.addWidget(wizard)
    wizard.show()
    login = XdgAutostart(tmp_path)
    quit_on_close = app.quitOnLastWindowClosed()
    try:
        induction.start_induction(
            wizard,
            session,
            login,
            COMMAND,
            180,
            finish=lambda: finished.append(1),
            receipt=lambda parent, s: receipts.append(s),
        )
        wizard.accept()
        # the one shown now (other tests' dialogs may linger, hidden, until deleted)
        dialog = next(
            w
            for w in app.topLevelWidgets()
            if isinstance(w, InductionFinishDialog) and w.isVisible()
        )
        qtbot.addWidget(dialog)
        assert session.state.audits  # the audit was recorded
        assert "every 180 days" in texts(dialog)
        qtbot.waitUntil(dialog.login_toggle.isEnabled)
        with qtbot.waitSignal(dialog.login_toggle.ready):
            dialog.login_toggle.click()
        assert login.is_enabled()
        assert dialog.receipt_button is not None
        dialog.receipt_button.click()
        assert receipts == [session]
        assert not finished
        dialog.reject()
        assert finished == [1]  # closing the window ends the session (saving first)
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)


def test_induction_without_a_receipt_hook_leaves_it_out(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = InductionFinishDialog(
        AuditSession(load_catalog(), AppState()), XdgAutostart(tmp_path), COMMAND, 180
    )
    qtbot.addWidget(dialog)
    assert dialog.receipt_button is None
    assert "receipt" not in texts(dialog).lower()


@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_the_tray_shows_the_apps_own_icon_without_any_icon_theme(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows and macOS have no icon theme to find it in: the icon comes from the app."""
    from PySide6.QtGui import QIcon

    from selfaudit.ui.app import app_icon

    monkeypatch.setattr(QIcon, "fromTheme", lambda *args: QIcon())  # what Windows answers
    tray = TrayReminder(due_notice(), lambda: True)
    sizes = tray.tray.icon().availableSizes()
    assert sizes and sizes == app_icon().availableSizes()
    window = ReminderWindow(due_notice(), lambda: True)
    qtbot.addWidget(window)
    assert window.windowIcon().availableSizes() == sizes
