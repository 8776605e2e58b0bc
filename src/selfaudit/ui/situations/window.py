"""The "Something has happened" window: the situations in the person's words, then one page of
help for the chosen one, with a way back to the list. It can open before what it shows has been
read (a new user's first page): it says so, and fills in when it is ready."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.models import Platform
from selfaudit.content.situations import SituationHelp
from selfaudit.policy import Policy
from selfaudit.situations.page import page_for
from selfaudit.ui.situations.host import HelpHost
from selfaudit.ui.situations.page_view import SituationView
from selfaudit.ui.widgets.labels import heading, wrapped_label
from selfaudit.ui.widgets.scrolling import scroll_area

TITLE = "Something has happened"
GETTING_READY = "Getting the help ready…"


@dataclass(frozen=True)
class HelpContent:
    """What the window shows: the situations, and the policy whose contacts it names."""

    situations: SituationHelp
    policy: Policy
    platforms: tuple[Platform, ...]


class ChoiceButton(QPushButton):
    """One situation in the list: its title in bold and a line under it, both wrapping, so at
    200% scaling a choice grows taller instead of wider than the window. One button: one Tab
    stop, Enter or Space chooses it, and a screen reader reads the title and the line."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        self.title = wrapped_label(title, self, bold=True)
        self.hint = wrapped_label(hint, self)
        for label in (self.title, self.hint):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        return layout.totalHeightForWidth(width)

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * 60
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        narrowest = self.fontMetrics().averageCharWidth() * 20
        # as tall as its words need at the width it has, so the list scrolls only when it must
        return QSize(narrowest, self.heightForWidth(max(self.width(), narrowest)))


def _scrolling(widget: QWidget, parent: QWidget, name: str) -> QScrollArea:
    """At 200% scaling or with large text a page is taller than the screen: it scrolls, and the
    window still fits."""
    scroll = scroll_area(parent, name, widget)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


class SomethingHappenedWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("something-happened")
        self.setWindowTitle(TITLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.content: HelpContent | None = None
        self.host: HelpHost | None = None
        self.view: SituationView | None = None
        self.view_scroll: QScrollArea | None = None
        self.list_page: QScrollArea | None = None
        self.choices: dict[str, ChoiceButton] = {}

        self.stack = QStackedWidget(self)
        self.waiting = wrapped_label(GETTING_READY, self)
        self.waiting.setObjectName("getting-ready")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setAccessibleName(GETTING_READY)
        self.stack.addWidget(self.waiting)

        self.status = wrapped_label("", self)
        self.status.setObjectName("help-status")
        self.status.setAccessibleName("Status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(self)
        self.back_button: QPushButton = buttons.addButton(
            "&Back to the list", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back_to_list)
        self.back_button.hide()
        # our own word, so no platform theme gives it an Alt+letter another button has; Esc
        # closes too
        close = buttons.addButton("Close", QDialogButtonBox.ButtonRole.RejectRole)
        assert close is not None
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setAccessibleName(TITLE)

    # filled in once the content is read -----------------------------------------------------
    def show_content(self, content: HelpContent, host: HelpHost | None) -> None:
        self.content = content
        self.host = host
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(TITLE, page, 1.4))
        layout.addWidget(wrapped_label(content.situations.intro, page))
        layout.addSpacing(6)
        for situation in content.situations.situation:
            choice = ChoiceButton(situation.title, situation.hint, page)
            choice.setObjectName(f"choose:{situation.id}")
            choice.clicked.connect(lambda _=False, i=situation.id: self.choose(i))
            self.choices[situation.id] = choice
            layout.addWidget(choice)
        layout.addStretch(1)
        self.list_page = _scrolling(page, self, TITLE)
        self.stack.addWidget(self.list_page)
        self.back_to_list()

    def show_failure(self, message: str) -> None:
        self.waiting.setText(message)
        self.waiting.setAccessibleName(message)

    def set_host(self, host: HelpHost) -> None:
        self.host = host
        if self.view is not None:
            self.view.host = host

    # moving between the list and a page -----------------------------------------------------
    def choose(self, situation_id: str) -> SituationView:
        content = self.content
        assert content is not None, "the list is shown once the content is in"
        situation = content.situations.get(situation_id)
        assert situation is not None
        page = page_for(content.situations, situation, content.policy)
        if self.view_scroll is not None:
            self.stack.removeWidget(self.view_scroll)
            self.view_scroll.deleteLater()
        self.view = SituationView(page, content.platforms, self.host, self)
        self.view.told.connect(self.status.setText)
        scroll = self.view_scroll = _scrolling(self.view, self, situation.title)
        self.stack.addWidget(scroll)
        self.stack.setCurrentWidget(scroll)
        self._fit_columns()
        self.status.setText("")
        self.back_button.show()
        self.setWindowTitle(f"{TITLE}: {situation.title}")
        self.view.first_control().setFocus()  # the keyboard starts at the top of the page
        return self.view

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Two columns side by side where there is room, else one under the other: decided by
        the room the page has, which the page cannot tell from its own (minimum) width."""
        if self.view is not None and self.view_scroll is not None:
            self.view.set_wide(self.view_scroll.viewport().width())

    def back_to_list(self) -> None:
        if self.content is None or self.list_page is None:
            return
        self.stack.setCurrentWidget(self.list_page)
        self.back_button.hide()
        self.status.setText("")
        self.setWindowTitle(TITLE)
        first = self.choices.get(self.content.situations.ids[0])
        chosen = self.view.page.situation.id if self.view is not None else None
        (self.choices.get(chosen or "") or first or self).setFocus()
