"""Settings: where your data is, how it is locked, your recovery code, a backup, the service
users' names if they are kept, deleting it all; and, in the running app, "Locking"
(ui/vault/lock_settings.py: how selfaudit opens, when it locks itself).

Other features add their own sections (the organisation's policy, reminders) as
`extra_sections=[(title, widget), ...]`; each becomes a tab after "Your data".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.links import open_link
from selfaudit.ui.screen_fit import fit_scrolled
from selfaudit.ui.vault.messages import comfortable_width
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.scrolling import scroll_area

if TYPE_CHECKING:
    from selfaudit.ui.vault.lock_settings import LockSettings

CONFIRM_WORD = "delete"


class DataSettings(Protocol):
    """What the "Your data" tab shows and does (VaultController in the app)."""

    @property
    def data_folder(self) -> Path: ...

    @property
    def lock_description(self) -> str: ...

    @property
    def read_only(self) -> str | None: ...

    @property
    def uses_passphrase(self) -> bool: ...

    def show_recovery_code(self, parent: QWidget | None) -> None: ...

    def change_passphrase(self, parent: QWidget | None) -> None: ...

    def back_up_to_file(self, parent: QWidget | None, target: Path | None = None) -> None: ...

    def restore_from_file(self, parent: QWidget | None) -> None: ...

    def delete_everything(self, parent: QWidget | None) -> None: ...

    @property
    def kept_service_users(self) -> int: ...

    def forget_service_users(
        self, parent: QWidget | None, forgotten: Callable[[], None]
    ) -> None: ...


class SettingsDialog(QDialog):
    def __init__(
        self,
        data: DataSettings,
        extra_sections: Sequence[tuple[str, QWidget]] = (),
        parent: QWidget | None = None,
        lock: LockSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.setObjectName("settings-dialog")
        self.setWindowTitle("Settings")
        comfortable_width(self, 72)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Settings sections")
        self.data_tab = self._data_tab()
        # a scroll area lets a long section keep its full height (wrapped text is never
        # squeezed into a short tab) and still fit a small screen
        data_scroll = scroll_area(self.tabs, "Your data", self.data_tab)
        self.tabs.addTab(data_scroll, "Your &data")
        sections = list(extra_sections)
        if lock is not None:
            from selfaudit.ui.vault.lock_settings import LockingPanel

            self.locking = LockingPanel(lock, self)
            sections.insert(0, ("Loc&king", self.locking))
            lock.watch_lockable(self, lambda _lockable: self.refresh_lock())
        for title, widget in sections:
            self.tabs.addTab(scroll_area(self.tabs, title.replace("&", ""), widget), title)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.delete_dialog: DeleteDataDialog | None = None
        fit_scrolled(self, data_scroll)  # "Your data" whole where the screen allows

    def section_titles(self) -> list[str]:
        return [self.tabs.tabText(i).replace("&", "") for i in range(self.tabs.count())]

    def _data_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)

        where = QGroupBox("Where your data is kept", tab)
        where_layout = QVBoxLayout(where)
        where_layout.addWidget(
            wrapped_label(
                "Your answers, audits and action plan are kept in one encrypted file in this "
                "folder, with copies of its last versions. Nothing is sent anywhere.",
                where,
            )
        )
        self.folder_field = QLineEdit(str(self.data.data_folder), where)
        self.folder_field.setReadOnly(True)
        self.folder_field.setAccessibleName("Data folder")
        row = QHBoxLayout()
        row.addWidget(self.folder_field, 1)
        self.open_folder_button = QPushButton("&Open folder", where)
        self.open_folder_button.setAccessibleName("Open the data folder")
        self.open_folder_button.clicked.connect(self._open_folder)
        row.addWidget(self.open_folder_button)
        where_layout.addLayout(row)
        self.backup_button = QPushButton("Save an encrypted &copy…", where)
        self.backup_button.setAccessibleName("Save an encrypted copy of your checklist")
        self.backup_button.clicked.connect(lambda: self.data.back_up_to_file(self))
        where_layout.addWidget(
            wrapped_label(
                "To move to a new computer, save an encrypted copy. When selfaudit first opens "
                'there, choose "Restore a copy…" and type your recovery code.',
                where,
            )
        )
        self.restore_button = QPushButton("Res&tore a copy…", where)
        self.restore_button.setAccessibleName("Restore a copy of your checklist")
        self.restore_button.clicked.connect(lambda: self.data.restore_from_file(self))
        self.restore_button.setEnabled(not self.data.read_only)
        copies = QHBoxLayout()
        copies.addWidget(self.backup_button)
        copies.addWidget(self.restore_button)
        copies.addStretch(1)
        where_layout.addLayout(copies)
        layout.addWidget(where)

        locked = QGroupBox("How your checklist is locked", tab)
        locked_layout = QVBoxLayout(locked)
        self.lock_label = wrapped_label(self.data.lock_description, locked)
        locked_layout.addWidget(self.lock_label)
        if self.data.read_only:
            locked_layout.addWidget(wrapped_label(f"Open read-only: {self.data.read_only}", locked))
        self.recovery_button = QPushButton("Show my &recovery code…", locked)
        self.recovery_button.setAccessibleName("Show my recovery code")
        self.recovery_button.clicked.connect(lambda: self.data.show_recovery_code(self))
        locked_layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.passphrase_button = QPushButton("Change my &passphrase…", locked)
        self.passphrase_button.setAccessibleName("Change my passphrase")
        self.passphrase_button.clicked.connect(lambda: self.data.change_passphrase(self))
        locked_layout.addWidget(self.passphrase_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(locked)
        self.refresh_lock()
        if self.data.kept_service_users:
            layout.addWidget(self._kept_names(tab))

        delete = QGroupBox("Delete all my data", tab)
        delete_layout = QVBoxLayout(delete)
        delete_layout.addWidget(
            wrapped_label(
                "Deletes your answers, audits, action plan and everything else selfaudit keeps, "
                "with their backups and the key, from this computer. This cannot be undone.",
                delete,
            )
        )
        self.delete_button = QPushButton("De&lete all my data…", delete)
        self.delete_button.setAccessibleName("Delete all my data")
        self.delete_button.clicked.connect(self.confirm_delete)
        delete_layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(delete)
        layout.addStretch(1)
        return tab

    def refresh_lock(self) -> None:
        """After switching how the checklist opens."""
        self.lock_label.setText(self.data.lock_description)
        self.passphrase_button.setVisible(self.data.uses_passphrase and not self.data.read_only)

    def _kept_names(self, tab: QWidget) -> QGroupBox:
        count = self.data.kept_service_users
        box = QGroupBox("Service users' names", tab)
        box.setObjectName("kept-service-users")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(
            wrapped_label(
                f"You keep a list of {count} service user{'' if count == 1 else 's'}' names for "
                "your next friend check. It is kept inside your encrypted checklist "
                f"({self.data.data_folder / 'checklist.vault'}), never in a file of its own. "
                "Earlier backups of the checklist hold it until they are replaced, within 30 "
                "days.",
                box,
            )
        )
        box_layout.addWidget(
            wrapped_label(
                'To delete it, choose "Delete the list of names", or untick "Keep this list for '
                'my next check" in the friend check. "Delete all my data" also deletes the '
                "backups.",
                box,
            )
        )
        self.forget_names_button = QPushButton("Delete the list of &names…", box)
        self.forget_names_button.setAccessibleName("Delete the list of service users' names")
        self.forget_names_button.clicked.connect(
            lambda: self.data.forget_service_users(self, box.hide)
        )
        self.forget_names_button.setEnabled(not self.data.read_only)
        box_layout.addWidget(self.forget_names_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _open_folder(self) -> None:
        open_link(QUrl.fromLocalFile(str(self.data.data_folder)), self)

    def confirm_delete(self) -> None:
        dialog = DeleteDataDialog(self)
        dialog.accepted.connect(lambda: self.data.delete_everything(self))
        self.delete_dialog = dialog
        dialog.open()


class DeleteDataDialog(QDialog):
    """Deleting is the one thing that cannot be undone, so it takes a typed word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("delete-data-dialog")
        self.setWindowTitle("Delete all your data?")
        comfortable_width(self, 72)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(self.windowTitle(), self, bold=True))
        for text in (
            "This deletes your answers, your audits, your action plan and everything else "
            "selfaudit keeps on this computer, with all their backups and the key. Nobody can "
            "get them back, not even with the recovery code.",
            f"To confirm, type {CONFIRM_WORD} below.",
        ):
            layout.addWidget(wrapped_label(text, self))
        self.confirm_field = QLineEdit(self)
        self.confirm_field.setAccessibleName(f"Type {CONFIRM_WORD} to confirm")
        layout.addWidget(self.confirm_field)
        buttons = QDialogButtonBox(self)
        self.delete_button = buttons.addButton(
            "Delete all my data", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setAccessibleName("Delete all my data now")
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)
        cancel = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        cancel.setAccessibleName("Cancel")
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.confirm_field.textChanged.connect(
            lambda text: self.delete_button.setEnabled(text.strip().lower() == CONFIRM_WORD)
        )
        self.confirm_field.setFocus()
