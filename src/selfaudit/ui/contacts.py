"""Who can help: the policy's contacts and policy links for one part of the audit, and help
outside the organisation where it fits.

Pages that need them (the reporting sections, blocking and evidence, and service users) add
`ContactsPanel(policy, "evidence", outside=catalog.outside_help)` or
`ContactsPanel(policy, "service_users")`; a contact or link without `measures` in the policy file
appears everywhere. Links open in the person's browser, e-mail or phone app only when clicked
(ui/links.py, which offers the address to copy when nothing can open it)."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from selfaudit.content.models import OutsideHelp
from selfaudit.policy import Contact, Policy, PolicyLink
from selfaudit.ui.links import open_links_of
from selfaudit.ui.widgets.labels import wrapped_label

NO_CONTACTS = (
    "Your employer has not added contacts to this app. Your line manager or your "
    "organisation's designated safeguarding lead can tell you who to go to."
)


def contact_html(contact: Contact) -> str:
    parts = [f"<b>{html.escape(contact.role)}</b>"]
    if contact.name:
        parts.append(html.escape(contact.name))
    if contact.phone:
        dial = re.sub(r"[^0-9+]", "", contact.phone)
        parts.append(f'Phone: <a href="tel:{dial}">{html.escape(contact.phone)}</a>')
    if contact.email:
        address = html.escape(quote(contact.email, safe="@"), quote=True)
        parts.append(f'Email: <a href="mailto:{address}">{html.escape(contact.email)}</a>')
    if contact.notes:
        parts.append(html.escape(contact.notes))
    return "<br>".join(parts)


OUTSIDE_TITLE = "Outside your organisation"


def outside_note(employer: str) -> str:
    return (
        f"Free, independent services. They are not part of {employer}, and you can contact "
        "them yourself."
    )


def outside_help_html(service: OutsideHelp) -> str:
    """One service outside the organisation: who runs it, what it is for, how to reach it."""
    parts = [f"<b>{html.escape(service.name)}</b> ({html.escape(service.run_by)})"]
    parts.append(html.escape(service.what))
    if service.phone:
        dial = re.sub(r"[^0-9+]", "", service.phone)
        parts.append(f'Phone: <a href="tel:{dial}">{html.escape(service.phone)}</a>')
    if service.email:
        address = html.escape(service.email, quote=True)
        parts.append(f'Email: <a href="mailto:{address}">{html.escape(service.email)}</a>')
    url = html.escape(service.url, quote=True)
    parts.append(f'<a href="{url}">{html.escape(service.url)}</a>')
    return "<br>".join(parts)


def link_html(link: PolicyLink) -> str:
    return f'<a href="{html.escape(str(link.url), quote=True)}">{html.escape(link.title)}</a>'


def _rich_label(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    open_links_of(label)
    # Tab reaches each link and Enter opens it, as with a mouse click
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setAccessibleName(name)
    return label


class ContactsPanel(QWidget):
    def __init__(
        self,
        policy: Policy,
        measure: str | None = None,
        parent: QWidget | None = None,
        outside: tuple[OutsideHelp, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contacts-panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        employer = policy.organisation or "your employer"
        layout.addWidget(wrapped_label("Who can help", self, bold=True))
        self.contact_labels: list[QLabel] = []
        contacts = policy.contacts_for(measure)
        for contact in contacts:
            label = _rich_label(contact_html(contact), contact.role, self)
            self.contact_labels.append(label)
            layout.addWidget(label)
        # a policy whose contacts are all for other sections has added contacts: saying it
        # has not would be untrue
        if not policy.contacts:
            layout.addWidget(wrapped_label(NO_CONTACTS, self))

        self.link_labels: list[QLabel] = []
        links = policy.links_for(measure)
        if links:
            layout.addSpacing(6)
            layout.addWidget(wrapped_label(f"Policies at {employer}", self, bold=True))
            for link in links:
                label = _rich_label(link_html(link), f"{link.title} (opens in your browser)", self)
                self.link_labels.append(label)
                layout.addWidget(label)

        self.outside_labels: list[QLabel] = []
        if outside:
            layout.addSpacing(6)
            layout.addWidget(wrapped_label(OUTSIDE_TITLE, self, bold=True))
            layout.addWidget(wrapped_label(outside_note(employer), self))
            for service in outside:
                label = _rich_label(
                    outside_help_html(service), f"{service.name}, outside your organisation", self
                )
                self.outside_labels.append(label)
                layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName("Who can help")
