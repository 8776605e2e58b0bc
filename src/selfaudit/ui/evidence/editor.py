"""Recording a new incident, or changing one (the earlier version is kept by the log).

Screenshots and files are read, checked and encrypted into the blob store on the worker thread
as soon as they are added, and never copied anywhere else; pictures are only ever decoded from
memory. Blobs added here and then not saved are deleted when the editor closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.models import Platform
from selfaudit.evidence.attachments import LIMITS_TEXT, AttachmentError, read_attachment
from selfaudit.evidence.blob_store import BlobError
from selfaudit.evidence.local_zone import SystemZoneSources, local_zone_name, readable_zone
from selfaudit.evidence.log import IncidentError, IncidentLog
from selfaudit.evidence.models import (
    ACTION_LABELS,
    CHANNEL_LABELS,
    Attachment,
    Channel,
    Incident,
    IncidentDetails,
)
from selfaudit.policy import Policy
from selfaudit.report.incident_record import attachment_caption
from selfaudit.ui.background import Background
from selfaudit.ui.evidence import dialogs, image_warning
from selfaudit.ui.evidence.image_check import check_picture
from selfaudit.ui.widgets.labels import wrapped_label


def zone_id(zone: QTimeZone) -> str:
    return bytes(zone.id().data()).decode("ascii", "replace")


def to_moment(date: QDate, time: QTime, zone_name: str) -> datetime:
    """A wall-clock date and time in a named zone, as an aware datetime with its offset."""
    zone = QTimeZone(zone_name.encode("ascii", "replace"))
    if not zone.isValid():
        zone = QTimeZone.utc()
    offset = QDateTime(date, time, zone).offsetFromUtc()
    return datetime(
        date.year(),
        date.month(),
        date.day(),
        time.hour(),
        time.minute(),
        tzinfo=timezone(timedelta(seconds=offset)),
    )


def this_computers_zone() -> str:
    """This computer's time zone by the name the system gives it (evidence/local_zone.py), or
    Qt's name for it where the system says none (Windows), as a person reads it."""
    named = local_zone_name(SystemZoneSources()) or zone_id(QTimeZone.systemTimeZone())
    return readable_zone(named)


class DateTimeField(QDateTimeEdit):
    """A date and time that Tab leaves in one press, like any other field: Qt's own moves Tab
    through day, month, year, hour and minute (five presses to get past). The arrow keys and
    typing still go from part to part."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def wall_clock(moment: datetime, zone_name: str) -> tuple[QDate, QTime, str]:
    """How `moment` reads on a clock in `zone_name` (or at its own offset if that is unknown)."""
    zone = QTimeZone(zone_name.encode("ascii", "replace")) if zone_name else QTimeZone()
    if not zone.isValid():
        offset = moment.utcoffset() or timedelta(0)
        zone = QTimeZone(int(offset.total_seconds()))
    shown = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), zone)
    return shown.date(), shown.time(), zone_id(zone)


@dataclass(frozen=True)
class IncidentStart:
    """What a new incident starts with when it is recorded from somewhere that knows something
    already ("Something has happened"): the site or app, how it came, a note of what happened.
    The time is always now, as for any new incident."""

    platform: str = ""
    channel: Channel = Channel.SOCIAL
    notes: str = ""


class IncidentEditor(QDialog):
    def __init__(
        self,
        log: IncidentLog,
        jobs: Background,
        platforms: tuple[Platform, ...],
        incident: Incident | None = None,
        parent: QWidget | None = None,
        policy: Policy | None = None,
        start: IncidentStart | None = None,
    ) -> None:
        super().__init__(parent)
        # the warning about images of children, before the first file is chosen
        self.attach_gate = image_warning.gate_for(policy)
        self.log = log
        self.jobs = jobs
        self.incident = incident
        self.saved: Incident | None = None
        self.new_blob_ids: list[str] = []  # stored while this editor was open
        self.attachments: list[Attachment] = []
        self.adding = 0
        self.closed = False
        self.setWindowTitle("Change this incident" if incident else "Add an incident")
        self.setObjectName("incident-editor")
        self.setModal(True)

        columns = QHBoxLayout()
        columns.addLayout(self._left_column(platforms), 1)
        columns.addLayout(self._right_column(), 1)

        self.message = wrapped_label("", self)
        self.message.setObjectName("editor-message")
        self.message.setAccessibleName("Message")
        self.message.hide()

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if incident:
            note = "Your earlier version is kept, so the log shows what changed and when."
            layout.addWidget(wrapped_label(note, self))
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._load(incident.details if incident else None)
        if incident is None and start is not None:
            self.channel_choice.setCurrentIndex(self.channel_choice.findData(start.channel.value))
            self.platform_edit.setCurrentText(start.platform)
            self.notes_edit.setPlainText(start.notes)
        self._initial = self.details()
        self.when_edit.setFocus()  # the first thing to fill in, without a Tab press

    # layout ---------------------------------------------------------------------------------
    def _left_column(self, platforms: tuple[Platform, ...]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.when_edit = DateTimeField(self)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("d MMMM yyyy  HH:mm")
        self.when_edit.setAccessibleName("Date and time it happened")
        self.zone_choice = QComboBox(self)
        self.zone_choice.setAccessibleName("Time zone")
        names = (
            bytes(z.data()).decode("ascii", "replace") for z in QTimeZone.availableTimeZoneIds()
        )
        for name in dict.fromkeys(readable_zone(name) for name in names):
            self.zone_choice.addItem(name)
        when_row = QVBoxLayout()
        when_row.addWidget(self.when_edit)
        when_row.addWidget(self.zone_choice)
        form.addRow(self._label("When it happened", self.when_edit), when_row)

        self.channel_choice = QComboBox(self)
        self.channel_choice.setAccessibleName("How it reached you")
        for channel, label in CHANNEL_LABELS.items():
            self.channel_choice.addItem(label, channel.value)
        form.addRow(self._label("How it reached you", self.channel_choice), self.channel_choice)

        self.platform_edit = QComboBox(self)
        self.platform_edit.setEditable(True)
        self.platform_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.platform_edit.addItem("")
        for platform in platforms:
            if platform.id != "other":
                self.platform_edit.addItem(platform.name)
        self.platform_edit.setAccessibleName("Site or app")
        line = self.platform_edit.lineEdit()
        if line is not None:
            line.setPlaceholderText("For example, Facebook or WhatsApp")
            line.setAccessibleName("Site or app")
        form.addRow(self._label("Site or app", self.platform_edit), self.platform_edit)

        self.sender_edit = QLineEdit(self)
        self.sender_edit.setPlaceholderText("Their name, username, e-mail address or number")
        self.sender_edit.setAccessibleName("Who sent it")
        form.addRow(self._label("Who sent it", self.sender_edit), self.sender_edit)

        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("Paste the whole address, starting https://")
        self.url_edit.setAccessibleName("Web address")
        form.addRow(self._label("Web address", self.url_edit), self.url_edit)

        actions = QVBoxLayout()
        self.action_boxes: dict[str, QCheckBox] = {}
        for action, label in ACTION_LABELS.items():
            box = QCheckBox(label, self)
            box.setAccessibleName(label)
            self.action_boxes[action.value] = box
            actions.addWidget(box)
        first_box = next(iter(self.action_boxes.values()))
        form.addRow(self._label("What you did", first_box), actions)
        hint = wrapped_label(
            "Fill in what you can now. If you are not sure of something, leave it blank: you "
            "can add it later. Saving the evidence, beside the log, shows how to copy the whole "
            "web address.",
            self,
        )
        form.addRow(hint)
        return form

    def _right_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.content_edit = QPlainTextEdit(self)
        self.content_edit.setPlaceholderText("Paste or type what it said, word for word")
        self.content_edit.setAccessibleName("What it said")
        self.content_edit.setTabChangesFocus(True)
        column.addWidget(self._label("What it said", self.content_edit))
        column.addWidget(self.content_edit, 3)

        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setPlaceholderText("Anything else: who you told, reference numbers")
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        column.addWidget(self._label("Notes", self.notes_edit))
        column.addWidget(self.notes_edit, 1)

        self.attachment_list = QListWidget(self)
        self.attachment_list.setAccessibleName("Screenshots and files")
        column.addWidget(self._label("Screenshots and files", self.attachment_list))
        column.addWidget(self.attachment_list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add a screenshot or file…", self)
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove the selected screenshot or file")
        self.remove_button.clicked.connect(self._remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.limits = wrapped_label(LIMITS_TEXT, self)
        column.addWidget(self.limits)
        return column

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # values ---------------------------------------------------------------------------------
    def _load(self, details: IncidentDetails | None) -> None:
        if details is None:
            date, time, zone = wall_clock(self.log.now(), this_computers_zone())
        else:
            date, time, zone = wall_clock(details.occurred_at, details.time_zone)
            self.channel_choice.setCurrentIndex(self.channel_choice.findData(details.channel.value))
            self.platform_edit.setCurrentText(details.platform)
            self.sender_edit.setText(details.sender)
            self.url_edit.setText(details.url)
            self.content_edit.setPlainText(details.content)
            self.notes_edit.setPlainText(details.notes)
            for action in details.actions:
                self.action_boxes[action.value].setChecked(True)
            for attachment in details.attachments:
                self._show_attachment(attachment)
        self.when_edit.setDateTime(QDateTime(date, QTime(time.hour(), time.minute())))
        zone = readable_zone(zone)
        if self.zone_choice.findText(zone) < 0:
            self.zone_choice.insertItem(0, zone)
        self.zone_choice.setCurrentText(zone)

    def details(self) -> IncidentDetails:
        zone = self.zone_choice.currentText()
        moment = to_moment(self.when_edit.date(), self.when_edit.time(), zone)
        return IncidentDetails(
            occurred_at=moment,
            # a bare offset such as "UTC+01:00" says nothing the moment does not already say
            time_zone="" if zone.startswith("UTC") else zone,
            channel=Channel(self.channel_choice.currentData()),
            platform=self.platform_edit.currentText(),
            sender=self.sender_edit.text(),
            url=self.url_edit.text(),
            content=self.content_edit.toPlainText(),
            actions=tuple(a for a in ACTION_LABELS if self.action_boxes[a.value].isChecked()),
            notes=self.notes_edit.toPlainText(),
            attachments=tuple(self.attachments),
        )

    def has_changes(self) -> bool:
        return self.details() != self._initial

    # attachments ----------------------------------------------------------------------------
    def _show_attachment(self, attachment: Attachment) -> None:
        self.attachments.append(attachment)
        item = QListWidgetItem(attachment_caption(attachment))
        item.setData(Qt.ItemDataRole.UserRole, attachment.sha256)
        self.attachment_list.addItem(item)

    def _choose_files(self) -> None:
        if not self.attach_gate.allows(self):
            return
        for path in dialogs.choose_attachments(self):
            self.add_file(path)

    def add_file(self, path: Path) -> None:
        """Reads, checks and stores one file on the worker thread."""
        self._adding(+1)
        self._say(f"Adding {path.name}…")
        log = self.log

        def work() -> Attachment:
            return log.store_attachment(read_attachment(path, check_picture))

        self.jobs.run(work, self._added, lambda exc: self._not_added(path, exc))

    def _adding(self, change: int) -> None:
        self.adding += change
        self.save_button.setEnabled(self.adding == 0)

    def _added(self, attachment: Attachment) -> None:
        self._adding(-1)
        self.new_blob_ids.append(attachment.blob_id)
        if self.closed:  # cancelled while the file was being stored
            self._discard_unsaved()
            return
        if any(a.sha256 == attachment.sha256 for a in self.attachments):
            self._say(f"“{attachment.file_name}” is already added, so it was not added again.")
            return
        self._show_attachment(attachment)
        self._say(f"Added “{attachment.file_name}”. It is kept encrypted in the evidence log.")

    def _not_added(self, path: Path, error: BaseException) -> None:
        self._adding(-1)
        if isinstance(error, AttachmentError):
            self._say(str(error))
        elif isinstance(error, BlobError | OSError):
            self._say(f"“{path.name}” could not be stored in the evidence log: {error}")
        else:
            self._say(f"“{path.name}” could not be added ({type(error).__name__}: {error}).")

    def _remove_selected(self) -> None:
        row = self.attachment_list.currentRow()
        if row < 0:
            self._say("Choose a screenshot or file in the list first, then choose Remove.")
            return
        removed = self.attachments.pop(row)
        self.attachment_list.takeItem(row)
        self._say(
            f"Removed “{removed.file_name}” from this incident. If it was saved before, the "
            "earlier version still has it."
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # closing --------------------------------------------------------------------------------
    def save(self) -> None:
        if self.adding:
            self._say("Please wait until the files have been added.")
            return
        details = self.details()
        try:
            if self.incident is None:
                self.saved = self.log.add(details)
            else:
                self.log.edit(self.incident.id, details)
                self.saved = self.incident
        except IncidentError as exc:
            self._say(str(exc))
            return
        self.accept()

    def done(self, result: int) -> None:
        super().done(result)
        self.closed = True
        self._discard_unsaved()

    def _discard_unsaved(self) -> None:
        """Deletes from the vault the files stored while editing that were not saved (removed
        again, or the editor was cancelled)."""
        unused = set(self.new_blob_ids) - self.log.referenced_blob_ids()
        self.new_blob_ids = []
        if unused:
            log = self.log
            # a blob left behind by a failure here is encrypted and unreferenced: harmless
            self.jobs.run(lambda: log.delete_blobs(unused), lambda _: None, lambda _: None)

    def reject(self) -> None:
        if self.has_changes() and not dialogs.confirm(
            self,
            "Discard your changes?",
            "You have not saved this incident. If you close it now, what you entered is lost.",
            "Discard changes",
        ):
            return
        super().reject()
