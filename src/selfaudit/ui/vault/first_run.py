"""The first run: a new checklist, its key kept in the keyring (or a passphrase chosen), its
recovery code shown once; or, instead, "Restore a copy…" made on another computer (`selfaudit
backup`, or Settings), opened with its recovery code. Steps of `VaultStartup`'s state machine
(startup.py), written apart to keep that module short: FIRST_PASSPHRASE, SHOWING_CODE,
CREATING, CREATE_FAILED; RESTORE_READING, RESTORE_REFUSED, RESTORE_CODE, RESTORE_LOST_CODE,
RESTORING, then OPENING as after a recovery."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from selfaudit.ui.background import run_in_background
from selfaudit.ui.vault.passphrase import instead_of_keyring
from selfaudit.ui.vault.startup_stages import Stage
from selfaudit.vault.errors import VaultError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from selfaudit.ui.vault.startup import VaultStartup
    from selfaudit.vault.keys import DataKey, RecoveryCode
    from selfaudit.vault.portable import PortableCopy


def first_run(startup: VaultStartup) -> None:
    """How the new checklist opens: the person's choice between the keyring and a passphrase;
    a passphrase alone when there is no keyring selfaudit trusts, or the policy asks for one."""
    from selfaudit.vault.keys import DataKey, RecoveryCode
    from selfaudit.vault.lock_rules import REQUIRED_LINE

    key, code = DataKey.generate(), RecoveryCode.generate()
    if startup.rules.require_passphrase:
        choose_first_passphrase(startup, key, code, REQUIRED_LINE)
    elif startup._store is None:
        choose_first_passphrase(startup, key, code, instead_of_keyring(startup._refusal))
    else:
        choose_lock(startup, key, code)


def choose_lock(startup: VaultStartup, key: DataKey, code: RecoveryCode) -> None:
    """ "Open with my computer's sign-in" or "Ask for a passphrase each time"."""
    from selfaudit.ui.vault.lock_choice import KEYRING, LockChoiceDialog

    store = startup._store
    assert store is not None
    startup._enter(Stage.CHOOSING_LOCK)
    dialog = LockChoiceDialog(store.name)
    dialog.rejected.connect(startup._abandon)
    dialog.restore_requested.connect(
        lambda: restore_copy(startup, dialog, back=lambda: choose_lock(startup, key, code))
    )

    def chosen(choice: str) -> None:
        if choice == KEYRING:
            keep_in_keyring(startup, key, code)
        else:
            choose_first_passphrase(
                startup, key, code, "", back=lambda: choose_lock(startup, key, code)
            )

    dialog.chosen.connect(chosen)
    startup._show(dialog)
    dialog.open()


def keep_in_keyring(startup: VaultStartup, key: DataKey, code: RecoveryCode) -> None:
    store = startup._store
    assert store is not None
    startup._keyring_call(
        lambda: store.store(key),
        lambda _: show_code(startup, key, code, None),
        lambda error: choose_first_passphrase(startup, key, code, instead_of_keyring(str(error))),
        ("Use a passphrase instead", lambda: choose_first_passphrase(startup, key, code, "")),
    )


def choose_first_passphrase(
    startup: VaultStartup,
    key: DataKey,
    code: RecoveryCode,
    reason: str,
    back: Callable[[], None] | None = None,
) -> None:
    """`back` (after the choice): a Back button returns to it."""
    from selfaudit.ui.vault.passphrase import PassphraseDialog

    startup._enter(Stage.FIRST_PASSPHRASE)
    dialog = PassphraseDialog(
        choose=True, reason=reason, offer_restore=back is None, offer_back=back is not None
    )
    dialog.rejected.connect(startup._abandon)
    if back is not None:
        dialog.back_requested.connect(back)
    dialog.submitted.connect(lambda passphrase: show_code(startup, key, code, passphrase))
    dialog.restore_requested.connect(
        lambda: restore_copy(
            startup, dialog, back=lambda: choose_first_passphrase(startup, key, code, reason)
        )
    )
    startup._show(dialog)
    dialog.open()


def show_code(
    startup: VaultStartup, key: DataKey, code: RecoveryCode, passphrase: str | None
) -> None:
    """The recovery code, shown once; the checklist is written only once it is kept."""
    from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog, describe_lock

    startup._enter(Stage.SHOWING_CODE)
    store = startup._store if passphrase is None else None
    dialog = RecoveryCodeDialog(
        str(code),
        describe_lock(store.name if store else None),
        first_run=True,
        offer_restore=passphrase is None,  # a passphrase: offered when it was chosen
    )

    def forget_key() -> None:
        if store is not None:  # no checklist was made with it: do not leave it behind
            run_in_background(
                lambda: store.delete(key.key_id), lambda _: None, lambda _: None, detached=True
            )

    def quit_setup() -> None:
        forget_key()
        startup._abandon()

    def create() -> None:
        from selfaudit.audit.state import AppState
        from selfaudit.ui.vault.unlocked import UnlockedVault
        from selfaudit.vault.vault import Vault

        startup._enter(Stage.CREATING)
        startup._background(
            lambda: Vault.create(startup.layout, key, code, passphrase),
            lambda vault: startup._done(UnlockedVault(vault, AppState(), store)),
            creation_failed(startup, key, code, passphrase),
        )

    dialog.rejected.connect(quit_setup)
    dialog.accepted.connect(create)
    dialog.restore_requested.connect(
        lambda: restore_copy(
            startup,
            dialog,
            back=lambda: show_code(startup, key, code, passphrase),
            unused=forget_key,
        )
    )
    startup._show(dialog)
    dialog.open()


def creation_failed(
    startup: VaultStartup, key: DataKey, code: RecoveryCode, passphrase: str | None
) -> Callable[[BaseException], None]:
    def failed(error: BaseException) -> None:
        startup._enter(Stage.CREATE_FAILED)
        startup._message(
            "selfaudit could not set up your checklist",
            str(error),
            [("retry", "Try again"), ("quit", "Quit")],
            lambda choice: (
                show_code(startup, key, code, passphrase)
                if choice == "retry"
                else startup._abandon()
            ),
        )

    return failed


# instead of a new checklist: a copy from another computer ---------------------
def _nothing() -> None:
    pass


def restore_copy(
    startup: VaultStartup,
    parent: QWidget,
    back: Callable[[], None],
    unused: Callable[[], None] = _nothing,
) -> None:
    """Restores a copy the person picks, after its recovery code; `back` returns to the
    first-run dialog, `unused` forgets the key that dialog had made once the copy is in."""
    from selfaudit.ui.vault.restore import choose_copy
    from selfaudit.vault.portable import read_portable_copy

    path = choose_copy(parent)
    if path is None:
        if startup.stage is Stage.RESTORE_REFUSED:
            back()  # its message is gone: back to the first-run dialog
        return  # the first-run dialog is still there

    def refused(error: BaseException) -> None:
        reason = str(error) if isinstance(error, VaultError) else repr(error)
        startup._enter(Stage.RESTORE_REFUSED)
        startup._message(
            "This file cannot be restored",
            f"{reason} Nothing was changed.",
            [("again", "Choose another file"), ("back", "Go back")],
            lambda choice: (
                restore_copy(startup, parent, back, unused) if choice == "again" else back()
            ),
        )

    startup._enter(Stage.RESTORE_READING)
    startup._background(
        lambda: read_portable_copy(path),
        lambda copy: ask_code_for_copy(startup, copy, back, unused),
        refused,
    )


def ask_code_for_copy(
    startup: VaultStartup,
    copy: PortableCopy,
    back: Callable[[], None],
    unused: Callable[[], None],
) -> None:
    from selfaudit.ui.vault.recovery import RecoveryDialog
    from selfaudit.ui.vault.restore import (
        LOST_COPY_CODE_TEXT,
        RESTORE_REASON,
        why_the_copy_did_not_open,
    )

    startup._enter(Stage.RESTORE_CODE)
    dialog = RecoveryDialog(RESTORE_REASON, title="Restore your checklist", action="Restore")

    def quit_setup() -> None:
        unused()
        startup._abandon()

    def lost() -> None:
        startup._enter(Stage.RESTORE_LOST_CODE)
        startup._message(
            "Start a new checklist instead?",
            LOST_COPY_CODE_TEXT,
            [("back", "Start a new checklist"), ("retry", "Type the code again")],
            lambda choice: (
                back() if choice == "back" else ask_code_for_copy(startup, copy, back, unused)
            ),
        )

    def restore(text: str) -> DataKey:
        from selfaudit.vault.keys import RecoveryCode, unlock_with_code
        from selfaudit.vault.portable import restore_copy

        key = unlock_with_code(copy.header.slots, RecoveryCode.parse(text))
        restore_copy(startup.layout, copy, key)  # checks it opens with this key first
        return key

    def restored(key: DataKey) -> None:
        unused()
        startup._restored = True
        startup._open(lambda: key, None, recovered_key=True)

    def failed(error: BaseException) -> None:
        why = why_the_copy_did_not_open(error)
        if why is None:
            startup._fatal(error)
        else:
            startup._enter(Stage.RESTORE_CODE)
            dialog.show_error(why)

    def submitted(text: str) -> None:
        startup._enter(Stage.RESTORING)
        startup._background(lambda: restore(text), restored, failed)

    dialog.rejected.connect(quit_setup)
    dialog.lost.connect(lost)
    dialog.submitted.connect(submitted)
    startup._show(dialog)
    dialog.open()
