"""Switching how the checklist opens, from Settings (or when the friend check keeps names, or
the policy asks for a passphrase): `VaultController`'s TO_PASSPHRASE and TO_KEYRING flows.

Both re-wrap the same data key: the checklist is saved once with its new key slots (atomically,
kept only if the save succeeds), so nothing else is encrypted again, and the recovery code opens
it as before. To a passphrase: the keyring confirms it is the person (not when the policy asks
right after the keyring opened it), a passphrase is chosen, the file saved with a passphrase
slot, then every key of the checklist is taken out of the keyring. To the keyring: the current
passphrase, the key kept in the keyring (read back), then the file saved without the
passphrase slot (if that save fails, the key is taken out again).
"""

from __future__ import annotations

import contextlib
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from selfaudit.ui.vault.controller import Flow
from selfaudit.ui.vault.messages import show_message
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.reauthenticate import confirm_with_keyring, confirm_with_passphrase
from selfaudit.vault.errors import KeyStoreError, VaultError
from selfaudit.vault.keystore import KeyringKeyStore, call_with_timeout, choose_keyring
from selfaudit.vault.lock_rules import REQUIRED_LINE

if TYPE_CHECKING:
    from selfaudit.audit.state import AppState
    from selfaudit.ui.vault.controller import VaultController
    from selfaudit.vault.vault import Vault


def to_passphrase(
    controller: VaultController, parent: QWidget | None, required: bool = False
) -> None:
    """ "Ask for a passphrase each time". `required`: the policy asks for it and the keyring has
    just opened the checklist; there is no going on without one (Quit saves and closes)."""
    if not controller.begin(Flow.TO_PASSPHRASE):
        return
    if required:
        _choose_passphrase(controller, parent, required=True)
        return
    confirm_with_keyring(
        controller,
        lambda: _choose_passphrase(controller, parent, required=False),
        lambda why: controller.note(
            parent,
            "selfaudit still opens with your computer's sign-in",
            f"{why} Nothing was changed.",
        ),
    )


def _choose_passphrase(controller: VaultController, parent: QWidget | None, required: bool) -> None:
    reason = f"{REQUIRED_LINE} Choose one now to carry on." if required else ""
    dialog = PassphraseDialog(
        choose=True, reason=reason, parent=parent, quit_label="Quit" if required else ""
    )
    vault, store = controller.vault, controller.unlocked.keyring
    if required:
        dialog.rejected.connect(controller.close_and_quit)
    else:
        dialog.rejected.connect(controller.end_flow)

    def chosen(passphrase: str) -> None:
        snapshot = controller.autosave.session.state.model_copy(deep=True)

        def work() -> None:
            vault.save(snapshot, slots=vault.passphrase_slots(passphrase))  # slow: a derivation

        def saved(_: None) -> None:
            dialog.accept()
            controller.unlocked.keyring = None
            controller.mode_changed.emit()
            _forget_keys(controller, parent, store)

        def failed(error: BaseException) -> None:
            text = str(error) if isinstance(error, VaultError) else repr(error)
            dialog.show_error(f"{text} selfaudit still opens with your computer's sign-in.")

        controller.run(work, saved, failed)

    dialog.submitted.connect(chosen)
    controller.dialog = dialog
    dialog.open()


def _forget_keys(
    controller: VaultController, parent: QWidget | None, store: KeyringKeyStore | None
) -> None:
    """Every key the checklist's copies name, out of the keyring: in passphrase mode the keyring
    holds nothing that opens it."""
    layout = controller.vault.layout
    keyring = store.name if store is not None else "your keyring"

    def work() -> None:
        from selfaudit.vault.vault import inspect

        if store is None:
            return
        key_ids = {header.key_id for header in inspect(layout).headers}
        key_ids.add(controller.vault.key.key_id)
        for key_id in key_ids:
            call_with_timeout(partial(store.delete, key_id))

    def done(_: None) -> None:
        controller.note(
            parent,
            "selfaudit now asks for your passphrase",
            "From now on you type your passphrase each time selfaudit opens, and it locks "
            "itself when you leave it unused or lock your screen. The key is no longer kept in "
            f"{keyring}. Your recovery code still opens your checklist; copies saved before now "
            "(its backups) open with your recovery code.",
        )

    def failed(error: BaseException) -> None:
        text = str(error) if isinstance(error, VaultError) else repr(error)

        def chosen(choice: str) -> None:
            if choice == "retry":
                _forget_keys(controller, parent, store)
            else:
                controller.end_flow()

        controller.dialog = show_message(
            parent,
            "The key is still in your keyring",
            "selfaudit now asks for your passphrase each time it opens, but it could not take "
            f"the key out of {keyring}: {text} Until it is taken out, anyone who can use your "
            "account on this computer could still open your checklist.",
            [("retry", "Try again"), ("close", "Close")],
            chosen,
        )

    controller.run(work, done, failed)


def to_keyring(controller: VaultController, parent: QWidget | None) -> None:
    """ "Open with my computer's sign-in", after the current passphrase."""
    if not controller.begin(Flow.TO_KEYRING):
        return
    confirm_with_passphrase(
        controller,
        parent,
        "Type your passphrase. selfaudit will then open with your computer's sign-in instead.",
        lambda: _keep_in_keyring(controller, parent),
    )


def _keep_in_keyring(controller: VaultController, parent: QWidget | None) -> None:
    vault = controller.vault
    snapshot = controller.autosave.session.state.model_copy(deep=True)

    def work() -> KeyringKeyStore:
        choice = call_with_timeout(choose_keyring)
        if not choice.usable:
            raise KeyStoreError(choice.refusal)
        store = KeyringKeyStore(choice.backend)
        key = vault.key
        call_with_timeout(lambda: store.store(key))  # read back before it is relied on
        _save_without_passphrase(vault, snapshot, store)
        return store

    def done(store: KeyringKeyStore) -> None:
        controller.unlocked.keyring = store
        controller.mode_changed.emit()
        controller.note(
            parent,
            "selfaudit now opens with your computer's sign-in",
            f"The key to your checklist is kept in {store.name}: selfaudit opens without "
            "asking while you are signed in to this computer, and no longer locks itself. "
            "Your recovery code still opens your checklist; copies saved before now (its "
            "backups) still open with your old passphrase too.",
        )

    def failed(error: BaseException) -> None:
        text = str(error) if isinstance(error, VaultError) else repr(error)
        controller.note(
            parent, "selfaudit still asks for your passphrase", f"{text} Nothing was changed."
        )

    controller.run(work, done, failed)


def _save_without_passphrase(vault: Vault, snapshot: AppState, store: KeyringKeyStore) -> None:
    try:
        vault.save(snapshot, slots=vault.keyring_slots())
    except BaseException:
        # the file still asks for the passphrase: the keyring must not hold a way round it
        with contextlib.suppress(VaultError):
            call_with_timeout(partial(store.delete, vault.key.key_id))
        raise


def offer_for_kept_names(controller: VaultController, parent: QWidget | None) -> None:
    """The friend check keeps service users' names: while the keyring opens the checklist,
    offer to ask for a passphrase instead (once the person has chosen to keep them)."""
    if controller.vault.uses_passphrase or controller.flow is not Flow.OPEN:
        return

    def chosen(choice: str) -> None:
        if choice == "passphrase":
            to_passphrase(controller, parent)

    controller.dialog = show_message(
        parent,
        "Keep these names safer?",
        "The names of the people you work with will be kept in your checklist. It opens with "
        "your computer's sign-in, so anyone who can use your account on this computer could "
        "see them. If you share this computer or your account, ask for a passphrase each time "
        "instead.",
        [("passphrase", "Ask for a passphrase each time…"), ("later", "Not now")],
        chosen,
        QMessageBox.Icon.Question,
        escape="later",
    )
