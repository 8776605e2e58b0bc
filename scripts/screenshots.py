#!/usr/bin/env python3
"""Saves a picture of every wizard page, for looking at what we built.

    .venv/bin/python scripts/screenshots.py OUT_DIR [--platforms facebook,x] [--dark]

Runs wherever Qt can draw: offscreen (QT_QPA_PLATFORM=offscreen) or a real display such as
xvfb-run. Set QT_SCALE_FACTOR=2 to check 200% scaling. Answers: the first option of each question.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.app import configure_application
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.wizard import AuditWizard, fit_to_screen


def dark_palette() -> QPalette:
    palette = QPalette()
    base, text = QColor(30, 30, 30), QColor(230, 230, 230)
    for role, color in {
        QPalette.ColorRole.Window: QColor(45, 45, 45),
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(50, 50, 50),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(55, 55, 55),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.Highlight: QColor(42, 130, 218),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(160, 160, 160),
    }.items():
        palette.setColor(role, color)
    return palette


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--platforms", default="facebook,instagram")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--width", type=int, default=960)
    parser.add_argument("--height", type=int, default=700)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv[:1])
    configure_application(app)
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    session = AuditSession(load_catalog(), AppState())
    wizard = AuditWizard(session, DEFAULT_POLICY)
    fit_to_screen(wizard, args.width, args.height)
    wizard.show()
    platforms = [p for p in args.platforms.split(",") if p]
    for number in range(1, 200):
        app.processEvents()
        page = wizard.currentPage()
        if isinstance(page, PlatformsPage):
            for platform_id, box in page.boxes.items():
                box.setChecked(platform_id in platforms)
        elif isinstance(page, QuestionsPage):
            for question in page.shown_questions():
                next(iter(question.buttons.values())).click()
            page.shown_questions()[0].why_button.click()
        app.processEvents()
        name = f"{number:02d}-{type(page).__name__}.png"
        wizard.grab().save(str(args.out / name))
        print(args.out / name)
        if wizard.currentId() == wizard.pageIds()[-1]:
            break
        wizard.next()


if __name__ == "__main__":
    main()
