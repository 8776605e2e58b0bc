"""What start-up hands to the rest of the app: the open checklist and where its key lives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfaudit.audit.state import AppState
    from selfaudit.vault.keystore import KeyringKeyStore
    from selfaudit.vault.vault import Vault


@dataclass
class UnlockedVault:
    """The open checklist and where its key lives, for the rest of the app."""

    vault: Vault
    state: AppState
    keyring: KeyringKeyStore | None  # None: passphrase mode
    restored: bool = False  # a copy restored at first run: its state, not the first run's

    @property
    def lock_description(self) -> str:
        from selfaudit.ui.vault.recovery_code import describe_lock

        return describe_lock(
            None if self.vault.uses_passphrase or not self.keyring else self.keyring.name
        )
