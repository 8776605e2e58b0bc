"""One question of the audit: the question, a hint, its answers, why it matters and help when
the person is not sure."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import NOT_SURE, AnswerKind, Check
from selfaudit.content.wording import why_text
from selfaudit.ui.tab_order import read_after, stops_in
from selfaudit.ui.widgets.answer_group import single_tab_stop
from selfaudit.ui.widgets.labels import wrapped_label as wrapped_label  # where pages find it


class QuestionWidget(QFrame):
    """Emits `answered(check_id, value)` when the person picks an answer."""

    answered = Signal(str, str)

    def __init__(
        self,
        check: Check,
        current: str | None,
        parent: QWidget | None = None,
        aside: QWidget | None = None,
        code: CodeOfPractice = BUILT_IN_CODE,
    ) -> None:
        """`aside` is shown beside the question (a platform item's steps); the answers then
        stack in a column so both fit side by side. `code`: the code cited (the
        organisation's own, in its numbering, when its policy names one)."""
        super().__init__(parent)
        self.check = check
        self.aside = aside
        self.setObjectName(f"question:{check.id}")
        self.setAccessibleName(check.question)
        layout = QVBoxLayout()
        layout.setSpacing(4)
        if aside is None:
            self.setLayout(layout)
            layout.setContentsMargins(0, 4, 0, 8)
        else:
            self.beside = QHBoxLayout(self)
            self.beside.setContentsMargins(0, 4, 0, 8)
            self.beside.setSpacing(16)
            self.beside.addLayout(layout, 2)
            self.beside.addWidget(aside, 3, Qt.AlignmentFlag.AlignTop)

        self.question_label = wrapped_label(check.question, self, bold=True)
        layout.addWidget(self.question_label)
        self.hint_label = wrapped_label(check.hint, self)
        self.hint_label.setObjectName("hint")
        self.hint_label.setVisible(bool(check.hint))
        layout.addWidget(self.hint_label)
        # between the question and its answers: what a probe of this computer found, if any
        self.detail_area = QVBoxLayout()
        self.detail_area.setSpacing(4)
        layout.addLayout(self.detail_area)

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        stacked = check.answer is AnswerKind.CHOICE or aside is not None
        row = QVBoxLayout() if stacked else QHBoxLayout()
        row.setSpacing(4 if aside is not None else 16)
        for option in check.choices():
            button = QRadioButton(option.label, self)
            button.setObjectName(f"answer:{check.id}:{option.value}")
            button.setAccessibleName(option.label)
            button.setAccessibleDescription(check.question)
            button.setChecked(option.value == current)
            self.group.addButton(button)
            self.buttons[option.value] = button
            row.addWidget(button)
            button.toggled.connect(
                lambda on, value=option.value: self._picked(value) if on else None
            )
        if isinstance(row, QHBoxLayout):
            row.addStretch(1)
        layout.addLayout(row)
        single_tab_stop(self.group)
        self.question_label.setBuddy(next(iter(self.buttons.values())))

        self.not_sure_label = wrapped_label(check.not_sure_help, self)
        self.not_sure_label.setObjectName("not-sure-help")
        self.not_sure_label.setVisible(bool(check.not_sure_help) and current == NOT_SURE)
        layout.addWidget(self.not_sure_label)

        self.why_button = QToolButton(self)
        self.why_button.setText("Why this matters")
        self.why_button.setAccessibleName(f"Why this matters: {check.question}")
        self.why_button.setCheckable(True)
        self.why_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.why_button.setArrowType(Qt.ArrowType.RightArrow)
        self.why_button.setAutoRaise(True)
        self.why_label = wrapped_label(why_text(check, code), self)
        self.why_label.setObjectName("why")
        self.why_label.setVisible(False)
        self.why_button.toggled.connect(self._toggle_why)
        layout.addWidget(self.why_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.why_label)
        if aside is not None:
            layout.addStretch(1)  # keeps the question at the top beside a taller list of steps
            # made before the question, read after it: the steps beside come after its answers
            read_after(self.why_button, stops_in(aside))

    def set_hint(self, text: str) -> None:
        """A hint for this computer in place of the general one (the key that locks it)."""
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))

    def set_aside_below(self, below: bool) -> None:
        """Puts the aside under the question instead of beside it, for narrow windows and large
        text, so nothing is cut off and the page never scrolls sideways."""
        if self.aside is None:
            return
        direction = QBoxLayout.Direction.TopToBottom if below else QBoxLayout.Direction.LeftToRight
        if self.beside.direction() != direction:
            self.beside.setDirection(direction)

    def aside_below(self) -> bool:
        return self.aside is not None and (
            self.beside.direction() == QBoxLayout.Direction.TopToBottom
        )

    def decided(self) -> bool:
        """True when something other than the person's answer settles the question."""
        return False

    def value(self) -> str | None:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def _picked(self, value: str) -> None:
        self.not_sure_label.setVisible(bool(self.check.not_sure_help) and value == NOT_SURE)
        self.answered.emit(self.check.id, value)

    def _toggle_why(self, shown: bool) -> None:
        self.why_label.setVisible(shown)
        self.why_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
