"""A page of questions from one measure (and, for platform settings, one platform)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.content.models import AnswerKind, Check
from selfaudit.policy import Policy
from selfaudit.ui.pages.audit_page import AuditPage
from selfaudit.ui.sections import PagePlan
from selfaudit.ui.widgets.answer_group import tab_stop
from selfaudit.ui.widgets.code_guidance import MeasureGuidanceBox
from selfaudit.ui.widgets.detected_question import DetectedQuestionWidget
from selfaudit.ui.widgets.question import QuestionWidget, wrapped_label
from selfaudit.ui.widgets.scrolling import scroll_area
from selfaudit.ui.widgets.unanswered import UnansweredNote

# the sections about reporting: their contacts also name help outside the organisation
REPORTING_MEASURES = ("blocking", "evidence")


def asks_any(session: AuditSession, plan: PagePlan) -> bool:
    """A page of questions applies when the audit asks any of its questions."""
    return any(session.asks(check) for check in plan.checks)


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
        scroll = scroll_area(self, title)
        self.scroll_area = scroll
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        self.body_layout = layout
        self.intro = wrapped_label(plan.measure.intro, body)
        layout.addWidget(self.intro)
        self.guidance_box: MeasureGuidanceBox | None = None
        if plan.guidance is not None:
            self.guidance_box = MeasureGuidanceBox(plan.guidance, body, session.catalog.code)
            layout.addWidget(self.guidance_box)
        self.questions: list[QuestionWidget] = []
        for check in plan.checks:
            aside = self.aside_for(check, body)
            if check.answer is AnswerKind.DETECTED:
                widget: QuestionWidget = DetectedQuestionWidget(
                    check, session.answer(check.id), body, code=session.catalog.code
                )
            else:
                widget = QuestionWidget(
                    check, session.answer(check.id), body, aside, code=session.catalog.code
                )
            widget.answered.connect(self._answered)
            if isinstance(widget, DetectedQuestionWidget):
                widget.decision_changed.connect(self._answered_by_probe)
            self.questions.append(widget)
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        # under the scrolling part, so it shows however far down the questions go
        self.unanswered = UnansweredNote(self)
        self.incomplete_note = self.unanswered.label
        self.hint = 'Choose "Not sure" if you don\'t know.'
        outer.addWidget(self.unanswered)

    def add_contacts(self, policy: Policy) -> None:
        """Who can help, from the organisation's policy, under the questions (blocking and
        reporting, service users, evidence: the sections where the code says to tell someone;
        and any section the policy names for a contact or link: ui/wizard.contact_measures)."""
        from selfaudit.ui.contacts import ContactsPanel

        # the reporting pages also name help outside the organisation
        reporting = self.plan.measure.id in REPORTING_MEASURES
        outside = self.session.catalog.outside_help if reporting else ()
        panel = ContactsPanel(policy, self.plan.measure.id, outside=outside)
        self.body_layout.insertWidget(self.body_layout.count() - 1, panel)  # above the stretch

    def aside_for(self, check: Check, parent: QWidget) -> QWidget | None:
        """What to show beside a question. Nothing here; platform pages show the steps."""
        return None

    def shown_questions(self) -> list[QuestionWidget]:
        return [q for q in self.questions if not q.isHidden()]

    def initializePage(self) -> None:
        for widget in self.questions:
            widget.setVisible(self.session.asks(widget.check))
            # an answer may have been given elsewhere since the page was built (friend check)
            given = self.session.answer(widget.check.id)
            if given is not None and widget.value() != given:
                widget.buttons[given].setChecked(True)
        self.setSubTitle(self.audit_wizard().progress_text(self))
        checker = self.audit_wizard().probe_checker
        for widget in self.questions:
            if widget.check.system_hint:
                hint = checker.system_hint(widget.check.system_hint)
                if hint:
                    widget.set_hint(hint)
        for widget in self.questions:
            if isinstance(widget, DetectedQuestionWidget) and not widget.isHidden():
                widget.attach(self.audit_wizard().probe_checker)
        self._update_note()

    def _answered_by_probe(self) -> None:
        self._update_note()
        self.completeChanged.emit()

    def _answered(self, check_id: str, value: str) -> None:
        self.session.set_answer(check_id, value)
        self._update_note()
        self.completeChanged.emit()

    def unanswered_questions(self) -> list[QuestionWidget]:
        return [
            q
            for q in self.shown_questions()
            if not (q.decided() or self.session.answer(q.check.id) is not None)
        ]

    def _update_note(self) -> None:
        left = len(self.unanswered_questions())
        text = ""
        if left:
            text = f"{left} question{'s' if left != 1 else ''} left to answer. {self.hint}"
        self.unanswered.show_left(text, "the first question not answered", self._first_unanswered)

    def _first_unanswered(self) -> QWidget | None:
        left = self.unanswered_questions()
        if not left:
            return None
        self.scroll_area.ensureWidgetVisible(left[0])
        return tab_stop(left[0].group)

    def isComplete(self) -> bool:
        return not self.unanswered_questions()
