"""Safeguarding first in the evidence log: before the first screenshot or file is added to an
incident, the warning about images of children is shown, with what to do instead and the
organisation's designated safeguarding lead; only once it is accepted does the file dialog open.
The guidance beside the log carries the warning and the help outside the organisation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from samples.evidence_log import POLICY
from samples.pictures import encode, phone_chat

from selfaudit.audit.state import AppState
from selfaudit.content import load_catalog
from selfaudit.content.models import ImageWarning
from selfaudit.policy import Contact, Policy
from selfaudit.ui.evidence import dialogs, image_warning
from selfaudit.ui.evidence.image_warning import ImageWarningDialog
from selfaudit.ui.evidence.window import EvidenceWindow, open_evidence_window
from tests.doubles import MemoryBlobStore

WARNING = load_catalog().image_warning
assert WARNING is not None


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[EvidenceWindow]:
    window = open_evidence_window(AppState(), MemoryBlobStore(), POLICY, lambda: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.jobs.wait()


class FileDialog:
    """Stands in for the system's file dialog: records each time it is opened."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.opened = 0

    def __call__(self, parent: QWidget) -> list[Path]:
        self.opened += 1
        return self.files


@pytest.fixture
def file_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FileDialog:
    shot = tmp_path / "Screenshot_20250312-214702.png"
    shot.write_bytes(encode(phone_chat("Jordan P", [("21:46", "Watch yourself.")], width=240)))
    fake = FileDialog([shot])
    monkeypatch.setattr(dialogs, "choose_attachments", fake)
    return fake


def answer_warning(qtbot: QtBot, go_on: bool, seen: list[ImageWarningDialog]) -> None:
    """Answers the warning once it is on screen, as a person would, by its buttons."""

    tries = [0]

    def press() -> None:
        tries[0] += 1
        shown = [
            w
            for w in QApplication.allWidgets()
            if isinstance(w, ImageWarningDialog) and w.isVisible() and w not in seen
        ]
        if not shown:  # not drawn yet: look again once the event loop has turned
            if tries[0] < 100:
                QTimer.singleShot(10, press)
            return
        dialog = shown[0]
        seen.append(dialog)
        (dialog.go_on if go_on else dialog.cancel).click()

    QTimer.singleShot(0, press)


def test_the_warning_comes_before_the_file_dialog_once_per_incident(
    qtbot: QtBot, window: EvidenceWindow, file_dialog: FileDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)  # "discard this incident?"
    window.add_incident()
    editor = window.editor
    seen: list[ImageWarningDialog] = []
    answer_warning(qtbot, go_on=True, seen=seen)
    editor.add_button.click()
    assert len(seen) == 1 and file_dialog.opened == 1  # the warning, then the file dialog
    dialog = seen[0]
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert WARNING.text in texts and WARNING.instead in texts
    for word in ("screenshot", "copy", "save", "forward", "show it to anyone"):
        assert word in WARNING.text
    assert "designated safeguarding lead" in WARNING.instead and "police" in WARNING.instead
    # the organisation's own safeguarding lead, from its policy
    assert [label.text() for label in dialog.contact_labels] == [
        "Designated safeguarding lead: Ruth Patel, phone 01632 960 120"
    ]
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1, timeout=10_000)

    editor.add_button.click()  # the same incident: straight to the file dialog
    assert len(seen) == 1 and file_dialog.opened == 2
    editor.reject()
    window.jobs.wait()

    window.add_incident()  # another incident: the warning again
    answer_warning(qtbot, go_on=False, seen=seen)
    window.editor.add_button.click()
    assert len(seen) == 2 and file_dialog.opened == 2  # cancelled: no file dialog
    assert window.editor.attachment_list.count() == 0


def test_cancel_is_the_default_so_enter_never_skips_the_warning(qtbot: QtBot) -> None:
    dialog = ImageWarningDialog(WARNING, [])
    qtbot.addWidget(dialog)
    assert dialog.cancel.isDefault() and not dialog.go_on.isDefault()
    assert dialog.accessibleName() == "Before you add a screenshot"
    assert WARNING.instead in dialog.accessibleDescription()
    for button in (dialog.go_on, dialog.cancel):
        assert button.text()
    assert dialog.contact_labels == []  # no policy contact: the warning still says who to tell


def test_without_a_safeguarding_contact_the_warning_still_says_who_to_tell() -> None:
    gate = image_warning.AttachWarningGate(
        WARNING, Policy(contacts=(Contact(role="Line manager", phone="01632 960 118"),))
    )
    assert gate.contacts == []
    asked: list[tuple[ImageWarning, list[Contact]]] = []
    gate.asker = lambda parent, warning, contacts: asked.append((warning, contacts)) or False
    assert not gate.allows(QWidget())
    assert not gate.allows(QWidget())  # refused: asked again next time
    assert len(asked) == 2


def test_the_guidance_beside_the_log_warns_and_names_help_outside_the_organisation(
    window: EvidenceWindow,
) -> None:
    panel = window.guidance_panel
    # first steps, saving the evidence, taking a screenshot: each page opens with the warning
    assert len(panel.warning_boxes) == 3
    for box in panel.warning_boxes:
        assert WARNING.text in box.text.text() and "Ruth Patel" in box.text.text()
    outside = " ".join(label.text() for label in panel.outside_labels)
    assert "Professionals Online Safety Helpline" in outside
    assert "0344 381 4772" in outside and "helpline@saferinternet.org.uk" in outside
    assert "Report Harmful Content" in outside
    texts = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "Outside your organisation" in texts
    assert "They are not part of Oakfield Primary School" in texts
    # where to report: what the code says, and what is good practice, each said as such
    police = panel.findChild(QLabel, "route-basis:police")
    allegation = panel.findChild(QLabel, "route-basis:allegation_against_staff")
    assert police is not None and police.text().startswith("Good practice")
    assert allegation is not None and allegation.text().startswith(
        "Your employer's code, section 5"
    )
