"""The password page: a live meter that never blocks typing, and a password that is never kept:
not in the session, not in any file, not in the log, not on the clipboard, not after leaving."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.measures.passwords import load_meter_texts
from selfaudit.policy import DEFAULT_POLICY, Policy
from selfaudit.ui.pages.password import PasswordPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.widgets.strength_meter import ON_DARK, ON_LIGHT, score_colour
from selfaudit.ui.wizard import AuditWizard

TEXTS = load_meter_texts()
SECRET = "Violet-Kettle-Harbour-2291"


def open_password_page(
    qtbot: QtBot, policy: Policy = DEFAULT_POLICY
) -> tuple[AuditWizard, PasswordPage]:
    session = AuditSession(load_catalog(), AppState())
    wizard = AuditWizard(session, policy)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    wizard.currentPage().none_box.setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, PasswordPage)
    return wizard, page


def type_and_wait(qtbot: QtBot, page: PasswordPage, text: str) -> None:
    page.password_field.setText(text)
    qtbot.waitUntil(lambda: page.label.text().startswith("Strength") and not page.background.busy())
    qtbot.waitUntil(lambda: not page.timer.isActive() and not page.background.busy())


def test_the_meter_shows_a_weak_password_in_words_and_colour(qtbot: QtBot) -> None:
    _, page = open_password_page(qtbot)
    assert page.label.text() == "Type a password to see how strong it is."
    type_and_wait(qtbot, page, "password")
    assert page.label.text() == f"Strength: {TEXTS.score_labels[0]}"
    assert page.strength.score == 0
    assert page.strength.accessibleDescription() == f"{TEXTS.score_labels[0]}, 0 out of 4"
    assert page.warning.text() == TEXTS.warnings.very_common
    assert page.crack_time.text() and page.suggestions.text().startswith("•")
    wanted = TEXTS.score_labels[DEFAULT_POLICY.min_password_score]
    assert page.policy_note.text() == f'Your employer asks for at least "{wanted}".'


def test_a_strong_password_meets_the_policy(qtbot: QtBot) -> None:
    _, page = open_password_page(qtbot)
    type_and_wait(qtbot, page, "kettle cloud violin")
    assert page.strength.score is not None and page.strength.score >= 3
    assert page.policy_note.isHidden() and page.warning.isHidden()
    assert page.suggestions.text() == f"•  {TEXTS.suggestions.keep_private}"


def test_a_password_over_72_characters_is_estimated_and_says_so(qtbot: QtBot) -> None:
    _, page = open_password_page(qtbot)
    type_and_wait(qtbot, page, "q" * 73)
    assert page.truncated.text() == TEXTS.truncated and not page.truncated.isHidden()


def test_typing_is_debounced_into_one_estimate(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfaudit.measures import passwords

    calls: list[int] = []
    real = passwords.PasswordMeter.measure

    def counting(self: passwords.PasswordMeter, password: str) -> passwords.PasswordStrength:
        calls.append(len(password))
        return real(self, password)

    monkeypatch.setattr(passwords.PasswordMeter, "measure", counting)
    _, page = open_password_page(qtbot)
    for end in range(1, len(SECRET) + 1):
        page.password_field.setText(SECRET[:end])  # faster than the debounce delay
    type_and_wait(qtbot, page, SECRET)
    assert calls == [len(SECRET)]


def test_the_organisation_and_the_name_count_as_guessable(qtbot: QtBot) -> None:
    policy = Policy(organisation="Northshire County Council", password_words=("greenfield",))
    _, page = open_password_page(qtbot, policy)
    type_and_wait(qtbot, page, "Northshire2024")
    assert page.warning.text() == TEXTS.warnings.personal
    page.password_field.clear()
    page.name_field.setText("Priya Okonkwo")
    type_and_wait(qtbot, page, "okonkwo1990")
    assert page.warning.text() == TEXTS.warnings.personal


def test_show_and_hide(qtbot: QtBot) -> None:
    _, page = open_password_page(qtbot)
    assert page.password_field.echoMode() is QLineEdit.EchoMode.Password
    page.show_button.click()
    assert page.password_field.echoMode() is QLineEdit.EchoMode.Normal
    assert page.show_button.text() == "Hide"
    assert page.show_button.accessibleName() == "Hide password"
    page.show_button.click()
    assert page.password_field.echoMode() is QLineEdit.EchoMode.Password


def files_under(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


def test_the_password_never_reaches_the_state_a_file_the_log_or_the_clipboard(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    wizard, page = open_password_page(qtbot)
    changes: list[str] = []
    wizard.session.subscribe(lambda: changes.append(wizard.session.state.model_dump_json()))
    type_and_wait(qtbot, page, SECRET)
    page.password_field.selectAll()
    qtbot.keyClick(page.password_field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    page.show_button.click()  # shown: still no copying, cutting or context menu
    page.password_field.selectAll()
    qtbot.keyClick(page.password_field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.password_field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert page.password_field.contextMenuPolicy() is Qt.ContextMenuPolicy.NoContextMenu
    assert clipboard.text() == "before"
    assert page.password_field.text() == SECRET, "cut must not remove the text either"

    wizard.next()  # leaving the page forgets the password
    assert isinstance(wizard.currentPage(), QuestionsPage)
    assert page.password_field.text() == ""
    assert page.label.text() == "Type a password to see how strong it is."
    state = wizard.session.state.model_dump_json()
    assert SECRET not in state and all(SECRET not in c for c in changes)
    assert SECRET.encode() not in files_under(tmp_path)
    assert SECRET not in caplog.text


def test_going_back_also_forgets_the_password(qtbot: QtBot) -> None:
    wizard, page = open_password_page(qtbot)
    type_and_wait(qtbot, page, SECRET)
    wizard.back()
    assert page.password_field.text() == ""
    wizard.next()
    assert wizard.currentPage() is page and page.strength.score is None


def test_the_colours_work_on_light_and_dark_windows() -> None:
    from PySide6.QtGui import QColor, QPalette

    from selfaudit.ui.widgets.strength_meter import is_dark

    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2d2d2d"))
    assert not is_dark(light) and is_dark(dark)
    for score in range(5):
        assert score_colour(score, light).name() == ON_LIGHT[score]
        assert score_colour(score, dark).name() == ON_DARK[score]
        # each colour stands out from its window (contrast ratio at least 3:1, WCAG non-text)
        for colour, window in ((ON_LIGHT[score], "#f0f0f0"), (ON_DARK[score], "#2d2d2d")):
            assert contrast(colour, window) >= 3, (score, colour)


def luminance(hex_colour: str) -> float:
    from PySide6.QtGui import QColor

    c = QColor(hex_colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_opening_the_window_does_not_load_zxcvbn() -> None:
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from selfaudit.audit import AppState, AuditSession; from selfaudit.content import "
        "load_catalog; from selfaudit.policy import DEFAULT_POLICY; from selfaudit.ui.wizard "
        "import AuditWizard; w = AuditWizard(AuditSession(load_catalog(), AppState()), "
        "DEFAULT_POLICY); w.show(); app.processEvents();"
        "assert 'zxcvbn' not in sys.modules, 'zxcvbn loaded at start'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
