"""What every audit page shares: access to the session and a place in the section list; and
`PageSlot`, a page of the audit before it is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWizardPage

if TYPE_CHECKING:
    from selfaudit.audit.session import AuditSession
    from selfaudit.ui.sections import PagePlan
    from selfaudit.ui.wizard import AuditWizard

# the sections around the measures' own, named here so the wizard can size its section list
# before the pages are imported
START_SECTION = "Start"
APPS_SECTION = "Your apps"
RESULTS_SECTION = "Your results"


class AuditPage(QWizardPage):
    section = ""  # the name shown in the section list beside the page
    session: AuditSession  # the welcome page is shown before the session exists: set later

    def __init__(self, session: AuditSession | None) -> None:
        super().__init__()
        if session is not None:
            self.session = session

    def audit_wizard(self) -> AuditWizard:
        from selfaudit.ui.wizard import AuditWizard

        wizard = self.wizard()
        assert isinstance(wizard, AuditWizard)
        return wizard

    def nextId(self) -> int:
        return self.audit_wizard().next_relevant_id(self)


@dataclass(frozen=True)
class PageSlot:
    """A page of the audit before it is built: enough to place it in the wizard, name its
    section and know whether it applies. The wizard builds it when it is about to be shown, so
    the window opens without building every page first."""

    section: str
    build: Callable[[], AuditPage]
    applies: Callable[[], bool] = lambda: True  # whether the person's choices bring it in
    plan: PagePlan | None = None  # the questions on it, for a page of questions
    final: bool = False  # the results page
