"""The main window and dashboard, driven through their API: first audit to printed plan, ticks,
filters, probe re-checks, re-audits, exports, and no button without a handler."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from selfaudit.audit import AuditSession
from selfaudit.audit.plan import build_plan, check_action_id
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.reaudit import due_again
from selfaudit.content.models import Outcome
from selfaudit.policy import Policy
from selfaudit.probes import ProbeResult, ProbeStatus
from selfaudit.ui.main_window import Feature, MainWindow
from selfaudit.ui.pages.summary import SummaryPage
from selfaudit.ui.plan_export import HTML, MARKDOWN, PDF
from selfaudit.ui.plan_model import PlanFilter, PlanTableModel, StatusFilter
from tests.gui.conftest import walk
from tests.gui.test_report_pdf import page_texts
from tests.helpers import answer_for
from tests.unit.test_plan import AUDIT_DAY, KNOWN, TODAY, Clock, audited
from tests.unit.test_report import CANARY, POLICY, realistic_state


@pytest.fixture
def clock() -> Clock:
    return Clock(AUDIT_DAY)


@pytest.fixture
def known_session(clock: Clock) -> AuditSession:
    session = audited(KNOWN, ["facebook"], clock)
    session.state.friend_matches = realistic_state().friend_matches
    return session


@pytest.fixture
def window(qtbot: QtBot, known_session: AuditSession) -> MainWindow:
    main = MainWindow(known_session, POLICY)
    qtbot.addWidget(main)
    main.start()
    qtbot.waitExposed(main)
    return main


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_item_models_pass_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = PlanTableModel()
    model.set_plan(build_plan(*_catalog_state_policy(), TODAY))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    proxy = PlanFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_status(StatusFilter.ALL)
    qtmodeltester.check(proxy)


def _catalog_state_policy() -> tuple[object, ...]:
    state = realistic_state()
    from selfaudit.content import load_catalog

    return load_catalog(), state, Policy()


def test_dashboard_shows_score_first_action_and_plan(window: MainWindow) -> None:
    dashboard = window.dashboard
    assert window.stack.currentWidget() is dashboard
    plan = dashboard.current_plan()
    assert (
        dashboard.score_label.text() == f"Your score: {window.session.scores().overall} out of 100"
    )
    assert plan.first is not None
    assert dashboard.first_title.text() == plan.first.display_title
    assert CANARY in dashboard.first_title.text()  # the app names the friend; exports never do
    assert dashboard.filter.rowCount() == plan.open_count
    assert "Next audit due: 23 May 2027" in dashboard.audit_dates.text()
    assert "first audit" in dashboard.changes_label.text()
    # the keyboard starts on the first thing to do, not at the far corner
    assert dashboard.first_show.hasFocus()


def test_ticking_off_survives_and_filters(window: MainWindow, clock: Clock) -> None:
    dashboard = window.dashboard
    first = dashboard.current_plan().first
    assert first is not None
    dashboard.first_done.click()
    progress = window.session.state.action_progress[first.id]
    assert progress.status is ActionStatus.DONE and progress.done_on == TODAY
    assert "Marked as done" in dashboard.message.text()
    new_first = dashboard.current_plan().first
    assert new_first is not None and new_first.id != first.id
    # snooze the selected one through its menu, then mark one as not applying
    dashboard._reselect(new_first.id)
    dashboard.snooze_button.menu().actions()[0].trigger()
    snoozed = window.session.state.action_progress[new_first.id]
    assert snoozed.snoozed_until == TODAY + timedelta(days=7)
    dashboard.status_combo.setCurrentIndex(dashboard.status_combo.findData(StatusFilter.DONE))
    assert dashboard.filter.rowCount() == 1
    assert dashboard.selected_action() is not None
    assert dashboard.selected_action().id == first.id  # type: ignore[union-attr]
    assert dashboard.todo_button.isVisible() and not dashboard.done_button.isVisible()
    dashboard.todo_button.click()
    assert first.id not in window.session.state.action_progress
    dashboard.status_combo.setCurrentIndex(dashboard.status_combo.findData(StatusFilter.ALL))
    dashboard.measure_combo.setCurrentIndex(dashboard.measure_combo.findData("passwords"))
    shown = [
        dashboard.model.action_at(dashboard.filter.mapToSource(dashboard.filter.index(r, 0)).row())
        for r in range(dashboard.filter.rowCount())
    ]
    assert shown and all(a.measure_id == "passwords" for a in shown)


def test_feature_buttons_appear_only_with_a_handler(qtbot: QtBot, window: MainWindow) -> None:
    names = {b.objectName() for b in window.dashboard.findChildren(QPushButton)}
    assert not any(n.startswith("feature:") for n in names)
    called: list[str] = []
    window.connect_feature(Feature.EVIDENCE_LOG, lambda: called.append("evidence"))
    button = window.dashboard.findChild(QPushButton, "feature:evidence_log")
    assert button is not None and button.isVisible()
    assert button.text() == "&Evidence log"
    button.click()
    window.connect_feature(Feature.EVIDENCE_LOG, lambda: called.append("again"))
    button.click()
    assert called == ["evidence", "again"]
    assert window.dashboard.findChild(QPushButton, "feature:settings") is None


@pytest.mark.parametrize(
    ("seen", "done", "message"),
    [
        (Outcome.PASS, True, "Checked"),
        (Outcome.FAIL, False, "still shows it is not done"),
        (Outcome.UNKNOWN, True, "on your word"),
    ],
)
def test_marking_done_re_runs_the_probe(
    qtbot: QtBot, clock: Clock, seen: Outcome, done: bool, message: str
) -> None:
    session = audited({"device.screen_lock": Outcome.FAIL}, [], clock)
    asked: list[str] = []

    class ScreenLock:
        id = "screen_lock"
        system = "gnome"

        def run(self) -> ProbeResult:
            asked.append(self.id)
            return ProbeResult(self.id, ProbeStatus(seen.value), "what the probe saw", "gnome")

    main = MainWindow(session, Policy(), probes=[ScreenLock()])
    qtbot.addWidget(main)
    main.start()
    action_id = check_action_id("device.screen_lock")
    main.dashboard._reselect(action_id)
    main.dashboard.done_button.click()
    qtbot.waitUntil(lambda: message in main.dashboard.message.text())
    assert asked == ["screen_lock"]
    recorded = session.state.action_progress.get(action_id)
    assert (recorded is not None and recorded.status is ActionStatus.DONE) is done
    # what the probe saw is recorded and decides the check (unknown falls back to the answer)
    record = session.probe_result("screen_lock")
    assert record is not None and record.status.value == seen.value
    finding = next(f for f in session.findings() if f.check.id == "device.screen_lock")
    assert (finding.outcome is Outcome.PASS) is (seen is Outcome.PASS)


def test_first_audit_to_printed_plan_in_two_clicks(
    qtbot: QtBot, session: AuditSession, tmp_path: Path
) -> None:
    main = MainWindow(session, POLICY)
    qtbot.addWidget(main)
    main.start()
    wizard = main.wizard
    assert wizard is not None and wizard.isVisible() and not main.isVisible()
    print_button = wizard.button(QWizard.WizardButton.CustomButton1)
    assert not print_button.isVisible()
    walk(wizard, ["facebook"], lambda c: answer_for(c, Outcome.FAIL))
    assert isinstance(wizard.currentPage(), SummaryPage)
    assert print_button.isVisible() and print_button.text() == "&Print your plan…"
    printed = tmp_path / "printed.pdf"
    main.exporter.choose_printer = lambda: pdf_printer(printed)  # type: ignore[method-assign]
    print_button.click()  # click 1; click 2 is Print in the system dialog
    text = " ".join(page_texts(printed))
    assert "Do this first" in text and "Riverside" in text
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(main.isVisible)
    assert main.wizard is None
    assert main.stack.currentWidget() is main.dashboard
    assert len(session.state.audits) == 1


def test_cancelled_first_audit_shows_the_start_page(qtbot: QtBot, session: AuditSession) -> None:
    main = MainWindow(session, Policy())
    qtbot.addWidget(main)
    main.start()
    assert main.wizard is not None
    main.wizard.reject()
    qtbot.waitUntil(main.isVisible)
    assert main.stack.currentWidget() is main.start_page
    assert session.state.audits == []


def test_start_your_audit_carries_on_where_the_person_stopped(
    qtbot: QtBot, session: AuditSession
) -> None:
    from selfaudit.ui.pages.questions import QuestionsPage

    main = MainWindow(session, Policy())
    qtbot.addWidget(main)
    main.start()
    wizard = main.wizard
    assert wizard is not None
    wizard.next()
    wizard.currentPage().boxes["facebook"].setChecked(True)  # type: ignore[attr-defined]
    answered: list[str] = []
    while len(answered) < 3:  # two pages answered, the third begun
        wizard.next()
        page = wizard.currentPage()
        if isinstance(page, QuestionsPage):
            answered.append(page.title())
            shown = page.shown_questions()
            for question in shown if len(answered) < 3 else shown[-1:]:
                question.buttons[next(iter(question.buttons))].click()
    wizard.reject()
    qtbot.waitUntil(main.isVisible)
    assert main.stack.currentWidget() is main.start_page
    start = main.start_page.findChild(QPushButton, "start-audit")
    assert start is not None
    start.click()
    resumed = main.wizard
    assert resumed is not None and resumed is not wizard
    assert resumed.currentPage().title() == answered[2]
    resumed.back()  # the pages before it are there to go back to, answers kept
    assert resumed.currentPage().title() == answered[1]
    assert all(q.value() is not None for q in resumed.currentPage().shown_questions())  # type: ignore[attr-defined]


def test_reaudit_asks_only_what_is_due_and_adds_to_history(
    qtbot: QtBot, clock: Clock, known_session: AuditSession, window: MainWindow
) -> None:
    clock.now = AUDIT_DAY + timedelta(days=40)
    expected = [
        c.id for c in due_again(known_session.catalog, known_session.state, POLICY, clock.now)
    ]
    window.dashboard.reaudit_button.click()
    wizard = window.wizard
    assert wizard is not None and not window.isVisible()
    assert wizard.currentPage().title() == "Time to check again"
    shown = walk(wizard, ["facebook"], lambda c: answer_for(c, Outcome.PASS))
    assert sorted(shown) == sorted(expected)
    assert "passwords.not_shared" not in shown  # passing and fresh: not asked again
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(window.isVisible)
    assert len(known_session.state.audits) == 2
    assert "went up" in window.dashboard.changes_label.text()
    # "Ask every question again" asks them all
    window.dashboard.full_audit_action.trigger()
    assert window.wizard is not None
    every = walk(window.wizard, ["facebook"], lambda c: answer_for(c, Outcome.PASS))
    assert len(every) == len(known_session.applicable_checks())
    window.wizard.reject()


@pytest.mark.parametrize("fmt", [PDF, HTML, MARKDOWN])
def test_saving_the_plan_in_the_background(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, fmt: object
) -> None:
    target = tmp_path / "my-plan"
    window.exporter.choose_path = lambda *_: target.with_suffix(fmt.suffix)  # type: ignore[attr-defined,method-assign]
    with qtbot.waitSignal(window.exporter.saved, timeout=10000) as saved:
        window.exporter.save_plan(fmt)  # type: ignore[arg-type]
    path = target.with_suffix(fmt.suffix)  # type: ignore[attr-defined]
    assert saved.args == [f"Saved your plan to {path}"]
    assert path.stat().st_size > 1000
    assert window.dashboard.message.text() == saved.args[0]
    if fmt is not PDF:
        assert CANARY not in path.read_text(encoding="utf-8")


def test_saving_the_receipt(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "receipt.pdf"
    window.exporter.ask_name = lambda: "Alex Morgan"  # type: ignore[method-assign]
    window.exporter.choose_path = lambda *_: path  # type: ignore[method-assign]
    with qtbot.waitSignal(window.exporter.saved, timeout=10000):
        window.exporter.save_receipt()
    (text,) = page_texts(path)
    assert "Alex Morgan" in text and CANARY not in text


def test_a_failed_save_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "selfaudit.ui.plan_export.QMessageBox.warning", lambda *args: shown.append(args[2])
    )
    window.exporter.choose_path = lambda *_: tmp_path / "missing" / "plan.md"  # type: ignore[method-assign]
    with qtbot.waitSignal(window.exporter.failed, timeout=10000):
        window.exporter.save_plan(MARKDOWN)
    assert shown and shown[0].startswith("cannot write in")


def test_the_save_menu_offers_every_format_and_the_receipt(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    menu = window.dashboard.save_menu
    menu.aboutToShow.emit()  # filled as it first opens
    menu.aboutToShow.emit()  # and only once
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == [f"Plan as {fmt.label}" for fmt in (PDF, HTML, MARKDOWN)] + [
        "Completion receipt (PDF)…"
    ]
    target = tmp_path / "from-the-menu.html"
    window.exporter.choose_path = lambda *_: target  # type: ignore[method-assign]
    with qtbot.waitSignal(window.exporter.saved, timeout=10000):
        menu.actions()[1].trigger()  # Plan as a web page
    assert target.stat().st_size > 1000
    assert window.dashboard.message.text() == f"Saved your plan to {target}"


def test_the_plans_columns_fit_every_text_they_can_hold(window: MainWindow) -> None:
    """Sized once from the texts a column can hold, not by measuring every row."""
    from datetime import date

    from selfaudit.ui.plan_model import Column, short_date, status_text

    table = window.dashboard.table
    header, cells = table.horizontalHeader(), table.fontMetrics()
    plan = window.dashboard.current_plan()
    samples = {column: [] for column in (Column.PRIORITY, Column.DUE, Column.STATUS)}
    for row in range(window.dashboard.model.rowCount()):
        for column in samples:
            samples[column].append(window.dashboard.model.index(row, column).data())
    for day in (date(2026, 5, 1), date(2027, 9, 28), date(2026, 12, 31)):
        samples[Column.DUE].append(short_date(day))
    action = plan.actions[0]
    for progress in ("Done 28 Sep 2027", "Snoozed to 28 Sep 2027"):
        samples[Column.STATUS].append(progress)
    samples[Column.STATUS].append(status_text(action, date(2099, 1, 1)))
    for column, texts in samples.items():
        widest = max(cells.horizontalAdvance(text) for text in texts if text)
        assert widest < header.sectionSize(column), (Column.TITLES[column], texts)
