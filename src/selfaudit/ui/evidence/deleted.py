"""Deleted items: incidents moved out of the log, kept for 30 days so they can be restored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.evidence.incident_wording import local_when, short_when
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.models import RETENTION, DeletedIncident
from selfaudit.ui.screen_fit import fit_to_screen
from selfaudit.ui.widgets.labels import wrapped_label


def deleted_text(item: DeletedIncident) -> str:
    details = item.incident.details
    sender = f", from {details.sender}" if details.sender else ""
    return (
        f"{short_when(details.occurred_at)}: {details.where()}{sender}\n"
        f"Deleted on {local_when(item.deleted_at)}. Kept until {local_when(item.kept_until)}."
    )


class DeletedItemsDialog(QDialog):
    def __init__(self, log: IncidentLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.setWindowTitle("Deleted items")
        self.setObjectName("deleted-items")
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                f"Deleted incidents are kept here for {RETENTION.days} days, with their "
                "screenshots and files. You can restore them until then. After that they are "
                "removed for good.",
                self,
            )
        )
        self.list = QListWidget(self)
        self.list.setAccessibleName("Deleted incidents")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self.empty = wrapped_label("There are no deleted incidents.", self)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("Restore", self)
        self.restore_button.setAccessibleName("Restore the selected incident to the log")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.refresh()
        fit_to_screen(self, 560, 400)

    def refresh(self) -> None:
        self.list.clear()
        for deleted in self.log.deleted():
            item = QListWidgetItem(deleted_text(deleted))
            item.setData(Qt.ItemDataRole.UserRole, deleted.incident.id)
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.list.currentRow() >= 0)

    def restore_selected(self) -> None:
        if self.list.currentRow() < 0:
            return
        item = self.list.currentItem()
        self.log.restore(str(item.data(Qt.ItemDataRole.UserRole)))
        self.refresh()
