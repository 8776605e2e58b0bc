"""Every window a person reaches from the dashboard, swept for controls a screen reader could
not name or the keyboard could not reach: the dashboard, Settings with all its tabs, the
evidence log with an incident open, and the friend check. (The wizard's pages and the friend
check's own widget have their own sweeps in test_wizard.py and test_friend_check.py.)"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from samples.locking import PassphraseLocking

from selfaudit.audit.state import SavedServiceUser
from selfaudit.content import load_catalog
from selfaudit.content.models import Outcome
from selfaudit.policy_loader import LoadedPolicy, load_policy
from selfaudit.ui.composition import AppParts, build_main_window, settings_sections
from selfaudit.ui.evidence.guidance_panel import GuidancePanel
from selfaudit.ui.evidence.window import EvidenceWindow
from selfaudit.ui.friends.dialog import FriendCheckDialog
from selfaudit.ui.settings import SettingsDialog
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.ui.wizard import AuditWizard
from selfaudit.vault.lock_rules import LockRules
from tests.gui.test_composition import Services
from tests.gui.test_vault_autosave import App, keyring_vault  # noqa: F401  (a fixture)
from tests.unit.test_plan import audited

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
# parts of a compound control (a combo box's list, a date edit's line edit, a tab bar's
# scroll arrows, a table's headers) are named by the control they belong to
INNER_PARTS_OF = (
    QComboBox,
    QAbstractSpinBox,
    QCalendarWidget,
    QTabBar,
    QScrollBar,
    QAbstractItemView,
)


@pytest.fixture
def parts(qapp: QApplication, app_paths: object) -> AppParts:
    catalog = load_catalog()
    loaded: LoadedPolicy = load_policy(None, catalog=catalog)
    return AppParts(qapp, argparse.Namespace(policy=None, induction=False), catalog, loaded, [])


@pytest.fixture
def app(qtbot: QtBot, keyring_vault: UnlockedVault) -> App:  # noqa: F811  (the fixture's name)
    return App(qtbot, keyring_vault)


def is_inner_part(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, INNER_PARTS_OF):
            return True
        parent = parent.parentWidget()
    return False


def controls_of(top: QWidget) -> Iterator[QWidget]:
    for kind in (*CONTROLS, QAbstractItemView):
        for widget in top.findChildren(kind):
            if not is_inner_part(widget, top):
                yield widget


def name_of(widget: QWidget, top: QWidget) -> str:
    """What a screen reader says for `widget`: its accessible name, a button's own text, or the
    text of the label that names it (its buddy)."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    for label in top.findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return label.text()
    return ""


def reachable_by_tab(widget: QWidget) -> bool:
    """Tab reaches it; or it is one of a group of radio buttons that Tab enters once (on the
    chosen one, or the first) and the arrow keys move within, as Qt lays them out when shown."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return True
    group = widget.group() if isinstance(widget, QRadioButton) else None
    return group is not None and any(
        button.isEnabled() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
        for button in group.buttons()
    )


def unnamed_or_unreachable(top: QWidget) -> list[str]:
    problems = []
    for widget in controls_of(top):
        what = f"{type(widget).__name__} {widget.objectName()!r} in {type(top).__name__}"
        if not name_of(widget, top):
            problems.append(f"no name: {what}")
        if widget.isEnabled() and not reachable_by_tab(widget):
            problems.append(f"not reachable by Tab: {what}")
    return problems


def mnemonic(text: str) -> str:
    """The letter after a single "&" ("&&" is a plain ampersand), lower case; "" if none."""
    at = text.replace("&&", "").find("&")
    stripped = text.replace("&&", "")
    return stripped[at + 1].casefold() if 0 <= at < len(stripped) - 1 else ""


def clashing_mnemonics(top: QWidget) -> list[str]:
    """Alt+letter shortcuts that two controls shown together in `top` share."""
    texts: list[str] = []
    for button in top.findChildren(QAbstractButton):
        if button.isVisibleTo(top):
            texts.append(button.text())
    for label in top.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(top):
            texts.append(label.text())
    for bar in top.findChildren(QTabBar):
        if bar.isVisibleTo(top):
            texts += [bar.tabText(i) for i in range(bar.count())]
    seen: dict[str, str] = {}
    clashes = []
    for text in texts:
        key = mnemonic(text)
        if key and key in seen:
            clashes.append(f"Alt+{key}: {seen[key]!r} and {text!r} in {type(top).__name__}")
        seen.setdefault(key, text)
    return clashes


def test_the_dashboard_and_what_it_opens_are_named_and_reachable(
    qtbot: QtBot, parts: AppParts, app: App
) -> None:
    window, _ = build_main_window(parts, audited({}, ["facebook"]).state, Services(lockable=True))
    qtbot.addWidget(window)
    swept: list[QWidget] = [window]

    before = {w for w in QApplication.topLevelWidgets() if isinstance(w, EvidenceWindow)}
    window.dashboard.findChild(QAbstractButton, "feature:evidence_log").click()
    (evidence,) = {w for w in QApplication.topLevelWidgets() if isinstance(w, EvidenceWindow)} - (
        before
    )
    qtbot.addWidget(evidence)
    evidence.add_incident()  # the incident editor, with every field
    swept.append(evidence)

    window.dashboard.findChild(QAbstractButton, "feature:friend_check").click()
    friends = window.findChild(FriendCheckDialog)
    assert friends is not None
    swept.append(friends)

    app.controller.autosave.session.keep_service_users(
        [SavedServiceUser(name="Olivia Brown")]  # Settings then says where the names are
    )
    settings = SettingsDialog(
        app.controller,
        settings_sections(parts),
        lock=PassphraseLocking(LockRules(longest_idle_minutes=30)),
    )
    qtbot.addWidget(settings)
    swept.append(settings)
    tab_clashes = []
    for index in range(settings.tabs.count()):  # each tab's Alt+letters, among the tabs'
        settings.tabs.setCurrentIndex(index)
        tab_clashes += clashing_mnemonics(settings)
    assert tab_clashes == [], "\n".join(tab_clashes)
    assert settings.findChild(QWidget, "kept-service-users") is not None
    assert settings.findChild(QWidget, "locking-panel") is not None

    problems = [problem for top in swept for problem in unnamed_or_unreachable(top)]
    assert problems == [], "\n".join(problems)
    assert sum(len(list(controls_of(top))) for top in swept) > 60
    clashes = [clash for top in swept[1:] for clash in clashing_mnemonics(top)]
    clashes += clashing_mnemonics(window.dashboard)
    assert clashes == [], "\n".join(clashes)


def test_the_evidence_guidance_pages_open_from_the_keyboard(
    qtbot: QtBot, parts: AppParts, app: App
) -> None:
    window, _ = build_main_window(parts, audited({}, ["facebook"]).state, Services())
    qtbot.addWidget(window)
    window.dashboard.findChild(QAbstractButton, "feature:evidence_log").click()
    panel = window.findChild(GuidancePanel)
    assert panel is not None and panel.currentIndex() == 0
    titles = panel.findChildren(QAbstractButton, "qt_toolbox_toolboxbutton")
    assert len(titles) == panel.count()
    titles[3].setFocus()
    qtbot.keyClick(titles[3], Qt.Key.Key_Space)
    assert panel.currentIndex() == 3


def test_the_key_dialogs_reminder_and_induction_windows_are_named_and_reachable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from selfaudit.audit import AppState, AuditSession
    from selfaudit.reminders.autostart import XdgAutostart
    from selfaudit.ui.induction import InductionFinishDialog
    from selfaudit.ui.reminder import ReminderWindow
    from selfaudit.ui.vault.lock_choice import LockChoiceDialog
    from selfaudit.ui.vault.passphrase import PassphraseDialog
    from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
    from selfaudit.ui.vault.unlock import UnlockDialog
    from selfaudit.vault.keys import RecoveryCode
    from tests.gui.test_reminders_ui import due_notice

    windows: list[QWidget] = [
        UnlockDialog(),
        UnlockDialog(after_lock=True),
        LockChoiceDialog("your desktop's keyring"),
        PassphraseDialog(choose=True),
        PassphraseDialog(choose=False, reason="Unlock your checklist"),
        RecoveryCodeDialog(str(RecoveryCode.generate()), "your keyring", first_run=True),
        ReminderWindow(due_notice(), lambda: True),  # type: ignore[arg-type]
        InductionFinishDialog(
            AuditSession(load_catalog(), AppState()),
            XdgAutostart(tmp_path),
            ["selfaudit", "remind", "--if-due"],
            180,
            receipt=lambda parent, session: None,
        ),
    ]
    for window in windows:
        qtbot.addWidget(window)
    problems = [problem for window in windows for problem in unnamed_or_unreachable(window)]
    problems += [clash for window in windows for clash in clashing_mnemonics(window)]
    assert problems == [], "\n".join(problems)
    assert all(list(controls_of(window)) for window in windows)


def test_every_page_of_the_wizard_is_named_and_reachable(wizard: AuditWizard) -> None:
    from tests.gui.conftest import walk
    from tests.helpers import answer_for

    platforms = [p.id for p in wizard.session.catalog.platforms]
    walk(wizard, platforms, lambda check: answer_for(check, Outcome.FAIL))  # every page built
    pages = [wizard.page(page_id) for page_id in wizard.pageIds()]
    assert len(pages) > 30
    problems = [problem for page in pages for problem in unnamed_or_unreachable(page)]
    problems += [clash for page in pages for clash in clashing_mnemonics(page)]
    assert problems == [], "\n".join(problems)
