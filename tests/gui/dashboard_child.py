"""A returning person's start-up as the app composes it, in a fresh process, to see what it
loads: a checklist with one finished audit, opened with the (in-memory) keyring, up to its
dashboard. Making the checklist loads what opening it loads anyway (the models, the
encryption). Run as `python -m tests.gui.dashboard_child DATA_DIR MODULE...`; prints the named
modules that were loaded and how many worker processes run, as JSON."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtWidgets import QApplication

from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import AppState
from selfaudit.cli import parse
from selfaudit.content import load_catalog
from selfaudit.ui.composition import AppAssembly
from selfaudit.ui.vault.running_app import RunningApp
from selfaudit.ui.vault.single_instance import SingleInstance
from selfaudit.vault import keystore
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault
from tests.keyring_double import InMemoryKeyring


def audited() -> AppState:
    session = AuditSession(load_catalog(), AppState())
    session.set_platforms(["facebook"])
    session.start_audit()
    session.finish()
    return session.state


def main() -> None:
    folder, modules = Path(sys.argv[1]), sys.argv[2:]
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    keystore.TRUSTED_BACKENDS |= {keystore.class_name(backend)}
    key = DataKey.generate()
    keystore.KeyringKeyStore(backend).store(key)
    layout = VaultLayout(folder)
    Vault.create(layout, key, RecoveryCode.generate(), state=audited())

    app = QApplication(sys.argv[:1])
    instance = SingleInstance(layout)
    assert instance.claim()
    assembly = AppAssembly(app, parse([]), app.exit)
    running = RunningApp(
        app,
        layout,
        instance,
        assembly.build_main_window,
        assembly.settings_sections,
        quick=assembly.quick_start(),
    )
    running.start()
    deadline = time.monotonic() + 30
    while running.controller is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    assert running.controller is not None, "the checklist did not open"
    assert running.window is not None and running.window.wizard is None, "not the dashboard"
    app.processEvents()
    loaded = [m for m in modules if m in sys.modules]
    instance.release()
    print(json.dumps({"loaded": loaded, "workers": len(multiprocessing.active_children())}))


if __name__ == "__main__":
    main()
