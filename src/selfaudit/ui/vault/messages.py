"""Messages about the vault: non-blocking message boxes whose buttons name what happens next.

Boxes are opened with `open()`, never `exec()`, so the event loop keeps running (saves finish,
the second-instance signal arrives) and tests can press the buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QGridLayout,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

Choice = tuple[str, str]  # (key, button label)


def comfortable_width(widget: QWidget, characters: int = 64) -> None:
    """A width that keeps wrapped text readable (about `characters` per line). Measured in the
    widget's font, so it grows with the system font size and with QT_SCALE_FACTOR."""
    widget.setMinimumWidth(widget.fontMetrics().averageCharWidth() * characters)


class VaultMessage(QMessageBox):
    """A message with named choices. `buttons_by_key` lets code and tests find a button."""

    def __init__(
        self,
        parent: QWidget | None,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        choices: Sequence[Choice],
        on_choice: Callable[[str], None],
        details: str = "",
        escape: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setIcon(icon)
        self.setWindowTitle(title)
        self.setText(title)
        self.setInformativeText(text)
        if details:
            self.setDetailedText(details)
        self.setObjectName("vault-message")
        self.buttons_by_key: dict[str, QPushButton] = {}
        for index, (key, label) in enumerate(choices):
            role = (
                QMessageBox.ButtonRole.AcceptRole
                if index == 0
                else QMessageBox.ButtonRole.RejectRole
            )
            button = self.addButton(label, role)
            button.setAccessibleName(label)
            self.buttons_by_key[key] = button
        if choices:
            self.setDefaultButton(self.buttons_by_key[choices[0][0]])
        if escape is not None:  # Esc and the close button; otherwise Qt picks the last choice
            self.setEscapeButton(self.buttons_by_key[escape])
        self._on_choice = on_choice
        self.buttonClicked.connect(self._clicked)
        grid = self.layout()
        if isinstance(grid, QGridLayout):  # QMessageBox is narrow by default; widen its text
            width = self.fontMetrics().averageCharWidth() * 60
            spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
            grid.addItem(spacer, grid.rowCount(), 0, 1, grid.columnCount())

    def choose(self, key: str) -> None:
        self.buttons_by_key[key].click()

    def _clicked(self, button: object) -> None:
        for key, candidate in self.buttons_by_key.items():
            if candidate is button:
                self._on_choice(key)
                return


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[Choice],
    on_choice: Callable[[str], None],
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    details: str = "",
    escape: str | None = None,
) -> VaultMessage:
    box = VaultMessage(parent, icon, title, text, choices, on_choice, details, escape)
    box.open()
    return box
