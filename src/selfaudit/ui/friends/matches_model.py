"""The matches of a friend check as a list for a QListView: one row per match, with what the
person decided so far."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from selfaudit.audit.friend_review import Decision, FriendReview, ReviewItem
from selfaudit.measures.friends.guides import platform_name

DECISION_TEXT = {
    None: "to look at",
    Decision.SAME: "same person",
    Decision.NOT_THEM: "not them",
    Decision.NOT_SURE: "not sure",
}
DECISION_MARK = {None: "•", Decision.SAME: "✓", Decision.NOT_THEM: "✗", Decision.NOT_SURE: "?"}

AnyIndex = QModelIndex | QPersistentModelIndex


def item_text(item: ReviewItem) -> str:
    return f"{item.friend} · {platform_name(item.platform)}"


class MatchListModel(QAbstractListModel):
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, review: FriendReview | None = None) -> None:
        super().__init__()
        self._review = review

    def set_review(self, review: FriendReview | None) -> None:
        self.beginResetModel()
        self._review = review
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._review is None:
            return 0
        return len(self._review.items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._review is None:
            return None
        if not 0 <= index.row() < len(self._review.items):
            return None
        item = self._review.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{DECISION_MARK[item.decision]}  {item_text(item)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{item_text(item)}, {item.match.confidence.value} match, "
                f"{DECISION_TEXT[item.decision]}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{item.match.confidence.value.capitalize()} match: {DECISION_TEXT[item.decision]}"
            )
        if role == self.ItemRole:
            return item
        return None

    def refresh_row(self, row: int) -> None:
        index = self.index(row)
        self.dataChanged.emit(index, index)
