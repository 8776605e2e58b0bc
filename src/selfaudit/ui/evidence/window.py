"""The evidence log window: the incidents, the one chosen, and guidance beside them.

It is a standalone window the dashboard opens. It takes the log (the person's state and the
vault's blob store), the policy and the content, and emits `changed` after every change so its
owner can save the vault. Screenshots are decrypted and decoded in memory on the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QImage, QShowEvent, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.state import AppState
from selfaudit.content.models import Platform
from selfaudit.dates import clock_time
from selfaudit.evidence.blob_store import BlobError, BlobStore
from selfaudit.evidence.guidance import EvidenceGuidance
from selfaudit.evidence.incident_wording import local_when, long_date
from selfaudit.evidence.log import IncidentError, IncidentLog
from selfaudit.evidence.models import Attachment, Incident
from selfaudit.evidence.report import EvidenceReport, gather_pictures
from selfaudit.policy import Policy
from selfaudit.report.evidence_export import ExportError, save_report
from selfaudit.report.incident_record import VIEW_STYLE, incident_html
from selfaudit.ui.background import Background
from selfaudit.ui.evidence import dialogs
from selfaudit.ui.evidence.deleted import DeletedItemsDialog
from selfaudit.ui.evidence.editor import IncidentEditor, IncidentStart
from selfaudit.ui.evidence.guidance_panel import GuidancePanel
from selfaudit.ui.evidence.incident_table import IncidentTable, history_html
from selfaudit.ui.screen_fit import fit_to_screen
from selfaudit.ui.tab_order import read_after
from selfaudit.ui.widgets.labels import wrapped_label

VIEW_PICTURE_BOX = (560, 380)  # how large screenshots are drawn in the incident view, at most
PICTURE_MARGIN = 48  # a scroll bar, the document's margins and its table cell's padding, logical px


Index = QModelIndex | QPersistentModelIndex


class EvidenceWindow(QDialog):
    changed = Signal()  # after every change to the log: the owner saves the vault

    def __init__(
        self,
        log: IncidentLog,
        policy: Policy,
        guidance: EvidenceGuidance,
        platforms: tuple[Platform, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.log = log
        self.policy = policy
        self.guidance = guidance
        self.platforms = platforms
        self.platform_ids = {p.name.casefold(): p.id for p in platforms}
        self.jobs = Background(self)
        self.pictures: dict[str, QImage] = {}  # blob id -> picture scaled for the view
        self.picture_problems: dict[str, str] = {}
        self.loading: set[str] = set()
        self.reporting = False  # one report at a time
        self.setObjectName("evidence-window")
        self.setWindowTitle("Evidence log")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, True)

        title = QLabel("Evidence log", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        intro = wrapped_label(
            "A private record of online bullying or abuse, to hand over when you report it. "
            "It is encrypted and stays on this computer.",
            self,
        )

        self.model = IncidentTable(log)
        self.table = QTableView(self)
        self.table.setObjectName("incident-table")
        self.table.setAccessibleName("Incidents, most recent first")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.change_incident())
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._selection_changed())

        self.view = QTextBrowser(self)
        self.view.setObjectName("incident-view")
        self.view.setAccessibleName("The chosen incident")
        self.view.setOpenLinks(False)
        self.view.document().setDefaultStyleSheet(VIEW_STYLE)  # no colours: follows the palette
        option = self.view.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.view.document().setDefaultTextOption(option)
        self._drawn_box = VIEW_PICTURE_BOX  # the picture box of the incident on show
        # at 200% or in a narrow window the view is narrower than a picture: no sideways scroll
        self.view.installEventFilter(self)

        self.add_button = self._button("&Add an incident", self.add_incident)
        self.change_button = self._button("&Change", self.change_incident)
        self.change_button.setAccessibleName("Change the chosen incident")
        self.delete_button = self._button("&Delete…", self.delete_incident)
        self.delete_button.setAccessibleName("Delete the chosen incident")
        self.report_button = self._button("Make a &report…", self.make_report)
        self.deleted_button = self._button("Deleted items", self.show_deleted)
        actions = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.delete_button):
            actions.addWidget(button)
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        actions.addWidget(self.deleted_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(actions)
        log_split = QSplitter(Qt.Orientation.Vertical, left)
        log_split.addWidget(self.table)
        log_split.addWidget(self.view)
        log_split.setStretchFactor(0, 1)
        log_split.setStretchFactor(1, 3)
        left_layout.addWidget(log_split, 1)

        self.guidance_panel = GuidancePanel(guidance, policy, platforms, self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.guidance_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        self.status = wrapped_label("", self)
        self.status.setObjectName("evidence-status")
        self.status.setAccessibleName("Status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(footer)
        # the buttons are above the list: read first, then the list and the incident
        read_after(self.deleted_button, [self.table, self.view])

        log.subscribe(self._log_changed)
        self._refresh()
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()
        fit_to_screen(self, 1180, 700)
        self._expired = False

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # state ----------------------------------------------------------------------------------
    def _log_changed(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        chosen = self.current_incident()
        self.model.refresh()
        if chosen is not None and (row := self.model.row_of(chosen.id)) >= 0:
            self.table.selectRow(row)
        count = len(self.log.deleted())
        self.deleted_button.setText(f"Deleted items ({count})" if count else "Deleted items")
        self._selection_changed()

    def selected_incidents(self) -> list[Incident]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.incident(row) for row in rows]

    def current_incident(self) -> Incident | None:
        chosen = self.selected_incidents()
        return chosen[0] if len(chosen) == 1 else None

    def _selection_changed(self) -> None:
        one = self.current_incident()
        self.change_button.setEnabled(one is not None)
        self.delete_button.setEnabled(one is not None)
        self.report_button.setEnabled(self.model.rowCount() > 0 and not self.reporting)
        self.show_incident(one)
        if one is not None:
            key = self.guidance.capture_for_incident(one.details, self.platform_ids)
            self.guidance_panel.show_capture_for(key)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # the chosen incident --------------------------------------------------------------------
    def show_incident(self, incident: Incident | None) -> None:
        if incident is None:
            self.view.setHtml(self._nothing_chosen_html())
            return
        wanted = [
            a
            for a in incident.details.attachments
            if a.is_picture and a.blob_id not in self.pictures
        ]
        for attachment in wanted:
            if attachment.blob_id not in self.loading and attachment.blob_id not in (
                self.picture_problems
            ):
                self._load_picture(attachment)

        def source(attachment: Attachment) -> str | None:
            return f"picture:{attachment.blob_id}" if attachment.blob_id in self.pictures else None

        moment = incident.details.occurred_at
        title = f"{long_date(moment)} at {clock_time(moment)}"
        self._drawn_box = self._picture_box()
        html = incident_html(incident, title, source, self._drawn_box, self.picture_problems)
        scroll = self.view.verticalScrollBar().value()
        self.view.setHtml(html + history_html(incident))
        self.view.verticalScrollBar().setValue(scroll)

    def _picture_box(self) -> tuple[int, int]:
        """The largest a picture is drawn: VIEW_PICTURE_BOX, or narrower to fit the view."""
        most_width, most_height = VIEW_PICTURE_BOX
        width = max(80, min(most_width, self.view.width() - PICTURE_MARGIN))
        return width, most_height * width // most_width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            incident = self.current_incident()
            if incident is not None and self._picture_box() != self._drawn_box:
                self.show_incident(incident)  # its pictures fit the new width
        return super().eventFilter(watched, event)

    def _nothing_chosen_html(self) -> str:
        if self.model.rowCount():
            return "<p>Choose an incident in the list to see it here.</p>"
        return (
            "<h3>No incidents recorded yet</h3>"
            "<p>When something happens, choose <b>Add an incident</b>. Record it as soon as you "
            "can, while the details are fresh.</p>"
            "<p>The guidance beside the log says what to save and where to report it.</p>"
        )

    def _load_picture(self, attachment: Attachment) -> None:
        self.loading.add(attachment.blob_id)
        log = self.log

        def work() -> QImage:
            image = QImage.fromData(log.read_attachment(attachment))
            if image.isNull():
                raise ValueError("the picture cannot be shown")
            width, height = VIEW_PICTURE_BOX
            return image.scaled(
                width * 2,  # twice the drawn size, so it stays sharp at 200% scaling
                height * 2,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )

        def done(image: QImage) -> None:
            self.loading.discard(attachment.blob_id)
            self.pictures[attachment.blob_id] = image
            self.view.document().addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(f"picture:{attachment.blob_id}"),
                image,
            )
            self.show_incident(self.current_incident())

        def failed(error: BaseException) -> None:
            self.loading.discard(attachment.blob_id)
            self.picture_problems[attachment.blob_id] = (
                f"This screenshot could not be shown: {error}"
            )
            self.show_incident(self.current_incident())

        self.jobs.run(work, done, failed)

    # actions --------------------------------------------------------------------------------
    def add_incident(self, start: IncidentStart | None = None) -> None:
        """A new incident; `start` fills in what is already known."""
        self._edit(None, start)

    def change_incident(self) -> None:
        incident = self.current_incident()
        if incident is not None:
            self._edit(incident)

    def _edit(self, incident: Incident | None, start: IncidentStart | None = None) -> None:
        editor = IncidentEditor(
            self.log, self.jobs, self.platforms, incident, self, policy=self.policy, start=start
        )
        self.editor = editor  # reachable from tests while it is open
        fit_to_screen(editor, 980, 640)
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        editor.open()

    def _editor_closed(self, editor: IncidentEditor) -> None:
        if editor.saved is not None:
            row = self.model.row_of(editor.saved.id)
            if row >= 0:
                self.table.selectRow(row)
            verb = "Changed" if editor.incident else "Recorded"
            self._say(f"{verb} the incident. It is saved, encrypted, on this computer.")
        if not editor.adding:  # otherwise kept until its files come back, to discard them
            editor.deleteLater()

    def delete_incident(self) -> None:
        incident = self.current_incident()
        if incident is None:
            return
        if not dialogs.confirm(
            self,
            "Move this incident to Deleted items?",
            "You can restore it from Deleted items for 30 days. After that it is removed for "
            "good, with its screenshots and files.",
            "Move to Deleted items",
        ):
            return
        deleted = self.log.delete(incident.id)
        self._say(
            f"Moved to Deleted items. You can restore it until {local_when(deleted.kept_until)}."
        )

    def show_deleted(self) -> None:
        dialog = DeletedItemsDialog(self.log, self)
        self.deleted_dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def make_report(self) -> None:
        everything = self.log.incidents()
        if not everything or self.reporting:
            return
        chosen = self.selected_incidents()
        if chosen and len(chosen) < len(everything):
            noun = "incident" if len(chosen) == 1 else "incidents"
            answer = dialogs.choose(
                self,
                "Make a report",
                "Which incidents should the report include?",
                [f"All {len(everything)} incidents", f"The {len(chosen)} {noun} you chose"],
            )
            if answer is None:
                return
            if answer == 0:
                chosen = everything
        else:
            chosen = everything
        target = dialogs.choose_report_file(self, f"incidents-{date.today().isoformat()}.pdf")
        if target is None:
            return
        log, organisation = self.log, self.policy.organisation
        ordered = [i for i in everything if i.id in {c.id for c in chosen}]

        def work() -> EvidenceReport:
            report = gather_pictures(log, ordered, organisation)
            save_report(report, target)
            return report

        def done(report: EvidenceReport) -> None:
            self._reporting(False)
            count = len(report.incidents)
            noun = "incident" if count == 1 else "incidents"
            problems = " ".join(report.problems.values())
            self._say(
                f"Saved a report of {count} {noun} to {target}. It is not encrypted: keep it "
                f"somewhere safe, and delete it when you no longer need it. {problems}".strip()
            )

        def failed(error: BaseException) -> None:
            self._reporting(False)
            self._failed(error)

        self._say("Making the report…")
        self._reporting(True)
        self.jobs.run(work, done, failed)

    def _reporting(self, busy: bool) -> None:
        self.reporting = busy
        self.report_button.setEnabled(not busy and self.model.rowCount() > 0)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, IncidentError | ExportError | BlobError):
            self._say(str(error))
        else:
            self._say(f"That did not work ({type(error).__name__}: {error}). Nothing was lost.")

    def _expire_old_deleted_items(self) -> None:
        """Deleted items older than 30 days are removed from the log (the owner saves), then
        their screenshots and files are deleted from the vault."""
        unused = self.log.expire()
        if unused:
            log = self.log
            self.jobs.run(lambda: log.delete_blobs(unused), lambda _none: None, self._failed)

    def showEvent(self, event: QShowEvent) -> None:
        # on first showing, not in __init__: by now the owner listens to `changed` and saves
        super().showEvent(event)
        if not self._expired:
            self._expired = True
            self._expire_old_deleted_items()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.wait()
        super().closeEvent(event)


def open_evidence_window(
    state: AppState,
    blobs: BlobStore,
    policy: Policy,
    on_change: Callable[[], None],
    parent: QWidget | None = None,
) -> EvidenceWindow:
    """Builds the window on the person's state and the vault's blob store; `on_change` is
    called after every change so the caller can save the vault. Raises ContentError if the
    app's own content files are damaged."""
    from selfaudit.content import load_catalog
    from selfaudit.evidence.guidance import load_evidence_guidance

    log = IncidentLog(state.evidence, blobs)
    window = EvidenceWindow(log, policy, load_evidence_guidance(), load_catalog().platforms, parent)
    window.changed.connect(on_change)
    return window
