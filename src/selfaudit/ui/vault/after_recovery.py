"""After the recovery code opened the checklist at start-up (the key was not where it was kept,
or the passphrase was forgotten, or a copy was restored): keeping the key again the way the
checklist opens, so next time needs no code. Steps of `VaultStartup`'s state machine
(startup.py), written apart to keep that module short: KEYRING_CALL (the key kept again),
NEW_PASSPHRASE, SAVING.

A checklist that asked for a passphrase keeps asking for one (a new one is chosen); one that
opened with the computer's sign-in has its key put back in the keyring, unless the policy asks
for a passphrase or there is no keyring to trust."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfaudit.ui.vault.passphrase import instead_of_keyring
from selfaudit.ui.vault.startup_stages import Stage

if TYPE_CHECKING:
    from selfaudit.ui.vault.startup import VaultStartup
    from selfaudit.vault.keys import DataKey
    from selfaudit.vault.vault import Opened

FORGOTTEN_PASSPHRASE = (
    "Your recovery code opened your checklist. Choose a new passphrase for it: from now on you "
    "open selfaudit with that."
)


def keep_key_again(startup: VaultStartup, key: DataKey, opened: Opened) -> None:
    from selfaudit.vault.lock_rules import REQUIRED_LINE

    vault = opened.vault
    if vault.uses_passphrase:
        choose_new_passphrase(startup, opened, FORGOTTEN_PASSPHRASE)
    elif startup.rules.require_passphrase:
        choose_new_passphrase(startup, opened, REQUIRED_LINE)
    elif startup._store is None:
        choose_new_passphrase(startup, opened, instead_of_keyring(startup._refusal))
    else:
        store = startup._store
        startup._keyring_call(
            lambda: store.store(key),
            lambda _: startup._finish(opened),
            lambda error: choose_new_passphrase(startup, opened, instead_of_keyring(str(error))),
            ("Use a passphrase instead", lambda: choose_new_passphrase(startup, opened, "")),
        )


def choose_new_passphrase(startup: VaultStartup, opened: Opened, reason: str) -> None:
    from selfaudit.ui.vault.passphrase import PassphraseDialog

    startup._enter(Stage.NEW_PASSPHRASE)
    dialog = PassphraseDialog(choose=True, reason=reason)
    dialog.rejected.connect(startup._abandon)

    def chosen(passphrase: str) -> None:
        vault = opened.vault

        def work() -> None:
            vault.save(opened.state, slots=vault.passphrase_slots(passphrase))

        startup._enter(Stage.SAVING)
        startup._background(work, lambda _: startup._finish(opened))

    dialog.submitted.connect(chosen)
    startup._show(dialog)
    dialog.open()
