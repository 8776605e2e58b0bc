"""Who to tell, and help outside the organisation, with each phone number and e-mail address
shown as text that can be selected, and a Copy button beside it."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfaudit.content.models import OutsideHelp
from selfaudit.situations.contacts import ToTell
from selfaudit.ui.links import open_links_of
from selfaudit.ui.widgets.labels import wrapped_label

Say = Callable[[str], None]  # tells the person what just happened ("Copied …")


def _selectable(label: QLabel) -> QLabel:
    flags = Qt.TextInteractionFlag
    label.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard)
    return label


class DetailRows(QWidget):
    """ "Phone  01632 960 214  [Copy]" rows under a name."""

    def __init__(self, whose: str, say: Say, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.whose = whose
        self.say = say
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.copy_buttons: dict[str, QPushButton] = {}

    def add(self, what: str, value: str) -> None:
        row = self.grid.rowCount()
        self.grid.addWidget(QLabel(what, self), row, 0)
        shown = _selectable(QLabel(value, self))
        shown.setAccessibleName(f"{what}: {value}")
        self.grid.addWidget(shown, row, 1)
        button = QPushButton("Copy", self)
        button.setAutoDefault(False)
        button.setAccessibleName(f"Copy the {what.lower()} of {self.whose}, {value}")
        button.clicked.connect(lambda: self.copy(what, value))
        self.grid.addWidget(button, row, 2)
        self.copy_buttons[what] = button

    def copy(self, what: str, value: str) -> None:
        QGuiApplication.clipboard().setText(value)
        self.say(f"Copied the {what.lower()} of {self.whose}: {value}")


class ContactCard(QWidget):
    def __init__(self, told: ToTell, say: Say, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        contact = told.contact
        self.setObjectName(f"contact:{told.kind.value}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        who = contact.role + (f": {contact.name}" if contact.name else "")
        self.title = _selectable(wrapped_label(who, self, bold=True))
        layout.addWidget(self.title)
        self.details = DetailRows(contact.name or contact.role, say, self)
        if contact.phone:
            self.details.add("Phone number", contact.phone)
        if contact.email:
            self.details.add("E-mail address", contact.email)
        layout.addWidget(self.details)
        self.details.setVisible(bool(self.details.copy_buttons))
        if contact.notes:
            layout.addWidget(_selectable(wrapped_label(contact.notes, self)))
        self.setAccessibleName(who)


class OutsideHelpCard(QWidget):
    def __init__(self, service: OutsideHelp, say: Say, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"outside:{service.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(wrapped_label(f"{service.name} ({service.run_by})", self, bold=True))
        layout.addWidget(_selectable(wrapped_label(service.what, self)))
        self.details = DetailRows(service.name, say, self)
        if service.phone:
            self.details.add("Phone number", service.phone)
        if service.email:
            self.details.add("E-mail address", service.email)
        layout.addWidget(self.details)
        self.details.setVisible(bool(self.details.copy_buttons))
        url = html.escape(service.url, quote=True)
        link = QLabel(f'<a href="{url}">{html.escape(service.url)}</a>', self)
        link.setTextFormat(Qt.TextFormat.RichText)
        link.setWordWrap(True)
        open_links_of(link)  # in the browser, on the person's click only
        link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        link.setAccessibleName(f"{service.name} website (opens in your browser)")
        layout.addWidget(link)
        self.setAccessibleName(service.name)
