"""Settings section: when the next self-audit is due, "Remind me at login", and a calendar file.

`ReminderPanel(inputs, login_item(), reminder_command(policy))` where `inputs` comes from
`reminders.inputs.reminder_inputs(state, catalog, policy)`. The login item is read and changed,
and the calendar written, on a worker thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.state import MIN_OWN_REAUDIT_DAYS
from selfaudit.reminders.autostart import LoginItem
from selfaudit.reminders.calendar import reminder_calendar
from selfaudit.reminders.inputs import ReminderInputs
from selfaudit.reminders.notice import schedule_summary
from selfaudit.ui.background import run_in_background
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.vault.atomic import replace_file

LOGIN_LABEL = "Remind me at login"
CALENDAR_LABEL = "Add to your calendar…"


class LoginReminderToggle(QCheckBox):
    """The "Remind me at login" box. Disabled until the login item has been read; a change is
    made in the background and the box shows the real state afterwards."""

    ready = Signal()  # the state is known (after the first read and after every change)
    problem = Signal(str)  # a change failed: the message says why

    def __init__(
        self, item: LoginItem, command: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(LOGIN_LABEL, parent)
        self.item = item
        self.command = list(command)
        self.setObjectName("remind-at-login")
        self.setAccessibleName(LOGIN_LABEL)
        self.setEnabled(False)
        self.clicked.connect(self._change)
        run_in_background(item.is_enabled, self._known, self._failed, self)

    def _known(self, enabled: object) -> None:
        self.setChecked(bool(enabled))
        self.setEnabled(True)
        self.ready.emit()

    def _change(self, wanted: bool) -> None:
        self.setEnabled(False)
        item, command = self.item, self.command

        def work() -> bool:
            if wanted:
                item.enable(command)
            else:
                item.disable()
            return item.is_enabled()

        run_in_background(work, self._known, self._failed, self)

    def _failed(self, error: object) -> None:
        self.setChecked(not self.isChecked())
        self.setEnabled(True)
        self.problem.emit(str(error))


def ask_calendar_file(parent: QWidget) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / "online-safety-reminders.ics")
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Save calendar file", suggested, "Calendar files (*.ics)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")


@dataclass(frozen=True)
class IntervalChoice:
    """The person's own re-audit interval: at most the organisation's. `choose(days)` keeps
    it (None: the organisation's) and returns the reminders as they are now."""

    organisation_days: int
    own_days: int | None
    choose: Callable[[int | None], ReminderInputs]


class ReminderPanel(QWidget):
    title = "Reminders"
    calendar_saved = Signal(str)  # the path written

    def __init__(
        self,
        inputs: ReminderInputs,
        login: LoginItem,
        login_command: Sequence[str],
        today: date | None = None,
        ask_path: Callable[[QWidget], Path | None] = ask_calendar_file,
        parent: QWidget | None = None,
        interval: IntervalChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self.inputs = inputs
        self.today = today or date.today()
        self.ask_path = ask_path
        self.setObjectName("reminder-panel")
        self.setAccessibleName(self.title)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(self.title, self, bold=True))
        self.summary_label = wrapped_label(schedule_summary(inputs.schedule, self.today), self)
        layout.addWidget(self.summary_label)
        self.repeat_label = wrapped_label(self._repeat_text(), self)
        layout.addWidget(self.repeat_label)
        self.interval = interval
        self.interval_box: QSpinBox | None = None
        if interval is not None and interval.organisation_days > MIN_OWN_REAUDIT_DAYS:
            layout.addLayout(self._interval_row(interval))
            layout.addWidget(
                wrapped_label(
                    f"Your organisation asks you to repeat it at least every "
                    f"{interval.organisation_days} days. You can choose to be reminded sooner.",
                    self,
                )
            )

        layout.addSpacing(8)
        self.login_toggle = LoginReminderToggle(login, login_command, self)
        layout.addWidget(self.login_toggle)
        layout.addWidget(
            wrapped_label(
                "When you log in, the app checks whether your self-audit or an action on your "
                "plan is due, and tells you. It does this only for you, on this computer.",
                self,
            )
        )

        layout.addSpacing(8)
        row = QHBoxLayout()
        self.calendar_button = QPushButton(CALENDAR_LABEL, self)
        self.calendar_button.setAccessibleName("Add your self-audit and actions to your calendar")
        self.calendar_button.clicked.connect(self.export_calendar)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(
            wrapped_label(
                "Saves a calendar file with your next self-audit and the actions on your plan, "
                "each with a reminder. Open it with Outlook, Google Calendar or Apple Calendar.",
                self,
            )
        )
        self.status_label = wrapped_label("", self)
        self.status_label.setObjectName("reminder-status")
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        self.login_toggle.problem.connect(self.status_label.setText)

    def _repeat_text(self) -> str:
        return (
            f"Your self-audit repeats every {self.inputs.schedule.reaudit_days} days, so you "
            "keep up with changes to your accounts and devices."
        )

    def _interval_row(self, interval: IntervalChoice) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel("Re-audit &every", self)
        box = QSpinBox(self)
        box.setObjectName("own-reaudit-days")
        box.setAccessibleName("Re-audit every this many days")
        box.setRange(MIN_OWN_REAUDIT_DAYS, interval.organisation_days)
        box.setSuffix(" days")
        box.setValue(min(interval.own_days or interval.organisation_days, box.maximum()))
        label.setBuddy(box)
        self.interval_box = box
        self.reset_button = QPushButton("Use my organisation's", self)
        self.reset_button.setAccessibleName("Use my organisation's re-audit interval")
        self.reset_button.clicked.connect(lambda: box.setValue(box.maximum()))
        box.valueChanged.connect(self._interval_changed)
        row.addWidget(label)
        row.addWidget(box)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        return row

    def _interval_changed(self, days: int) -> None:
        assert self.interval is not None
        own = days if days < self.interval.organisation_days else None
        self.inputs = self.interval.choose(own)
        self.summary_label.setText(schedule_summary(self.inputs.schedule, self.today))
        self.repeat_label.setText(self._repeat_text())

    def export_calendar(self) -> None:
        path = self.ask_path(self)
        if path is None:
            return
        self.calendar_button.setEnabled(False)
        self.status_label.setText("Saving…")
        inputs, today = self.inputs, self.today

        def work() -> str:
            calendar = reminder_calendar(
                inputs.schedule, inputs.actions, today, inputs.section_titles, datetime.now(UTC)
            )
            replace_file(path, calendar.to_ical(), make_folder=True)
            return str(path)

        run_in_background(work, self._saved, self._not_saved, self)

    def _saved(self, path: object) -> None:
        self.calendar_button.setEnabled(True)
        self.status_label.setText(
            f"Saved to {path}. Open the file with your calendar app to add the reminders."
        )
        self.calendar_saved.emit(str(path))

    def _not_saved(self, error: object) -> None:
        self.calendar_button.setEnabled(True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        self.status_label.setText(f"The calendar file could not be saved: {reason}.")
