"""Last page: the score, a score per measure, and what is left to do, section by section, in
the plan's order (audit/results.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.plan import build_plan
from selfaudit.audit.results import ResultItem, Standing, results_by_section
from selfaudit.audit.session import AuditSession
from selfaudit.ui.pages.audit_page import RESULTS_SECTION, AuditPage
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.score_bar import ScoreBar
from selfaudit.ui.widgets.scrolling import scroll_area

ICONS = {
    Standing.TO_FIX: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Standing.TO_CHECK: QStyle.StandardPixmap.SP_MessageBoxQuestion,
}


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

    def _item_row(self, item: ResultItem) -> QHBoxLayout:
        """An icon and a word for where it stands (never colour alone), then what to do."""
        row = QHBoxLayout()
        size = self.fontMetrics().height()
        icon = QLabel(self.body)
        icon.setPixmap(self.style().standardIcon(ICONS[item.standing]).pixmap(size, size))
        icon.setAccessibleName(item.standing.value)
        word = QLabel(item.standing.value, self.body)
        font = word.font()
        font.setBold(True)
        word.setFont(font)
        word.setMinimumWidth(max(self.fontMetrics().horizontalAdvance(s.value) for s in Standing))
        title = wrapped_label(item.title, self.body)
        title.setObjectName(f"result:{item.action_id}")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        title.setAccessibleName(f"{item.standing.value}: {item.title}")
        if item.first:
            title.setAccessibleDescription("Do this first")
            title.setText(f"{item.title} (do this first)")
        self.fix_labels.append(title)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(word, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(title, 1)
        return row

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
        self.sections = results_by_section(plan)
        self.layout_.addSpacing(8)
        self.fix_labels: list[QLabel] = []
        if not self.sections:
            self.layout_.addWidget(
                wrapped_label("Nothing to fix: well done.", self.body, bold=True)
            )
        else:
            count = sum(len(section.items) for section in self.sections)
            self.layout_.addWidget(
                wrapped_label(
                    f"Your plan has {count} thing{'s' if count != 1 else ''} to do, section by "
                    "section, the most important first. Finish to see the steps for each.",
                    self.body,
                )
            )
        for section in self.sections:
            self.layout_.addSpacing(6)
            self.layout_.addWidget(wrapped_label(section.title, self.body, bold=True))
            for item in section.items:
                self.layout_.addLayout(self._item_row(item))
        self.layout_.addStretch(1)
        self.scroll_area.setWidget(self.body)
