"""The audit wizard: welcome, platforms, one section per measure, results."""

from __future__ import annotations

import math
import sys

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

from selfaudit import APP_TITLE
from selfaudit.audit.findings import applies
from selfaudit.audit.session import AuditSession
from selfaudit.policy import Policy
from selfaudit.ui.pages.base import AuditPage
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.pages.summary import SummaryPage
from selfaudit.ui.pages.welcome import WelcomePage
from selfaudit.ui.sections import SECONDS_PER_QUESTION, plan_pages


class SectionList(QWidget):
    """The sections beside the page, the current one in bold: where am I, what is left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section-list")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 8, 16, 8)
        self.labels: dict[str, QLabel] = {}

    def show_sections(self, names: list[str], current: str) -> None:
        for label in self.labels.values():
            label.deleteLater()
        self.labels = {}
        while self.layout_.count():
            self.layout_.takeAt(0)
        for name in names:
            label = QLabel(name, self)
            font = label.font()
            font.setBold(name == current)
            label.setFont(font)
            label.setEnabled(name == current or names.index(name) < names.index(current))
            self.labels[name] = label
            self.layout_.addWidget(label)
        self.layout_.addStretch(1)
        self.setAccessibleName(f"Sections: you are on {current}")


class AuditWizard(QWizard):
    def __init__(
        self, session: AuditSession, policy: Policy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.policy = policy
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("audit-wizard")
        if sys.platform != "darwin":
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Finish")

        self.audit_pages: list[AuditPage] = [
            WelcomePage(session, policy),
            PlatformsPage(session, policy),
            *(QuestionsPage(session, plan) for plan in plan_pages(session.catalog)),
            SummaryPage(session),
        ]
        for page_id, page in enumerate(self.audit_pages):
            self.setPage(page_id, page)
        self.sections = SectionList(self)
        self.setSideWidget(self.sections)
        self.currentIdChanged.connect(self._page_changed)

    # navigation -----------------------------------------------------------------------------
    def next_relevant_id(self, page: AuditPage) -> int:
        index = self.audit_pages.index(page)
        for later in self.audit_pages[index + 1 :]:
            if later.relevant():
                return self.audit_pages.index(later)
        return -1

    def relevant_pages(self) -> list[AuditPage]:
        return [p for p in self.audit_pages if p.relevant()]

    def section_names(self) -> list[str]:
        names: list[str] = []
        for page in self.relevant_pages():
            if page.section not in names:
                names.append(page.section)
        return names

    def progress_text(self, page: AuditPage) -> str:
        """'Section 3 of 10 · about 9 minutes left' for the page being shown."""
        names = self.section_names()
        number = names.index(page.section) + 1 if page.section in names else 0
        platforms = self.session.platforms
        index = self.audit_pages.index(page)
        remaining = sum(
            1
            for later in self.audit_pages[index:]
            if isinstance(later, QuestionsPage) and later.relevant()
            for check in later.plan.checks
            if applies(check, platforms)
        )
        minutes = math.ceil(remaining * SECONDS_PER_QUESTION / 60)
        left = (
            "almost done" if minutes == 0 else f"about {minutes} minute{'s' * (minutes != 1)} left"
        )
        return f"Section {number} of {len(names)} · {left}"

    def _page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, AuditPage):
            self.sections.show_sections(self.section_names(), page.section)

    # finishing ------------------------------------------------------------------------------
    def accept(self) -> None:
        self.session.finish()
        super().accept()


def fit_to_screen(widget: QWidget, width: int = 960, height: int = 700) -> None:
    """A comfortable size that never exceeds the screen (at 200% scaling the page scrolls)."""
    screen = widget.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * 0.95))
        height = min(height, int(available.height() * 0.92))
    widget.resize(width, height)
