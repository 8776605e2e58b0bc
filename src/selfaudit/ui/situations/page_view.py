"""One situation's page: what to do now, what not to do, who to tell and how to reach them, help
outside the organisation, and what the person can do there and then. Every step says what it
rests on: the code's own words, or good practice."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.code import CodeOfPractice
from selfaudit.content.models import Platform
from selfaudit.content.situations import HelpAction, HelpStep, PlanKind
from selfaudit.dates import long_date
from selfaudit.evidence.models import Channel
from selfaudit.situations.page import SituationPage, step_basis
from selfaudit.ui.evidence.editor import IncidentStart
from selfaudit.ui.situations.contact_cards import ContactCard, OutsideHelpCard
from selfaudit.ui.situations.host import HelpHost, NotReadyError
from selfaudit.ui.widgets.labels import heading, wrapped_label

# below this many average characters wide, the two columns go one under the other
TWO_COLUMNS_FROM = 90

PLAN_BUTTONS = {
    PlanKind.REMOVE_FRIEND: "Add to my &plan: remove them from my friends",
    PlanKind.TELL_LINE_MANAGER: "Add to my plan: &tell my line manager",
}
PLAN_NAMES = {
    PlanKind.REMOVE_FRIEND: "remove or unfollow them",
    PlanKind.TELL_LINE_MANAGER: "tell your line manager",
}


@dataclass(frozen=True)
class Where:
    """Where it happened, if the person said: a site or app, or a text, e-mail or call."""

    platform: str | None = None  # a platform id
    name: str = ""  # "Facebook", "" when not said
    channel: Channel = Channel.SOCIAL
    phrase: str = ""  # how the note says it: "on Facebook", "by text message"


CHANNELS = (
    Where(None, "", Channel.TEXT, "by text message"),
    Where(None, "", Channel.EMAIL, "by e-mail"),
    Where(None, "", Channel.PHONE, "by phone"),
)
CHANNEL_CHOICES = ("A text message", "An e-mail", "A phone call")


def steps_html(steps: tuple[HelpStep, ...], numbered: bool, code: CodeOfPractice) -> str:
    """The steps as one list, each with what it rests on under it, smaller: one label wraps
    and lays out as a person reads it, and a screen reader reads it in order."""
    tag = "ol" if numbered else "ul"
    items = "".join(
        f'<li style="margin-bottom: 6px;">{html.escape(step.text)}<br>'
        f"<i><small>{html.escape(step_basis(step, code))}</small></i></li>"
        for step in steps
    )
    return f'<{tag} style="margin: 0; -qt-list-indent: 1;">{items}</{tag}>'


def steps_text(steps: tuple[HelpStep, ...], code: CodeOfPractice) -> str:
    return " ".join(f"{step.text} ({step_basis(step, code)})" for step in steps)


def _steps_label(
    steps: tuple[HelpStep, ...], numbered: bool, name: str, code: CodeOfPractice, parent: QWidget
) -> QLabel:
    label = QLabel(steps_html(steps, numbered, code), parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    flags = Qt.TextInteractionFlag
    label.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard)
    label.setAccessibleName(name)
    label.setAccessibleDescription(steps_text(steps, code))
    # a stop for Tab, so a screen reader reads the steps on the way to the buttons; the
    # keyboard's place shows as a line beside them
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    label.setStyleSheet(
        "QLabel { border-left: 3px solid transparent; padding-left: 2px; }"
        "QLabel:focus { border-left-color: palette(highlight); }"
    )
    return label


class SituationView(QWidget):
    """Emits `told(message)` for what the page wants said in the window's status line."""

    told = Signal(str)

    def __init__(
        self,
        page: SituationPage,
        platforms: tuple[Platform, ...],
        host: HelpHost | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.host = host
        situation = page.situation
        self.setObjectName(f"situation:{situation.id}")
        outer = QVBoxLayout(self)
        self.title = heading(situation.title, self, 1.3)
        outer.addWidget(self.title)
        outer.addWidget(wrapped_label(situation.intro, self))
        self.warning_box: QFrame | None = None
        if page.image_warning is not None:
            outer.addWidget(self._warning_box())

        self.where = QComboBox(self)
        self.where.setAccessibleName("Where did it happen")
        self.where_options: list[Where] = [Where()]
        if situation.asks_where:
            outer.addLayout(self._where_row(platforms))
        else:
            self.where.hide()  # where it happened changes nothing on this page

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(24)  # between the columns; each sets its own
        self.columns.addLayout(self._steps_column(), 3)
        self.columns.addLayout(self._people_column(), 2)
        outer.addLayout(self.columns)
        outer.addStretch(1)

    # layout ---------------------------------------------------------------------------------
    def _warning_box(self) -> QFrame:
        warning = self.page.image_warning
        assert warning is not None
        box = QFrame(self)
        box.setObjectName("image-warning")
        # the palette's own colours: readable in light, dark and high-contrast themes
        box.setStyleSheet(
            "QFrame#image-warning { border: 2px solid palette(highlight); border-radius: 4px; }"
            "QFrame#image-warning:focus { border-width: 4px; }"
        )
        layout = QVBoxLayout(box)
        layout.addWidget(heading(warning.title, box, 1.1))
        layout.addWidget(wrapped_label(warning.text, box))
        layout.addWidget(wrapped_label(warning.instead, box))
        box.setAccessibleName(warning.title)
        box.setAccessibleDescription(f"{warning.text} {warning.instead}")
        box.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # read first, before the steps
        self.warning_box = box
        return box

    def _where_row(self, platforms: tuple[Platform, ...]) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel("&Where did it happen, if you know?", self)
        label.setBuddy(self.where)
        # as narrow as the window needs: the list shows the whole names when it opens
        self.where.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.where.setMinimumContentsLength(14)
        self.where.addItem("Not chosen")
        for platform in platforms:
            if platform.id != "other":
                self.where.addItem(platform.name)
                self.where_options.append(
                    Where(platform.id, platform.name, Channel.SOCIAL, f"on {platform.name}")
                )
        for text, option in zip(CHANNEL_CHOICES, CHANNELS, strict=True):
            self.where.addItem(text)
            self.where_options.append(option)
        self.where.addItem("Another site or app")
        self.where_options.append(Where("other", "", Channel.SOCIAL, ""))
        row.addWidget(label)
        row.addWidget(self.where)
        row.addStretch(1)
        return row

    def _steps_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(wrapped_label("What to do now", self, bold=True))
        self.do_now = _steps_label(self.page.do_now, True, "What to do now", self.page.code, self)
        column.addWidget(self.do_now)
        column.addWidget(wrapped_label("What not to do", self, bold=True))
        self.do_not = _steps_label(self.page.do_not, False, "What not to do", self.page.code, self)
        column.addWidget(self.do_not)
        column.addSpacing(6)
        column.addLayout(self._actions())
        column.addStretch(1)
        return column

    def _people_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(wrapped_label("Who to tell", self, bold=True))
        self.contact_cards = [ContactCard(t, self.told.emit, self) for t in self.page.tell]
        for card in self.contact_cards:
            column.addWidget(card)
        self.outside_cards: list[OutsideHelpCard] = []
        if self.page.outside_help:
            column.addSpacing(6)
            column.addWidget(
                wrapped_label(
                    "Help outside your organisation, free and independent", self, bold=True
                )
            )
            for service in self.page.outside_help:
                outside = OutsideHelpCard(service, self.told.emit, self)
                self.outside_cards.append(outside)
                column.addWidget(outside)
        column.addStretch(1)
        return column

    def _actions(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(6)
        self.action_buttons: dict[HelpAction, QPushButton] = {}
        self.plan_buttons: dict[PlanKind, QPushButton] = {}
        if not self.page.actions and not self.page.plan:
            return box
        box.addWidget(wrapped_label("What you can do here", self, bold=True))
        texts = {
            HelpAction.RECORD: ("&Record it in the evidence log…", self.record),
            HelpAction.CHECK_FRIENDS: ("Check my &friends…", self.check_friends),
            HelpAction.NOTE: ("Write a &note to my line manager…", self.write_note),
        }
        for action in self.page.actions:
            text, slot = texts[action]
            button = self._button(text, slot)
            button.setObjectName(f"action:{action.value}")
            self.action_buttons[action] = button
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        for kind in self.page.plan:
            button = self._button(PLAN_BUTTONS[kind], lambda _=False, k=kind: self.add_to_plan(k))
            button.setObjectName(f"plan:{kind.value}")
            self.plan_buttons[kind] = button
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.action_note = wrapped_label(
            "Nothing you do on this page is saved unless you record it or add it to your plan.",
            self,
        )
        box.addWidget(self.action_note)
        return box

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def set_wide(self, width: int) -> None:
        """Two columns in `width` pixels if they fit, else one under the other."""
        wide = width >= self.fontMetrics().averageCharWidth() * TWO_COLUMNS_FROM
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def first_control(self) -> QWidget:
        """Where the keyboard starts on the page: the warning about images of children,
        where it happened, or the steps."""
        if self.warning_box is not None:
            return self.warning_box
        return self.where if self.page.situation.asks_where else self.do_now

    # what the person chose ------------------------------------------------------------------
    def chosen_where(self) -> Where:
        index = self.where.currentIndex()
        return self.where_options[index] if 0 <= index < len(self.where_options) else Where()

    def incident_start(self) -> IncidentStart:
        where = self.chosen_where()
        situation = self.page.situation
        return IncidentStart(
            platform=where.name,
            channel=where.channel,
            notes=f"What happened: {situation.title[0].lower()}{situation.title[1:]}.",
        )

    # actions --------------------------------------------------------------------------------
    def _host(self) -> HelpHost | None:
        if self.host is None:
            self.told.emit("The app is still getting ready. Try again in a moment.")
        return self.host

    def record(self) -> None:
        host = self._host()
        if host is None:
            return
        try:
            host.record(self.incident_start(), self.window())
        except NotReadyError as exc:
            self.told.emit(str(exc))
            return
        self.told.emit(
            "The evidence log is open with a new incident. Fill in what you can, then choose Save."
        )

    def check_friends(self) -> None:
        host = self._host()
        if host is not None:
            host.check_friends(self.window())

    def write_note(self) -> None:
        from selfaudit.situations.note import draft_note
        from selfaudit.ui.situations.note_dialog import NoteDialog

        template = self.page.situation.note
        assert template is not None
        note = draft_note(template, self.today(), self.chosen_where().phrase)
        dialog = NoteDialog(note, self.page.line_manager_email(), self.window())
        self.note_dialog = dialog  # reachable from tests while it is open
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def today(self) -> date:
        return date.today()

    def add_to_plan(self, kind: PlanKind) -> None:
        host = self._host()
        if host is None:
            return
        where = self.chosen_where()
        platform = where.platform if kind is PlanKind.REMOVE_FRIEND else None
        due = host.add_to_plan(self.page.situation.id, kind, platform)
        button = self.plan_buttons[kind]
        button.setEnabled(False)
        added = button.text().replace("&", "").replace("Add to my plan", "Added to your plan")
        button.setText(added)
        later = "" if host.plan_shown() else " You will see it on your dashboard after your audit."
        self.told.emit(f"Added to your plan: {PLAN_NAMES[kind]}, by {long_date(due)}.{later}")
