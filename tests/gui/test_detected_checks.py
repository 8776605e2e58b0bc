"""The device-locking page runs this computer's probes in the background: "checking…", then the
probe's verdict, a re-check button, and when it could not see the setting, the person's own
answer with steps for their system."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.guides import load_computer_guides
from selfaudit.content.models import Outcome
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.probes import Probe, computer_probes
from selfaudit.probes.probe import ProbeResult, ProbeStatus
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.widgets.detected_question import (
    CHECKING,
    COULD_NOT,
    FAILED,
    PASSED,
    DetectedQuestionWidget,
    ProbeView,
    numbered,
)
from selfaudit.ui.wizard import AuditWizard


class FakeProbe:
    """Answers from a list, one result per run; waits for `gate` when given one."""

    def __init__(
        self,
        probe: str,
        *statuses: ProbeStatus,
        system: str = "gnome",
        gate: threading.Event | None = None,
    ) -> None:
        self.id, self.system = probe, system
        self.statuses = list(statuses)
        self.gate = gate
        self.runs = 0

    def run(self) -> ProbeResult:
        if self.gate is not None:
            self.gate.wait(5)
        status = self.statuses[min(self.runs, len(self.statuses) - 1)]
        self.runs += 1
        return ProbeResult(
            self.id, status, f"{self.id} is {status.value}", self.system, {"run": self.runs}
        )


def open_device_page(
    qtbot: QtBot, probes: Sequence[Probe]
) -> tuple[AuditWizard, QuestionsPage, dict[str, DetectedQuestionWidget]]:
    session = AuditSession(load_catalog(), AppState())
    wizard = AuditWizard(session, DEFAULT_POLICY, probes=probes)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    for _ in range(10):
        page = wizard.currentPage()
        if isinstance(page, QuestionsPage) and page.plan.measure.id == "device_locking":
            break
        if hasattr(page, "none_box"):
            page.none_box.setChecked(True)
        elif isinstance(page, QuestionsPage):
            for question in page.shown_questions():
                question.buttons["yes"].click()
        wizard.next()
    assert isinstance(page, QuestionsPage)
    widgets = {q.probe_id: q for q in page.questions if isinstance(q, DetectedQuestionWidget)}
    assert set(widgets) == {"screen_lock", "disk_encryption"}
    return wizard, page, widgets


def settled(wizard: AuditWizard) -> bool:
    return not wizard.probe_checker.background.busy()


def outcome(session: AuditSession, check_id: str) -> Outcome:
    return next(f.outcome for f in session.findings() if f.check.id == check_id)


def test_checking_then_the_verdict_decides_without_asking(qtbot: QtBot) -> None:
    gate = threading.Event()
    probes = [
        FakeProbe("screen_lock", ProbeStatus.PASS, gate=gate),
        FakeProbe("disk_encryption", ProbeStatus.FAIL, system="linux", gate=gate),
    ]
    wizard, _, widgets = open_device_page(qtbot, probes)
    lock, disk = widgets["screen_lock"], widgets["disk_encryption"]
    assert lock.status_label.text() == CHECKING and lock.view() is ProbeView.CHECKING
    assert not lock.recheck_button.isEnabled()
    assert all(b.isHidden() for b in lock.buttons.values())
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled(), "nothing is decided while checking"
    gate.set()
    qtbot.waitUntil(lambda: settled(wizard))
    assert lock.status_label.text() == PASSED and lock.detail_label.text() == "screen_lock is pass"
    assert disk.status_label.text() == FAILED
    assert (lock.view(), disk.view()) == (ProbeView.PASSED, ProbeView.FAILED)
    assert all(b.isHidden() for b in disk.buttons.values())
    assert next_button.isEnabled(), "the probes answered both questions"
    session = wizard.session
    assert outcome(session, "device.screen_lock") is Outcome.PASS
    assert outcome(session, "device.disk_encryption") is Outcome.FAIL
    record = session.probe_result("screen_lock")
    assert record is not None and record.evidence == {"run": 1}
    # a failure comes with the steps to change it, folded away until asked for
    guide = load_computer_guides().for_system("disk_encryption", "linux")
    assert guide is not None
    assert disk.steps_button.text() == f"How to change it on {guide.name}"
    assert disk.steps_label.isHidden()
    disk.steps_button.click()
    assert not disk.steps_label.isHidden()
    assert guide.fix_steps[0] in disk.steps_label.text()


def test_unknown_asks_the_person_with_steps_for_their_system(qtbot: QtBot) -> None:
    probes = [
        FakeProbe("screen_lock", ProbeStatus.UNKNOWN, system="kde"),
        FakeProbe("disk_encryption", ProbeStatus.UNKNOWN, system="linux"),
    ]
    wizard, page, widgets = open_device_page(qtbot, probes)
    qtbot.waitUntil(lambda: settled(wizard))
    lock = widgets["screen_lock"]
    assert lock.status_label.text() == COULD_NOT and lock.view() is ProbeView.COULD_NOT_TELL
    assert lock.detail_label.text() == "screen_lock is unknown"
    assert not any(b.isHidden() for b in lock.buttons.values())
    assert lock.steps_button.text() == "How to check on KDE Plasma"
    assert not lock.steps_label.isHidden(), "the steps are open: the person needs them to answer"
    guide = load_computer_guides().for_system("screen_lock", "kde")
    assert guide is not None
    assert lock.steps_label.text() == numbered(guide.checking("10 minutes"))
    assert not page.isComplete()
    session = wizard.session
    assert outcome(session, "device.screen_lock") is Outcome.UNKNOWN
    lock.buttons["not_sure"].click()
    assert outcome(session, "device.screen_lock") is Outcome.UNKNOWN, "Not sure is never a pass"
    lock.buttons["yes"].click()
    assert outcome(session, "device.screen_lock") is Outcome.PASS


def test_check_again_runs_the_probe_again(qtbot: QtBot) -> None:
    lock_probe = FakeProbe("screen_lock", ProbeStatus.UNKNOWN, ProbeStatus.PASS)
    wizard, _, widgets = open_device_page(
        qtbot, [lock_probe, FakeProbe("disk_encryption", ProbeStatus.PASS, system="linux")]
    )
    qtbot.waitUntil(lambda: settled(wizard))
    lock = widgets["screen_lock"]
    assert lock.status_label.text() == COULD_NOT
    lock.recheck_button.click()
    qtbot.waitUntil(lambda: settled(wizard))
    assert lock_probe.runs == 2
    assert lock.status_label.text() == PASSED
    assert all(b.isHidden() for b in lock.buttons.values())


def test_coming_back_to_the_page_does_not_run_the_probes_again(qtbot: QtBot) -> None:
    probes = [
        FakeProbe("screen_lock", ProbeStatus.PASS),
        FakeProbe("disk_encryption", ProbeStatus.PASS, system="linux"),
    ]
    wizard, page, _ = open_device_page(qtbot, probes)
    qtbot.waitUntil(lambda: settled(wizard))
    wizard.back()
    wizard.next()
    assert wizard.currentPage() is page and settled(wizard)
    assert [p.runs for p in probes] == [1, 1]


def test_without_probes_every_detected_check_is_asked(qtbot: QtBot) -> None:
    wizard, _, widgets = open_device_page(qtbot, [])
    assert settled(wizard), "nothing to run"
    for widget in widgets.values():
        assert widget.status_label.text() == COULD_NOT and widget.view() is ProbeView.NOT_CHECKED
        assert widget.detail_label.isHidden()  # nothing ran, so nothing to say why
        assert widget.recheck_button.isHidden()
        assert not any(b.isHidden() for b in widget.buttons.values())


def test_on_this_machine_without_a_desktop_the_wizard_asks_about_the_screen_lock(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    monkeypatch.delenv("DESKTOP_SESSION", raising=False)
    wizard, _, widgets = open_device_page(qtbot, computer_probes(10))
    qtbot.waitUntil(lambda: settled(wizard), timeout=30_000)
    lock = widgets["screen_lock"]
    record = wizard.session.probe_result("screen_lock")
    assert record is not None and record.status is ProbeStatus.UNKNOWN
    assert lock.status_label.text() == COULD_NOT
    assert not any(b.isHidden() for b in lock.buttons.values())
