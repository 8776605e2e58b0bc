"""The friend check as the first page of the "Service users and friend requests" section.

Skipping it is fine (Next works at once); when it ran and every match was looked at, its result
answers the section's first question ("Are any service users among your friends?").
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QVBoxLayout

from selfaudit.audit.friend_review import NONE_CONNECTED_CHECK
from selfaudit.audit.session import AuditSession
from selfaudit.ui.pages.audit_page import AuditPage, PageSlot
from selfaudit.ui.widgets.scrolling import scroll_area

SECTION_MEASURE = "service_users"


def uses_social_media(session: AuditSession) -> bool:
    return bool(session.platforms)


class FriendCheckPage(AuditPage):
    def __init__(self, session: AuditSession, section: str) -> None:
        super().__init__(session)
        self.section = section
        self.setTitle(f"{section}: check your friends")
        self.setObjectName("friend-check-page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # the safety net for a narrow window or 200% scaling: the page scrolls, the section
        # list beside it keeps its width
        scroll = scroll_area(self, self.title())
        from selfaudit.ui.friends.check_widget import FriendCheckWidget  # with the page

        self.check = FriendCheckWidget(session, scroll)
        scroll.setWidget(self.check)
        layout.addWidget(scroll)
        self.check.busy_changed.connect(self.completeChanged)
        self._watching_wizard = False

    def initializePage(self) -> None:
        wizard = self.audit_wizard()
        self.setSubTitle(wizard.progress_text(self) + ". You can skip this check: press Next.")
        if not self._watching_wizard:
            # the names stay in memory only while the wizard is open
            wizard.finished.connect(self.check.forget)
            self.check.keep_list_chosen.connect(lambda: wizard.offer_passphrase(self))
            self._watching_wizard = True

    def isComplete(self) -> bool:
        return not self.check.is_busy()

    def validatePage(self) -> bool:
        if self.check.review is not None:
            self.check.review.answer_question()
        return True


def add_friend_check(slots: list[PageSlot], session: AuditSession) -> None:
    """Puts the friend check before the first page of the service-users section."""
    if not session.catalog.has_check(NONE_CONNECTED_CHECK):
        return
    for index, slot in enumerate(slots):
        if slot.plan is not None and slot.plan.measure.id == SECTION_MEASURE:
            slots.insert(
                index,
                PageSlot(
                    slot.section,
                    partial(FriendCheckPage, session, slot.section),
                    applies=partial(uses_social_media, session),
                ),
            )
            return
