"""The second step of the friend check: the matches, looked at one by one. Each shows both names,
the platform and how alike they are; the person says "Same person" or "Not them" and, for the
same person, whether there was significant contact (code of practice §7)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.friend_review import Decision, FriendReview, ReviewItem
from selfaudit.measures.friends.guides import names_list, platform_name, relations_text
from selfaudit.measures.friends.model import REASON_TEXT, Confidence, matches_by_confidence
from selfaudit.ui.friends.matches_model import MatchListModel
from selfaudit.ui.widgets.answer_group import single_tab_stop
from selfaudit.ui.widgets.labels import wrapped_label

CONFIDENCE_TEXT = {
    Confidence.CERTAIN: "Certain",
    Confidence.LIKELY: "Likely",
    Confidence.POSSIBLE: "Possible",
}
CONTACT_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "not_sure": None}


def _radio_row(
    parent: QWidget, options: list[tuple[str, str]], question: str
) -> tuple[QButtonGroup, dict[str, QRadioButton], QHBoxLayout]:
    group = QButtonGroup(parent)
    buttons: dict[str, QRadioButton] = {}
    row = QHBoxLayout()
    row.setSpacing(16)
    for value, label in options:
        button = QRadioButton(label, parent)
        button.setObjectName(f"choice:{value}")
        button.setAccessibleName(label)
        button.setAccessibleDescription(question)
        group.addButton(button)
        buttons[value] = button
        row.addWidget(button)
    row.addStretch(1)
    single_tab_stop(group)
    return group, buttons, row


def summary_text(review: FriendReview) -> str:
    result = review.result
    people = sum(result.scanned.values())
    where = names_list(platform_name(p) for p in result.scanned) or "your lists"
    counted = f"{people:,} {'person' if people == 1 else 'people'} on {where}"
    if not result.matches:
        return (
            f"No service users found among {counted}. If you use other sites, check their "
            "friends lists too."
        )
    found = len(result.matches)
    return (
        f"{found} {'match' if found == 1 else 'matches'} among {counted}: "
        f"{matches_by_confidence(result.matches)}. Look at each one and say whether it is the "
        "same person."
    )


class ReviewPanel(QWidget):
    change_lists_requested = Signal()
    decided = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: FriendReview | None = None
        self._showing = False  # while filling the detail from the model, clicks are not answers
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = wrapped_label("", self)
        self.summary.setObjectName("friend-check-summary")
        layout.addWidget(self.summary)
        self.looked_at = wrapped_label("", self, bold=True)
        self.looked_at.setObjectName("friend-check-looked-at")
        layout.addWidget(self.looked_at)

        body = QHBoxLayout()
        layout.addLayout(body, 1)
        self.model = MatchListModel()
        self.list = QListView(self)
        self.list.setObjectName("friend-matches")
        self.list.setAccessibleName("Matches to look at")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        body.addWidget(self.list, 2)

        self.detail = QFrame(self)
        self.detail.setObjectName("match-detail")
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        detail = QVBoxLayout(self.detail)
        self.friend_label = wrapped_label("", self.detail, bold=True)
        self.friend_label.setObjectName("match-friend")
        self.friend_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.user_label = wrapped_label("", self.detail, bold=True)
        self.user_label.setObjectName("match-service-user")
        self.how_label = wrapped_label("", self.detail)
        self.how_label.setObjectName("match-confidence")
        for label in (self.friend_label, self.user_label, self.how_label):
            detail.addWidget(label)
        detail.addSpacing(6)

        same_question = "Is this the same person?"
        self.same_question = wrapped_label(same_question, self.detail, bold=True)
        detail.addWidget(self.same_question)
        self.decision_group, self.decision_buttons, row = _radio_row(
            self.detail,
            [("same", "Same person"), ("not_them", "Not them"), ("not_sure", "Not sure")],
            same_question,
        )
        detail.addLayout(row)
        self.same_question.setBuddy(self.decision_buttons["same"])
        self.decision_group.buttonClicked.connect(self._decision_clicked)

        contact_question = "Have you had a significant conversation or contact with them there?"
        self.contact_question = wrapped_label(contact_question, self.detail, bold=True)
        self.contact_hint = wrapped_label(
            "For example, messages about their care or school, personal chats, or meeting "
            "up. If so, your plan will ask you to tell your line manager.",
            self.detail,
        )
        detail.addWidget(self.contact_question)
        detail.addWidget(self.contact_hint)
        self.contact_group, self.contact_buttons, row = _radio_row(
            self.detail, [("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], contact_question
        )
        detail.addLayout(row)
        self.contact_question.setBuddy(self.contact_buttons["yes"])
        self.contact_group.buttonClicked.connect(self._contact_clicked)
        self.after_label = wrapped_label("", self.detail)
        self.after_label.setObjectName("match-next-step")
        detail.addWidget(self.after_label)
        detail.addStretch(1)
        self.next_button = QPushButton("Next match", self.detail)
        self.next_button.setObjectName("next-match")
        self.next_button.setAccessibleName("Next match")
        self.next_button.clicked.connect(self.go_to_next)
        detail.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        body.addWidget(self.detail, 3)

        self.change_lists = QPushButton("Change the lists and check again", self)
        self.change_lists.setObjectName("change-lists")
        self.change_lists.setAccessibleName("Change the lists and check again")
        self.change_lists.clicked.connect(self.change_lists_requested)
        layout.addWidget(self.change_lists, 0, Qt.AlignmentFlag.AlignLeft)

    # showing -----------------------------------------------------------------------------------
    def show_review(self, review: FriendReview) -> None:
        self.review = review
        self.model.set_review(review)
        self.summary.setText(summary_text(review))
        has_matches = bool(review.items)
        self.list.setVisible(has_matches)
        self.detail.setVisible(has_matches)
        self.looked_at.setVisible(has_matches)
        self._update_looked_at()
        if has_matches:
            self.select(review.next_undecided() or 0)

    def _update_looked_at(self) -> None:
        if self.review is None:
            return
        total = len(self.review.items)
        done = total - self.review.undecided()
        self.looked_at.setText(f"You have looked at {done} of {total}.")

    def current_row(self) -> int:
        return self.list.currentIndex().row()

    def current_item(self) -> ReviewItem | None:
        row = self.current_row()
        if self.review is None or not 0 <= row < len(self.review.items):
            return None
        return self.review.items[row]

    def select(self, row: int) -> None:
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _current_changed(self) -> None:
        item = self.current_item()
        if item is None:
            return
        match = item.match
        platform = platform_name(item.platform)
        relation = relations_text(r.value for r in match.connection.relations)
        self.friend_label.setText(f"On {platform}: {item.friend}")
        self.user_label.setText(f"On your list: {match.service_user.name}")
        # how alike they are in words: a score out of 100 reads as a percentage it is not
        self.how_label.setText(
            f"{CONFIDENCE_TEXT[match.confidence]} match: "
            f"{REASON_TEXT[match.reason][0].lower()}{REASON_TEXT[match.reason][1:]}. {relation}"
        )
        self.detail.setAccessibleName(
            f"Match {self.current_row() + 1} of {self.model.rowCount()}: {item.friend} on "
            f"{platform}, and {match.service_user.name} on your list"
        )
        self._showing = True
        self._set_checked(self.decision_group, self.decision_buttons, item.decision)
        contact = {True: "yes", False: "no", None: "not_sure"}[item.significant_contact]
        asked = item.decision is Decision.SAME
        self._set_checked(
            self.contact_group,
            self.contact_buttons,
            contact if asked and item.significant_contact is not None else None,
        )
        self._showing = False
        self._update_follow_up(item)

    @staticmethod
    def _set_checked(
        group: QButtonGroup, buttons: dict[str, QRadioButton], value: str | None
    ) -> None:
        group.setExclusive(False)  # lets every button be cleared for a match not yet answered
        for key, button in buttons.items():
            button.setChecked(key == value)
        group.setExclusive(True)

    def _update_follow_up(self, item: ReviewItem) -> None:
        same = item.decision is Decision.SAME
        for widget in (self.contact_question, self.contact_hint, *self.contact_buttons.values()):
            widget.setVisible(same)
        if same:
            text = (
                f"Your plan will show you how to remove them on {platform_name(item.platform)}. "
                "You do not need to message them."
            )
        elif item.decision is Decision.NOT_SURE:
            text = (
                "Nothing is kept. Look at their profile when you can, then come back to the "
                "friend check."
            )
        else:
            text = ""
        self.after_label.setText(text)
        self.after_label.setVisible(bool(text))

    # answering ---------------------------------------------------------------------------------
    def _decision_clicked(self) -> None:
        item = self.current_item()
        if self._showing or item is None or self.review is None:
            return
        value = next(k for k, b in self.decision_buttons.items() if b.isChecked())
        self.review.decide(self.current_row(), Decision(value))
        self.model.refresh_row(self.current_row())
        self._update_follow_up(item)
        self._update_looked_at()
        self.decided.emit()

    def _contact_clicked(self) -> None:
        if self._showing or self.review is None or self.current_item() is None:
            return
        value = next(k for k, b in self.contact_buttons.items() if b.isChecked())
        self.review.set_significant_contact(self.current_row(), CONTACT_VALUES[value])
        self.decided.emit()

    def go_to_next(self) -> None:
        if self.review is None or not self.review.items:
            return
        following = self.review.next_undecided(self.current_row())
        if following is None:
            following = (self.current_row() + 1) % len(self.review.items)
        self.select(following)
        self.list.setFocus()
