"""A page of questions from one measure (and, for platform settings, one platform)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from selfaudit.audit.findings import applies
from selfaudit.audit.session import AuditSession
from selfaudit.ui.pages.base import AuditPage
from selfaudit.ui.sections import PagePlan
from selfaudit.ui.widgets.question import QuestionWidget, wrapped_label


class QuestionsPage(AuditPage):
    def __init__(self, session: AuditSession, plan: PagePlan) -> None:
        super().__init__(session)
        self.plan = plan
        self.section = plan.measure.title
        title = plan.measure.title
        if plan.platform is not None:
            title = f"{title}: {plan.platform.name}"
        self.setTitle(title)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # A scroll area is the safety net for large text or 200% scaling; at 100% on a
        # 1366x768 screen pages are sized (ui.sections) so that it never needs to scroll.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        self.intro = wrapped_label(plan.measure.intro, body)
        layout.addWidget(self.intro)
        self.questions: list[QuestionWidget] = []
        for check in plan.checks:
            widget = QuestionWidget(check, session.answer(check.id), body)
            widget.answered.connect(self._answered)
            self.questions.append(widget)
            layout.addWidget(widget)
        self.incomplete_note = QLabel(
            'Answer each question to go on. Choose "Not sure" if you don\'t know.', body
        )
        self.incomplete_note.setWordWrap(True)
        layout.addWidget(self.incomplete_note)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

    def relevant(self) -> bool:
        return self.plan.relevant(self.session.platforms)

    def shown_questions(self) -> list[QuestionWidget]:
        return [q for q in self.questions if not q.isHidden()]

    def initializePage(self) -> None:
        platforms = self.session.platforms
        for widget in self.questions:
            widget.setVisible(applies(widget.check, platforms))
            # an answer may have been given elsewhere since the page was built (friend check)
            given = self.session.answer(widget.check.id)
            if given is not None and widget.value() != given:
                widget.buttons[given].setChecked(True)
        self.setSubTitle(self.audit_wizard().progress_text(self))
        self._update_note()

    def _answered(self, check_id: str, value: str) -> None:
        self.session.set_answer(check_id, value)
        self._update_note()
        self.completeChanged.emit()

    def _update_note(self) -> None:
        self.incomplete_note.setVisible(not self.isComplete())

    def isComplete(self) -> bool:
        return all(self.session.answer(q.check.id) is not None for q in self.shown_questions())
