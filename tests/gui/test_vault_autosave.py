"""Saving as the person works, failing saves told plainly, saving on close, and the Settings
dialog's data tab: recovery code after re-authentication, a backup copy, deleting everything."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import keyring.core
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import AppState
from selfaudit.content import load_catalog
from selfaudit.paths import AppPaths
from selfaudit.ui.settings import DeleteDataDialog, SettingsDialog
from selfaudit.ui.vault.controller import FLOW_TRANSITIONS, Flow, VaultController
from selfaudit.ui.vault.messages import VaultMessage
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, open_vault
from tests.keyring_double import InMemoryKeyring
from tests.unit.vault.conftest import state_with


class App:
    """The pieces run_app puts together, without the event loop of its own."""

    def __init__(self, qtbot: QtBot, unlocked: UnlockedVault) -> None:
        self.session = AuditSession(load_catalog(), unlocked.state)
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.quits = 0
        self.controller = VaultController(unlocked, self.session, self.window, self._quit)
        self.controller.autosave._timer.setInterval(50)
        self.unlocked = unlocked

    def _quit(self) -> None:
        self.quits += 1

    def answer(self, n: int = 1) -> None:
        checks = [c for c in self.session.applicable_checks()]
        for check in checks[:n]:
            options = [o.value for o in check.choices()]
            current = self.session.answer(check.id)
            self.session.set_answer(check.id, options[0] if current != options[0] else options[1])

    def wait_saved(self, qtbot: QtBot) -> None:
        autosave = self.controller.autosave
        qtbot.waitUntil(lambda: not autosave.dirty and not autosave.saving, timeout=5000)


def unlocked_vault() -> UnlockedVault:
    """A checklist in this test's data folder, its key in this test's keyring."""
    key, code = DataKey.generate(), RecoveryCode.generate()
    store = KeyringKeyStore(keyring.core.get_keyring())
    store.store(key)
    layout = VaultLayout(AppPaths.for_user().data_dir)
    vault = Vault.create(layout, key, code, state=state_with("start"))
    opened = open_vault(vault.layout, key)
    return UnlockedVault(opened.vault, opened.state, store)


@pytest.fixture
def keyring_vault(app_paths: AppPaths, test_keyring: InMemoryKeyring) -> UnlockedVault:
    return unlocked_vault()


@pytest.fixture
def app(qtbot: QtBot, keyring_vault: UnlockedVault) -> App:
    return App(qtbot, keyring_vault)


def saved_answers(app: App) -> dict[str, str]:
    # read-only, as a second reader must: repairing would remove the temp file of a save under way
    state = open_vault(app.unlocked.vault.layout, app.unlocked.vault.key, repair=False).state
    return {k: a.value for k, a in state.answers.items()}


def test_a_burst_of_answers_is_saved_once_after_a_pause(qtbot: QtBot, app: App) -> None:
    generation = app.unlocked.vault.generation
    with qtbot.waitSignal(app.controller.autosave.saved, timeout=5000):
        app.answer(5)
    app.wait_saved(qtbot)
    assert app.unlocked.vault.generation == generation + 1
    assert saved_answers(app) == {k: a.value for k, a in app.session.state.answers.items()}


class FailingWrites:
    def __init__(self, error: int) -> None:
        self.error = error
        self.real = os.write

    def __enter__(self) -> None:
        def write(fd: int, data: Any) -> int:
            raise OSError(self.error, os.strerror(self.error))

        os.write = write

    def __exit__(self, *args: object) -> None:
        os.write = self.real


def test_a_failed_save_is_told_once_keeps_the_old_file_and_retries(qtbot: QtBot, app: App) -> None:
    layout = app.unlocked.vault.layout
    before = layout.main.read_bytes()
    with FailingWrites(errno.ENOSPC):
        app.answer(1)
        qtbot.waitUntil(lambda: app.controller.autosave.message is not None, timeout=5000)
        message = app.controller.autosave.message
        assert message is not None and message.isVisible()
        assert "the disk is full" in message.informativeText()
        assert "safe" in message.informativeText()
        with qtbot.waitSignal(app.controller.autosave.failed, timeout=5000):
            app.answer(2)  # another failure: no second message on top
        assert len([w for w in app.window.findChildren(VaultMessage) if w.isVisible()]) == 1
        assert layout.main.read_bytes() == before
    app.answer(3)  # the disk has room again
    app.wait_saved(qtbot)
    assert app.controller.autosave.message is None
    assert saved_answers(app) == {k: a.value for k, a in app.session.state.answers.items()}


def test_changes_made_elsewhere_are_not_overwritten_unless_the_person_says(
    qtbot: QtBot, app: App
) -> None:
    vault = app.unlocked.vault
    other = Vault(vault.layout, vault.key, vault.slots, vault.recovery_code, 0, None)
    other.save(state_with("written elsewhere"), overwrite_changes=True)
    theirs = vault.layout.main.read_bytes()
    app.answer(1)
    qtbot.waitUntil(lambda: app.controller.autosave.message is not None, timeout=5000)
    message = app.controller.autosave.message
    assert message is not None and "changed elsewhere" in message.text()
    assert vault.layout.main.read_bytes() == theirs
    message.choose("keep")
    app.wait_saved(qtbot)
    assert saved_answers(app) == {k: a.value for k, a in app.session.state.answers.items()}


def test_closing_saves_first_then_quits(qtbot: QtBot, app: App) -> None:
    app.controller.autosave._timer.setInterval(60_000)  # only the close will save
    app.answer(4)
    app.controller.close_and_quit()
    qtbot.waitUntil(lambda: app.quits == 1, timeout=5000)
    assert saved_answers(app) == {k: a.value for k, a in app.session.state.answers.items()}


def test_closing_a_main_window_saves_first_then_quits(qtbot: QtBot, app: App) -> None:
    app.controller.autosave._timer.setInterval(60_000)
    app.window.show()
    app.answer(3)
    assert not app.window.close()  # held back until saved
    assert not app.window.isVisible()
    qtbot.waitUntil(lambda: app.quits == 1, timeout=5000)
    assert saved_answers(app) == {k: a.value for k, a in app.session.state.answers.items()}


def test_closing_when_the_save_fails_asks_before_losing_changes(qtbot: QtBot, app: App) -> None:
    app.controller.autosave._timer.setInterval(60_000)
    app.answer(2)
    with FailingWrites(errno.EIO):
        app.controller.close_and_quit()
        qtbot.waitUntil(lambda: isinstance(app.controller.dialog, VaultMessage), timeout=5000)
    assert app.quits == 0
    message = app.controller.dialog
    assert isinstance(message, VaultMessage)
    assert "changes since the last save are lost" in message.informativeText()
    assert message.escapeButton() is message.buttons_by_key["retry"]  # Esc loses nothing
    message.choose("retry")  # the disk is back
    qtbot.waitUntil(lambda: app.quits == 1, timeout=5000)
    assert saved_answers(app) == {k: a.value for k, a in app.session.state.answers.items()}


def test_read_only_never_saves(qtbot: QtBot, keyring_vault: UnlockedVault) -> None:
    keyring_vault.vault.read_only = "it was saved by a newer version"
    before = keyring_vault.vault.layout.main.read_bytes()
    app = App(qtbot, keyring_vault)
    app.answer(3)
    app.controller.close_and_quit()
    qtbot.waitUntil(lambda: app.quits == 1)
    assert keyring_vault.vault.layout.main.read_bytes() == before


# Settings ------------------------------------------------------------------------------------
def labels(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_settings_shows_where_data_lives_and_hosts_other_sections(
    qtbot: QtBot, app: App, app_paths: AppPaths
) -> None:
    policy_panel = QLabel("Your organisation: Example Council")
    dialog = SettingsDialog(app.controller, [("Organisation &policy", policy_panel)])
    qtbot.addWidget(dialog)
    assert dialog.section_titles() == ["Your data", "Organisation policy"]
    assert dialog.folder_field.text() == str(app_paths.data_dir)
    assert dialog.lock_label.text().startswith("The key to your checklist is kept in")
    for button in (
        dialog.open_folder_button,
        dialog.backup_button,
        dialog.recovery_button,
        dialog.delete_button,
    ):
        assert button.accessibleName() and button.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert policy_panel.parent() is not None


def test_recovery_code_from_settings_after_the_keyring_confirms(qtbot: QtBot, app: App) -> None:
    dialog = SettingsDialog(app.controller)
    qtbot.addWidget(dialog)
    dialog.recovery_button.click()
    question = app.controller.dialog
    assert isinstance(question, VaultMessage) and "nobody can see" in question.informativeText()
    assert app.controller.flow is Flow.RECOVERY_CODE
    # one thing at a time: another Settings action waits for this one
    app.controller.change_passphrase(None)
    assert app.controller.flow is Flow.RECOVERY_CODE and app.controller.dialog is question
    question.choose("show")
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, RecoveryCodeDialog), timeout=5000)
    shown = app.controller.dialog
    assert isinstance(shown, RecoveryCodeDialog)
    assert shown.code_label.text() == app.unlocked.vault.recovery_code
    assert shown.kept_box is None and shown.continue_button.text() == "Close"
    assert app.controller.flow is Flow.RECOVERY_CODE
    shown.continue_button.click()
    assert app.controller.flow is Flow.OPEN  # over once the code is closed


def test_recovery_code_from_settings_needs_the_passphrase(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    vault = Vault.create(VaultLayout(app_paths.data_dir), key, code, passphrase="moss ladder quiet")
    app = App(qtbot, UnlockedVault(vault, state_with("x"), None))
    dialog = SettingsDialog(app.controller)
    qtbot.addWidget(dialog)
    assert "passphrase you chose" in dialog.lock_label.text()
    dialog.recovery_button.click()
    prompt = app.controller.dialog
    assert isinstance(prompt, PassphraseDialog)
    prompt.passphrase.setText("moss ladder loud")
    prompt.ok_button.click()
    qtbot.waitUntil(lambda: "does not open" in prompt.feedback.text(), timeout=5000)
    assert not isinstance(app.controller.dialog, RecoveryCodeDialog)
    prompt.passphrase.setText("moss ladder quiet")
    prompt.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, RecoveryCodeDialog), timeout=5000)
    shown = app.controller.dialog
    assert isinstance(shown, RecoveryCodeDialog) and shown.code == str(code)


def test_a_new_passphrase_after_the_current_one_locks_the_checklist_from_then_on(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    from selfaudit.vault.errors import WrongSecretError
    from selfaudit.vault.vault import inspect

    key, code = DataKey.generate(), RecoveryCode.generate()
    layout = VaultLayout(app_paths.data_dir)
    vault = Vault.create(layout, key, code, passphrase="moss ladder quiet")
    app = App(qtbot, UnlockedVault(vault, state_with("x"), None))
    dialog = SettingsDialog(app.controller)
    qtbot.addWidget(dialog)
    assert dialog.passphrase_button is not None
    dialog.passphrase_button.click()
    current = app.controller.dialog
    assert isinstance(current, PassphraseDialog) and not current.choose
    current.passphrase.setText("moss ladder loud")
    current.ok_button.click()
    qtbot.waitUntil(lambda: "does not open" in current.feedback.text(), timeout=5000)
    current.passphrase.setText("moss ladder quiet")
    current.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            isinstance(app.controller.dialog, PassphraseDialog) and app.controller.dialog.choose
        ),
        timeout=5000,
    )
    new = app.controller.dialog
    assert isinstance(new, PassphraseDialog)
    new.passphrase.setText("copper finch yonder tide")
    new.again.setText("copper finch yonder tide")
    new.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, VaultMessage), timeout=5000)
    assert "passphrase is changed" in app.controller.dialog.text()
    found = inspect(layout)
    assert found.key_from_passphrase("copper finch yonder tide") == key
    with pytest.raises(WrongSecretError):
        found.key_from_passphrase("moss ladder quiet")
    assert found.key_from_code(code) == key  # the recovery code still opens it


def test_a_checklist_kept_in_the_keyring_has_no_passphrase_to_change(
    qtbot: QtBot, app: App
) -> None:
    dialog = SettingsDialog(app.controller)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.passphrase_button.isVisible()


def test_printing_the_code_produces_a_page_with_it(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    dialog = RecoveryCodeDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789", "Locked.", True)
    qtbot.addWidget(dialog)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "code.pdf"))
    sheet = dialog.sheet()
    assert "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789" in sheet.toPlainText()
    sheet.print_(printer)
    assert (tmp_path / "code.pdf").stat().st_size > 500
    dialog.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == dialog.code
    assert "Copied" in dialog.copied_label.text()


def test_backup_from_settings_writes_a_restorable_copy(
    qtbot: QtBot, app: App, tmp_path: Path
) -> None:
    from selfaudit.vault.portable import check_copy, read_portable_copy

    app.answer(2)
    target = tmp_path / "copy.zip"
    app.controller.back_up_to_file(None, target)
    assert app.controller.flow is Flow.BACKUP
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, VaultMessage), timeout=5000)
    assert target.exists()
    note = app.controller.dialog
    assert isinstance(note, VaultMessage) and note.text() == "Copy saved"
    note.choose("ok")
    assert app.controller.flow is Flow.OPEN
    contents = check_copy(read_portable_copy(target), app.unlocked.vault.key)
    assert {k: a.value for k, a in contents.state.answers.items()} == {
        k: a.value for k, a in app.session.state.answers.items()
    }


def test_delete_all_my_data_needs_the_typed_word_then_removes_everything(
    qtbot: QtBot, app: App, test_keyring: InMemoryKeyring
) -> None:
    layout = app.unlocked.vault.layout
    app.unlocked.vault.blobs.put(b"evidence")
    app.answer(1)
    app.wait_saved(qtbot)
    assert test_keyring.entries and layout.has_data()
    settings = SettingsDialog(app.controller)
    qtbot.addWidget(settings)
    settings.delete_button.click()
    confirm = settings.delete_dialog
    assert isinstance(confirm, DeleteDataDialog)
    assert not confirm.delete_button.isEnabled()
    confirm.confirm_field.setText("yes")
    assert not confirm.delete_button.isEnabled()
    confirm.confirm_field.setText(" Delete ")
    assert confirm.delete_button.isEnabled()
    confirm.delete_button.click()
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, VaultMessage), timeout=5000)
    done = app.controller.dialog
    assert isinstance(done, VaultMessage) and "deleted" in done.text()
    assert app.controller.flow is Flow.REPLACED  # nothing more is saved
    assert not layout.has_data() and not layout.attachments.exists()
    assert not test_keyring.entries
    done.choose("ok")
    assert app.quits == 1
    app.answer(1)  # nothing may be written after deleting
    assert_nothing_saved(app)
    assert not layout.main.exists()


def test_deleting_waits_for_a_save_under_way_so_nothing_is_written_after(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    vault, layout = app.unlocked.vault, app.unlocked.vault.layout
    release, started = threading.Event(), threading.Event()
    real_save = vault.save

    def slow_save(*args: Any, **kwargs: Any) -> None:
        started.set()
        assert release.wait(10), "the test never let the save finish"
        real_save(*args, **kwargs)

    monkeypatch.setattr(vault, "save", slow_save)
    app.answer(1)
    app.controller.autosave.save_now()
    qtbot.waitUntil(started.is_set, timeout=5000)
    app.controller.delete_everything(None)
    qtbot.wait(50)  # an event-loop turn: deleting must not have started while the save runs
    assert layout.main.exists() and app.controller.autosave.saving
    release.set()
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, VaultMessage), timeout=5000)
    assert "deleted" in app.controller.dialog.text()
    assert not layout.has_data() and not layout.main.exists()


def assert_nothing_saved(app: App) -> None:
    """The autosave is stopped: a change waits for no save, and a save asked for now starts none."""
    autosave = app.controller.autosave
    assert autosave.stopped and not autosave.dirty
    autosave.save_now()
    assert not autosave.saving


# restoring a copy from Settings -------------------------------------------------------------
def test_a_copy_restored_from_settings_replaces_the_checklist_and_the_app_closes(
    qtbot: QtBot,
    app: App,
    tmp_path: Path,
    test_keyring: InMemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfaudit.ui.vault import restore
    from selfaudit.ui.vault.recovery import RecoveryDialog
    from tests.gui.test_vault_restore import OldComputer

    old = OldComputer(tmp_path)
    layout = app.unlocked.vault.layout
    monkeypatch.setattr(restore, "choose_copy", lambda parent: old.copy)
    app.answer(2)  # changes of this session, saved before the copy replaces them
    dialog = SettingsDialog(app.controller)
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, RecoveryDialog), timeout=5000)
    ask = app.controller.dialog
    assert isinstance(ask, RecoveryDialog) and not ask.lost_button.isVisible()
    ask.code.setText(str(RecoveryCode.generate()))
    ask.open_button.click()
    qtbot.waitUntil(lambda: "does not open" in ask.feedback.text(), timeout=5000)
    ask.code.setText(str(old.code))
    ask.open_button.click()
    qtbot.waitUntil(lambda: isinstance(app.controller.dialog, VaultMessage), timeout=5000)
    question = app.controller.dialog
    assert isinstance(question, VaultMessage) and "Replace your checklist" in question.text()
    assert "1 finished audit)" in question.informativeText()
    mine = saved_answers(app)
    question.choose("restore")
    qtbot.waitUntil(lambda: "is restored" in app.controller.dialog.text(), timeout=5000)
    assert open_vault(layout, old.key, repair=False).state == old.state
    assert KeyringKeyStore(test_keyring).load(old.key.key_id) == old.key  # opens by itself
    app.controller.dialog.choose("ok")
    assert app.quits == 1
    app.session.set_answer("passwords.unique", "no")  # nothing after the restore is saved
    assert_nothing_saved(app)
    assert open_vault(layout, old.key, repair=False).state == old.state
    # what it replaced is among the backups
    from selfaudit.vault.backups import list_backups

    assert any(
        {k: a.value for k, a in open_vault_copy(b.path, app.unlocked.vault.key).answers.items()}
        == mine
        for b in list_backups(layout.backups)
    )


def open_vault_copy(path: Path, key: DataKey) -> AppState:
    from selfaudit.vault import contents as vault_contents
    from selfaudit.vault.fileformat import decrypt

    return vault_contents.load(decrypt(path.read_bytes(), key)[1]).state


def test_cancelling_the_restore_changes_nothing(
    qtbot: QtBot, app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfaudit.ui.vault import restore

    monkeypatch.setattr(restore, "choose_copy", lambda parent: None)
    before = app.unlocked.vault.layout.main.read_bytes()
    dialog = SettingsDialog(app.controller)
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    assert app.controller.dialog is None and app.quits == 0
    assert app.controller.flow is Flow.OPEN  # no file chosen: the flow is over
    assert app.unlocked.vault.layout.main.read_bytes() == before


def test_each_flow_returns_to_open_and_the_end_is_final() -> None:
    from selfaudit.ui.vault.controller import STARTED_BY_SETTINGS

    assert set(FLOW_TRANSITIONS) == set(Flow)
    for flow in STARTED_BY_SETTINGS:
        assert flow in FLOW_TRANSITIONS[Flow.OPEN]
        assert {Flow.OPEN, Flow.CLOSING} <= FLOW_TRANSITIONS[flow]
    assert FLOW_TRANSITIONS[Flow.CLOSING] == FLOW_TRANSITIONS[Flow.REPLACED] == frozenset()
    # only restoring over the checklist or deleting it replaces it
    assert {f for f, following in FLOW_TRANSITIONS.items() if Flow.REPLACED in following} == {
        Flow.RESTORE,
        Flow.DELETE,
    }
