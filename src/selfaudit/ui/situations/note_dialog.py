"""The note to the line manager: a short draft the person edits, then copies, prints or opens in
their e-mail program. The app never saves it: closing the window forgets it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.situations.note import (
    MAILTO_LIMIT,
    WORD_LIMIT,
    Note,
    count_words,
    first_prompt,
    mailto,
)
from selfaudit.ui.links import open_quietly
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.scrolling import scroll_area
from selfaudit.ui.wizard import fit_to_screen

TITLE = "A note to your line manager"


class NoteDialog(QDialog):
    def __init__(self, note: Note, to: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("line-manager-note")
        self.setWindowTitle(TITLE)
        self.to = to
        self.sent = False  # copied, printed or handed to the e-mail program
        # at 200% scaling with large text the screen is small: the note scrolls, and the
        # buttons go one under the other, so the window always fits
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            wrapped_label(
                "Change anything you like. Replace the words in [brackets] with your own. "
                "Only write what your line manager needs to know, and no names: you can tell "
                "them who in person.",
                page,
            )
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        to_text = to or "your line manager (add their address in your e-mail program)"
        self.to_label = wrapped_label(to_text, page)
        form.addRow("To:", self.to_label)
        self.subject = QLineEdit(note.subject, page)
        self.subject.setAccessibleName("Subject")
        subject_label = QLabel("&Subject:", page)
        subject_label.setBuddy(self.subject)
        form.addRow(subject_label, self.subject)
        layout.addLayout(form)
        body_label = QLabel("&Note:", page)
        self.body = QPlainTextEdit(page)
        self.body.setPlainText(note.body)
        self.body.setAccessibleName("Note")
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        body_label.setBuddy(self.body)
        layout.addWidget(body_label)
        layout.addWidget(self.body, 1)
        self.count = wrapped_label("", page)
        self.count.setObjectName("note-word-count")
        self.count.setAccessibleName("Word count")
        layout.addWidget(self.count)
        self.status = wrapped_label(
            "This note is not saved. Copy it, print it or open it in your e-mail program "
            "before you close this window.",
            page,
        )
        self.status.setObjectName("note-status")
        self.status.setAccessibleName("Status")
        layout.addWidget(self.status)
        scroll = scroll_area(self, TITLE, page)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.buttons = buttons = QDialogButtonBox(self)
        self.copy_button = self._button(buttons, "&Copy the note", self.copy)
        self.print_button = self._button(buttons, "&Print…", self.print_note)
        self.email_button = self._button(buttons, "&Open in my e-mail program", self.open_email)
        # our own word, so no platform theme gives it an Alt+letter another button has; Esc
        # closes too
        close = buttons.addButton("Close", QDialogButtonBox.ButtonRole.RejectRole)
        assert close is not None
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        screen = self.screen()
        room = screen.availableGeometry().width() * 0.9 if screen is not None else 10_000
        if buttons.sizeHint().width() > room:
            buttons.setOrientation(Qt.Orientation.Vertical)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)

        self.body.textChanged.connect(self._count_words)
        self._count_words()
        self._select_first_prompt()
        fit_to_screen(self, 660, 520)

    def _button(self, box: QDialogButtonBox, text: str, slot: object) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        assert button is not None
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def note(self) -> Note:
        return Note(subject=self.subject.text(), body=self.body.toPlainText())

    def _select_first_prompt(self) -> None:
        """Typing replaces the first [prompt] straight away."""
        self.body.setFocus()
        found = first_prompt(self.body.toPlainText())
        if found is None:
            return
        cursor = self.body.textCursor()
        cursor.setPosition(found[0])
        cursor.setPosition(found[1], QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)

    def _count_words(self) -> None:
        words = count_words(self.body.toPlainText())
        if words <= WORD_LIMIT:
            self.count.setText(
                f"{words} words. A short note of up to {WORD_LIMIT} words is quick to read."
            )
        else:
            self.count.setText(
                f"{words} words. Your line manager may read it more easily if you keep it under "
                f"{WORD_LIMIT}, and tell them the rest in person."
            )

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # what the person can do with it ---------------------------------------------------------
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.note().as_text())
        self.sent = True
        self._say("Copied the note. Paste it into an e-mail or a message to your line manager.")

    def print_note(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the note")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText(self.note().as_text())
        document.print_(printer)
        self.sent = True
        self._say("Sent the note to the printer.")

    def open_email(self) -> None:
        address = mailto(self.note(), self.to)
        if len(address) > MAILTO_LIMIT:
            self._say(
                "The note is too long for some e-mail programs to open. Choose Copy the note, "
                "then paste it into a new e-mail."
            )
            return
        if open_quietly(QUrl(address, QUrl.ParsingMode.StrictMode)):
            self.sent = True
            self._say("Opened a new e-mail with the note. Check it, then send it from there.")
        else:
            self._say(
                "No e-mail program opened. Choose Copy the note, then paste it into an e-mail."
            )

    # closing --------------------------------------------------------------------------------
    def reject(self) -> None:
        # also what closing the window does: QDialog's closeEvent asks reject()
        if not self.sent and self.body.document().isModified() and not self._forget_anyway():
            return
        super().reject()

    def _forget_anyway(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Close the note?",
            "The note is not saved, so what you wrote will be gone. You have not copied, "
            "printed or e-mailed it yet.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
