"""Opening a link: in the person's own browser (or e-mail or phone app, or file manager), by
their click only; the app itself never connects anywhere. Where nothing can open it (no browser
set up, a locked-down computer), the person is offered the link to copy instead, never a button
that silently does nothing. Every "Open … in your browser" button and every link in a label
opens through `open_link`."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.ui.screen_fit import fit_to_content
from selfaudit.ui.widgets.labels import wrapped_label

# for each kind of link: what did not open, what to do instead, and what is copied
FALLBACKS = {
    "web": (
        "Your web browser did not open",
        "selfaudit could not start a web browser on this computer. Copy the link and paste it "
        "into your browser's address bar, here or on another device.",
        "the link",
    ),
    "mailto": (
        "Your e-mail program did not open",
        "selfaudit could not start an e-mail program on this computer. Copy the e-mail address "
        "and paste it into a new message.",
        "the e-mail address",
    ),
    "tel": (
        "Your phone app did not open",
        "This computer has no app that makes calls. Copy the number, or call it from your phone.",
        "the number",
    ),
    "file": (
        "The folder did not open",
        "selfaudit could not start a file manager on this computer. Copy the folder's location "
        "and paste it into your file manager.",
        "the folder's location",
    ),
}


def kind_of(url: QUrl) -> str:
    if url.isLocalFile():
        return "file"
    return url.scheme() if url.scheme() in FALLBACKS else "web"


def shown_text(url: QUrl) -> str:
    """What the person copies: the address, the e-mail address, the number or the folder."""
    if url.scheme() in ("mailto", "tel"):
        return url.path()
    return url.toLocalFile() if url.isLocalFile() else url.toString()


class CopyLinkDialog(QDialog):
    """Nothing could open the link: here it is to copy and paste."""

    def __init__(self, url: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading, text, what = FALLBACKS[kind_of(url)]
        self.setObjectName("copy-link-dialog")
        self.setWindowTitle(heading)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(heading, self, bold=True))
        layout.addWidget(wrapped_label(text, self))
        self.field = QLineEdit(shown_text(url), self)
        self.field.setReadOnly(True)
        self.field.setAccessibleName(what[0].upper() + what[1:])
        layout.addWidget(self.field)
        self.copied = QLabel("", self)
        self.copied.setObjectName("copied")
        layout.addWidget(self.copied)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(f"&Copy {what}", self)
        self.copy_button.setObjectName("copy-link")
        self.copy_button.setDefault(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_content(self, 60)
        self.copy_button.setFocus()

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.field.text())
        self.copied.setText("Copied. Paste it with Ctrl+V (⌘V on a Mac).")


def open_quietly(url: QUrl) -> bool:
    """Hands `url` to the person's own program, for a caller with its own way round a computer
    where nothing opens it (the note to a line manager: copy the note). True if it opened."""
    return QDesktopServices.openUrl(url)


def open_link(address: str | QUrl, parent: QWidget | None = None) -> bool:
    """Opens `address` in the person's own program for it; if none opens, offers it to copy
    (a CopyLinkDialog over `parent`'s window). True if it opened."""
    url = address if isinstance(address, QUrl) else QUrl(address)
    if open_quietly(url):
        return True
    dialog = CopyLinkDialog(url, parent.window() if parent is not None else None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # a dialog without a parent lives only as long as something holds it: until it is closed
    _OFFERED.add(dialog)
    dialog.finished.connect(lambda _result: _OFFERED.discard(dialog))
    dialog.open()
    return False


_OFFERED: set[CopyLinkDialog] = set()


def open_links_of(label: QLabel) -> None:
    """The links in a rich-text label open through `open_link` (Enter or a click)."""
    label.setOpenExternalLinks(False)
    label.linkActivated.connect(lambda url: open_link(url, label))
