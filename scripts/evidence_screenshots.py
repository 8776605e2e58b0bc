#!/usr/bin/env python3
"""Saves pictures of the evidence log window, its editor, guidance pages and deleted items, and
the report of incidents (PDF and PNG pages), filled with a realistic log, for looking at.

    .venv/bin/python scripts/evidence_screenshots.py OUT_DIR [--dark]

Runs offscreen (QT_QPA_PLATFORM=offscreen) or under xvfb-run; set QT_SCALE_FACTOR=2 for 200%.
Screenshots are kept encrypted in a temporary folder, deleted at the end (nothing is left but
the pictures and the report).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shots  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from samples.evidence_log import POLICY, fill  # noqa: E402

from selfaudit.audit.state import AppState  # noqa: E402
from selfaudit.ui.evidence.window import EvidenceWindow, open_evidence_window  # noqa: E402
from selfaudit.vault.blobs import EncryptedBlobStore  # noqa: E402
from selfaudit.vault.keys import DataKey  # noqa: E402


def settle(app: QApplication, window: EvidenceWindow) -> None:
    for _ in range(50):
        window.jobs.wait()
        app.processEvents()
        if not window.jobs.busy():
            break


def shoot(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="selfaudit-shots-") as folder:
        shoot_all(EncryptedBlobStore(Path(folder), DataKey.generate()))


def shoot_all(blobs: EncryptedBlobStore) -> None:
    args, app = shots.start(
        __doc__ or "",
        lambda p: (
            p.add_argument("--width", type=int, default=1280),
            p.add_argument("--height", type=int, default=720),
        ),
    )

    empty = open_evidence_window(AppState(), blobs, POLICY, lambda: None)
    empty.resize(args.width, args.height)
    empty.show()
    settle(app, empty)
    shoot(empty, args.out / "evidence-00-empty.png")
    empty.close()

    state = AppState()
    window = open_evidence_window(state, blobs, POLICY, lambda: None)
    fill(window.log)
    window.resize(args.width, args.height)
    window.show()
    window.table.selectRow(window.model.rowCount() - 1)  # the WhatsApp one, two screenshots
    settle(app, window)
    shoot(window, args.out / "evidence-01-log.png")
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
    shoot(window, args.out / "evidence-02-log-history.png")

    for page in range(window.guidance_panel.count()):
        window.guidance_panel.setCurrentIndex(page)
        app.processEvents()
        shoot(window.guidance_panel, args.out / f"evidence-1{page}-guidance.png")

    window.change_incident()
    app.processEvents()
    shoot(window.editor, args.out / "evidence-20-editor.png")
    window.editor.done(0)
    window.add_incident()
    app.processEvents()
    shoot(window.editor, args.out / "evidence-21-editor-new.png")
    window.editor.done(0)

    window.show_deleted()
    app.processEvents()
    shoot(window.deleted_dialog, args.out / "evidence-30-deleted.png")
    window.deleted_dialog.done(0)

    from selfaudit.evidence.report import gather_report
    from selfaudit.report.evidence_export import save_report

    report = gather_report(window.log, organisation=POLICY.organisation)
    save_report(report, args.out / "evidence-report.pdf")
    save_report(report, args.out / "evidence-report.html")
    print(args.out / "evidence-report.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", "evidence-report.pdf", "evidence-report-page"],
            cwd=args.out,
            check=True,
        )
    window.close()


if __name__ == "__main__":
    main()
