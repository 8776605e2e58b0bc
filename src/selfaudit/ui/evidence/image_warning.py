"""Safeguarding first: before the first screenshot or file is added to an incident, the person
is told never to copy an image of a child that may be indecent, and what to do instead: tell the
designated safeguarding lead at once (the organisation's contact when the policy names one), or
the police. Shown before the file dialog, once for each incident being recorded or changed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.models import ImageWarning
from selfaudit.evidence.guidance import safeguarding_contacts
from selfaudit.policy import Contact, Policy
from selfaudit.ui.widgets.labels import heading, wrapped_label

TITLE = "Before you add a screenshot"
GO_ON = "I understand: choose a file"


def contact_line(contact: Contact) -> str:
    parts = [contact.role + (f": {contact.name}" if contact.name else "")]
    parts += [f"phone {contact.phone}"] if contact.phone else []
    parts += [f"e-mail {contact.email}"] if contact.email else []
    parts += [contact.notes] if contact.notes else []
    return ", ".join(parts)


class ImageWarningDialog(QDialog):
    """The warning, what to do instead and who to tell; "Cancel" is the default button, so Enter
    never skips past it."""

    def __init__(
        self, warning: ImageWarning, contacts: list[Contact], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("image-warning-dialog")
        self.setWindowTitle(TITLE)
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.title = heading(warning.title, self)
        layout.addWidget(self.title)
        self.text = wrapped_label(warning.text, self)
        layout.addWidget(self.text)
        layout.addWidget(wrapped_label("What to do instead", self, bold=True))
        self.instead = wrapped_label(warning.instead, self)
        layout.addWidget(self.instead)
        self.contact_labels: list[QLabel] = []
        if contacts:
            layout.addWidget(wrapped_label("Who to tell where you work", self, bold=True))
            for contact in contacts:
                label = wrapped_label(contact_line(contact), self)
                self.contact_labels.append(label)
                layout.addWidget(label)
        layout.addWidget(
            wrapped_label(
                "If it is anything else, such as a bullying message, go on and add your "
                "screenshot.",
                self,
            )
        )
        buttons = QDialogButtonBox(self)
        self.go_on: QPushButton = buttons.addButton(GO_ON, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        assert self.cancel is not None
        self.go_on.setAutoDefault(False)
        self.cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setAccessibleName(TITLE)
        self.setAccessibleDescription(f"{warning.text} {warning.instead}")
        self.setMinimumWidth(420)


def ask(parent: QWidget, warning: ImageWarning, contacts: list[Contact]) -> bool:
    """Shows the warning and waits: True to go on to the file dialog."""
    return ImageWarningDialog(warning, contacts, parent).exec() == QDialog.DialogCode.Accepted


class AttachWarningGate:
    """Lets the file dialog open once the warning has been read and accepted for this incident.

    `warning` None (content without it) never blocks adding a file: the evidence still matters.
    """

    def __init__(
        self,
        warning: ImageWarning | None,
        policy: Policy | None,
        asker: Callable[[QWidget, ImageWarning, list[Contact]], bool] | None = None,
    ) -> None:
        self.warning = warning
        self.contacts = safeguarding_contacts(policy) if policy is not None else []
        self.asker = asker
        self.accepted = False

    def allows(self, parent: QWidget) -> bool:
        if self.accepted or self.warning is None:
            return True
        self.accepted = (self.asker or ask)(parent, self.warning, self.contacts)
        return self.accepted


def gate_for(policy: Policy | None) -> AttachWarningGate:
    """The gate for one incident, with the catalog's warning."""
    from selfaudit.content import ContentError, load_catalog

    try:
        warning = load_catalog().image_warning
    except ContentError:
        warning = None
    return AttachWarningGate(warning, policy)
