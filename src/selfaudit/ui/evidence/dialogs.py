"""The small standard dialogs the evidence log asks through, in one place so tests can answer
them: confirmation, picking files to add, and where to save a report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Asks before something is done; "Cancel" is the default, so Enter does not confirm."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is yes


def choose(parent: QWidget, title: str, text: str, options: list[str]) -> int | None:
    """Asks the person to pick one of `options`; None if they cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def _pictures_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)


def choose_attachments(parent: QWidget) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        "Add screenshots or files",
        _pictures_folder(),
        "Screenshots and pictures (*.png *.jpg *.jpeg *.webp);;All files (*)",
    )
    return [Path(name) for name in names]


def choose_report_file(parent: QWidget, suggested_name: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, chosen_filter = QFileDialog.getSaveFileName(
        parent,
        "Save the report",
        str(Path(folder) / suggested_name),
        "PDF (*.pdf);;Web page (*.html)",
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".pdf", ".html", ".htm"):
        path = path.with_name(path.name + (".html" if "html" in chosen_filter else ".pdf"))
    return path
