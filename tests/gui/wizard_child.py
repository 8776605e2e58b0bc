"""The app as the kill test runs it: the real wizard, saving as it goes, answering questions
one page at a time and reporting each answer once it is saved. Run as
`python -m tests.gui.wizard_child DATA_DIR KEY_HEX`; the test kills it with SIGKILL."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from selfaudit.audit.session import AuditSession
from selfaudit.content import load_catalog
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.vault.controller import VaultController
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.ui.wizard import AuditWizard
from selfaudit.vault.keys import DataKey
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import open_vault


def main() -> None:
    app = QApplication(sys.argv[:1])
    opened = open_vault(VaultLayout(Path(sys.argv[1])), DataKey(bytes.fromhex(sys.argv[2])))
    session = AuditSession(load_catalog(), opened.state)
    wizard = AuditWizard(session, DEFAULT_POLICY)
    controller = VaultController(
        UnlockedVault(opened.vault, opened.state, None), session, wizard, app.quit
    )
    autosave = controller.autosave
    wizard.show()
    pending: list[str] = []

    def report() -> None:
        if not autosave.dirty and not autosave.saving:
            for line in pending:
                print(line, flush=True)
            pending.clear()

    autosave.saved.connect(report)

    def step() -> None:
        page = wizard.currentPage()
        if isinstance(page, PlatformsPage):
            page.boxes["facebook"].setChecked(True)
            pending.append("platforms facebook")
        elif isinstance(page, QuestionsPage):
            for question in page.shown_questions():
                value = next(iter(question.buttons))
                question.buttons[value].click()
                pending.append(f"answer {question.check.id} {value}")
        if pending:
            QTimer.singleShot(0, lambda: autosave.save_now())
        wizard.next()
        QTimer.singleShot(150, step)

    QTimer.singleShot(0, step)
    app.exec()


if __name__ == "__main__":
    main()
