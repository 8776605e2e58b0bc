#!/usr/bin/env python3
"""The floor for start-up: a bare PySide6 QWizard with one page like selfaudit's welcome page,
started the same way and reporting its first frame the same way as `selfaudit
--exit-after-show` (src/selfaudit/ui/first_frame.py, copied here so this imports nothing of
selfaudit): it prints `shown: <title>: <page>` once the window's first paint is done, and quits
(with `--stay`, it stays open, as `selfaudit --report-frames` does, for the accessibility
benchmark to read it).

    .venv/bin/python benchmarks/bare_wizard.py [--stay]
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage


class FirstFrame(QObject):
    def __init__(self, app: QApplication, window: QWizard, stay: bool) -> None:
        super().__init__(app)
        self.app = app
        self.stay = stay
        self.window = window
        self.done = False
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def look(self) -> None:
        if not self.window.isVisible() or self.done:
            return
        self.timer.stop()
        handle = self.window.windowHandle()
        if handle is not None and handle.isExposed():
            self.report()
        else:
            self.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        if self.done:
            return
        self.done = True
        page = self.window.currentPage()
        print(f"shown: {self.window.windowTitle()}: {page.title()}", flush=True)
        if not self.stay:
            self.app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.setWindowTitle("Bare wizard")
    wizard.setWizardStyle(QWizard.WizardStyle.ModernStyle)
    page = QWizardPage()
    page.setTitle("Check how well you protect yourself online")
    page.setSubTitle("A private self-audit based on your employer's code of practice")
    layout = QVBoxLayout(page)
    for text in (
        "This audit asks about your passwords, your phone and computer, and the social media "
        "you use. At the end you get a score and a list of things to fix.",
        "Everything stays on this computer. Nothing is sent to your employer or anyone else.",
    ):
        label = QLabel(text, page)
        label.setWordWrap(True)
        layout.addWidget(label)
    layout.addStretch(1)
    wizard.addPage(page)
    wizard.resize(960, 700)
    FirstFrame(app, wizard, stay="--stay" in sys.argv[1:])
    wizard.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
