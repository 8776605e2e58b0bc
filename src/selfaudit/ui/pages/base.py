"""What every audit page shares: access to the session and a place in the section list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWizardPage

from selfaudit.audit.session import AuditSession

if TYPE_CHECKING:
    from selfaudit.ui.wizard import AuditWizard


class AuditPage(QWizardPage):
    section = ""  # the name shown in the section list beside the page

    def __init__(self, session: AuditSession) -> None:
        super().__init__()
        self.session = session

    def relevant(self) -> bool:
        """Pages that do not apply to this person (a platform they don't use) are skipped."""
        return True

    def audit_wizard(self) -> AuditWizard:
        from selfaudit.ui.wizard import AuditWizard

        wizard = self.wizard()
        assert isinstance(wizard, AuditWizard)
        return wizard

    def nextId(self) -> int:
        return self.audit_wizard().next_relevant_id(self)
