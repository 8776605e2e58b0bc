"""The guidance beside the log: first steps, saving the evidence on each platform, taking a
screenshot, where to report and who can help, with the organisation's own links and contacts and
help outside it. The warning about images of children heads every page that mentions saving
evidence. Links open in the person's browser only when they click."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QToolBox,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import Basis, ImageWarning, Platform
from selfaudit.content.wording import code_quote
from selfaudit.evidence.guidance import EvidenceGuidance, ReportRoute, safeguarding_contacts
from selfaudit.evidence.models import CHANNEL_LABELS, Channel
from selfaudit.policy import Contact, Policy, PolicyLink
from selfaudit.ui.contacts import OUTSIDE_TITLE, outside_help_html, outside_note
from selfaudit.ui.links import open_link
from selfaudit.ui.widgets.labels import wrapped_label


def contact_text(contact: Contact) -> str:
    parts = [contact.role + (f": {contact.name}" if contact.name else "")]
    parts += [f"Phone: {contact.phone}"] if contact.phone else []
    parts += [f"E-mail: {contact.email}"] if contact.email else []
    parts += [contact.notes] if contact.notes else []
    return "\n".join(parts)


def numbered(steps: tuple[str, ...]) -> str:
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))


def route_basis(route: ReportRoute, code: CodeOfPractice = BUILT_IN_CODE) -> str:
    """What a way to report rests on, in the numbering of the organisation's own code if its
    policy names one."""
    if route.basis is Basis.CODE:
        if code.own:
            return code_quote(code, route.seed_ref, route.quote)
        return f"Your employer's code, section {route.seed_ref}: “{route.quote}”"
    return "Good practice: this is not part of your employer's code."


def warning_text(warning: ImageWarning, policy: Policy) -> str:
    """The warning, what to do instead, and the organisation's safeguarding contact if any."""
    lines = [warning.text, warning.instead]
    for contact in safeguarding_contacts(policy):
        lines.append(contact_text(contact).replace("\n", " · "))
    return "\n".join(lines)


class ImageWarningBox(QFrame):
    """Safeguarding first, at the top of each page that tells people to save evidence."""

    def __init__(
        self, warning: ImageWarning, policy: Policy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("image-warning")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(wrapped_label(warning.title, self, bold=True))
        self.text = wrapped_label(warning_text(warning, policy), self)
        layout.addWidget(self.text)
        self.setAccessibleName(warning.title)
        self.setAccessibleDescription(self.text.text())


class GuidancePanel(QToolBox):
    """Five short pages, one open at a time, so each fits beside the log without much scrolling."""

    def __init__(
        self,
        guidance: EvidenceGuidance,
        policy: Policy,
        platforms: tuple[Platform, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evidence-guidance")
        self.setAccessibleName("What to do and where to get help")
        self.guidance = guidance
        self.policy = policy
        self.link_labels: list[QLabel] = []
        self.warning_boxes: list[ImageWarningBox] = []
        self.outside_labels: list[QLabel] = []

        for page, title in (
            (self._first_steps(), "First steps"),
            (self._capture(platforms), "Saving the evidence"),
            (self._screenshots(), "Taking a screenshot"),
            (self._routes(), "Where to report it"),
            (self._who_can_help(), "Who can help"),
        ):
            page.setAccessibleName(title)
            self.addItem(page, title)
            viewport = page.parentWidget()
            area = viewport.parentWidget() if viewport is not None else None
            if isinstance(area, QScrollArea):
                area.setAccessibleName(title)
                area.setAccessibleDescription(
                    f"The text of “{title}”. It scrolls with the arrow keys."
                )
                area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # QToolBox's page titles take no focus of their own: without this a keyboard user
        # could never open the other pages (Tab to a title, Space opens it)
        for title_button in self.findChildren(QAbstractButton, "qt_toolbox_toolboxbutton"):
            title_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # pages ----------------------------------------------------------------------------------
    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        # QToolBox puts each page in a scroll area of its own
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 8, 4)
        layout.addStretch(1)  # items are inserted above it
        return body, layout

    def _add(self, layout: QVBoxLayout, widget: QWidget) -> None:
        layout.insertWidget(layout.count() - 1, widget)

    def _warn(self, layout: QVBoxLayout, body: QWidget) -> None:
        if self.guidance.image_warning is not None:
            box = ImageWarningBox(self.guidance.image_warning, self.policy, body)
            self.warning_boxes.append(box)
            self._add(layout, box)

    def _outside_help(self, layout: QVBoxLayout, body: QWidget) -> None:
        if not self.guidance.outside_help:
            return
        employer = self.policy.organisation or "your employer"
        self._add(layout, wrapped_label(OUTSIDE_TITLE, body, bold=True))
        self._add(layout, wrapped_label(outside_note(employer), body))
        for service in self.guidance.outside_help:
            label = self._rich(
                outside_help_html(service), f"{service.name}, outside your organisation", body
            )
            self.outside_labels.append(label)
            self._add(layout, label)

    def _rich(self, text: str, name: str, parent: QWidget) -> QLabel:
        """Rich text whose links open in the browser only when clicked or activated with the
        keyboard (Tab to it, then Enter)."""
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        label.setOpenExternalLinks(False)
        label.setAccessibleName(name)
        label.linkActivated.connect(lambda url: open_link(url, label))
        return label

    def _first_steps(self) -> QWidget:
        body, layout = self._page()
        self._warn(layout, body)
        self._add(layout, wrapped_label(self.guidance.intro, body))
        for step in self.guidance.first_step:
            self._add(layout, wrapped_label(step.title, body, bold=True))
            self._add(layout, wrapped_label(step.text, body))
        return body

    def _capture(self, platforms: tuple[Platform, ...]) -> QWidget:
        body, layout = self._page()
        self._warn(layout, body)
        question = wrapped_label("Where did it happen?", body, bold=True)
        choice = QComboBox(body)
        choice.setAccessibleName("Where did it happen?")
        for platform in platforms:
            choice.addItem(platform.name, platform.id)
        for channel in (Channel.TEXT, Channel.EMAIL, Channel.PHONE):
            choice.addItem(CHANNEL_LABELS[channel], channel.value)
        question.setBuddy(choice)
        self._add(layout, question)
        self._add(layout, choice)
        self.identify_title = wrapped_label("Who sent it and where", body, bold=True)
        self.identify_steps = wrapped_label("", body)
        self.report_title = wrapped_label("Reporting it there", body, bold=True)
        self.report_steps = wrapped_label("", body)
        for widget in (self.identify_title, self.identify_steps, self.report_title):
            self._add(layout, widget)
        self._add(layout, self.report_steps)
        self.capture_choice = choice
        choice.currentIndexChanged.connect(self._show_capture)
        self._show_capture()
        return body

    def _show_capture(self) -> None:
        key = self.capture_choice.currentData() or "other"
        guide = self.guidance.capture_for(str(key))
        self.identify_steps.setText(numbered(guide.identify))
        self.report_title.setText(f"Reporting it on {self.capture_choice.currentText()}")
        self.report_steps.setText(numbered(guide.report))

    def show_capture_for(self, key: str) -> None:
        """Turns the "Saving the evidence" page to a platform id or channel."""
        index = self.capture_choice.findData(key)
        if index < 0:
            index = self.capture_choice.findData("other")
        if index >= 0:
            self.capture_choice.setCurrentIndex(index)

    def _screenshots(self) -> QWidget:
        body, layout = self._page()
        self._warn(layout, body)
        for guide in self.guidance.screenshot:
            self._add(layout, wrapped_label(guide.device, body, bold=True))
            self._add(layout, wrapped_label(numbered(guide.steps), body))
        return body

    def _routes(self) -> QWidget:
        body, layout = self._page()
        for route in self.guidance.route:
            self._add(layout, wrapped_label(route.title, body, bold=True))
            self._add(layout, wrapped_label(route.when, body))
            self._add(layout, wrapped_label(numbered(route.steps), body))
            if route.also:
                also = "\n".join(f"•  {step}" for step in route.also)
                self._add(layout, wrapped_label(f"Good practice:\n{also}", body))
            basis = wrapped_label(route_basis(route, self.policy.code_of_practice()), body)
            basis.setObjectName(f"route-basis:{route.id}")
            self._add(layout, basis)
            self._add_policy(layout, body, route)
        self._outside_help(layout, body)
        return body

    def _add_policy(self, layout: QVBoxLayout, body: QWidget, route: ReportRoute) -> None:
        for link in route.links(self.policy):
            self._add(layout, self._link(link, body))
        for contact in route.contacts(self.policy):
            self._add(layout, wrapped_label(contact_text(contact), body))

    def _link(self, link: PolicyLink, parent: QWidget) -> QLabel:
        """A link that wraps like text; it opens in the browser only when clicked or activated
        with the keyboard (Tab to it, then Enter)."""
        label = QLabel(
            f'<a href="{escape(str(link.url), quote=True)}">{escape(link.title)}</a> '
            "(opens in your web browser)",
            parent,
        )
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        label.setOpenExternalLinks(False)
        label.setToolTip(str(link.url))
        label.setAccessibleName(f"{link.title}, link, opens in your web browser")
        label.linkActivated.connect(lambda url: open_link(url, label))
        self.link_labels.append(label)
        return label

    def _who_can_help(self) -> QWidget:
        body, layout = self._page()
        organisation = self.policy.organisation
        if self.policy.contacts:
            heading = f"At {organisation}" if organisation else "At work"
            self._add(layout, wrapped_label(heading, body, bold=True))
            for contact in self.policy.contacts:
                self._add(layout, wrapped_label(contact_text(contact), body))
        else:
            self._add(layout, wrapped_label(self.guidance.no_contacts, body))
        if self.policy.links:
            self._add(layout, wrapped_label("Your employer's policies", body, bold=True))
            for link in self.policy.links:
                self._add(layout, self._link(link, body))
        self._add(layout, wrapped_label(self.guidance.more_help, body))
        self._outside_help(layout, body)
        return body
