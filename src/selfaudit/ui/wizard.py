"""The audit wizard: welcome, platforms, one section per measure, results."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence

from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

from selfaudit import APP_TITLE
from selfaudit.audit.session import AuditSession
from selfaudit.policy import Policy
from selfaudit.probes import Probe
from selfaudit.ui.pages.base import AuditPage
from selfaudit.ui.pages.friends import add_friend_check
from selfaudit.ui.pages.password import PasswordPage
from selfaudit.ui.pages.platform_items import PlatformItemsPage
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.pages.summary import SummaryPage
from selfaudit.ui.pages.welcome import WelcomePage
from selfaudit.ui.probing import ProbeChecker
from selfaudit.ui.sections import plan_pages, seconds_for

# the sections where the code says to tell someone: they show the policy's contacts
CONTACT_MEASURES = ("service_users", "evidence")
SECTION_LIST_MIN_WINDOW = 800  # logical pixels: narrower, the section list is hidden


class SectionList(QWidget):
    """The sections beside the page, the current one in bold: where am I, what is left."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section-list")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 16, 8)
        self.labels: dict[str, QLabel] = {}
        for name in names:
            label = QLabel(name, self)
            self.labels[name] = label
            layout.addWidget(label)
        layout.addStretch(1)
        # wide enough for the longest name in bold, so a wide page never cuts a name short
        bold = self.font()
        bold.setBold(True)
        widest = max((QFontMetrics(bold).horizontalAdvance(f"›  {n}") for n in names), default=0)
        margins = layout.contentsMargins()
        self.setMinimumWidth(widest + margins.left() + margins.right() + 4)

    def show_sections(self, shown: list[str], current: str) -> None:
        for name, label in self.labels.items():
            label.setVisible(name in shown)
            font = label.font()
            font.setBold(name == current)
            label.setFont(font)
            label.setText(f"›  {name}" if name == current else f"    {name}")
        self.setAccessibleName(f"Sections: you are on {current}")


class AuditWizard(QWizard):
    def __init__(
        self,
        session: AuditSession,
        policy: Policy,
        parent: QWidget | None = None,
        *,
        probes: Sequence[Probe] = (),
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

        # what this computer can tell about itself; without probes every detected check is asked
        self.probe_checker = ProbeChecker(session, probes, policy.max_screen_lock_minutes, self)
        questions = [
            (PlatformItemsPage if plan.platform else QuestionsPage)(session, plan)
            for plan in plan_pages(session.catalog)
        ]
        # the password meter opens the passwords section
        at = next(
            (i for i, p in enumerate(questions) if p.plan.measure.id == PasswordPage.measure_id), 0
        )
        self.audit_pages: list[AuditPage] = [
            WelcomePage(session, policy),
            PlatformsPage(session, policy),
            *questions[:at],
            PasswordPage(session, policy),
            *questions[at:],
            SummaryPage(session),
        ]
        # the service-user friend check (issue 6) opens its section: ui/pages/friends.py
        add_friend_check(self.audit_pages, session)
        for measure_id in CONTACT_MEASURES:  # the first page of each: who can help
            first = next(
                (p for p in questions if p.plan.measure.id == measure_id and not p.plan.platform),
                None,
            )
            if first is not None:
                first.add_contacts(policy)
        for page_id, page in enumerate(self.audit_pages):
            self.setPage(page_id, page)
        self.sections = SectionList(self._all_section_names(), self)
        self.setSideWidget(self.sections)
        self.currentIdChanged.connect(self._page_changed)
        self.print_offered = False
        self.settings_offered = False

    def offer_settings(self, open_settings: Callable[[], None]) -> None:
        """A Settings button at the left of the wizard's buttons, on every page."""
        self.settings_offered = True
        self.setButtonText(QWizard.WizardButton.CustomButton2, "&Settings")
        button = self.button(QWizard.WizardButton.CustomButton2)
        button.setAccessibleName("Settings")
        button.setObjectName("settings-button")
        button.clicked.connect(lambda: open_settings())
        self._page_changed(self.currentId())

    def offer_print(self, print_plan: Callable[[], object]) -> None:
        """Shows "Print your plan…" on the results page, so a new user is two clicks from a
        printed plan (this button, then Print in the system dialog). The host does the printing."""
        self.print_offered = True
        self.setButtonText(QWizard.WizardButton.CustomButton1, "&Print your plan…")
        self.button(QWizard.WizardButton.CustomButton1).clicked.connect(lambda: print_plan())
        self._page_changed(self.currentId())

    def _show_print_button(self, shown: bool) -> None:
        """Lays out the buttons: Settings (when offered), then Print your plan… where `shown`."""
        # a custom button layout shows every button it lists, so list it only where it belongs
        buttons = []
        if self.settings_offered:
            buttons.append(QWizard.WizardButton.CustomButton2)
        buttons.append(QWizard.WizardButton.Stretch)
        if shown:
            buttons.append(QWizard.WizardButton.CustomButton1)
        buttons += [
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ]
        self.setButtonLayout(buttons)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, shown)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, self.settings_offered)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # a narrow window (large text, 200% scaling) gives the page the room: the subtitle
        # still says "Section n of m"
        self.sections.setVisible(event.size().width() >= SECTION_LIST_MIN_WINDOW)
        super().resizeEvent(event)

    # navigation -----------------------------------------------------------------------------
    def next_relevant_id(self, page: AuditPage) -> int:
        index = self.audit_pages.index(page)
        for later in self.audit_pages[index + 1 :]:
            if later.relevant():
                return self.audit_pages.index(later)
        return -1

    def relevant_pages(self) -> list[AuditPage]:
        return [p for p in self.audit_pages if p.relevant()]

    def _all_section_names(self) -> list[str]:
        return list(dict.fromkeys(page.section for page in self.audit_pages))

    def section_names(self) -> list[str]:
        names: list[str] = []
        for page in self.relevant_pages():
            if page.section not in names:
                names.append(page.section)
        return names

    def measure_sections(self) -> list[str]:
        """The audit's own sections (one per measure that applies), without start and results."""
        return [
            name
            for name in self.section_names()
            if any(isinstance(p, QuestionsPage) and p.section == name for p in self.audit_pages)
        ]

    def progress_text(self, page: AuditPage) -> str:
        """'Section 3 of 8 · about 9 minutes left' for the page being shown."""
        sections = self.measure_sections()
        index = self.audit_pages.index(page)
        remaining = sum(
            seconds_for(check)
            for later in self.audit_pages[index:]
            if isinstance(later, QuestionsPage) and later.relevant()
            for check in later.plan.checks
            if self.session.asks(check)
        )
        minutes = math.ceil(remaining / 60)
        plural = "s" if minutes != 1 else ""
        left = "almost done" if minutes == 0 else f"about {minutes} minute{plural} left"
        if page.section not in sections:
            return left[0].upper() + left[1:]
        return f"Section {sections.index(page.section) + 1} of {len(sections)} · {left}"

    def _page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, AuditPage):
            self.sections.show_sections(self.section_names(), page.section)
        if self.print_offered or self.settings_offered:
            self._show_print_button(self.print_offered and isinstance(page, SummaryPage))

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
