"""The first step of the friend check: the friends lists to read, and the service users' names.
A view only: FriendCheckWidget does the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.widgets.labels import wrapped_label

LIST_SUFFIXES = (".txt", ".csv")


def local_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class NamesEdit(QPlainTextEdit):
    """The service users' names. A .txt or .csv file dropped here is the service-user list
    (dropped anywhere else, a file is a friends list)."""

    list_dropped = Signal(Path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        files = local_files(event)
        if files and all(f.suffix.casefold() in LIST_SUFFIXES for f in files):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event)
        if files and all(f.suffix.casefold() in LIST_SUFFIXES for f in files):
            event.acceptProposedAction()
            for path in files:
                self.list_dropped.emit(path)
        else:
            super().dropEvent(event)


def _button(text: str, parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.rstrip("…."))
    return button


class SetupPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intro = wrapped_label(
            "Your employer's code asks you to remove any service user from your friends and "
            "followers. This check compares the friends lists you download from each site with "
            "the names of service users. It runs on this computer only, and the names are not "
            "saved.",
            self,
        )
        layout.addWidget(self.intro)

        columns = QHBoxLayout()
        layout.addLayout(columns, 1)

        # 1. the friends lists ---------------------------------------------------------------
        exports_box = QGroupBox("1. Your friends lists", self)
        exports_layout = QVBoxLayout(exports_box)
        exports_layout.addWidget(
            wrapped_label(
                "Add the .zip file each site gave you, or drag it onto this window.", exports_box
            )
        )
        self.exports = QListWidget(exports_box)
        self.exports.setObjectName("friend-exports")
        self.exports.setAccessibleName("Friends lists added")
        self.exports.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.exports.setIconSize(QSize(16, 16))
        self.exports.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.exports.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        exports_layout.addWidget(self.exports, 1)
        buttons = QGridLayout()
        self.add_files = _button("Add files…", exports_box, "add-export-files")
        self.add_folder = _button("Add a folder…", exports_box, "add-export-folder")
        self.paste_friends = _button("Paste names…", exports_box, "paste-friend-names")
        self.remove_exports = _button("Remove", exports_box, "remove-exports")
        self.remove_exports.setAccessibleName("Remove the selected friends lists")
        buttons.addWidget(self.add_files, 0, 0)
        buttons.addWidget(self.add_folder, 0, 1)
        buttons.addWidget(self.paste_friends, 1, 0)
        buttons.addWidget(self.remove_exports, 1, 1)
        exports_layout.addLayout(buttons)
        self.download_help = _button(
            "How do I download my friends list?", exports_box, "download-help"
        )
        exports_layout.addWidget(self.download_help)
        columns.addWidget(exports_box, 1)

        # 2. the service users ---------------------------------------------------------------
        names_box = QGroupBox("2. Service users", self)
        names_layout = QVBoxLayout(names_box)
        self.names_hint = wrapped_label(
            "Type or paste their names, one a line. To check usernames too, import a .csv "
            "file with a name column and a column for each site.",
            names_box,
        )
        names_layout.addWidget(self.names_hint)
        self.names = NamesEdit(names_box)
        self.names.setObjectName("service-user-names")
        self.names.setAccessibleName("Service users' names, one a line")
        self.names.setPlaceholderText("Olivia Brown\nJo Bloggs")
        self.names.setTabChangesFocus(True)
        self.names_hint.setBuddy(self.names)
        names_layout.addWidget(self.names, 1)
        self.imported = QLabel("", names_box)
        self.imported.setObjectName("imported-list")
        self.imported.setWordWrap(True)
        names_layout.addWidget(self.imported)
        list_buttons = QHBoxLayout()
        self.import_list = _button("Import a list…", names_box, "import-service-users")
        self.clear_list = _button("Clear", names_box, "clear-service-users")
        self.clear_list.setAccessibleName("Clear the service users' names")
        list_buttons.addWidget(self.import_list)
        list_buttons.addWidget(self.clear_list)
        list_buttons.addStretch(1)
        names_layout.addLayout(list_buttons)
        self.keep_list = QCheckBox("Keep this list for my next check", names_box)
        self.keep_list.setObjectName("keep-service-users")
        self.keep_list.setAccessibleName("Keep this list for my next check")
        keep_help = (
            "Off: the names are forgotten when you close the check. On: they are kept, "
            "encrypted, on this computer until you turn this off."
        )
        self.keep_list.setToolTip(keep_help)
        self.keep_list.setAccessibleDescription(keep_help)
        names_layout.addWidget(self.keep_list)
        columns.addWidget(names_box, 1)

        run_row = QHBoxLayout()
        self.run = _button("Check for service users", self, "run-friend-check")
        self.run.setDefault(True)
        font = self.run.font()
        font.setBold(True)
        self.run.setFont(font)
        self.run.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        run_row.addWidget(self.run)
        self.run_note = QLabel("", self)
        self.run_note.setWordWrap(True)
        run_row.addWidget(self.run_note, 1)
        layout.addLayout(run_row)
