"""Which social media the person uses: decides which platform pages are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QVBoxLayout

from selfaudit.audit.session import AuditSession
from selfaudit.policy import Policy
from selfaudit.ui.pages.audit_page import APPS_SECTION, AuditPage
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.unanswered import UnansweredNote


class PlatformsPage(AuditPage):
    section = APPS_SECTION

    def __init__(self, session: AuditSession, policy: Policy) -> None:
        super().__init__(session)
        self.setTitle("Which of these do you use?")
        self.setSubTitle(
            "Tick every site or app you have an account with, even if you rarely use it."
        )
        offered = [
            p for p in session.catalog.platforms if not policy.platforms or p.id in policy.platforms
        ]
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.boxes: dict[str, QCheckBox] = {}
        for index, platform in enumerate(offered):
            box = QCheckBox(platform.name, self)
            box.setObjectName(f"platform:{platform.id}")
            box.setAccessibleName(platform.name)
            box.toggled.connect(self._changed)
            self.boxes[platform.id] = box
            grid.addWidget(box, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addSpacing(8)
        self.none_box = QCheckBox("I don't use any social media", self)
        self.none_box.setObjectName("platform:none")
        self.none_box.setAccessibleName("I don't use any social media")
        self.none_box.toggled.connect(self._none_toggled)
        layout.addWidget(self.none_box)
        layout.addSpacing(8)
        layout.addWidget(wrapped_label("The audit will only ask about the ones you tick.", self))
        layout.addStretch(1)
        self.unanswered = UnansweredNote(self)
        layout.addWidget(self.unanswered)

    def initializePage(self) -> None:
        chosen = set(self.session.platforms)
        for platform_id, box in self.boxes.items():
            box.setChecked(platform_id in chosen)
        # no sites kept, yet questions answered: the person ticked that they use none
        if not chosen and self.session.state.answers:
            self.none_box.setChecked(True)
        self._update_note()

    def _update_note(self) -> None:
        text = ""
        if not self.isComplete():
            text = "Tick the sites and apps you use, or “I don't use any social media”."
        first = next(iter(self.boxes.values()), self.none_box)
        self.unanswered.show_left(text, "the list of sites and apps", lambda: first)

    def chosen(self) -> list[str]:
        return [pid for pid, box in self.boxes.items() if box.isChecked()]

    def _changed(self) -> None:
        if self.chosen():
            self.none_box.setChecked(False)
        self.session.set_platforms(self.chosen())
        self._update_note()
        self.completeChanged.emit()

    def _none_toggled(self, on: bool) -> None:
        if on:
            for box in self.boxes.values():
                box.setChecked(False)
        self._update_note()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.chosen()) or self.none_box.isChecked()
