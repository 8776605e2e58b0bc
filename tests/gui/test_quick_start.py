"""How the app opens: a new user's first page before anything else is read, the main window
taking it over, and a returning user's window built once both the checklist and what the
window is built from are in."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from selfaudit.audit.state import AppState
from selfaudit.content import ContentError
from selfaudit.paths import AppPaths
from selfaudit.ui import composition
from selfaudit.ui.background import Background
from selfaudit.ui.composition import AppAssembly
from selfaudit.ui.main_window import MainWindow
from selfaudit.ui.pages.welcome import WelcomePage
from selfaudit.ui.vault.lock_choice import LockChoiceDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.running_app import RunningApp
from selfaudit.ui.vault.single_instance import SingleInstance
from selfaudit.ui.vault.startup_stages import Stage
from selfaudit.ui.wizard import AuditWizard
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, open_vault
from tests.gui.vault_helpers import keep_code_and_continue, open_with_keyring
from tests.keyring_double import InMemoryKeyring


class App:
    """The composed app as run_app makes it, with its quits recorded."""

    def __init__(self, qapp: QApplication, layout: VaultLayout) -> None:
        self.quits: list[int] = []
        self.settled: list[bool] = []
        self.instance = SingleInstance(layout)
        assert self.instance.claim()
        args = argparse.Namespace(policy=None, induction=False)
        self.assembly = AppAssembly(qapp, args, self.quits.append)
        self.running = RunningApp(
            qapp,
            layout,
            self.instance,
            self.assembly.build_main_window,
            self.assembly.settings_sections,
            lambda: self.quits.append(0),
            quick=self.assembly.quick_start(),
        )
        self.running.settled.connect(lambda: self.settled.append(True))

    def close(self) -> None:
        for window in (self.running.window, self.assembly.opening, self.assembly.waiting):
            if window is not None and shiboken6.isValid(window):  # a replaced one is gone
                window.hide()
                window.deleteLater()
        if self.running.startup.dialog is not None:
            self.running.startup.dialog.hide()
        # a lock made on the way (a passphrase was chosen) watches every event of the
        # application: a later test's Ctrl+L must not meet it
        lock = self.running._app_lock
        if lock is not None:
            lock.activity.stop()
        self.instance.release()


@pytest.fixture
def layout(app_paths: AppPaths) -> VaultLayout:
    return VaultLayout(app_paths.data_dir)


@pytest.fixture
def app(qapp: QApplication, layout: VaultLayout) -> Iterator[App]:
    running = App(qapp, layout)
    yield running
    running.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_new_user_sees_the_first_page_before_anything_is_read(
    qtbot: QtBot, app: App, layout: VaultLayout
) -> None:
    app.running.start()
    opening = app.assembly.opening
    # at once, before the catalog, the policy or the keyring
    assert isinstance(opening, AuditWizard) and opening.isVisible()
    assert isinstance(opening.currentPage(), WelcomePage)
    assert app.assembly.parts is None and app.running.window is None and not app.settled
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, LockChoiceDialog))
    # the main window took the page over and completed it; the key is set up over it
    window = app.running.window
    assert isinstance(window, MainWindow) and window.wizard is opening
    assert opening.completed and opening.isVisible() and app.settled == [True]
    opening.session.set_platforms(["x"])
    open_with_keyring(qtbot, app.running.startup)
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, RecoveryCodeDialog))
    dialog = app.running.startup.dialog
    assert isinstance(dialog, RecoveryCodeDialog)
    keep_code_and_continue(dialog)
    qtbot.waitUntil(lambda: app.running.controller is not None)
    controller = app.running.controller
    assert controller is not None
    # read-only: a repairing open would remove the temp file of a save under way
    qtbot.waitUntil(
        lambda: open_vault(layout, controller.vault.key, repair=False).state.platforms == ["x"]
    )


def test_closing_the_first_page_early_quits_and_writes_nothing(
    qtbot: QtBot, qapp: QApplication, app: App, layout: VaultLayout
) -> None:
    app.running.start()
    opening = app.assembly.opening
    assert opening is not None
    opening.close()
    assert app.quits == [0]
    # what was being read in the meantime arrives and is not used
    qtbot.waitUntil(lambda: not any(b.busy() for b in qapp.findChildren(Background)))
    assert app.running.window is None
    assert not layout.has_data()


def test_a_returning_user_gets_the_window_once_checklist_and_content_are_in(
    qtbot: QtBot, app: App, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    key = DataKey.generate()
    KeyringKeyStore(test_keyring).store(key)
    Vault.create(layout, key, RecoveryCode.generate(), state=AppState(platforms=["x"]))
    app.running.start()
    assert app.assembly.opening is None  # not a first run: no first page before the checklist
    qtbot.waitUntil(lambda: app.running.controller is not None)
    window = app.running.window
    assert isinstance(window, MainWindow) and app.assembly.parts is not None
    assert window.session.state.platforms == ["x"]
    assert window.wizard is not None and window.wizard.isVisible()
    assert app.settled == [True]


def test_a_returning_person_sees_their_window_at_once_with_nothing_of_theirs_until_it_opens(
    qtbot: QtBot,
    app: App,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfaudit.audit.session import AuditSession
    from selfaudit.content import load_catalog
    from selfaudit.ui.dashboard import Dashboard

    key = DataKey.generate()
    KeyringKeyStore(test_keyring).store(key)
    session = AuditSession(load_catalog(), AppState())
    session.set_platforms(["instagram"])
    for check in session.applicable_checks():
        session.set_answer(check.id, "not_sure")
    session.finish()  # a finished audit: the window will show its dashboard
    Vault.create(layout, key, RecoveryCode.generate(), state=session.state)
    # the keyring answers only when the test says so
    answer = threading.Event()
    asked = test_keyring.get_password

    def held(service: str, username: str) -> str | None:
        answer.wait(10)
        return asked(service, username)

    monkeypatch.setattr(test_keyring, "get_password", held)
    app.running.start()
    waiting = app.assembly.waiting
    # at once: the window, before anything is read
    assert isinstance(waiting, MainWindow) and waiting.isVisible()
    assert waiting.showing() == "opening" and app.assembly.parts is None
    qtbot.waitUntil(lambda: app.running.startup.stage is Stage.KEYRING_CALL)
    # while the checklist is being opened: nothing of the person's anywhere on screen
    on_screen = [waiting, app.running.startup.dialog]
    texts = " ".join(visible_texts([w for w in on_screen if w is not None]))
    assert "Opening your checklist" in texts
    for personal in ("score", "Instagram", "plan", "Do this first"):
        assert personal.lower() not in texts.lower()
    assert waiting.findChild(Dashboard) is None
    answer.set()
    qtbot.waitUntil(lambda: app.running.controller is not None)
    # the same window now shows the checklist
    assert app.running.window is waiting and waiting.showing() == "dashboard"
    assert waiting.dashboard.score_label.text().startswith("Your score: ")
    assert (
        waiting.findChild(QWidget, "opening") is None
        or not waiting.findChild(QWidget, "opening").isVisible()
    )
    assert app.settled == [True]


def test_closing_a_returning_persons_window_while_it_opens_quits_and_writes_nothing(
    qtbot: QtBot,
    qapp: QApplication,
    app: App,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = DataKey.generate()
    KeyringKeyStore(test_keyring).store(key)
    Vault.create(layout, key, RecoveryCode.generate(), state=AppState(platforms=["x"]))
    before = layout.main.read_bytes()
    answer = threading.Event()
    asked = test_keyring.get_password

    def held(service: str, username: str) -> str | None:
        answer.wait(10)
        return asked(service, username)

    monkeypatch.setattr(test_keyring, "get_password", held)
    app.running.start()
    waiting = app.assembly.waiting
    assert waiting is not None
    qtbot.waitUntil(lambda: app.running.startup.stage is Stage.KEYRING_CALL)
    waiting.close()  # while the checklist is being opened
    assert app.quits == [0]
    answer.set()
    # what was under way arrives and is not used
    qtbot.waitUntil(lambda: app.running.startup.finished)
    qtbot.waitUntil(lambda: not any(b.busy() for b in qapp.findChildren(Background)))
    assert app.running.controller is None and app.running.window is None
    assert layout.main.read_bytes() == before


def visible_texts(windows: list[QWidget]) -> list[str]:
    """Every text a person (or a screen reader) can see in these windows."""
    texts = []
    for window in windows:
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            for getter in ("text", "title", "windowTitle", "accessibleName", "toolTip"):
                value = getattr(widget, getter, None)
                if callable(value):
                    found = value()
                    if isinstance(found, str) and found:
                        texts.append(found)
    return texts


def test_damaged_content_says_so_and_quits(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(args: argparse.Namespace) -> object:
        raise ContentError(Path("measures.toml"), ["not valid TOML"])

    told: list[str] = []
    monkeypatch.setattr(composition, "read_parts", damaged)
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: told.append(text))
    )
    app.running.start()
    qtbot.waitUntil(lambda: bool(app.quits))
    assert app.quits == [1]
    assert "damaged" in told[0] and "measures.toml" in told[0]


def test_the_first_page_is_drawn_before_the_models_and_encryption_load(tmp_path: Path) -> None:
    """What a new user's first frame waits for: Qt, and no content models, checklist models,
    policy models or encryption (each tens of milliseconds to load)."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from selfaudit.cli import parse\n"
        "from selfaudit.ui.composition import AppAssembly\n"
        "from selfaudit.ui.vault.running_app import RunningApp\n"
        "from selfaudit.ui.vault.single_instance import SingleInstance\n"
        "from selfaudit.vault.layout import VaultLayout\n"
        "app = QApplication(sys.argv[:1])\n"
        "layout = VaultLayout(__import__('pathlib').Path(sys.argv[1]))\n"
        "instance = SingleInstance(layout); assert instance.claim()\n"
        "assembly = AppAssembly(app, parse([]), app.exit)\n"
        "running = RunningApp(app, layout, instance, assembly.build_main_window,\n"
        "    assembly.settings_sections, quick=assembly.quick_start())\n"
        "running.start()\n"
        "assert assembly.opening is not None and assembly.opening.isVisible()\n"
        "heavy = [m for m in ('pydantic', 'selfaudit.content.models', 'selfaudit.audit.state',\n"
        "    'selfaudit.policy', 'selfaudit.vault.vault', 'cryptography') if m in sys.modules]\n"
        "instance.release()\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        ),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_returning_persons_window_is_drawn_before_the_models_and_encryption_load(
    tmp_path: Path,
) -> None:
    """What a returning person's first frame waits for: Qt, and none of the checklist's or the
    catalog's models, the encryption or the keyring."""
    layout = VaultLayout(tmp_path / "data")
    Vault.create(layout, DataKey.generate(), RecoveryCode.generate(), state=AppState())
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from selfaudit.cli import parse\n"
        "from selfaudit.ui.composition import AppAssembly\n"
        "from selfaudit.ui.vault.running_app import RunningApp\n"
        "from selfaudit.ui.vault.single_instance import SingleInstance\n"
        "from selfaudit.vault.layout import VaultLayout\n"
        "app = QApplication(sys.argv[:1])\n"
        "layout = VaultLayout(__import__('pathlib').Path(sys.argv[1]))\n"
        "instance = SingleInstance(layout); assert instance.claim()\n"
        "assembly = AppAssembly(app, parse([]), app.exit)\n"
        "running = RunningApp(app, layout, instance, assembly.build_main_window,\n"
        "    assembly.settings_sections, quick=assembly.quick_start())\n"
        "running.start()\n"
        "assert assembly.waiting is not None and assembly.waiting.isVisible()\n"
        "heavy = [m for m in ('pydantic', 'selfaudit.content.models', 'selfaudit.audit.state',\n"
        "    'selfaudit.policy', 'selfaudit.vault.vault', 'cryptography', 'keyring',\n"
        "    'secretstorage') if m in sys.modules]\n"
        "instance.release()\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(layout.root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_returning_persons_dashboard_loads_none_of_what_it_does_not_show(tmp_path: Path) -> None:
    """Once a returning person's dashboard is up (a checklist opened with the keyring): the
    audit's pages, the evidence log's editor, the situations' help, the screen-lock watch and
    its bus load when first used, not at start-up; and no friend-check worker is started."""
    unwanted = [
        "selfaudit.ui.wizard",
        "selfaudit.ui.evidence.editor",
        "selfaudit.content.situations",
        "selfaudit.ui.screen_lock.linux",
        "PySide6.QtDBus",
        "selfaudit.measures.friends.worker_process",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "tests.gui.dashboard_child", str(tmp_path / "data"), *unwanted],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],  # where `tests` is a package
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", SELFAUDIT_TEST_KEYRING="1"),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"loaded": [], "workers": 0}


def test_an_unexpected_failure_while_reading_says_so_and_quits(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: argparse.Namespace) -> object:
        raise RuntimeError("disk on fire")

    told: list[str] = []
    monkeypatch.setattr(composition, "read_parts", broken)
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: told.append(text))
    )
    app.running.start()
    qtbot.waitUntil(lambda: bool(app.quits))
    assert app.quits == [1]
    assert "disk on fire" in told[0]
    assert "RuntimeError: disk on fire" in capsys.readouterr().err


def test_a_new_computer_restores_the_old_checklist_and_opens_on_its_dashboard(
    qtbot: QtBot,
    app: App,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfaudit.ui.vault import restore
    from selfaudit.ui.vault.recovery import RecoveryDialog
    from tests.gui.test_vault_restore import OldComputer

    old = OldComputer(tmp_path)
    monkeypatch.setattr(restore, "choose_copy", lambda parent: old.copy)
    app.running.start()
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, LockChoiceDialog))
    first_window = app.running.window
    assert isinstance(first_window, MainWindow) and first_window.wizard is not None
    first_window.wizard.session.set_platforms(["x"])  # done before choosing to restore
    dialog = app.running.startup.dialog
    assert isinstance(dialog, LockChoiceDialog)  # restoring instead of choosing how it opens
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, RecoveryDialog))
    ask = app.running.startup.dialog
    assert isinstance(ask, RecoveryDialog)
    ask.code.setText(str(old.code))
    ask.open_button.click()
    qtbot.waitUntil(lambda: app.running.controller is not None)
    window = app.running.window
    assert isinstance(window, MainWindow) and window is not first_window
    assert window.isVisible() and window.wizard is None  # the dashboard of the audits done
    assert window.session.state == old.state
    assert not app.quits
    # nothing of the first run is saved: the only autosave is the restored session's, and it
    # has nothing to save
    autosave = app.running.controller.autosave
    assert autosave.session is window.session and not autosave.dirty and not autosave.saving
    first_window.wizard.session.set_platforms(["facebook"])
    assert not autosave.dirty
    assert open_vault(layout, old.key, repair=False).state == old.state


def test_a_first_audit_from_start_to_dashboard_then_back_the_next_day(
    qtbot: QtBot, qapp: QApplication, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    """The whole journey through the composed app: set up, walk every page, finish, tick an
    action off, close; then open again and find the dashboard as it was left."""
    from selfaudit.content.models import Outcome
    from tests.gui.conftest import walk
    from tests.helpers import answer_for

    first = App(qapp, layout)
    try:
        first.running.start()
        open_with_keyring(qtbot, first.running.startup)
        qtbot.waitUntil(lambda: isinstance(first.running.startup.dialog, RecoveryCodeDialog))
        dialog = first.running.startup.dialog
        assert isinstance(dialog, RecoveryCodeDialog)
        keep_code_and_continue(dialog)
        qtbot.waitUntil(lambda: first.running.controller is not None)
        window = first.running.window
        assert isinstance(window, MainWindow) and window.wizard is not None
        wizard = window.wizard

        def choose(check: object) -> str:
            failing = getattr(check, "measure", "") == "passwords"
            return answer_for(check, Outcome.FAIL if failing else Outcome.PASS)  # type: ignore[arg-type]

        walk(wizard, ["facebook"], choose)
        wizard.accept()  # Finish
        assert window.isVisible() and window.dashboard.isVisible()
        assert len(window.session.state.audits) == 1
        first_action = window.dashboard.selected_action()
        assert first_action is not None
        window.dashboard.done_button.click()
        done = dict(window.session.state.action_progress)
        assert first_action.id in done
        window.close()  # saves, then quits
        qtbot.waitUntil(lambda: first.quits == [0], timeout=5000)
    finally:
        first.close()

    again = App(qapp, layout)
    try:
        again.running.start()
        qtbot.waitUntil(lambda: again.running.controller is not None, timeout=10000)
        window = again.running.window
        assert isinstance(window, MainWindow) and window.wizard is None
        assert window.dashboard.isVisible()
        state = window.session.state
        assert len(state.audits) == 1 and state.platforms == ["facebook"]
        assert state.action_progress == done
    finally:
        again.close()
