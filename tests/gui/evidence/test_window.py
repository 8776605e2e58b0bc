"""The evidence log window, driven as a person would: add, change, delete, restore, report; and
the promise that screenshots go into the vault and nowhere else."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QScrollBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from samples.evidence_log import POLICY, fill
from samples.pictures import encode, phone_chat

from selfaudit.audit.state import AppState
from selfaudit.content import load_catalog
from selfaudit.evidence.attachments import prepare_attachment
from selfaudit.evidence.guidance import load_evidence_guidance
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.models import Action, Channel
from selfaudit.paths import AppPaths
from selfaudit.policy import DEFAULT_POLICY, Policy
from selfaudit.ui.evidence import dialogs
from selfaudit.ui.evidence.editor import IncidentEditor
from selfaudit.ui.evidence.window import EvidenceWindow, open_evidence_window
from tests.doubles import MemoryBlobStore
from tests.evidence_helpers import ManualClock, details, png, png_header_check


class Saves:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def store() -> MemoryBlobStore:
    return MemoryBlobStore()


@pytest.fixture
def state() -> AppState:
    return AppState()


@pytest.fixture
def saves() -> Saves:
    return Saves()


@pytest.fixture
def window(
    qtbot: QtBot, state: AppState, store: MemoryBlobStore, saves: Saves
) -> Iterator[EvidenceWindow]:
    window = open_evidence_window(state, store, POLICY, saves)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.jobs.wait()


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers every confirmation with yes; records what was asked."""
    asked: list[str] = []

    def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return asked


def settle(qtbot: QtBot, window: EvidenceWindow) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=10_000)


def open_editor(window: EvidenceWindow, change: bool = False) -> IncidentEditor:
    if change:
        window.change_incident()
    else:
        window.add_incident()
    editor = window.editor
    assert editor.isVisible()
    return editor


def screenshot_file(folder: Path, name: str = "Screenshot_20250312-214702.png") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(encode(phone_chat("Jordan P", [("21:46", "Watch yourself.")], width=240)))
    return path


def test_adding_an_incident_with_a_screenshot(
    qtbot: QtBot, window: EvidenceWindow, state: AppState, saves: Saves, tmp_path: Path
) -> None:
    editor = open_editor(window)
    editor.when_edit.setDateTime(QDateTime(QDate(2025, 3, 12), QTime(21, 31)))
    editor.zone_choice.setCurrentText("Europe/London")
    editor.channel_choice.setCurrentIndex(editor.channel_choice.findData("social"))
    editor.platform_edit.setCurrentText("WhatsApp")
    editor.sender_edit.setText("Jordan P, +44 7700 900461")
    editor.content_edit.setPlainText("You should watch yourself tomorrow.")
    editor.action_boxes["blocked"].setChecked(True)
    shot = screenshot_file(tmp_path / "outside")
    editor.add_file(shot)
    assert not editor.save_button.isEnabled()  # until the file is checked and stored
    settle(qtbot, window)
    assert editor.save_button.isEnabled()
    assert editor.attachment_list.count() == 1
    with qtbot.waitSignal(window.changed):
        editor.save_button.click()

    [incident] = state.evidence.incidents
    recorded = incident.details
    assert recorded.occurred_at.isoformat() == "2025-03-12T21:31:00+00:00"
    assert recorded.time_zone == "Europe/London"
    assert (recorded.channel, recorded.platform) == (Channel.SOCIAL, "WhatsApp")
    assert recorded.actions == (Action.BLOCKED,)
    [attachment] = recorded.attachments
    assert window.log.read_attachment(attachment) == shot.read_bytes()
    assert (attachment.width, attachment.height) == (240, 480)
    assert saves.count == 1
    assert window.model.rowCount() == 1 and window.current_incident() is incident
    settle(qtbot, window)
    html = window.view.toHtml()
    assert "You should watch yourself tomorrow." in html and attachment.sha256 in html
    assert f"picture:{attachment.blob_id}" in html  # the screenshot is drawn, from memory


def test_a_screenshot_fits_the_incident_view_however_narrow(
    qtbot: QtBot, window: EvidenceWindow, tmp_path: Path
) -> None:
    """At 200% or in a narrow window a wide screenshot is drawn smaller, so the incident never
    scrolls sideways; given room again, it is drawn at its usual size."""
    editor = open_editor(window)
    editor.content_edit.setPlainText("A wide screenshot of a post.")
    wide = tmp_path / "outside" / "wide.png"
    wide.parent.mkdir(parents=True)
    wide.write_bytes(png(1280, 800))
    editor.add_file(wide)
    settle(qtbot, window)
    with qtbot.waitSignal(window.changed):
        editor.save_button.click()
    settle(qtbot, window)

    def drawn_width() -> int:
        found = re.search(r'<img [^>]*width="(\d+)"', window.view.toHtml())
        return int(found.group(1)) if found else 0

    window.view.setFixedWidth(320)
    qtbot.waitUntil(lambda: 0 < drawn_width() < 320)
    assert window.view.horizontalScrollBar().maximum() == 0
    window.view.setFixedWidth(900)
    qtbot.waitUntil(lambda: drawn_width() == 560)


def test_summer_time_is_taken_from_the_time_zone(qtbot: QtBot, window: EvidenceWindow) -> None:
    editor = open_editor(window)
    editor.when_edit.setDateTime(QDateTime(QDate(2025, 7, 1), QTime(8, 5)))
    editor.zone_choice.setCurrentText("Europe/London")
    editor.sender_edit.setText("someone")
    editor.save_button.click()
    [incident] = window.log.incidents()
    assert incident.details.occurred_at.isoformat() == "2025-07-01T08:05:00+01:00"


def test_a_damaged_screenshot_is_refused_in_the_editor(
    qtbot: QtBot, window: EvidenceWindow, store: MemoryBlobStore, tmp_path: Path
) -> None:
    editor = open_editor(window)
    broken = tmp_path / "outside" / "shot.png"
    broken.parent.mkdir()
    broken.write_bytes(png(4, 4)[:20])
    editor.add_file(broken)
    settle(qtbot, window)
    assert editor.attachment_list.count() == 0
    assert "“shot.png”" in editor.message.text() and "damaged" in editor.message.text()
    assert editor.message.isVisible()
    assert store.blobs == {}


def test_an_empty_incident_is_not_saved(qtbot: QtBot, window: EvidenceWindow) -> None:
    editor = open_editor(window)
    editor.save_button.click()
    assert editor.isVisible()
    assert "nothing to record" in editor.message.text()
    assert window.log.incidents() == []


def test_cancelling_discards_the_screenshots_added(
    qtbot: QtBot,
    window: EvidenceWindow,
    store: MemoryBlobStore,
    tmp_path: Path,
    answer: list[str],
) -> None:
    editor = open_editor(window)
    editor.sender_edit.setText("someone")
    editor.add_file(screenshot_file(tmp_path / "outside"))
    settle(qtbot, window)
    [blob_id] = store.blobs
    editor.reject()
    assert answer == ["Discard your changes?"]
    settle(qtbot, window)
    assert store.blobs == {} and store.deleted == [blob_id]
    assert window.log.incidents() == []


def test_a_file_still_being_added_when_cancelled_is_discarded(
    qtbot: QtBot, window: EvidenceWindow, store: MemoryBlobStore, tmp_path: Path
) -> None:
    editor = open_editor(window)
    editor.add_file(screenshot_file(tmp_path / "outside"))
    editor.done(0)  # closed before the file came back from the worker
    settle(qtbot, window)
    assert store.blobs == {} and len(store.deleted) == 1


def test_a_file_removed_before_saving_is_discarded(
    qtbot: QtBot, window: EvidenceWindow, store: MemoryBlobStore, tmp_path: Path
) -> None:
    editor = open_editor(window)
    editor.sender_edit.setText("someone")
    editor.add_file(screenshot_file(tmp_path / "outside", "first.png"))
    settle(qtbot, window)
    editor.add_file(tmp_path / "outside" / "first.png")
    settle(qtbot, window)
    assert "already added" in editor.message.text() and editor.attachment_list.count() == 1
    (tmp_path / "outside" / "note.txt").write_text("second")
    editor.add_file(tmp_path / "outside" / "note.txt")
    settle(qtbot, window)
    editor.attachment_list.setCurrentRow(0)
    editor.remove_button.click()
    editor.save_button.click()
    settle(qtbot, window)
    [incident] = window.log.incidents()
    assert [a.file_name for a in incident.details.attachments] == ["note.txt"]
    assert list(store.blobs) == [incident.details.attachments[0].blob_id]


def test_cancelling_can_be_cancelled(
    qtbot: QtBot, window: EvidenceWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *args: False)
    editor = open_editor(window)
    editor.content_edit.setPlainText("half typed")
    editor.reject()
    assert editor.isVisible() and editor.content_edit.toPlainText() == "half typed"


def test_changing_keeps_the_earlier_version_and_shows_it(
    qtbot: QtBot, window: EvidenceWindow, saves: Saves
) -> None:
    incident = window.log.add(details(content="You should watch yourself"))
    window.table.selectRow(0)
    editor = open_editor(window, change=True)
    assert editor.content_edit.toPlainText() == "You should watch yourself"
    editor.content_edit.setPlainText("You should watch yourself tomorrow.")
    editor.notes_edit.setPlainText("Told Sam")
    editor.save_button.click()
    assert [r.changed for r in incident.history] == [("content", "notes")]
    assert incident.history[0].previous.content == "You should watch yourself"
    html = window.view.toPlainText()
    assert "Earlier versions" in html
    assert "What it said, Notes" in html and "You should watch yourself\n" in html + "\n"
    assert saves.count == 2


def test_delete_asks_first_then_restore_brings_it_back(
    qtbot: QtBot, window: EvidenceWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident = window.log.add(details())
    window.table.selectRow(0)
    monkeypatch.setattr(dialogs, "confirm", lambda *args: False)
    window.delete_button.click()
    assert window.log.incidents() == [incident]

    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    window.delete_button.click()
    assert window.log.incidents() == [] and window.model.rowCount() == 0
    assert "You can restore it until" in window.status.text()
    assert window.deleted_button.text() == "Deleted items (1)"

    window.deleted_button.click()
    dialog = window.deleted_dialog
    assert dialog.list.count() == 1 and "Kept until" in dialog.list.item(0).text()
    dialog.restore_button.click()
    assert window.log.incidents() == [incident] and dialog.list.count() == 0
    assert dialog.empty.isVisibleTo(dialog)
    assert window.model.rowCount() == 1 and window.deleted_button.text() == "Deleted items"


def test_items_deleted_30_days_ago_go_when_the_window_opens(
    qtbot: QtBot, state: AppState, store: MemoryBlobStore
) -> None:
    clock = ManualClock()
    log = IncidentLog(state.evidence, store, clock=clock)
    shot = log.store_attachment(prepare_attachment("old.png", png(2, 2), png_header_check))
    old = log.add(details(attachments=(shot,)))
    log.delete(old.id)
    clock.advance(days=30, seconds=1)
    blobs_when_saved: list[int] = []
    window = EvidenceWindow(log, DEFAULT_POLICY, load_evidence_guidance(), load_catalog().platforms)
    qtbot.addWidget(window)
    window.changed.connect(lambda: blobs_when_saved.append(len(store.blobs)))
    assert log.deleted() != []  # nothing happens before the owner can listen
    window.show()
    settle(qtbot, window)
    assert log.deleted() == [] and store.blobs == {}
    assert blobs_when_saved == [1], "saved before the screenshot was deleted"


def test_a_report_of_the_chosen_incidents(
    qtbot: QtBot, window: EvidenceWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fill(window.log)
    target = tmp_path / "documents" / "incidents.html"
    target.parent.mkdir()
    monkeypatch.setattr(dialogs, "choose_report_file", lambda parent, name: target)
    monkeypatch.setattr(dialogs, "choose", lambda parent, title, text, options: 1)
    window.table.selectRow(0)  # the most recent: the Facebook post
    window.report_button.click()
    settle(qtbot, window)
    page = target.read_text(encoding="utf-8")
    assert "Incident 1 of 1" in page and "Jordan Pike" in page and "WhatsApp" not in page
    assert "Saved a report of 1 incident" in window.status.text()
    assert "not encrypted" in window.status.text()

    monkeypatch.setattr(dialogs, "choose", lambda parent, title, text, options: 0)
    window.report_button.click()
    settle(qtbot, window)
    assert "Incident 2 of 2" in target.read_text(encoding="utf-8")

    pdf = target.with_suffix(".pdf")  # made on the worker thread, like the web page
    monkeypatch.setattr(dialogs, "choose_report_file", lambda parent, name: pdf)
    window.report_button.click()
    settle(qtbot, window)
    assert pdf.read_bytes().startswith(b"%PDF") and "Saved a report of 2" in window.status.text()


def test_a_missing_screenshot_is_said_not_hidden(
    qtbot: QtBot, window: EvidenceWindow, store: MemoryBlobStore
) -> None:
    chat, _post = fill(window.log)
    store.blobs.pop(chat.details.attachments[0].blob_id)
    window.table.selectRow(window.model.row_of(chat.id))
    settle(qtbot, window)
    assert "This screenshot could not be shown" in window.view.toPlainText()


def test_guidance_follows_the_chosen_incident_and_opens_links_on_click(
    qtbot: QtBot, window: EvidenceWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat, post = fill(window.log)
    panel = window.guidance_panel
    window.table.selectRow(window.model.row_of(chat.id))
    assert panel.capture_choice.currentText() == "WhatsApp"
    assert "phone number" in panel.identify_steps.text()
    window.table.selectRow(window.model.row_of(post.id))
    assert panel.capture_choice.currentText() == "Facebook"

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    policy_link = next(label for label in panel.link_labels if "Harassment" in label.text())
    policy_link.linkActivated.emit("https://intranet.example.org/policies/harassment")
    assert [url.toString() for url in opened] == [
        "https://intranet.example.org/policies/harassment"
    ]
    texts = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "First Response Team (LADO)" in texts and "01632 960 555" in texts


def test_without_contacts_the_guidance_says_who_to_ask(
    qtbot: QtBot, store: MemoryBlobStore
) -> None:
    window = open_evidence_window(AppState(), store, Policy(), lambda: None)
    qtbot.addWidget(window)
    texts = " ".join(label.text() for label in window.guidance_panel.findChildren(QLabel))
    assert "Your line manager or HR team can tell you who to contact." in texts


def test_the_incident_table_is_a_sound_model(qtmodeltester: object, window: EvidenceWindow) -> None:
    fill(window.log)
    qtmodeltester.check(window.model)  # type: ignore[attr-defined]


def test_every_control_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, window: EvidenceWindow
) -> None:
    fill(window.log)
    editor = open_editor(window)
    for top in (window, editor):
        for widget in top.findChildren(QWidget):
            if not widget.isVisibleTo(top) or widget.focusPolicy().value == 0:
                continue
            named = widget.accessibleName() or (
                isinstance(widget, QAbstractButton) and widget.text()
            )
            inner = isinstance(widget.parent(), QAbstractSpinBox) or isinstance(widget, QScrollBar)
            if not named and inner:
                continue  # the text part of a date box, a scroll bar: named by their owner
            assert named, f"{type(widget).__name__} {widget.objectName()!r} has no name"


def test_screenshots_go_into_the_vault_and_nowhere_else(
    qtbot: QtBot,
    window: EvidenceWindow,
    store: MemoryBlobStore,
    state: AppState,
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Canary bytes in a screenshot and a file: after adding, viewing, changing and deleting,
    they are in the blob store only, never in the saved state or any file under the person's
    folders or the temporary folder."""
    home = tmp_path / "home"
    temporary = home / "tmp"
    temporary.mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    canary = b"CANARY-7f3e-" + os.urandom(12).hex().encode()
    outside = tmp_path / "outside"
    outside.mkdir()
    picture = outside / "chat.png"
    picture.write_bytes(png(64, 128, payload=canary))
    recording = outside / "voicemail.m4a"
    recording.write_bytes(b"\x00\x00\x00\x20ftypM4A " + canary * 3)

    editor = open_editor(window)
    editor.sender_edit.setText("+44 7700 900461")
    editor.add_file(picture)
    editor.add_file(recording)
    settle(qtbot, window)
    editor.save_button.click()
    settle(qtbot, window)  # the screenshot is decrypted and drawn
    editor = open_editor(window, change=True)
    editor.notes_edit.setPlainText("kept the voicemail")
    editor.save_button.click()
    window.log.delete(window.log.incidents()[0].id)
    settle(qtbot, window)

    kept = [a for d in window.log.deleted() for a in d.incident.details.attachments]
    assert {window.log.read_attachment(a) for a in kept} == {
        picture.read_bytes(),
        recording.read_bytes(),
    }
    assert canary not in state.model_dump_json().encode()
    searched = [p for p in (home, Path(tempfile.gettempdir())) if p.exists()]
    assert app_paths.data_dir.is_relative_to(home) and app_paths.config_dir.is_relative_to(home)
    for folder in searched:
        for path in folder.rglob("*"):
            if path.is_file():
                assert canary not in path.read_bytes(), f"plaintext copy in {path}"
    assert timedelta(0) <= window.log.deleted()[0].kept_until - window.log.now()


@pytest.mark.parametrize(
    ("system_says", "shown"), [("Etc/UTC", "UTC"), ("Europe/London", "Europe/London")]
)
def test_a_new_incident_starts_on_the_date_in_this_computers_time_zone(
    qtbot: QtBot,
    window: EvidenceWindow,
    monkeypatch: pytest.MonkeyPatch,
    system_says: str,
    shown: str,
) -> None:
    """The keyboard starts on the date, one Tab press leaves it (not one per day, month, year,
    hour and minute), and the time zone reads as the system names it ("UTC", never "Etc/UTC")."""
    from PySide6.QtCore import Qt

    from selfaudit.ui.evidence import editor as editor_module
    from tests.gui.sweep import press

    monkeypatch.setattr(editor_module, "local_zone_name", lambda sources: system_says)
    window.add_incident()
    editor = window.editor
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.when_edit)
    assert editor.zone_choice.currentText() == shown
    assert editor.zone_choice.findText("Etc/UTC") < 0
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.zone_choice
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.when_edit
    editor.reject()
