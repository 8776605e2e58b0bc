"""What a platform page shows beside and above its questions: the numbered steps for the app or
a computer, the link to the settings page, whether the steps were checked against a named source
(or where to look them up), the advice to read before blocking anyone, and the comparison of a
platform's blocking tools."""

from __future__ import annotations

import html
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import Check, Guidance, Platform, PlatformGuide
from selfaudit.content.wording import app_only_note, checked_note, sections_note, unchecked_note
from selfaudit.ui.widgets.answer_group import single_tab_stop
from selfaudit.ui.widgets.labels import wrapped_label


class Device(StrEnum):
    APP = "app"
    WEB = "web"


def open_in_browser(url: str, parent: QWidget | None = None) -> bool:
    """Hands the link to the person's own browser (or offers it to copy). The app itself never
    connects anywhere."""
    from selfaudit.ui.links import open_link

    return open_link(url, parent)


def _panel(widget: QFrame) -> None:
    """A softly filled box that follows the light or dark palette."""
    widget.setFrameShape(QFrame.Shape.StyledPanel)
    widget.setAutoFillBackground(True)
    widget.setBackgroundRole(QPalette.ColorRole.AlternateBase)


def _selectable(label: QLabel) -> QLabel:
    # people copy labels and addresses from the steps into their phone's search box
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


class StepsPanel(QFrame):
    """The numbered steps of one platform item, for the app or a computer, and its link.

    `checked_by` names who runs the page the steps were checked against (None: not yet checked,
    and the panel says where to look them up); `image_warning` is put above steps that save
    evidence; `show_no_link` is False where the page already says, once, that the platform has
    no web pages for its settings."""

    def __init__(
        self,
        check: Check,
        platform: Platform,
        parent: QWidget | None = None,
        *,
        checked_by: str | None = None,
        image_warning: str = "",
        show_no_link: bool = True,
    ) -> None:
        super().__init__(parent)
        self.check = check
        self.platform = platform
        self.setObjectName(f"steps:{check.id}")
        _panel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        self.heading = wrapped_label("", self, bold=True)
        layout.addWidget(self.heading)
        self.warning_label: QLabel | None = None
        if image_warning and check.image_warning:
            self.warning_label = wrapped_label(image_warning, self, bold=True)
            self.warning_label.setObjectName("image-warning")
            layout.addWidget(self.warning_label)
        # shown instead of the steps for "a computer" when the setting is only in the app
        self.app_only_label = wrapped_label(app_only_note(platform), self)
        self.app_only_label.setObjectName("app-only")
        self.app_only_label.hide()
        layout.addWidget(self.app_only_label)
        # numbers in their own column, so a step that wraps stays indented under its text
        steps = QGridLayout()
        steps.setHorizontalSpacing(6)
        steps.setVerticalSpacing(3)
        steps.setColumnStretch(1, 1)
        self.number_labels: list[QLabel] = []
        self.step_labels: list[QLabel] = []
        for row in range(max(len(check.steps_app), len(check.steps_web))):
            number = QLabel(f"{row + 1}.", self)
            label = _selectable(wrapped_label("", self))
            self.number_labels.append(number)
            self.step_labels.append(label)
            steps.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            steps.addWidget(label, row, 1)
        layout.addLayout(steps)

        self.link_button: QPushButton | None = None
        self.no_link_label: QLabel | None = None
        if check.checked and checked_by:
            self.source_label = _selectable(wrapped_label(checked_note(check, checked_by), self))
        else:
            # "… search Facebook's help for …", the help centre a link the person can follow
            note = html.escape(unchecked_note(check, platform))
            if platform.help:
                where = html.escape(f"search {platform.help_title}")
                link = f'search <a href="{html.escape(platform.help, quote=True)}">'
                note = note.replace(where, link + html.escape(platform.help_title) + "</a>", 1)
            self.source_label = QLabel(note, self)
            self.source_label.setWordWrap(True)
            self.source_label.setTextFormat(Qt.TextFormat.RichText)
            self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self.source_label.setOpenExternalLinks(False)
            self.source_label.setAccessibleName(unchecked_note(check, platform))
            if platform.help:
                self.source_label.setToolTip(platform.help)
            self.source_label.linkActivated.connect(self._open_help)
        self.source_label.setObjectName("checked" if check.checked else "not-checked")
        layout.addWidget(self.source_label)
        if check.link:
            self.link_button = QPushButton("Open this setting in your browser", self)
            self.link_button.setObjectName(f"open-link:{check.id}")
            self.link_button.setAccessibleName(
                f"Open this {platform.name} setting in your web browser"
            )
            self.link_button.setAccessibleDescription(check.question)
            self.link_button.setToolTip(check.link)
            self.link_button.clicked.connect(self._open_link)
            layout.addSpacing(4)
            layout.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignLeft)
        elif show_no_link and check.no_link:
            self.no_link_label = wrapped_label(check.no_link, self)
            self.no_link_label.setObjectName("no-link")
            layout.addWidget(self.no_link_label)
        layout.addStretch(1)
        self.show_device(Device.APP)

    @property
    def has_web_steps(self) -> bool:
        return bool(self.check.steps_web)

    def show_device(self, device: Device) -> None:
        """The steps for the device chosen: "a computer" never shows the app's steps (a setting
        only in the app says so instead), and the app never shows a computer's."""
        name = self.platform.name
        app_heading = f"In the {name} app on your phone"
        only_in_app = False
        if self.check.app_only:
            only_in_app = device is Device.WEB
            steps, heading = (
                ((), "On a computer") if only_in_app else (self.check.steps_app, app_heading)
            )
        elif not self.has_web_steps:
            steps, heading = self.check.steps_app, "How to do it"
        elif device is Device.WEB:
            steps, heading = self.check.steps_web, "On a computer"
        else:
            steps, heading = self.check.steps_app, app_heading
        self.app_only_label.setVisible(only_in_app)
        self.device = device
        self.heading.setText(heading)
        for index, (number, label) in enumerate(
            zip(self.number_labels, self.step_labels, strict=True)
        ):
            number.setVisible(index < len(steps))
            label.setVisible(index < len(steps))
            label.setText(steps[index] if index < len(steps) else "")
        self.setAccessibleName(f"{heading}: steps for {self.check.question}")
        described = " ".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
        self.setAccessibleDescription(self.app_only_label.text() if only_in_app else described)

    def shown_steps(self) -> list[str]:
        return [label.text() for label in self.step_labels if not label.isHidden()]

    def _open_link(self) -> None:
        if self.check.link:
            open_in_browser(self.check.link, self)

    def _open_help(self, _url: str = "") -> None:
        if self.platform.help:
            open_in_browser(self.platform.help, self)


class DeviceChoice(QWidget):
    """ "Show steps for: the app / the website", remembered across a platform's pages."""

    changed = Signal(str)

    def __init__(self, platform: Platform, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("steps-device")
        row = QHBoxLayout(self)
        self.row = row
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        label = QLabel("Show steps for:", self)
        row.addWidget(label)
        self.group = QButtonGroup(self)
        self.buttons: dict[Device, QRadioButton] = {}
        for index, (device, text) in enumerate(
            ((Device.APP, "the app on your phone"), (Device.WEB, "a computer"))
        ):
            button = QRadioButton(text, self)
            button.setObjectName(f"steps-device:{device.value}")
            button.setAccessibleName(f"Show {platform.name} steps for {text}")
            self.group.addButton(button, index)
            self.buttons[device] = button
            row.addWidget(button)
        self.group.idToggled.connect(self._picked)
        single_tab_stop(self.group)
        label.setBuddy(self.buttons[Device.APP])
        row.addStretch(1)

    def _picked(self, index: int, on: bool) -> None:
        if on:
            self.changed.emit(list(self.buttons)[index].value)

    def set_stacked(self, stacked: bool) -> None:
        """One choice per line when the page is narrow, so it never needs sideways scrolling."""
        self.row.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        self.row.setSpacing(2 if stacked else 16)

    def set_device(self, device: Device) -> None:
        self.buttons[device].setChecked(True)

    def device(self) -> Device:
        return Device.WEB if self.buttons[Device.WEB].isChecked() else Device.APP


class BeforeBlockingBox(QFrame):
    """Never reply or retaliate; save the evidence (code §4, §5): shown with every blocking page,
    with the warning about images of children under the point about saving evidence."""

    def __init__(
        self,
        guidance: Guidance,
        parent: QWidget | None = None,
        image_warning: str = "",
        code: CodeOfPractice = BUILT_IN_CODE,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("before-blocking")
        _panel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        layout.addWidget(wrapped_label(guidance.title, self, bold=True))
        self.points = [wrapped_label(f"•  {point}", self) for point in guidance.points]
        for label in self.points:
            layout.addWidget(label)
        self.warning_label: QLabel | None = None
        if image_warning:
            self.warning_label = wrapped_label(image_warning, self, bold=True)
            self.warning_label.setObjectName("image-warning")
            layout.addWidget(self.warning_label)
        sections = {cite.seed_ref for cite in guidance.cites}
        layout.addWidget(wrapped_label(f"({sections_note(code, sections)})", self))
        self.setAccessibleName(guidance.title)
        self.setAccessibleDescription(" ".join((*guidance.points, image_warning)).strip())


class ToolComparison(QWidget):
    """A platform's block / restrict / mute / report side by side, behind a toggle so the page
    stays short; what the other person can still see is the column people most need."""

    def __init__(
        self, guide: PlatformGuide, platform: Platform, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"tool-comparison:{platform.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = f"Block, restrict, mute or report on {platform.name}: what each one does"
        self.toggle = QToolButton(self)
        self.toggle.setText("Compare the ways to block")  # a tool button cannot wrap: keep short
        self.toggle.setAccessibleName(title)
        self.toggle.setToolTip(title)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._toggled)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)

        self.table = QFrame(self)
        _panel(self.table)
        grid = QGridLayout(self.table)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for column, heading in enumerate(("Tool", "What it does", "What they can still see or do")):
            grid.addWidget(wrapped_label(heading, self.table, bold=True), 0, column)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []
        for row, tool in enumerate(guide.tools, start=1):
            cells = (
                wrapped_label(tool.name, self.table, bold=True),
                wrapped_label(tool.does, self.table),
                wrapped_label(tool.they_still, self.table),
            )
            for column, cell in enumerate(cells):
                grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
            self.rows.append(cells)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        self.table.setAccessibleName(title)
        self.table.setVisible(False)
        layout.addWidget(self.table)

    def _toggled(self, shown: bool) -> None:
        self.table.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
