"""The evidence log's list of incidents (a table model: when, where, from, files) and the
history of changes shown under the incident chosen."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from selfaudit.evidence.incident_wording import field_text, local_when, short_when
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.models import FIELD_LABELS, Incident

Index = QModelIndex | QPersistentModelIndex


class IncidentTable(QAbstractTableModel):
    """The incidents, most recent first."""

    COLUMNS = ("When", "Where", "From", "Files")

    def __init__(self, log: IncidentLog) -> None:
        super().__init__()
        self.log = log
        self.rows: list[Incident] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = list(reversed(self.log.incidents()))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        details = self.rows[index.row()].details
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                short_when(details.occurred_at),
                details.where(),
                details.sender or "Not recorded",
                str(len(details.attachments)),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return local_when(details.occurred_at)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        return None

    def incident(self, row: int) -> Incident:
        return self.rows[row]

    def row_of(self, incident_id: str) -> int:
        return next((n for n, i in enumerate(self.rows) if i.id == incident_id), -1)


def history_html(incident: Incident) -> str:
    if not incident.history:
        return ""
    parts = ["<h3>Earlier versions</h3>"]
    for revision in reversed(incident.history):
        names = [FIELD_LABELS[name] for name in revision.changed]
        parts.append(
            f"<p><b>Changed on {escape(local_when(revision.changed_at))}</b>: "
            f"{escape(', '.join(names))}. Before the change:</p><table cellpadding='2'>"
        )
        for name in revision.changed:
            before = escape(field_text(revision.previous, name)).replace("\n", "<br>")
            parts.append(f"<tr><td><i>{escape(FIELD_LABELS[name])}</i></td><td>{before}</td></tr>")
        parts.append("</table>")
    return "".join(parts)
