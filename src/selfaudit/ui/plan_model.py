"""The plan as a Qt item model (one row per action, in plan order), its status/measure filter, and
the table that shows it."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from selfaudit.audit.plan import Action, ActionPlan
from selfaudit.audit.progress import ActionStatus
from selfaudit.content.models import Severity
from selfaudit.dates import MONTHS

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # "status measure", what PlanFilter matches

Index = QModelIndex | QPersistentModelIndex


def short_date(day: date) -> str:
    """'1 Dec 2026', in English whatever the computer's language, like the rest of the app."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


class Column:
    ACTION, PRIORITY, DUE, STATUS = range(4)
    TITLES = ("Action", "Priority", "Do by", "Status")


def widest_texts(column: int) -> tuple[str, ...]:
    """Every kind of text the column can hold, at its widest: the column is sized to these
    once, not by measuring every row (a plan can have a hundred)."""
    days = [date(2026, month, 28) for month in range(1, 13)]
    if column == Column.PRIORITY:
        return (Column.TITLES[column], *(s.value.capitalize() for s in Severity))
    if column == Column.DUE:
        return (Column.TITLES[column], *(short_date(day) for day in days))
    if column == Column.STATUS:
        return (
            Column.TITLES[column],
            "To do, past its date",
            *(status.label for status in ActionStatus),
            *(f"Done {short_date(day)}" for day in days),
            *(f"Snoozed to {short_date(day)}" for day in days),
        )
    return (Column.TITLES[column],)


def status_text(action: Action, today: date) -> str:
    if action.status is ActionStatus.DONE and action.done_on is not None:
        return f"Done {short_date(action.done_on)}"
    if action.status is ActionStatus.SNOOZED and action.snoozed_until is not None:
        return f"Snoozed to {short_date(action.snoozed_until)}"
    if action.overdue(today):
        return "To do, past its date"
    return action.status.label


class PlanTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = ActionPlan(actions=(), as_of=date.today())

    @property
    def plan(self) -> ActionPlan:
        return self._plan

    def set_plan(self, plan: ActionPlan) -> None:
        self.beginResetModel()
        self._plan = plan
        self.endResetModel()

    def action_at(self, row: int) -> Action:
        return self._plan.actions[row]

    def row_of(self, action_id: str) -> int | None:
        for row, action in enumerate(self._plan.actions):
            if action.id == action_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._plan.actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column.TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column.TITLES)
        ):
            return Column.TITLES[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._plan.actions):
            return None
        action = self._plan.actions[index.row()]
        if role == ACTION_ID_ROLE:
            return action.id
        if role == FILTER_KEY_ROLE:
            return f"{action.status.value} {action.measure_id}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(action, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.ACTION:
            return action.display_title
        return None

    def _text(self, action: Action, column: int) -> str:
        if column == Column.ACTION:
            return action.display_title
        if column == Column.PRIORITY:
            return action.severity.value.capitalize()
        if column == Column.DUE:
            return short_date(action.due) if action.is_open else ""
        return status_text(action, self._plan.as_of)


class StatusFilter(StrEnum):
    OPEN = "open"
    TODO = "todo"
    SNOOZED = "snoozed"
    DONE = "done"
    NOT_APPLICABLE = "na"
    ALL = "all"

    @property
    def label(self) -> str:
        return {
            "open": "Still to do",
            "todo": "To do now",
            "snoozed": "Snoozed",
            "done": "Done",
            "na": "Doesn't apply",
            "all": "Everything",
        }[self.value]

    def admits(self, status: ActionStatus) -> bool:
        if self is StatusFilter.ALL:
            return True
        if self is StatusFilter.OPEN:
            return status in (ActionStatus.TODO, ActionStatus.SNOOZED)
        return status.value == self.value


class PlanFilter(QSortFilterProxyModel):
    """Shows the actions with the chosen status and measure, in the plan's order.

    Filters on FILTER_KEY_ROLE ("status measure") with a regular expression: Qt's own filtering,
    re-run whenever the expression changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = StatusFilter.OPEN
        self._measure: str | None = None
        self.setFilterRole(FILTER_KEY_ROLE)
        self.setFilterKeyColumn(Column.ACTION)
        self._apply()

    def set_status(self, status: StatusFilter) -> None:
        self._status = status
        self._apply()

    def set_measure(self, measure_id: str | None) -> None:
        self._measure = measure_id
        self._apply()

    def _apply(self) -> None:
        statuses = [s.value for s in ActionStatus if self._status.admits(s)]
        measure = re.escape(self._measure) if self._measure else r"\S+"
        self.setFilterRegularExpression(QRegularExpression(f"^({'|'.join(statuses)}) {measure}$"))


ROWS_SHOWN = 5


def plan_table(model: PlanFilter, parent: QWidget) -> QTableView:
    """The plan's table: whole rows selected, read only, columns sized once from the texts they
    can hold (`widest_texts`) rather than by measuring every row."""
    table = QTableView(parent)
    table.setObjectName("plan-table")
    table.setAccessibleName("Your plan")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    # rows one line high and at least ROWS_SHOWN of them: with large text or 200% scaling on a
    # small screen the plan still reads as a list, the details below it give way
    rows = table.verticalHeader()
    rows.setDefaultSectionSize(table.fontMetrics().height() * 3 // 2)
    table.setMinimumHeight(
        table.horizontalHeader().sizeHint().height()
        + ROWS_SHOWN * rows.defaultSectionSize()
        + 2 * table.frameWidth()
    )
    header = table.horizontalHeader()
    header.setSectionResizeMode(Column.ACTION, QHeaderView.ResizeMode.Stretch)
    cells, titles = table.fontMetrics(), header.fontMetrics()
    margin = 2 * cells.horizontalAdvance("M")
    for column in (Column.PRIORITY, Column.DUE, Column.STATUS):
        texts = widest_texts(column)
        width = max(
            titles.horizontalAdvance(texts[0]),
            *(cells.horizontalAdvance(text) for text in texts[1:]),
        )
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width + margin)
    return table
