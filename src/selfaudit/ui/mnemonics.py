"""Alt+letter shortcuts (mnemonics) that never clash within a window.

Controls are written with the letter each would like ("&Next", "Your &name"), but a window shows
controls from several places together: the wizard's own buttons beside a page's labels, a
dialog's buttons beside a panel another feature built. Two controls shown together with the same
letter make Alt+that letter go to neither (Qt cycles between them instead of acting).

`watch(app)` (ui/app.py) keeps them unique in every window: when the keyboard comes to a window,
and at once whenever it turns a page or a tab, the controls shown together keep their
letters in order of priority (the window's own buttons first, as people learn those: Alt+N is
always Next), and a later control that clashes takes another letter from its own words, or
none. `clashes(window)` lists what is left, for the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
    QWizard,
)


def mnemonic(text: str) -> str:
    """The letter after a single "&" ("&&" is a plain ampersand), lower case; "" if none."""
    plain = text.replace("&&", "\0")
    at = plain.find("&")
    if at < 0 or at == len(plain) - 1:
        return ""
    return plain[at + 1].casefold()


def without_mnemonic(text: str) -> str:
    plain = text.replace("&&", "\0").replace("&", "")
    return plain.replace("\0", "&&")


def with_mnemonic(text: str, letter: str) -> str:
    """`text` with its "&" before the first use of `letter`, preferring the start of a word."""
    plain = without_mnemonic(text)
    spots = [i for i, c in enumerate(plain) if c.casefold() == letter and plain[i - 1 : i] != "&"]
    starts = [i for i in spots if i == 0 or not plain[i - 1].isalnum()]
    at = (starts or spots)[0]
    return plain[:at] + "&" + plain[at:]


@dataclass
class Shortcut:
    """One control's text that may carry an Alt+letter, and how to change it."""

    widget: QWidget
    text: str
    index: int = -1  # a tab's index in its tab bar

    def set_text(self, text: str) -> None:
        if isinstance(self.widget, QTabBar):
            self.widget.setTabText(self.index, text)
        elif isinstance(self.widget, QGroupBox):
            self.widget.setTitle(text)
        elif isinstance(self.widget, QAbstractButton | QLabel):
            self.widget.setText(text)
        self.text = text

    def describe(self) -> str:
        return f"{type(self.widget).__name__} {without_mnemonic(self.text)!r}"


def _priority(widget: QWidget, window: QWidget) -> int:
    """The window's own buttons first (the wizard's, a dialog's button box), then the rest."""
    if isinstance(window, QWizard) and any(
        widget is window.button(which) for which in QWizard.WizardButton
    ):
        return 0
    parent = widget.parentWidget()
    if isinstance(parent, QDialogButtonBox) and parent.window() is window:
        return 1
    return 2


def _shown_widgets(window: QWidget) -> Iterator[QWidget]:
    """The widgets `window` shows (as `isVisibleTo(window)` says), in the order `findChildren`
    gives them. A hidden widget's children are not looked at, nor another window's: a wizard
    keeps every page it has built, and walking the hidden ones made each page turn slow."""
    for child in window.children():
        if isinstance(child, QWidget) and not child.isWindow() and not child.isHidden():
            yield child
            yield from _shown_widgets(child)


def shown_shortcuts(window: QWidget) -> Iterator[Shortcut]:
    """Every text shown in `window` now that gives an Alt+letter, in order of priority."""
    found: list[tuple[int, int, Shortcut]] = []

    def add(widget: QWidget, text: str, index: int = -1) -> None:
        # a dialog the window owns is a window of its own, with Alt+letters of its own
        if mnemonic(text) and widget.window() is window:
            found.append((_priority(widget, window), len(found), Shortcut(widget, text, index)))

    shown = list(_shown_widgets(window))
    for button in shown:
        if isinstance(button, QAbstractButton):
            add(button, button.text())
    for label in shown:
        if isinstance(label, QLabel) and label.buddy() is not None:
            add(label, label.text())
    for box in shown:
        if isinstance(box, QGroupBox) and box.isCheckable():
            add(box, box.title())
    for bar in shown:
        if isinstance(bar, QTabBar):
            for index in range(bar.count()):
                if bar.isTabVisible(index):
                    add(bar, bar.tabText(index), index)
    for _, _, shortcut in sorted(found, key=lambda item: item[:2]):
        yield shortcut


def clashes(window: QWidget) -> list[str]:
    """Alt+letter shortcuts that two controls shown together in `window` share."""
    seen: dict[str, Shortcut] = {}
    found = []
    for shortcut in shown_shortcuts(window):
        letter = mnemonic(shortcut.text)
        if letter in seen:
            found.append(
                f"Alt+{letter}: {seen[letter].describe()} and {shortcut.describe()} in "
                f"{type(window).__name__} {window.windowTitle()!r}"
            )
        seen.setdefault(letter, shortcut)
    return found


def settle(window: QWidget) -> None:
    """Gives every clashing control after the first another letter of its own, or none."""
    shortcuts = list(shown_shortcuts(window))
    taken = {mnemonic(s.text) for s in shortcuts}
    used: set[str] = set()
    for shortcut in shortcuts:
        letter = mnemonic(shortcut.text)
        if letter not in used:
            used.add(letter)
            continue
        plain = without_mnemonic(shortcut.text).replace("&&", "")
        words = plain.split()
        candidates = [w[0].casefold() for w in words if w[:1].isalnum()]
        candidates += [c.casefold() for c in plain if c.isalnum()]
        free = next((c for c in candidates if c not in taken and c not in used), None)
        if free is None:
            shortcut.set_text(without_mnemonic(shortcut.text))
        else:
            shortcut.set_text(with_mnemonic(shortcut.text, free))
            used.add(free)
            taken.add(free)


class _Keeper(QObject):
    """Settles a window's shortcuts whenever what it shows changes: a page or a tab turned."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("mnemonic-keeper")
        self.window = window
        self._pending = False
        if isinstance(window, QWizard):
            window.currentIdChanged.connect(self.changed)
        for tabs in window.findChildren(QTabWidget):
            tabs.currentChanged.connect(self.changed)
        for stack in window.findChildren(QStackedWidget):
            stack.currentChanged.connect(self.changed)

    def changed(self) -> None:
        # at once, so an Alt+letter pressed straight after the turn (a quick second Alt+N)
        # already finds the new page's letters settled; and again once the turn's other
        # slots have run, for controls they show
        self.settle_now()
        self.later()

    def later(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.settle_now)

    def settle_now(self) -> None:
        self._pending = False
        settle(self.window)


def keep_unique(window: QWidget) -> None:
    """Keeps the Alt+letters of what `window` shows unique from now on (see the module's note)."""
    keeper = window.findChild(_Keeper, "mnemonic-keeper", Qt.FindChildOption.FindDirectChildrenOnly)
    if keeper is None:
        keeper = _Keeper(window)
    keeper.settle_now()


WATCHING = "selfaudit-mnemonics-watched"


def watch(app: QApplication) -> None:
    """Keeps every window's Alt+letters unique: a window is settled when the keyboard's focus
    first comes to it, which is when its Alt+letters can first be pressed, and again whenever
    what it shows changes. One connection for the whole app, so windows need do nothing."""

    if app.property(WATCHING):
        return
    app.setProperty(WATCHING, True)

    def focus_moved(old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and (old is None or old.window() is not new.window()):
            keep_unique(new.window())

    app.focusChanged.connect(focus_moved)
