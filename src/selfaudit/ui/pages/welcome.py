"""First page: what this is, how long it takes, and the privacy promise.

It needs nothing but the organisation's name, so a new user sees it while the rest of the app is
still being read in (ui/composition.py); Next waits until the audit behind it is ready."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from selfaudit.ui.pages.audit_page import START_SECTION, AuditPage
from selfaudit.ui.widgets.code_link import CodeLink
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.scrolling import scroll_area

HELP_TEXT = "Something has &happened…"
HELP_BUTTON = "something-happened"
HELP_DESCRIPTION = (
    "What to do now, what not to do and who to tell, for a friend request, private contact, "
    "abuse, a service user among your friends, an image of a child or an allegation"
)

if TYPE_CHECKING:
    from selfaudit.content.code import CodeOfPractice


class WelcomePage(AuditPage):
    section = START_SECTION

    def __init__(self, organisation: str, reaudit: bool = False) -> None:
        super().__init__(None)
        self.ready = False  # the rest of the audit is there: Next may go on
        self._open_help: Callable[[], object] | None = None
        self.setTitle("Check how well you protect yourself online")
        self.set_organisation(organisation)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # at 200% on a small screen the words scroll rather than being cut off
        scroll = scroll_area(self, "About this audit")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.addWidget(self._help_box(body))
        paragraphs = [
            "This audit asks about your passwords, your phone and computer, and the social media "
            "you use. At the end you get a score and a list of things to fix.",
            "It takes 15 to 30 minutes, depending on how many sites and apps you use. You can "
            "stop at any time: your answers are kept.",
            'Answer "Not sure" whenever you don\'t know: you will get help, not a telling-off.',
        ]
        if reaudit:
            self.setTitle("Time to check again")
            paragraphs = [
                "Your answers from last time are filled in. This time you only see the questions "
                "that are new, that you had not sorted out, or that are due to be checked again.",
                "Change any answer that is no longer true. Your plan and score update at the end.",
            ]
        for text in paragraphs:
            layout.addWidget(wrapped_label(text, body))
        self.code_link = CodeLink(body)  # the organisation's own code, once the policy is read
        layout.addWidget(self.code_link)
        promise = wrapped_label("Your answers are private", body, bold=True)
        layout.addSpacing(8)
        layout.addWidget(promise)
        for text in (
            "Everything stays on this computer. Nothing is sent to your employer or anyone else.",
            "This app never connects to the internet. Links open in your web browser only when you "
            "click them.",
            "It never keeps your passwords. The password checker forgets what you type as soon "
            "as you leave its page.",
        ):
            item = QLabel(f"•  {text}", body)
            item.setWordWrap(True)
            layout.addWidget(item)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

    def _help_box(self, parent: QWidget) -> QFrame:
        """ "Something has happened": help now, before or instead of the audit, first on the
        page so a person who opened the app because of it sees it at once. Shown once the app
        connects what it opens (`offer_help`)."""
        box = QFrame(parent)
        box.setObjectName("something-happened-box")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        row = QVBoxLayout(box)
        row.addWidget(
            wrapped_label(
                "Has something happened? A service user contacted you, something was posted "
                "about you, or you saw something that worries you: get help now. The audit "
                "can wait.",
                box,
            )
        )
        self.help_button = QPushButton(HELP_TEXT, box)
        self.help_button.setObjectName(HELP_BUTTON)
        self.help_button.setAccessibleDescription(HELP_DESCRIPTION)
        self.help_button.setAutoDefault(False)
        self.help_button.clicked.connect(lambda: self._help())
        row.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.hide()
        self.help_box = box
        return box

    def offer_help(self, open_help: Callable[[], object]) -> None:
        """Shows the box; its button calls `open_help` (the one given last)."""
        self._open_help = open_help
        self.help_box.show()

    def _help(self) -> None:
        if self._open_help is not None:
            self._open_help()

    def set_organisation(self, organisation: str) -> None:
        employer = organisation or "your employer"
        self.setSubTitle(f"A private self-audit based on {employer}'s code of practice")

    def set_code(self, code: CodeOfPractice) -> None:
        """Names the organisation's own code of practice, with a link to read it."""
        self.code_link.show_code(code)

    def set_ready(self) -> None:
        self.ready = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ready
