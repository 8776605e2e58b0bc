"""Last page: the score, a score per measure and what to fix first."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.plan import build_plan
from selfaudit.audit.session import AuditSession
from selfaudit.content.models import Outcome
from selfaudit.ui.pages.audit_page import RESULTS_SECTION, AuditPage
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.score_bar import ScoreBar
from selfaudit.ui.widgets.scrolling import scroll_area


class SummaryPage(AuditPage):
    section = RESULTS_SECTION

    def __init__(self, session: AuditSession) -> None:
        super().__init__(session)
        self.setTitle("Your results")
        self.setFinalPage(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scroll_area(self, "Your results")
        outer.addWidget(self.scroll_area)

    def initializePage(self) -> None:
        self.setSubTitle("Here is how you are doing, and what to fix first.")
        # rebuilt each time (setWidget deletes the old body): answers may have changed
        self.body = QWidget(self.scroll_area)
        self.layout_ = QVBoxLayout(self.body)
        findings = self.session.findings()
        scores = self.session.scores()
        catalog = self.session.catalog

        overall = "–" if scores.overall is None else f"{scores.overall} out of 100"
        self.score_label = QLabel(f"Your score: {overall}", self.body)
        self.score_label.setObjectName("overall-score")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.score_label.setFont(font)
        self.score_label.setAccessibleName(f"Your score: {overall}")
        self.layout_.addWidget(self.score_label)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        row = 0
        for measure in catalog.measures:
            value = scores.by_measure.get(measure.id)
            if value is None:
                continue
            name = QLabel(measure.title, self.body)
            bar = ScoreBar(measure.title, self.body)
            bar.set_score(value)
            name.setBuddy(bar.bar)
            grid.addWidget(name, row, 0)
            grid.addWidget(bar, row, 1)
            row += 1
        self.layout_.addLayout(grid)

        # the plan's own order, so the results page and the dashboard agree on what comes first
        plan = build_plan(
            catalog, self.session.state, self.audit_wizard().policy, date.today(), findings
        )
        to_fix = [a for a in plan.actions if a.is_open]
        heading = wrapped_label(
            "Do this first" if to_fix else "Nothing to fix: well done.", self.body, bold=True
        )
        self.layout_.addSpacing(8)
        self.layout_.addWidget(heading)
        self.fix_labels: list[QLabel] = []
        for index, action in enumerate(to_fix):
            if index == 1:
                self.layout_.addSpacing(4)
                self.layout_.addWidget(wrapped_label("Then", self.body, bold=True))
            prefix = "Check" if action.finding is Outcome.UNKNOWN else "Fix"
            label = wrapped_label(f"{prefix}: {action.display_title}", self.body)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            self.fix_labels.append(label)
            self.layout_.addWidget(label)
        self.layout_.addStretch(1)
        self.scroll_area.setWidget(self.body)
