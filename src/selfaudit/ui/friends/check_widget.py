"""The service-user friend check as one widget: pick the exports, give the service users, run
the check in the background (progress bar, Cancel), review the matches. The wizard shows it as
a page (ui/pages/friend_check.py); the dashboard can open it on its own (FriendCheckDialog).

The service users' names live in this widget's memory only. `forget()` drops them (the owner
calls it when the check is closed), unless the person chose to keep the list in the vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.friend_review import (
    FriendReview,
    restored_service_users,
    saved_service_users,
)
from selfaudit.audit.session import AuditSession
from selfaudit.measures.friends.check import run_friend_check
from selfaudit.measures.friends.guides import handle_columns_text, platform_name
from selfaudit.measures.friends.isolation import (
    MatchingError,
    ReadyWorkers,
    read_export_in_worker,
)
from selfaudit.measures.friends.model import (
    CheckResult,
    ExportError,
    ExportScan,
    ListError,
    Monitor,
    ServiceUser,
)
from selfaudit.measures.friends.reader import scan_pasted_names
from selfaudit.measures.friends.service_users import (
    load_service_users,
    merge_service_users,
    parse_service_users,
)
from selfaudit.ui.friends.download_help import DownloadHelpDialog
from selfaudit.ui.friends.review_panel import ReviewPanel
from selfaudit.ui.friends.setup_panel import SetupPanel, local_files
from selfaudit.ui.friends.worker import BackgroundTask

EXPORT_FILTER = "Friends lists (*.zip *.json *.html *.htm *.js *.csv *.txt);;All files (*)"
LIST_FILTER = "Lists of names (*.txt *.csv);;All files (*)"


@dataclass
class ExportEntry:
    label: str
    path: Path | None  # None for pasted names
    scan: ExportScan | None = None
    error: ExportError | None = None

    def status(self) -> str:
        """What the export holds, then its name (which may be long, and is cut in the middle)."""
        if self.error is not None:
            return f"Cannot be used: {self.label}"
        if self.scan is None:
            return f"Waiting: {self.label}"
        counts = self.scan.counts()
        if not counts:
            return f"Nobody in it: {self.label}"
        people = ", ".join(
            f"{count:,} on {platform_name(platform)}" for platform, count in counts.items()
        )
        return f"{people}: {self.label}"


class FriendCheckWidget(QWidget):
    busy_changed = Signal(bool)
    check_finished = Signal()  # a check ran to the end; its review is showing
    review_changed = Signal()  # the person decided something about a match
    keep_list_chosen = Signal()  # the person ticked "Keep this list for my next check"

    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[ExportEntry] = []
        self._pending: list[ExportEntry] = []  # added, waiting to be read, one at a time
        self._task: BackgroundTask | None = None
        self._imported: list[ServiceUser] = []
        self._lists_generation = 0  # a list read after it was cleared is not used
        self._workers = ReadyWorkers()  # one waits, loaded, while the check is on screen
        self.review: FriendReview | None = None
        self.setAcceptDrops(True)
        self.setObjectName("friend-check")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.setup = SetupPanel(self.stack)
        self.review_panel = ReviewPanel(self.stack)
        self.stack.addWidget(self.setup)
        self.stack.addWidget(self.review_panel)
        layout.addWidget(self.stack, 1)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("friend-check-progress")
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Progress of the friend check")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancel-friend-check")
        self.cancel_button.setAccessibleName("Cancel the friend check")
        self.cancel_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self._show_busy(False)

        setup = self.setup
        setup.add_files.clicked.connect(self._choose_files)
        setup.add_folder.clicked.connect(self._choose_folder)
        setup.paste_friends.clicked.connect(self._paste_friends)
        setup.remove_exports.clicked.connect(self._remove_selected)
        setup.download_help.clicked.connect(self._show_download_help)
        setup.import_list.clicked.connect(self._choose_list)
        setup.clear_list.clicked.connect(self.clear_service_users)
        setup.names.textChanged.connect(self._update_run)
        setup.names.list_dropped.connect(self.import_service_users)
        setup.keep_list.toggled.connect(self._keep_toggled)
        setup.run.clicked.connect(self.start_check)
        self.review_panel.change_lists_requested.connect(self.show_setup)
        self.review_panel.decided.connect(self.review_changed)

        if session.state.keep_service_users:
            self._imported = restored_service_users(session.state.service_users)
            setup.keep_list.setChecked(True)
        self._show_imported()
        self._update_run()

    # exports -----------------------------------------------------------------------------------
    def add_exports(self, paths: list[Path]) -> None:
        """Adds exports and reads them in the background, one after another."""
        # a file that could not be read may be added again (downloaded afresh, say)
        self.entries = [e for e in self.entries if e.error is None or e.path not in paths]
        known = {entry.path for entry in self.entries}
        for path in paths:
            if path in known:
                continue
            entry = ExportEntry(label=path.name or str(path), path=path)
            self.entries.append(entry)
            self._pending.append(entry)
        self._refresh_exports()
        self._read_next()

    def add_pasted_friends(self, text: str) -> None:
        scan = scan_pasted_names(text)
        if scan.connections:
            number = sum(1 for e in self.entries if e.path is None) + 1
            label = "Pasted names" if number == 1 else f"Pasted names ({number})"
            self.entries.append(ExportEntry(label=label, path=None, scan=scan))
            self._refresh_exports()

    def _read_next(self) -> None:
        if self._task is not None or not self._pending:
            return
        entry = self._pending.pop(0)
        path = entry.path
        assert path is not None
        # in a worker process: no export can take the window (or unsaved answers) down
        workers = self._workers
        task = BackgroundTask(lambda monitor: read_export_in_worker(path, monitor, workers=workers))
        task.signals.progress.connect(self._progress)
        task.signals.done.connect(lambda scan: self._read_done(entry, scan))
        task.signals.failed.connect(lambda error: self._read_failed(entry, error))
        task.signals.cancelled.connect(lambda: self._read_cancelled(entry))
        self._start(task, f"Reading {entry.label}")

    def _read_done(self, entry: ExportEntry, scan: ExportScan) -> None:
        entry.scan = scan
        self._task_over()
        self._refresh_exports()
        if scan.problems:
            self._warn(
                "Part of an export could not be read",
                f"{entry.label}: the rest was read, but "
                + "; ".join(scan.problems)
                + ". If you need those, download the export again.",
            )
        self._read_next()

    def _read_failed(self, entry: ExportEntry, error: object) -> None:
        self._task_over()
        if not isinstance(error, ExportError):
            error = ExportError(entry.label, f"could not be read ({error})")
        entry.error = error
        self._refresh_exports()
        self._warn(
            "This file cannot be used",
            f"{error.source}: {error.reason}.\n\n{error.help}".strip(),
        )
        self._read_next()

    def _read_cancelled(self, entry: ExportEntry) -> None:
        self._task_over()
        for dropped in [entry, *self._pending]:
            if dropped in self.entries:
                self.entries.remove(dropped)
        self._pending.clear()
        self._refresh_exports()

    def scans(self) -> list[ExportScan]:
        return [entry.scan for entry in self.entries if entry.scan is not None]

    def _refresh_exports(self) -> None:
        view = self.setup.exports
        view.clear()
        style = self.style()
        for entry in self.entries:
            item = QListWidgetItem(entry.status())
            item.setToolTip(entry.label)
            if entry.error is not None:
                item.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
                item.setToolTip(f"{entry.label}: {entry.error.reason}.\n\n{entry.error.help}")
            elif entry.scan is not None:
                item.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
            view.addItem(item)
        self._update_run()

    def _remove_selected(self) -> None:
        rows = sorted((i.row() for i in self.setup.exports.selectedIndexes()), reverse=True)
        for row in rows:
            entry = self.entries[row]
            if entry.scan is not None or entry.error is not None:
                del self.entries[row]
        self._refresh_exports()

    # the service users -------------------------------------------------------------------------
    def service_users(self) -> list[ServiceUser]:
        """The imported list and the typed names, each person once."""
        typed = parse_service_users(self.setup.names.toPlainText())
        return merge_service_users(self._imported, typed)

    def import_service_users(self, path: Path) -> None:
        """Reads a list of service users off the window's thread (a list can be long)."""
        from selfaudit.ui.background import run_in_background

        generation = self._lists_generation

        def read(users: list[ServiceUser]) -> None:
            if generation != self._lists_generation:
                return  # the list was cleared or the check closed meanwhile
            self._imported = merge_service_users(self._imported, users)
            self._show_imported()
            self._update_run()

        def failed(error: BaseException) -> None:
            if generation != self._lists_generation:
                return
            self._show_imported()
            if not isinstance(error, ListError):
                error = ListError(f"{path.name}: could not be read ({error})")
            self._warn(
                "This list cannot be used",
                f"{error}\n\nUse a .txt file with one name a line, or a .csv file with a "
                f'"name" column (and, if you like, columns called {handle_columns_text()} '
                "for usernames or profile addresses).",
            )

        self.setup.imported.setText(f"Reading {path.name}…")
        self.setup.imported.setVisible(True)
        run_in_background(lambda: load_service_users(path), read, failed, self)

    def clear_service_users(self) -> None:
        self._lists_generation += 1
        self._imported = []
        self.setup.names.clear()
        self._show_imported()
        self._update_run()
        if self.setup.keep_list.isChecked():
            self.session.keep_service_users([])

    def _show_imported(self) -> None:
        if not self._imported:
            self.setup.imported.setText("")
            self.setup.imported.setVisible(False)
            return
        handles = sum(1 for u in self._imported if u.handles)
        text = f"Imported: {len(self._imported)} names"
        if handles:
            text += f", {handles} with usernames or profile addresses"
        self.setup.imported.setText(text + ".")
        self.setup.imported.setVisible(True)

    def _keep_toggled(self, keep: bool) -> None:
        if keep:
            self.session.keep_service_users(saved_service_users(self.service_users()))
            self.keep_list_chosen.emit()  # the app may offer to lock the checklist better
        else:
            self.session.keep_service_users(None)

    def forget(self) -> None:
        """Drops the service users' names from memory (unless the person chose to keep them)
        and the friends lists read. Called when the check is closed."""
        if self._task is not None:
            self._task.cancel()
        self._lists_generation += 1
        self.setup.names.clear()
        self._imported = (
            restored_service_users(self.session.state.service_users)
            if self.session.state.keep_service_users
            else []
        )
        self._show_imported()
        self.review = None
        self.review_panel.review = None
        self.review_panel.model.set_review(None)
        self.entries.clear()
        self._pending.clear()
        self._refresh_exports()
        self.show_setup()

    # the check ---------------------------------------------------------------------------------
    def can_run(self) -> bool:
        has_names = bool(self._imported) or bool(self.setup.names.toPlainText().strip())
        return self._task is None and bool(self.scans()) and has_names

    def _update_run(self) -> None:
        self.setup.run.setEnabled(self.can_run())
        if self._task is not None:
            note = ""
        elif not self.scans():
            note = "Add at least one friends list."
        elif not (self._imported or self.setup.names.toPlainText().strip()):
            note = "Add the names of the service users."
        else:
            note = ""
        self.setup.run_note.setText(note)

    def start_check(self) -> None:
        if not self.can_run():
            return
        users = self.service_users()
        if self.setup.keep_list.isChecked():
            self.session.keep_service_users(saved_service_users(users))
        scans = self.scans()

        def check(monitor: Monitor) -> CheckResult:
            return run_friend_check(scans, users, monitor, self._workers)

        task = BackgroundTask(check)
        task.signals.progress.connect(self._progress)
        task.signals.done.connect(self._check_done)
        task.signals.failed.connect(self._check_failed)
        task.signals.cancelled.connect(self._task_over)
        self._start(task, "Comparing names")

    def _check_done(self, result: CheckResult) -> None:
        self._task_over()
        self.review = FriendReview(result, self.session)
        self.review_panel.show_review(self.review)
        self.stack.setCurrentWidget(self.review_panel)
        self.check_finished.emit()

    def _check_failed(self, error: object) -> None:
        self._task_over()
        if isinstance(error, MatchingError):
            self._warn("The check stopped", str(error))
        else:
            self._warn("The check stopped", f"Something went wrong while comparing names: {error}")

    def show_setup(self) -> None:
        self.stack.setCurrentWidget(self.setup)

    def showing_review(self) -> bool:
        return self.stack.currentWidget() is self.review_panel

    # running in the background -----------------------------------------------------------------
    def _start(self, task: BackgroundTask, message: str) -> None:
        self._task = task
        self._progress(0.0, message)
        self._show_busy(True)
        task.start()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        self.progress.setFormat(f"{message}: %p%")

    def _task_over(self) -> None:
        self._task = None
        self._show_busy(False)
        if self.isVisible():
            self._workers.start()  # for the next job: its worker did that one only

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._workers.start()  # returns at once: the process starts on a thread of its own

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # closed or left, not minimised: its waiting worker goes
            self._workers.stop()

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for widget in (self.setup.run, self.setup.remove_exports, self.review_panel.change_lists):
            widget.setEnabled(not busy)
        self._update_run()
        self.busy_changed.emit(busy)

    def is_busy(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    # choosing files ----------------------------------------------------------------------------
    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Add your friends lists", str(Path.home()), EXPORT_FILTER
        )
        self.add_exports([Path(n) for n in names])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Add the folder you unpacked an export into", str(Path.home())
        )
        if folder:
            self.add_exports([Path(folder)])

    def _choose_list(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import the list of service users", str(Path.home()), LIST_FILTER
        )
        if name:
            self.import_service_users(Path(name))

    def _paste_friends(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self,
            "Paste names",
            "Paste the names of your friends or contacts on another site, one a line:",
        )
        if ok and text.strip():
            self.add_pasted_friends(text)

    def _show_download_help(self) -> None:
        DownloadHelpDialog(parent=self).exec()

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()

    # drag and drop -----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event) and not self.is_busy():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event)
        if files:
            event.acceptProposedAction()
            self.show_setup()
            self.add_exports(files)
