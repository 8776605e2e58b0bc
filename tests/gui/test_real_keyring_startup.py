"""First run and the next start against GNOME Keyring itself (the real_keyring group)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from selfaudit.paths import AppPaths
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.startup import VaultStartup
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.vault.layout import VaultLayout
from tests.gui.vault_helpers import keep_code_and_continue, open_with_keyring, wait_for_dialog

pytestmark = pytest.mark.real_keyring


def test_first_run_keeps_the_key_in_gnome_keyring_and_the_next_start_uses_it(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    layout = VaultLayout(app_paths.data_dir)
    opened: list[UnlockedVault] = []
    first = VaultStartup(layout, keyring_timeout=30)
    first.ready.connect(opened.append)
    first.start()
    open_with_keyring(qtbot, first, timeout=30000)
    keep_code_and_continue(wait_for_dialog(qtbot, first, RecoveryCodeDialog, timeout=30000))
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    store = opened[0].keyring
    assert store is not None and "Secret Service" in store.name
    try:
        second = VaultStartup(layout, keyring_timeout=30)
        second.ready.connect(opened.append)
        second.start()
        qtbot.waitUntil(lambda: len(opened) == 2, timeout=30000)
        assert second.dialog is None  # no code, no passphrase: the keyring had the key
        assert opened[1].vault.key == opened[0].vault.key
    finally:
        store.delete(opened[0].vault.key.key_id)
