"""Restoring a copy of a checklist at first run: someone moving to a new computer opens
selfaudit there and, instead of starting a new checklist, picks the copy they saved on the old
one (Settings, "Save an encrypted copy…", or `selfaudit backup`) and types its recovery code.
`VaultStartup` runs the steps; this module has the pieces the person sees."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QBoxLayout,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from selfaudit.ui.tab_order import read_after, stops_in
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.vault.errors import KeyMismatchError, VaultError

COPY_FILTER = "Copies of a selfaudit checklist (*.zip *.vault);;All files (*)"
RESTORE_REASON = (
    "The copy is locked with the recovery code of the checklist it came from, the code shown "
    "when you first used selfaudit on the other computer."
)
LOST_COPY_CODE_TEXT = (
    "Without its recovery code, selfaudit cannot open this copy. You can start a new, empty "
    "checklist instead; the copy is left as it is, in case you find the code later."
)


def add_restore_offer(dialog: QWidget, layout: QBoxLayout) -> QPushButton:
    """The line "Moving from another computer? [Restore a copy…]" at the foot of a first-run
    dialog. Returns the button; the dialog connects it."""
    row = QHBoxLayout()
    row.addWidget(
        wrapped_label("Moving from another computer, or have a copy you saved?", dialog), 1
    )
    button = QPushButton("&Restore a copy…", dialog)
    button.setObjectName("restore-copy-button")
    button.setAccessibleName("Restore a copy of your checklist saved on another computer")
    row.addWidget(button)
    layout.addLayout(row)
    _read_before_the_buttons(dialog, button)
    return button


def _read_before_the_buttons(dialog: QWidget, button: QPushButton) -> None:
    """The dialog's buttons were made first, but come last on screen: Tab reads this first."""
    stops = stops_in(dialog)
    box = dialog.findChild(QDialogButtonBox)
    first = next((i for i, w in enumerate(stops) if box is not None and box.isAncestorOf(w)), 0)
    if first > 0 and stops[first - 1] is not button:
        read_after(stops[first - 1], [button])


def choose_copy(parent: QWidget | None) -> Path | None:
    """Asks which file to restore; None if the person cancels."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Restore a copy of your checklist", str(Path.home()), COPY_FILTER
    )
    return Path(chosen) if chosen else None


def why_the_copy_did_not_open(error: BaseException) -> str | None:
    """What to tell the person when a copy does not open with the code they typed (a wrong
    code, a damaged or newer copy); None for anything else (a bug)."""
    if isinstance(error, KeyMismatchError):
        return "That recovery code does not open this copy."
    if isinstance(error, VaultError):
        return str(error)
    return None
