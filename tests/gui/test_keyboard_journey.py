"""The whole of a first audit with the keyboard alone: from the first run (how selfaudit opens,
a passphrase, the recovery code) through every page of the wizard to the dashboard, then an
action of the plan ticked off, and selfaudit locked and unlocked again. Every
step is a key press sent where the keyboard's focus is (QTest.keyClick), as a person's would be:
no clicks, no setChecked, no calls into the windows. The app is the one run_app composes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QTableView,
    QWizard,
)
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from selfaudit.audit.progress import ActionStatus
from selfaudit.ui import mnemonics
from selfaudit.ui.main_window import MainWindow
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.pages.summary import SummaryPage
from selfaudit.ui.vault.lock_choice import PASSPHRASE, LockChoiceDialog
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.unlock import UnlockDialog
from selfaudit.vault.layout import VaultLayout
from tests.gui.sweep import press
from tests.gui.test_quick_start import App, layout  # noqa: F401  (a fixture)

ALT = Qt.KeyboardModifier.AltModifier
MAX_KEYS = 2000
CHOSEN = "correct horse battery staple"  # a passphrase


class Keys:
    """Counts the key presses, so a journey that never ends fails instead of hanging."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.pressed = 0

    def __call__(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.pressed += 1
        assert self.pressed < MAX_KEYS, "the journey did not end"
        press(key, modifier)
        self.qtbot.wait(1)

    def type(self, text: str) -> None:
        """Each character typed where the keyboard's focus is."""
        self.pressed += len(text)
        QTest.keyClicks(QApplication.focusWidget(), text)
        self.qtbot.wait(1)

    def tab_until(self, wanted: type | tuple[type, ...], where: str) -> QAbstractButton:
        for _ in range(80):
            focused = QApplication.focusWidget()
            if isinstance(focused, wanted):
                return focused  # type: ignore[return-value]
            self(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached a {wanted} on {where}")


@pytest.fixture
def app(qapp: QApplication, layout: VaultLayout) -> Iterator[App]:  # noqa: F811
    running = App(qapp, layout)
    yield running
    running.close()


def focused_window_is(widget: object) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and focused.window() is widget


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_first_audit_and_a_ticked_action_with_the_keyboard_alone(qtbot: QtBot, app: App) -> None:
    keys = Keys(qtbot)
    app.running.start()

    # first run: how selfaudit opens. Nothing is chosen yet: Tab enters the two choices on the
    # first, Down moves to "a passphrase each time", Space chooses it, Alt+C is Continue
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, LockChoiceDialog))
    choice = app.running.startup.dialog
    assert isinstance(choice, LockChoiceDialog)
    choice.activateWindow()
    qtbot.waitUntil(lambda: focused_window_is(choice))
    assert keys.tab_until(QRadioButton, "how selfaudit opens") is choice.keyring_button
    keys(Qt.Key.Key_Down)
    keys(Qt.Key.Key_Space)
    assert choice.choice() == PASSPHRASE
    keys(Qt.Key.Key_C, ALT)

    # the passphrase, typed twice (the keyboard starts in the first box), then Return
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, PassphraseDialog))
    chosen = app.running.startup.dialog
    assert isinstance(chosen, PassphraseDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chosen.passphrase)
    keys.type(CHOSEN)
    keys(Qt.Key.Key_Tab)
    keys.type(CHOSEN)
    keys(Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, RecoveryCodeDialog))
    dialog = app.running.startup.dialog
    assert isinstance(dialog, RecoveryCodeDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused_window_is(dialog))

    # first run: tick that the code is kept, then Continue
    keys.tab_until(QCheckBox, "the recovery code")
    keys(Qt.Key.Key_Space)
    assert dialog.kept_box is not None and dialog.kept_box.isChecked()
    for _ in range(10):
        if QApplication.focusWidget() is dialog.continue_button:
            break
        keys(Qt.Key.Key_Tab)
    keys(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: app.running.controller is not None)

    window = app.running.window
    assert isinstance(window, MainWindow)
    wizard = window.wizard
    assert wizard is not None
    wizard.activateWindow()
    qtbot.waitUntil(lambda: focused_window_is(wizard))
    pages = 0
    while not isinstance(wizard.currentPage(), SummaryPage):
        page = wizard.currentPage()
        pages += 1
        assert pages < 60, "the wizard never reached its results"
        qtbot.waitUntil(lambda: focused_window_is(wizard))
        if isinstance(page, PlatformsPage):
            # Tab to "I don't use any social media" (a short audit), Space ticks it
            for _ in range(40):
                if QApplication.focusWidget() is page.none_box:
                    break
                keys(Qt.Key.Key_Tab)
            keys(Qt.Key.Key_Space)
        elif isinstance(page, QuestionsPage):
            # each group of answers is one Tab stop: Space chooses the answer Tab lands on
            while not page.isComplete():
                focused = QApplication.focusWidget()
                if isinstance(focused, QRadioButton) and not focused.isChecked():
                    keys(Qt.Key.Key_Space)
                keys(Qt.Key.Key_Tab)
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert next_button.isEnabled(), f"Next is greyed out on {page.title()!r}"
        before = wizard.currentId()
        keys(Qt.Key.Key_N, ALT)  # Alt+N is always Next: no page's control takes it
        try:
            qtbot.waitUntil(lambda before=before: wizard.currentId() != before)
        except TimeoutError as stuck:
            focused = QApplication.focusWidget()
            raise AssertionError(
                f"Alt+N did not go on from {page.title()!r}; the keyboard was on {focused!r} in "
                f"{focused.window() if focused else None!r}; clashes: {mnemonics.clashes(wizard)}"
            ) from stuck

    # the results: the keyboard starts on Finish
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is wizard.button(QWizard.WizardButton.FinishButton)
    )
    keys(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.isVisible() and window.wizard is None)
    assert len(window.session.state.audits) == 1

    # the dashboard: Tab to the plan, down to its second action, Alt+D marks it done
    window.activateWindow()
    qtbot.waitUntil(lambda: focused_window_is(window))
    table = keys.tab_until(QTableView, "the dashboard")  # type: ignore[arg-type]
    dashboard = window.dashboard
    keys(Qt.Key.Key_Down)
    chosen = dashboard.selected_action()
    assert chosen is not None and chosen.id != dashboard.current_plan().actions[0].id
    keys(Qt.Key.Key_D, ALT)

    def ticked() -> bool:  # at once, or once this computer is checked again (a probed action)
        progress = window.session.state.action_progress.get(chosen.id)
        return progress is not None and progress.status is ActionStatus.DONE

    qtbot.waitUntil(ticked, timeout=10000)
    # selection and focus stay together: on the plan, on the action now in its place
    assert QApplication.focusWidget() is table
    assert dashboard.selected_action() is not None
    assert dashboard.selected_action().id != chosen.id  # type: ignore[union-attr]

    # Ctrl+L locks; the unlock screen opens with the keyboard in its passphrase box, Return
    # unlocks, and the plan is as it was left
    keys(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, UnlockDialog), timeout=10000)
    unlock = app.running.startup.dialog
    assert isinstance(unlock, UnlockDialog)
    unlock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is unlock.passphrase)
    keys.type(CHOSEN)
    keys(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(app.running.window, MainWindow), timeout=10000)
    again = app.running.window
    assert isinstance(again, MainWindow)
    progress = again.session.state.action_progress.get(chosen.id)
    assert progress is not None and progress.status is ActionStatus.DONE
    assert keys.pressed < MAX_KEYS
