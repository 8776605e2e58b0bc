"""Restoring a copy over the open checklist, from Settings: `VaultController`'s RESTORE flow
(controller.py). A copy (from another computer, or an earlier one) takes the checklist's place
after its recovery code and a confirmation; the checklist it replaces is kept among the
backups, and the app then closes: it opens the restored checklist next time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from selfaudit.dates import date_and_time
from selfaudit.ui.vault.controller import Flow
from selfaudit.ui.vault.messages import show_message
from selfaudit.vault.errors import VaultError
from selfaudit.vault.keystore import call_with_timeout

if TYPE_CHECKING:
    from selfaudit.ui.vault.controller import VaultController
    from selfaudit.vault.contents import Contents
    from selfaudit.vault.keys import DataKey
    from selfaudit.vault.portable import PortableCopy


def restore_over(controller: VaultController, parent: QWidget | None) -> None:
    """A copy (from another computer, or an earlier one) in place of this checklist, after
    its recovery code and a confirmation. The checklist it replaces is kept among the
    backups. The app then closes: it opens the restored checklist next time."""
    from selfaudit.ui.vault.restore import choose_copy
    from selfaudit.vault.portable import read_portable_copy

    if not controller.begin(Flow.RESTORE):
        return
    path = choose_copy(parent)
    if path is None:
        controller.end_flow()
        return
    controller.run(
        lambda: read_portable_copy(path),
        lambda copy: _ask_code_for_copy(controller, parent, copy),
        lambda error: controller.note(parent, "This file cannot be restored", str(error)),
    )


def _ask_code_for_copy(
    controller: VaultController, parent: QWidget | None, copy: PortableCopy
) -> None:
    from selfaudit.ui.vault.recovery import RecoveryDialog
    from selfaudit.ui.vault.restore import RESTORE_REASON, why_the_copy_did_not_open
    from selfaudit.vault.keys import RecoveryCode, unlock_with_code
    from selfaudit.vault.portable import check_copy

    dialog = RecoveryDialog(RESTORE_REASON, parent, "Restore a copy", "Continue")
    dialog.lost_button.hide()  # without the copy's code there is nothing to do here
    dialog.rejected.connect(controller.end_flow)

    def unlock(text: str) -> tuple[DataKey, Contents]:
        key = unlock_with_code(copy.header.slots, RecoveryCode.parse(text))
        return key, check_copy(copy, key)

    def unlocked(found: tuple[DataKey, Contents]) -> None:
        dialog.accept()
        _confirm_restore(controller, parent, copy, *found)

    def failed(error: BaseException) -> None:
        dialog.show_error(why_the_copy_did_not_open(error) or repr(error))

    dialog.submitted.connect(lambda text: controller.run(lambda: unlock(text), unlocked, failed))
    controller.dialog = dialog
    dialog.open()


def _confirm_restore(
    controller: VaultController,
    parent: QWidget | None,
    copy: PortableCopy,
    key: DataKey,
    contents: Contents,
) -> None:
    saved = contents.saved_at.astimezone()

    def chosen(choice: str) -> None:
        if choice == "restore":
            controller.autosave.flush(
                controller.unless_locked(lambda _: _restore(controller, parent, copy, key))
            )
        else:
            controller.end_flow()

    controller.dialog = show_message(
        parent,
        "Replace your checklist with this copy?",
        f"The copy was saved on {date_and_time(saved)} ({contents.state.summary()}). "
        "Your checklist as it is now is kept among the backups. selfaudit will then close; "
        "open it again to carry on with the copy.",
        [("restore", "Replace my checklist"), ("cancel", "Cancel")],
        chosen,
        QMessageBox.Icon.Question,
    )


def _restore(
    controller: VaultController, parent: QWidget | None, copy: PortableCopy, key: DataKey
) -> None:
    from selfaudit.vault.portable import restore_copy

    layout, store = controller.vault.layout, controller.unlocked.keyring

    def work() -> bool:
        restore_copy(layout, copy, key)
        if store is None or copy.header.has_passphrase:
            return True  # it opens with the copy's passphrase, or its recovery code
        try:  # so it opens without its recovery code
            call_with_timeout(lambda: store.store(key))
        except VaultError:
            return False  # restored all the same: the app asks for the code once
        return True

    def done(key_kept: bool) -> None:
        controller.enter_flow(Flow.REPLACED)
        code = "" if key_kept else " It will ask for the copy's recovery code once."
        controller.dialog = show_message(
            parent,
            "Your checklist is restored",
            "selfaudit will now close. Open it again to carry on with the restored copy." + code,
            [("ok", "Close selfaudit")],
            lambda _: controller.quit_app(),
            QMessageBox.Icon.Information,
        )

    def failed(error: BaseException) -> None:
        text = str(error) if isinstance(error, VaultError) else repr(error)
        controller.note(parent, "The copy was not restored", f"{text} Your checklist is unchanged.")
        controller.autosave.resume()

    # nothing of this session may be saved over the copy, not even a save under way
    controller.autosave.halt(lambda: controller.run(work, done, failed))
