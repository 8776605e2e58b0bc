"""A group of answers (radio buttons) as one stop for the Tab key, as desktops make them.

Qt stops Tab at the first button of an exclusive group whatever is chosen, so a keyboard user who
Tabs into an answered question lands on another answer, and Space would change it. Here only
the chosen answer (the first, while none is) takes Tab focus; the arrow keys move within the
group and choose as they go, which Qt does for an exclusive group whatever the focus policy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QButtonGroup


def tab_stop(group: QButtonGroup) -> QAbstractButton | None:
    """The button Tab lands on: the chosen one, or the first shown and enabled."""
    chosen = group.checkedButton()
    if chosen is not None and not chosen.isHidden() and chosen.isEnabled():
        return chosen
    return next((b for b in group.buttons() if not b.isHidden() and b.isEnabled()), None)


def update_tab_stop(group: QButtonGroup) -> None:
    stop = tab_stop(group)
    for button in group.buttons():
        button.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus
        )


def single_tab_stop(group: QButtonGroup) -> None:
    """Keeps `group` one Tab stop, on its chosen answer, as answers change. Call
    `update_tab_stop(group)` after showing or hiding its buttons."""
    group.buttonToggled.connect(lambda _button, _on: update_tab_stop(group))
    update_tab_stop(group)
