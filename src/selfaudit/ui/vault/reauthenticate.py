"""Asking who is at the keyboard before Settings shows the recovery code or changes how the
checklist opens: the passphrase it is locked with (counted like the unlock screen's, so it
cannot be guessed here instead), or the keyring handing over the key again (which may ask for
the keyring's password). Steps of `VaultController`'s flows (controller.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.vault.errors import VaultError, WrongSecretError
from selfaudit.vault.keys import unlock_with_passphrase
from selfaudit.vault.keystore import call_with_timeout
from selfaudit.vault.unlock_throttle import PassphraseRefusedError, UnlockThrottle, try_passphrase

if TYPE_CHECKING:
    from selfaudit.ui.vault.controller import VaultController


def confirm_with_passphrase(
    controller: VaultController,
    parent: QWidget | None,
    purpose: str,
    then: Callable[[], None],
) -> None:
    """Asks for the passphrase the checklist is locked with; `then` once it is right. Closing
    the dialog ends the flow under way."""
    dialog = PassphraseDialog(choose=False, purpose=purpose, parent=parent)
    vault = controller.vault
    slots = list(vault.slots)
    throttle = UnlockThrottle(vault.layout.unlock_attempts)

    def check(passphrase: str) -> None:
        def work() -> bool:
            key = try_passphrase(throttle, lambda: unlock_with_passphrase(slots, passphrase))
            return key == vault.key

        def done(matches: bool) -> None:
            if matches:
                dialog.accept()
                then()
            else:
                dialog.show_error("That passphrase does not open this checklist.")

        def failed(error: BaseException) -> None:
            if isinstance(error, WrongSecretError):
                dialog.show_error(str(error))
                if isinstance(error, PassphraseRefusedError) and error.wait > 0:
                    dialog.hold(error.wait)
            else:
                dialog.show_error(repr(error))

        controller.run(work, done, failed)

    dialog.rejected.connect(controller.end_flow)
    dialog.submitted.connect(check)
    if dialog.forgot_button is not None:
        dialog.forgot_button.hide()  # the code is what they would need; not this way round
    controller.dialog = dialog
    dialog.open()


def confirm_with_keyring(
    controller: VaultController, then: Callable[[], None], refused: Callable[[str], None]
) -> None:
    """The keyring hands over the checklist's key again (it may ask for its own password):
    `then` if it does, else `refused(why)`."""
    store = controller.unlocked.keyring
    if store is None:
        refused("selfaudit cannot reach the keyring that keeps the key to this checklist.")
        return
    vault = controller.vault
    key_id = vault.key.key_id

    def done(matches: bool) -> None:
        if matches:
            then()
        else:
            refused("Your keyring no longer has the key to this checklist.")

    def failed(error: BaseException) -> None:
        refused(str(error) if isinstance(error, VaultError) else repr(error))

    controller.run(lambda: call_with_timeout(lambda: store.load(key_id)) == vault.key, done, failed)
