"""Switching how the checklist opens, from Settings' "Locking" tab, both ways: the data and the
recovery code keep working, the keyring holds nothing in passphrase mode, a failure changes
nothing, the policy's requirement is enforced, and keeping service users' names offers a
passphrase."""

from __future__ import annotations

from collections.abc import Iterator

import keyring.core
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from selfaudit.paths import AppPaths
from selfaudit.ui.friends.dialog import FriendCheckDialog
from selfaudit.ui.main_window import Feature, MainWindow
from selfaudit.ui.settings import SettingsDialog
from selfaudit.ui.vault.app_lock import LockState
from selfaudit.ui.vault.controller import Flow, VaultController
from selfaudit.ui.vault.lock_settings import LockingPanel
from selfaudit.ui.vault.messages import VaultMessage
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.vault.errors import SaveFailedError, WrongSecretError
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock_rules import REQUIRED_LINE, LockRules
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.gui.test_app_lock import STRONG, App
from tests.keyring_double import InMemoryKeyring
from tests.unit.test_plan import audited

NEW = "copper meadow sleepy lantern"


@pytest.fixture
def layout(app_paths: AppPaths) -> VaultLayout:
    return VaultLayout(app_paths.data_dir)


def keyring_checklist(layout: VaultLayout, test_keyring: InMemoryKeyring) -> RecoveryCode:
    key, code = DataKey.generate(), RecoveryCode.generate()
    KeyringKeyStore(test_keyring).store(key)
    Vault.create(layout, key, code, state=audited({}, ["facebook"]).state)
    return code


def passphrase_checklist(layout: VaultLayout) -> RecoveryCode:
    code = RecoveryCode.generate()
    Vault.create(layout, DataKey.generate(), code, STRONG, audited({}, ["facebook"]).state)
    return code


@pytest.fixture
def running(qapp: QApplication, layout: VaultLayout) -> Iterator[list[App]]:
    apps: list[App] = []
    yield apps
    for app in apps:
        app.close()


def open_app(
    qtbot: QtBot,
    qapp: QApplication,
    layout: VaultLayout,
    apps: list[App],
    rules: LockRules | None = None,
) -> App:
    app = App(qapp, layout, rules)
    apps.append(app)
    app.running.start()
    qtbot.waitUntil(
        lambda: (
            app.lock.state in (LockState.OPEN, LockState.UNLOCKED)
            or app.running.startup.dialog is not None
        ),
        timeout=10000,
    )
    if app.lock.state is LockState.CLOSED:
        app.unlock(qtbot)
    return app


def locking_tab(qtbot: QtBot, app: App) -> LockingPanel:
    app.running.open_settings()
    settings = app.running.settings
    assert isinstance(settings, SettingsDialog)
    assert "Locking" in settings.section_titles()
    return settings.locking


def controller_of(app: App) -> VaultController:
    controller = app.running.controller
    assert controller is not None
    return controller


def wait_for(qtbot: QtBot, controller: VaultController, kind: type[QWidget]) -> QWidget:
    qtbot.waitUntil(
        lambda: isinstance(controller.dialog, kind) and controller.dialog.isVisible(),
        timeout=5000,
    )
    assert controller.dialog is not None
    return controller.dialog


def choose_passphrase(dialog: QWidget, passphrase: str = NEW) -> None:
    assert isinstance(dialog, PassphraseDialog) and dialog.choose
    dialog.passphrase.setText(passphrase)
    dialog.again.setText(passphrase)
    dialog.ok_button.click()


def test_from_the_keyring_to_a_passphrase_and_back(
    qtbot: QtBot,
    qapp: QApplication,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    running: list[App],
) -> None:
    code = keyring_checklist(layout, test_keyring)
    app = open_app(qtbot, qapp, layout, running)
    window = app.running.window
    assert isinstance(window, MainWindow) and app.lock.state is LockState.OPEN
    panel = locking_tab(qtbot, app)
    assert panel.keyring_button.isChecked() and not panel.idle_box.isEnabled()
    assert not panel.lock_button.isEnabled() and panel.only_with_passphrase.isVisibleTo(panel)
    controller = controller_of(app)
    key = controller.vault.key

    panel.passphrase_button.click()  # the keyring confirms it is the person, silently here
    assert panel.keyring_button.isChecked()  # nothing changes until the switch is done
    choose_passphrase(wait_for(qtbot, controller, PassphraseDialog))
    note = wait_for(qtbot, controller, VaultMessage)
    assert isinstance(note, VaultMessage) and "now asks for your passphrase" in note.text()
    assert "no longer kept" in note.informativeText()
    assert not test_keyring.entries  # the keyring holds nothing that opens it
    found = inspect(layout)
    assert found.has_passphrase
    assert found.key_from_passphrase(NEW) == key and found.key_from_code(code) == key
    assert open_vault(layout, key, repair=False).state.audits  # the data is all there
    assert panel.passphrase_button.isChecked() and panel.idle_box.isEnabled()
    assert app.lock.state is LockState.UNLOCKED and app.screen.listening
    assert window.feature_buttons[Feature.LOCK].isVisible()
    assert "passphrase you chose" in controller.lock_description
    note.choose("ok")
    assert controller.flow is Flow.OPEN

    # back: the current passphrase (a wrong one first), then the key to the keyring
    panel.keyring_button.click()
    current = wait_for(qtbot, controller, PassphraseDialog)
    assert isinstance(current, PassphraseDialog) and not current.choose
    current.passphrase.setText("not my passphrase at all")
    current.ok_button.click()
    qtbot.waitUntil(lambda: "does not open" in current.feedback.text(), timeout=5000)
    current.passphrase.setText(NEW)
    current.ok_button.click()
    note = wait_for(qtbot, controller, VaultMessage)
    assert isinstance(note, VaultMessage) and "computer's sign-in" in note.text()
    assert KeyringKeyStore(test_keyring).load(key.key_id) == key
    found = inspect(layout)
    assert not found.has_passphrase and found.key_from_code(code) == key
    with pytest.raises(WrongSecretError):
        found.key_from_passphrase(NEW)
    assert app.lock.state is LockState.OPEN and not app.screen.listening
    assert not window.feature_buttons[Feature.LOCK].isVisible()
    assert panel.keyring_button.isChecked()


def test_without_a_keyring_to_trust_it_keeps_asking_for_the_passphrase(
    qtbot: QtBot,
    qapp: QApplication,
    layout: VaultLayout,
    running: list[App],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    passphrase_checklist(layout)
    app = open_app(qtbot, qapp, layout, running)
    before = layout.main.read_bytes()
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    panel = locking_tab(qtbot, app)
    controller = controller_of(app)
    panel.keyring_button.click()
    current = wait_for(qtbot, controller, PassphraseDialog)
    assert isinstance(current, PassphraseDialog)
    current.passphrase.setText(STRONG)
    current.ok_button.click()
    note = wait_for(qtbot, controller, VaultMessage)
    assert isinstance(note, VaultMessage) and "still asks for your passphrase" in note.text()
    assert (
        "no keyring" in note.informativeText() and "Nothing was changed" in note.informativeText()
    )
    assert layout.main.read_bytes() == before and inspect(layout).has_passphrase
    assert app.lock.state is LockState.UNLOCKED and panel.passphrase_button.isChecked()


def test_a_failed_save_leaves_the_keyring_and_the_file_as_they_were(
    qtbot: QtBot,
    qapp: QApplication,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    running: list[App],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring_checklist(layout, test_keyring)
    app = open_app(qtbot, qapp, layout, running)
    before, entries = layout.main.read_bytes(), dict(test_keyring.entries)
    controller = controller_of(app)

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise SaveFailedError("no space left on the disk")

    monkeypatch.setattr(controller.vault, "save", full_disk)
    panel = locking_tab(qtbot, app)
    panel.passphrase_button.click()
    dialog = wait_for(qtbot, controller, PassphraseDialog)
    choose_passphrase(dialog)
    assert isinstance(dialog, PassphraseDialog)
    qtbot.waitUntil(lambda: "still opens with your computer" in dialog.feedback.text())
    assert layout.main.read_bytes() == before and test_keyring.entries == entries
    assert app.lock.state is LockState.OPEN and panel.keyring_button.isChecked()


def test_the_policy_makes_a_passphrase_the_only_choice(
    qtbot: QtBot,
    qapp: QApplication,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    running: list[App],
) -> None:
    """A keyring checklist meets a policy that requires a passphrase: one is chosen on opening,
    and Settings offers nothing else, saying why in one line."""
    code = keyring_checklist(layout, test_keyring)
    app = open_app(qtbot, qapp, layout, running, LockRules(require_passphrase=True))
    controller = controller_of(app)
    required = wait_for(qtbot, controller, PassphraseDialog)
    assert isinstance(required, PassphraseDialog)
    labels = " ".join(label.text() for label in required.findChildren(type(required.feedback)))
    assert REQUIRED_LINE in labels
    choose_passphrase(required)
    note = wait_for(qtbot, controller, VaultMessage)
    assert isinstance(note, VaultMessage)
    note.choose("ok")
    assert not test_keyring.entries and inspect(layout).key_from_code(code)
    assert app.lock.state is LockState.UNLOCKED
    panel = locking_tab(qtbot, app)
    assert not panel.keyring_button.isEnabled() and panel.required.isVisibleTo(panel)
    assert panel.required.text() == REQUIRED_LINE
    app.lock.switch_to_keyring(None)  # refused however it is asked for
    assert controller.flow is Flow.OPEN and inspect(layout).has_passphrase


def test_quitting_instead_of_choosing_the_required_passphrase_closes_the_app(
    qtbot: QtBot,
    qapp: QApplication,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    running: list[App],
) -> None:
    keyring_checklist(layout, test_keyring)
    app = open_app(qtbot, qapp, layout, running, LockRules(require_passphrase=True))
    required = wait_for(qtbot, controller_of(app), PassphraseDialog)
    assert isinstance(required, PassphraseDialog)
    assert any(b.text() == "Quit" for b in required.findChildren(type(required.ok_button)))
    required.reject()
    qtbot.waitUntil(lambda: app.quits == [0], timeout=5000)
    assert not inspect(layout).has_passphrase  # asked again next time


def test_keeping_service_users_names_offers_a_passphrase_and_settings_says_where_they_are(
    qtbot: QtBot,
    qapp: QApplication,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    running: list[App],
) -> None:
    keyring_checklist(layout, test_keyring)
    app = open_app(qtbot, qapp, layout, running)
    window = app.running.window
    assert isinstance(window, MainWindow)
    controller = controller_of(app)
    window.feature_buttons[Feature.FRIEND_CHECK].click()
    friends = window.findChild(FriendCheckDialog)
    assert friends is not None
    friends.check.setup.names.setPlainText("Olivia Brown\nJo Bloggs")
    friends.check.setup.keep_list.setChecked(True)
    offer = wait_for(qtbot, controller, VaultMessage)
    assert isinstance(offer, VaultMessage) and offer.text() == "Keep these names safer?"
    assert "anyone who can use your account" in offer.informativeText()
    offer.choose("passphrase")
    choose_passphrase(wait_for(qtbot, controller, PassphraseDialog))
    wait_for(qtbot, controller, VaultMessage).close()
    assert not test_keyring.entries and inspect(layout).has_passphrase
    friends.reject()
    assert controller.kept_service_users == 2

    app.running.open_settings()
    settings = app.running.settings
    assert isinstance(settings, SettingsDialog)
    box = settings.findChild(QWidget, "kept-service-users")
    assert box is not None
    text = " ".join(label.text() for label in box.findChildren(type(friends.check.setup.imported)))
    assert "2 service users' names" in text and "checklist.vault" in text
    assert "Delete the list of names" in text
    settings.forget_names_button.click()
    wait_for(qtbot, controller, VaultMessage)
    assert isinstance(controller.dialog, VaultMessage)
    controller.dialog.choose("delete")
    assert controller.kept_service_users == 0 and not box.isVisible()
    assert not window.session.state.keep_service_users
