"""Calls to the keyring at start-up, which may wait on an unlock prompt: after a moment the
person sees "Waiting for your keyring" (waiting.py), after the timeout "not answering" with Try
again, the alternative (the recovery code, or a passphrase) or Quit. The KEYRING_CALL stage of
`VaultStartup`'s state machine (startup.py), written apart to keep that module short."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer

from selfaudit.ui.vault.startup_stages import Stage

if TYPE_CHECKING:
    from selfaudit.ui.vault.startup import VaultStartup
    from selfaudit.ui.vault.waiting import KeyringWaitDialog

T = TypeVar("T")

WAIT_DIALOG_DELAY_MS = 400  # most keyrings answer within this; no flash of a dialog then


def keyring_call(
    startup: VaultStartup,
    action: Callable[[], T],
    on_done: Callable[[T], None],
    on_failed: Callable[[BaseException], None],
    alternative: tuple[str, Callable[[], None]],
) -> None:
    assert startup._store is not None
    store_name = startup._store.name
    label, on_alternative = alternative

    def wait_dialog() -> KeyringWaitDialog:
        # built only when it is to be shown: most keyrings answer before that, and a returning
        # person's dashboard should not wait while a dialog nobody sees is laid out (and, with
        # accessibility on, described to the screen reader)
        wait = startup._wait_dialog
        if wait is None:
            from selfaudit.ui.vault.waiting import KeyringWaitDialog

            wait = KeyringWaitDialog(store_name, label)
            wait.rejected.connect(startup._abandon)
            wait.alternative_chosen.connect(lambda: _leave_keyring(startup, on_alternative))
            wait.retry_chosen.connect(
                lambda: keyring_call(startup, action, on_done, on_failed, alternative)
            )
            startup._wait_dialog = wait
        return wait

    def done(result: T) -> None:
        stop_waiting(startup)
        on_done(result)

    def failed(error: BaseException) -> None:
        stop_waiting(startup)
        on_failed(error)

    def timed_out() -> None:
        if startup._pending is not None:
            startup._pending.cancel()
        wait = wait_dialog()
        wait.show_timed_out(
            f"{startup._store.name if startup._store else 'Your keyring'} did not answer within "
            f"{startup.keyring_timeout:.0f} seconds. If it is asking you to unlock it, do that "
            "and choose Try again."
        )
        startup._show(wait)
        wait.open()

    stop_waiting(startup)
    startup._enter(Stage.KEYRING_CALL)
    startup._timers = [
        _single_shot(startup, WAIT_DIALOG_DELAY_MS, lambda: _show_wait(startup, wait_dialog())),
        _single_shot(startup, int(startup.keyring_timeout * 1000), timed_out),
    ]
    startup._background(action, done, failed)


def _single_shot(startup: VaultStartup, milliseconds: int, action: Callable[[], None]) -> QTimer:
    timer = QTimer(startup)
    timer.setSingleShot(True)
    timer.timeout.connect(action)
    timer.start(milliseconds)
    return timer


def _show_wait(startup: VaultStartup, wait: KeyringWaitDialog) -> None:
    wait.show_waiting()
    startup._show(wait)
    wait.open()


def stop_waiting(startup: VaultStartup) -> None:
    for timer in startup._timers:
        timer.stop()
        timer.deleteLater()
    startup._timers = []
    if startup._wait_dialog is not None and startup.dialog is startup._wait_dialog:
        startup._close_dialog()
    startup._wait_dialog = None


def _leave_keyring(startup: VaultStartup, then: Callable[[], None]) -> None:
    if startup._pending is not None:
        startup._pending.cancel()
    stop_waiting(startup)
    then()
