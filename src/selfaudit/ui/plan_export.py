"""Print, save (PDF, HTML, Markdown) and the completion receipt, from the dashboard or the
wizard's results page. Files are written in the background; printing uses the system dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from selfaudit.report.document import PlanReport, plan_document
from selfaudit.report.files import ExportError, write_text_atomic
from selfaudit.report.html import render_html
from selfaudit.report.markdown import render_markdown
from selfaudit.report.receipt import Receipt
from selfaudit.ui.background import run_in_background


@dataclass(frozen=True)
class SaveFormat:
    key: str
    label: str  # the menu item
    suffix: str
    file_filter: str


PDF = SaveFormat("pdf", "PDF…", ".pdf", "PDF documents (*.pdf)")
HTML = SaveFormat("html", "Web page (HTML)…", ".html", "Web pages (*.html *.htm)")
MARKDOWN = SaveFormat("md", "Plain text (Markdown)…", ".md", "Markdown (*.md *.txt)")
FORMATS = (PDF, HTML, MARKDOWN)


def _save_plan(report: PlanReport, fmt: SaveFormat, path: Path) -> str:
    document = plan_document(report)
    if fmt is PDF:
        from selfaudit.report.pdf import write_pdf

        write_pdf(document, path)
    elif fmt is HTML:
        write_text_atomic(path, render_html(document))
    else:
        write_text_atomic(path, render_markdown(document))
    return f"Saved your plan to {path}"


def _save_receipt(receipt: Receipt, path: Path) -> str:
    from selfaudit.report.receipt import write_receipt_pdf

    write_receipt_pdf(receipt, path)
    return f"Saved your receipt to {path}"


def fill_save_menu(menu: QMenu, exporter: PlanExporter) -> None:
    """The dashboard's "Save as" menu, filled as it first opens: the plan in each format, the
    receipt."""
    if menu.actions():
        return
    for fmt in FORMATS:
        action = QAction(f"Plan as {fmt.label}", menu)
        action.triggered.connect(lambda _=False, f=fmt: exporter.save_plan(f))
        menu.addAction(action)
    menu.addSeparator()
    receipt = QAction("Completion receipt (PDF)…", menu)
    receipt.triggered.connect(lambda: exporter.save_receipt())
    menu.addAction(receipt)


class PlanExporter(QObject):
    """`report` builds the plan as it is now; `receipt` the receipt for a name, or raises
    NoAuditError. `saved(message)` and `failed(message)` report background writes."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        report: Callable[[], PlanReport],
        receipt: Callable[[str], Receipt] | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.report = report
        self.receipt = receipt
        self.failed.connect(self._show_failure)

    # the dialogs, replaceable in tests ----------------------------------------------------
    def choose_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print your plan")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def choose_path(self, title: str, fmt: SaveFormat, stem: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{stem}{fmt.suffix}") if folder else f"{stem}{fmt.suffix}"
        name, _ = QFileDialog.getSaveFileName(self.window, title, suggested, fmt.file_filter)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(fmt.suffix)

    def ask_name(self) -> str | None:
        name, ok = QInputDialog.getText(
            self.window,
            "Completion receipt",
            "Your name, to print on the receipt (you can leave this empty):",
            QLineEdit.EchoMode.Normal,
        )
        return name if ok else None

    # what the buttons do ------------------------------------------------------------------
    def print_plan(self) -> bool:
        """Opens the system print dialog and prints the plan; False if the person cancelled."""
        from selfaudit.report.pdf import paint_pages

        printer = self.choose_printer()
        if printer is None:
            return False
        report = self.report()
        printer.setDocName(report.title)
        try:
            paint_pages(plan_document(report), printer)
        except ExportError as exc:
            self.failed.emit(f"The plan could not be printed: {exc}")
            return False
        return True

    def save_plan(self, fmt: SaveFormat) -> None:
        path = self.choose_path("Save your plan", fmt, "online-safety-plan")
        if path is not None:
            report = self.report()
            self._start(lambda: _save_plan(report, fmt, path))

    def save_receipt(self) -> None:
        from selfaudit.report.receipt import NoAuditError

        if self.receipt is None:
            return
        name = self.ask_name()
        if name is None:
            return
        try:
            receipt = self.receipt(name)
        except NoAuditError as exc:
            self.failed.emit(str(exc))
            return
        path = self.choose_path("Save your completion receipt", PDF, "online-safety-receipt")
        if path is not None:
            self._start(lambda: _save_receipt(receipt, path))

    def _start(self, write: Callable[[], str]) -> None:
        # Qt's text layout and PDF writer are safe off the UI thread
        run_in_background(write, self.saved.emit, self._write_failed, self)

    def _write_failed(self, error: BaseException) -> None:
        self.failed.emit(
            str(error) if isinstance(error, ExportError) else f"Saving failed: {error}"
        )

    def _show_failure(self, message: str) -> None:
        QMessageBox.warning(self.window, "Could not save", message)
