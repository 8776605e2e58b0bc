"""The audit wizard: welcome, platforms, one section per measure, results.

Each page is built when it is about to be shown, not when the wizard is made: the wizard knows
every page as a `PageSlot` (its section, whether it applies, its questions), so the window opens
at once and the section list and progress are right from the start. `audit_pages`, `page()` and
`pageIds()` build what they are asked for, so code that looks at pages finds them all.

A new user's window can open on the welcome page alone, before the audit behind it is loaded
(`AuditWizard.opening`, used by ui/composition.py); `complete()` then adds the audit, and Next
waits for it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from selfaudit import APP_TITLE
from selfaudit.content.hints import measure_titles_hint
from selfaudit.ui.pages.audit_page import (
    APPS_SECTION,
    RESULTS_SECTION,
    START_SECTION,
    AuditPage,
    PageSlot,
)
from selfaudit.ui.pages.welcome import WelcomePage
from selfaudit.ui.screen_fit import fit_to_screen as fit_to_screen  # where windows found it
from selfaudit.ui.tab_order import stops_in

if TYPE_CHECKING:
    from selfaudit.audit.session import AuditSession
    from selfaudit.policy import Policy
    from selfaudit.probes import Probe
    from selfaudit.ui.probing import ProbeChecker

CURRENT_MARK = "›  "
OTHER_MARK = "    "
# the sections where the code says to tell someone or to report: they show the policy's
# contacts (and the reporting ones, help outside the organisation: ui/pages/questions.py)
CONTACT_MEASURES = ("blocking", "service_users", "evidence")


def contact_measures(policy: Policy) -> set[str]:
    """The sections whose first page shows who can help: those where the code says to tell
    someone, and any the policy names for one of its contacts or links (IT for passwords, HR
    for conduct), since the policy file says a contact is shown in the sections it lists."""
    named = {m for contact in policy.contacts for m in contact.measures}
    named |= {m for link in policy.links for m in link.measures}
    return {*CONTACT_MEASURES, *named}


SECTION_LIST_MIN_WINDOW = 800  # logical pixels: narrower, the section list is hidden


class SectionList(QWidget):
    """The sections beside the page, the current one in bold: where am I, what is left."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section-list")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(8, 8, 16, 8)
        self.box.addStretch(1)
        self.labels: dict[str, QLabel] = {}
        self.set_names(names)

    def set_names(self, names: list[str]) -> None:
        """Every section the audit has, in order (those that apply are shown)."""
        for label in self.labels.values():
            self.box.removeWidget(label)
        for index, name in enumerate(names):
            if name not in self.labels:
                self.labels[name] = QLabel(name, self)
            self.box.insertWidget(index, self.labels[name])

    def fit(self, names: list[str]) -> None:
        """Wide enough for any of `names` in bold, so no name is ever cut short and the page
        beside the list keeps its width as the names are added."""
        bold = QFont(self.font())
        bold.setBold(True)
        widest = max(
            (QFontMetrics(bold).horizontalAdvance(CURRENT_MARK + n) for n in names), default=0
        )
        margins = self.box.contentsMargins()
        self.setMinimumWidth(widest + margins.left() + margins.right())

    def show_sections(self, shown: list[str], current: str) -> None:
        for name, label in self.labels.items():
            label.setVisible(name in shown)
            font = label.font()
            font.setBold(name == current)
            label.setFont(font)
            label.setText(f"{CURRENT_MARK}{name}" if name == current else f"{OTHER_MARK}{name}")
        self.setAccessibleName(f"Sections: you are on {current}")


class AuditWizard(QWizard):
    session: AuditSession  # set by complete()
    policy: Policy
    probe_checker: ProbeChecker

    def __init__(
        self,
        session: AuditSession,
        policy: Policy,
        parent: QWidget | None = None,
        *,
        probes: Sequence[Probe] = (),
    ) -> None:
        super().__init__(parent)
        self._open(policy.organisation, reaudit=session.reaudit is not None)
        self.complete(session, policy, probes)

    @classmethod
    def opening(cls, organisation: str, parent: QWidget | None = None) -> AuditWizard:
        """The window of a first audit on its welcome page, before the audit behind it exists:
        drawn at once; `complete()` adds the rest."""
        wizard = cls.__new__(cls)
        QWizard.__init__(wizard, parent)
        wizard._open(organisation, reaudit=False)
        wizard.sections.fit([START_SECTION, APPS_SECTION, *measure_titles_hint(), RESULTS_SECTION])
        return wizard

    def _open(self, organisation: str, reaudit: bool) -> None:
        self.completed = False
        self._welcome_for_reaudit = reaudit
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("audit-wizard")
        if sys.platform != "darwin":
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Finish")
        self.welcome = WelcomePage(organisation, reaudit)
        self._slots = [PageSlot(WelcomePage.section, lambda: self.welcome)]
        self._pages: dict[int, AuditPage] = {0: self.welcome}
        self.setPage(0, self.welcome)
        self.sections = SectionList([WelcomePage.section], self)
        self.setSideWidget(self.sections)
        self.currentIdChanged.connect(self._page_changed)
        self.print_offered = False
        self.settings_offered = False
        self.lock_shown = False
        # when names of service users are kept: the app offers a passphrase (composition.py)
        self.offer_passphrase: Callable[[QWidget], None] = lambda _page: None
        self._contact_slots: set[int] = set()

    def complete(self, session: AuditSession, policy: Policy, probes: Sequence[Probe] = ()) -> None:
        """Adds the audit: the session it edits, the policy, and this computer's probes (without
        them every detected check is asked)."""
        from selfaudit.ui.probing import ProbeChecker

        assert not self.completed
        assert (session.reaudit is not None) == self._welcome_for_reaudit
        self.session, self.policy = session, policy
        self.welcome.session = session
        self.welcome.set_organisation(policy.organisation)
        self.welcome.set_code(session.catalog.code)
        self.probe_checker = ProbeChecker(session, probes, policy.max_screen_lock_minutes, self)
        self._slots = self._page_slots(session, policy)
        names = self._all_section_names()
        self.sections.set_names(names)
        self.sections.fit(names)
        self.completed = True
        self.welcome.set_ready()
        self._page_changed(self.currentId())

    def _page_slots(self, session: AuditSession, policy: Policy) -> list[PageSlot]:
        """Every page of the audit, in order, none of them built yet but the welcome page."""
        from selfaudit.ui.pages.friend_check import add_friend_check
        from selfaudit.ui.pages.password import PasswordPage
        from selfaudit.ui.pages.platform_items import PlatformItemsPage
        from selfaudit.ui.pages.platforms import PlatformsPage
        from selfaudit.ui.pages.questions import QuestionsPage, asks_any
        from selfaudit.ui.pages.summary import SummaryPage
        from selfaudit.ui.sections import plan_pages

        questions = [
            PageSlot(
                plan.measure.title,
                partial(PlatformItemsPage if plan.platform else QuestionsPage, session, plan),
                applies=partial(asks_any, session, plan),
                plan=plan,
            )
            for plan in plan_pages(session.catalog)
        ]
        # the password meter opens the passwords section
        at = next(
            (
                i
                for i, slot in enumerate(questions)
                if slot.plan is not None and slot.plan.measure.id == PasswordPage.measure_id
            ),
            0,
        )
        slots = [
            self._slots[0],
            PageSlot(PlatformsPage.section, lambda: PlatformsPage(session, policy)),
            *questions[:at],
            PageSlot(
                PasswordPage.section_in(session.catalog), lambda: PasswordPage(session, policy)
            ),
            *questions[at:],
            PageSlot(SummaryPage.section, lambda: SummaryPage(session), final=True),
        ]
        # the service-user friend check opens its section: ui/pages/friend_check.py
        add_friend_check(slots, session)
        # the first page of each section where the code says to tell someone, or where the
        # policy names someone for it, shows who can help
        self._contact_slots = {
            next(
                i
                for i, slot in enumerate(slots)
                if slot.plan is not None
                and slot.plan.measure.id == measure_id
                and slot.plan.platform is None
            )
            for measure_id in sorted(contact_measures(policy))
            if any(
                slot.plan is not None
                and slot.plan.measure.id == measure_id
                and slot.plan.platform is None
                for slot in slots
            )
        }
        return slots

    # pages, built on demand -----------------------------------------------------------------
    def _page_at(self, index: int) -> AuditPage:
        page = self._pages.get(index)
        if page is None:
            page = self._slots[index].build()
            if index in self._contact_slots:
                from selfaudit.ui.pages.questions import QuestionsPage

                assert isinstance(page, QuestionsPage)
                page.add_contacts(self.policy)
            self._pages[index] = page
            self.setPage(index, page)
        return page

    def _index_of(self, page: AuditPage) -> int:
        return next(index for index, built in self._pages.items() if built is page)

    @property
    def audit_pages(self) -> list[AuditPage]:
        """Every page, in order (built now if not yet)."""
        return [self._page_at(index) for index in range(len(self._slots))]

    def page(self, page_id: int) -> QWizardPage:
        if 0 <= page_id < len(self._slots):
            return self._page_at(page_id)
        return super().page(page_id)

    def pageIds(self) -> list[int]:
        for index in range(len(self._slots)):
            self._page_at(index)
        return super().pageIds()

    def setStartId(self, page_id: int) -> None:
        if 0 <= page_id < len(self._slots):
            self._page_at(page_id)
        super().setStartId(page_id)

    def validateCurrentPage(self) -> bool:
        """Next: the page that comes next is built before the wizard turns to it."""
        if not self.completed or not super().validateCurrentPage():
            return False
        following = self.nextId()
        if following != -1:
            self._page_at(following)
        return True

    def offer_settings(self, open_settings: Callable[[], None]) -> None:
        """A Settings button at the left of the wizard's buttons, on every page."""
        self.settings_offered = True
        self.setButtonText(QWizard.WizardButton.CustomButton2, "&Settings")
        button = self.button(QWizard.WizardButton.CustomButton2)
        button.setAccessibleName("Settings")
        button.setObjectName("settings-button")
        button.clicked.connect(lambda: open_settings())
        self._page_changed(self.currentId())

    def offer_lock(self, lock: Callable[[], None]) -> None:
        """A Lock button beside Settings, shown while `show_lock(True)` (the checklist asks
        for a passphrase)."""
        self.setButtonText(QWizard.WizardButton.CustomButton3, "&Lock")
        button = self.button(QWizard.WizardButton.CustomButton3)
        button.setAccessibleName("Lock")
        button.setAccessibleDescription("Closes your checklist until you type your passphrase")
        button.setToolTip("Lock selfaudit now (Ctrl+L)")
        button.setObjectName("lock-button")
        button.clicked.connect(lambda: lock())

    def show_lock(self, shown: bool) -> None:
        self.lock_shown = shown
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
        if self.lock_shown:
            buttons.append(QWizard.WizardButton.CustomButton3)
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
        self.setOption(QWizard.WizardOption.HaveCustomButton3, self.lock_shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # a narrow window (large text, 200% scaling) gives the page the room: the subtitle
        # still says "Section n of m"
        self.sections.setVisible(event.size().width() >= SECTION_LIST_MIN_WINDOW)
        super().resizeEvent(event)

    # navigation -----------------------------------------------------------------------------
    def next_relevant_id(self, page: AuditPage) -> int:
        if not self.completed:
            return 1  # the welcome page has a Next (which waits for the rest of the audit)
        index = self._index_of(page)
        return next(
            (later for later in range(index + 1, len(self._slots)) if self._slots[later].applies()),
            -1,
        )

    def _all_section_names(self) -> list[str]:
        return list(dict.fromkeys(slot.section for slot in self._slots))

    def section_names(self) -> list[str]:
        return list(dict.fromkeys(slot.section for slot in self._slots if slot.applies()))

    def measure_sections(self) -> list[str]:
        """The audit's own sections (one per measure that applies), without start and results."""
        with_questions = {slot.section for slot in self._slots if slot.plan is not None}
        return [name for name in self.section_names() if name in with_questions]

    def progress_text(self, page: AuditPage) -> str:
        """'Section 3 of 8 · about 9 minutes left' for the page being shown."""
        from selfaudit.ui.sections import seconds_for

        sections = self.measure_sections()
        index = self._index_of(page)
        remaining = sum(
            seconds_for(check)
            for slot in self._slots[index:]
            if slot.plan is not None and slot.applies()
            for check in slot.plan.checks
            if self.session.asks(check)
        )
        minutes = math.ceil(remaining / 60)
        plural = "s" if minutes != 1 else ""
        left = "almost done" if minutes == 0 else f"about {minutes} minute{plural} left"
        if page.section not in sections:
            return left[0].upper() + left[1:]
        return f"Section {sections.index(page.section) + 1} of {len(sections)} · {left}"

    def _page_changed(self, page_id: int) -> None:
        page = self._pages.get(page_id)
        if page is not None:
            self.sections.show_sections(self.section_names(), page.section)
            QTimer.singleShot(0, self, partial(self._focus_first_control, page))
        if self.print_offered or self.settings_offered:
            final = 0 <= page_id < len(self._slots) and self._slots[page_id].final
            self._show_print_button(self.print_offered and final)

    def _focus_first_control(self, page: AuditPage) -> None:
        """A page opens with the keyboard on its first control (its first answer), not on the
        page as a whole; a page of words alone, on Next."""
        if self.currentPage() is not page or not self.isActiveWindow():
            return
        focused = QApplication.focusWidget()
        if (
            focused is not None
            and page.isAncestorOf(focused)
            and not isinstance(focused, QAbstractScrollArea)
        ):
            return  # the page chose where the keyboard starts
        for widget in stops_in(page):
            if (
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
                and not isinstance(widget, QAbstractScrollArea)
                and widget.isVisibleTo(page)
                and widget.isEnabled()
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
        following = self.button(
            QWizard.WizardButton.FinishButton
            if page.isFinalPage()
            else QWizard.WizardButton.NextButton
        )
        if following.isEnabled():
            following.setFocus(Qt.FocusReason.TabFocusReason)

    # carrying on -----------------------------------------------------------------------------
    def first_unanswered_page(self) -> int | None:
        """The first page with a question the audit asks and the person has not answered;
        None before anything is answered (the audit starts at the beginning)."""
        if not self.session.state.answers:
            return None
        for index, slot in enumerate(self._slots):
            if slot.plan is None or not slot.applies():
                continue
            if any(
                self.session.asks(check) and self.session.answer(check.id) is None
                for check in slot.plan.checks
            ):
                return index
        return len(self._slots) - 1  # everything answered: the results

    def resume(self) -> None:
        """Goes on to where the person stopped, through the pages before it (so Back leads
        back through them, and each is built as it would be)."""
        target = self.first_unanswered_page()
        while target is not None and self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                return  # a page that cannot go on yet: the person takes it from there

    # finishing ------------------------------------------------------------------------------
    def accept(self) -> None:
        self.session.finish()
        super().accept()
