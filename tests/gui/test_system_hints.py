"""A question's hint for the system the app runs on: the keys that lock this computer are the
ones its desktop uses (Super and L on GNOME and KDE), as the screen-lock probe names the system;
without probes the hint names every system."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.guides import load_computer_guides
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.probes import SYSTEMS
from selfaudit.probes.probe import SCREEN_LOCK, ProbeStatus
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.widgets.question import QuestionWidget
from selfaudit.ui.wizard import AuditWizard
from tests.gui.test_detected_checks import FakeProbe

CHECK = "device.lock_when_away"


def lock_question(qtbot: QtBot, system: str | None) -> QuestionWidget:
    session = AuditSession(load_catalog(), AppState())
    probes = [FakeProbe(SCREEN_LOCK, ProbeStatus.PASS, system=system)] if system is not None else []
    wizard = AuditWizard(session, DEFAULT_POLICY, probes=probes)
    qtbot.addWidget(wizard)
    wizard.show()
    index = next(
        i
        for i, page in enumerate(wizard.audit_pages)
        if isinstance(page, QuestionsPage) and any(c.id == CHECK for c in page.plan.checks)
    )
    wizard.setStartId(index)
    wizard.restart()
    page = wizard.currentPage()
    assert isinstance(page, QuestionsPage)
    qtbot.waitUntil(lambda: not wizard.probe_checker.background.busy())
    return next(q for q in page.questions if q.check.id == CHECK)


@pytest.mark.parametrize(
    ("system", "keys"),
    [
        ("gnome", "Super key"),
        ("kde", "Super key"),
        ("windows", "Windows key and L"),
        ("macos", "Control, Command and Q"),
        ("cinnamon", "Ctrl, Alt and L"),
    ],
)
def test_the_lock_keys_are_those_of_this_computer(qtbot: QtBot, system: str, keys: str) -> None:
    question = lock_question(qtbot, system)
    hint = question.hint_label.text()
    assert keys in hint and hint.startswith("On this")
    others = {"windows": "Windows key and L", "macos": "Command"}
    for other, words in others.items():
        if other != system:
            assert words not in hint, f"{system} shows {other}'s keys"


def test_without_probes_the_hint_names_every_system(qtbot: QtBot) -> None:
    hint = lock_question(qtbot, None).hint_label.text()
    assert "Windows key and L" in hint and "Control, Command and Q" in hint
    assert "Super key and L" in hint


def test_every_screen_lock_system_has_its_hint() -> None:
    guides = load_computer_guides()
    for check in load_catalog().checks:
        if check.system_hint:
            for system in SYSTEMS[SCREEN_LOCK]:
                assert guides.hint(check.system_hint, system), (check.id, system)
