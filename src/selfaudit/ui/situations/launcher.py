"""Opens "Something has happened" from the dashboard or the first page, at any point of start-up.

A new user's first page is on screen before the content and the policy are read
(ui/composition.py). The window opens at once, says it is getting ready, and fills in when they
are: `when_ready` calls back once they are read (starting to read them if nothing has yet), then
the situations are read on a worker thread. While it is open on a first run, setting up the new
checklist waits (`hold_set_up`): its dialogs would cover the help. It starts when the window
closes, or when the person asks for something that needs the checklist (recording an incident).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QWidget

if TYPE_CHECKING:
    from selfaudit.content.models import Platform
    from selfaudit.policy import Policy
    from selfaudit.ui.situations.host import HelpHost
    from selfaudit.ui.situations.window import SomethingHappenedWindow

RESTORE_BUTTON = "restore-copy-button"  # ui/vault/restore.py: on every first run's dialog

# what the window is built from, once start-up has read it: the policy and the platforms
ContentParts = Callable[[], "tuple[Policy, tuple[Platform, ...]]"]


class HelpLauncher(QObject):
    def __init__(
        self,
        when_ready: Callable[[Callable[[], None]], None],
        parts: ContentParts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.when_ready = when_ready
        self.parts = parts
        self.host: HelpHost | None = None
        self.window: SomethingHappenedWindow | None = None
        self._held: list[Callable[[], None]] = []

    def attach(self, host: HelpHost) -> None:
        """What the pages' buttons do, once the main window exists."""
        self.host = host
        if self.window is not None:
            self.window.set_host(host)

    def open(self, parent: QWidget | None, modal: bool = False) -> SomethingHappenedWindow:
        """`modal` over a start-up dialog, which blocks every window opened before it."""
        # not before: a new user's first page is drawn before any content model is loaded
        from selfaudit.ui.screen_fit import fit_to_screen
        from selfaudit.ui.situations.window import SomethingHappenedWindow

        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        window = SomethingHappenedWindow(parent)
        window.finished.connect(lambda _result: self._closed(window))
        window.destroyed.connect(lambda *_: self._gone(window))
        self.window = window
        fit_to_screen(window, 1040, 720)
        if modal:
            window.setWindowModality(Qt.WindowModality.ApplicationModal)
        window.show()
        self.when_ready(lambda: self._read(window))
        return window

    def _read(self, window: SomethingHappenedWindow) -> None:
        from selfaudit.content.situations import load_situations
        from selfaudit.ui.background import run_in_background
        from selfaudit.ui.situations.window import HelpContent

        if self.window is not window:
            return  # closed meanwhile
        policy, platforms = self.parts()

        def done(situations: object) -> None:
            from selfaudit.content.situations import SituationHelp

            assert isinstance(situations, SituationHelp)
            if self.window is window:
                window.show_content(HelpContent(situations, policy, platforms), self.host)

        def failed(error: BaseException) -> None:
            if self.window is window:
                window.show_failure(
                    "The help cannot be shown: some of the app's own files are damaged. "
                    f"Please tell your IT team. ({error})"
                )

        run_in_background(load_situations, done, failed)

    # a first run: its set-up waits while the help is open, and its dialogs offer it ---------
    def offer_in_dialog(self, dialog: QWidget) -> None:
        """Beside "Restore a copy…" in a first run's dialogs, which cover the first page (and
        its button) until the new checklist is set up: "Something has happened…" opens the
        help over the dialog; setting up carries on when it is closed."""
        # here, not at the top: the launcher exists from before the first frame, a returning
        # person's included, whose window needs none of the first page
        from selfaudit.ui.pages.welcome import HELP_BUTTON, HELP_DESCRIPTION, HELP_TEXT
        from selfaudit.ui.tab_order import read_after
        from selfaudit.ui.widgets.labels import wrapped_label

        restore = dialog.findChild(QPushButton, RESTORE_BUTTON)
        layout = dialog.layout()
        if restore is None or layout is None or dialog.findChild(QPushButton, HELP_BUTTON):
            return
        at = layout.count() - 1
        for index in range(layout.count()):
            item = layout.itemAt(index)
            inner = item.layout() if item is not None else None
            if inner is not None and inner.indexOf(restore) >= 0:
                at = index
        row = QHBoxLayout()
        row.addWidget(
            wrapped_label("Has something happened? Get help now, and set this up after.", dialog),
            1,
        )
        button = QPushButton(HELP_TEXT, dialog)
        button.setObjectName(HELP_BUTTON)
        button.setAutoDefault(False)
        button.setAccessibleDescription(HELP_DESCRIPTION)
        button.clicked.connect(lambda: self.open(None, modal=True))
        row.addWidget(button)
        if isinstance(layout, QBoxLayout):
            layout.insertLayout(at + 1, row)
        read_after(restore, [button])  # laid out under "Restore a copy…": read after it

    def hold_set_up(self, begin: Callable[[], None]) -> None:
        if self.window is None:
            begin()
        else:
            self._held.append(begin)

    def release(self) -> None:
        held, self._held = self._held, []
        for begin in held:
            begin()

    def _closed(self, window: SomethingHappenedWindow) -> None:
        if self.window is window:
            self.window = None
            window.deleteLater()
        self.release()

    def _gone(self, window: SomethingHappenedWindow) -> None:
        if self.window is window:
            self.window = None
