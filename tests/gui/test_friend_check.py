"""The friend check in the app: as a wizard page and on its own, driven through its widgets."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot
from samples import friend_check as scenario
from samples import friend_exports as ex

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.friend_review import NONE_CONNECTED_CHECK, Decision
from selfaudit.content import load_catalog
from selfaudit.measures.friends.model import Confidence, Monitor
from selfaudit.paths import AppPaths
from selfaudit.ui.background import Background
from selfaudit.ui.friends import check_widget
from selfaudit.ui.friends.check_widget import FriendCheckWidget
from selfaudit.ui.friends.dialog import FriendCheckDialog
from selfaudit.ui.friends.download_help import DownloadHelpDialog
from selfaudit.ui.pages.friend_check import FriendCheckPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.wizard import AuditWizard
from tests.gui.conftest import pages_in_order

CANARY = "Quillfeather Zebedee-Marchbanks"


@pytest.fixture
def social_session() -> AuditSession:
    return AuditSession(load_catalog(), AppState(platforms=["facebook", "instagram"]))


@pytest.fixture
def widget(qtbot: QtBot, social_session: AuditSession) -> FriendCheckWidget:
    check = FriendCheckWidget(social_session)
    qtbot.addWidget(check)
    check.resize(900, 600)
    check.show()
    return check


def read_all(qtbot: QtBot, check: FriendCheckWidget, paths: list[Path]) -> None:
    check.add_exports(paths)
    qtbot.waitUntil(lambda: not check.is_busy() and not check._pending, timeout=20_000)


def drop_event(path: Path) -> tuple[QMimeData, QDropEvent]:
    """A file dropped from a file manager (keep the QMimeData alive while the event is used)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return mime, event


def run_check(qtbot: QtBot, check: FriendCheckWidget) -> None:
    with qtbot.waitSignal(check.check_finished, timeout=20_000):
        check.setup.run.click()


def test_the_page_opens_the_service_users_section(wizard: AuditWizard) -> None:
    pages = wizard.audit_pages
    (page,) = [p for p in pages if isinstance(p, FriendCheckPage)]
    following = pages[pages.index(page) + 1]
    assert isinstance(following, QuestionsPage)
    assert following.plan.measure.id == "service_users"
    assert page.section == following.section
    page.session.set_platforms([])
    assert page not in pages_in_order(wizard)  # asked only of people who use social media
    page.session.set_platforms(["facebook"])
    assert page in pages_in_order(wizard)


def test_the_whole_check_in_the_wizard(
    qtbot: QtBot, wizard: AuditWizard, tmp_path: Path, qtmodeltester: object
) -> None:
    session = wizard.session
    session.set_platforms(["facebook", "instagram"])
    page = next(p for p in wizard.audit_pages if isinstance(p, FriendCheckPage))
    wizard.setStartId(wizard.audit_pages.index(page))
    wizard.restart()
    assert wizard.currentPage() is page
    check = page.check
    assert not check.setup.run.isEnabled()

    read_all(qtbot, check, scenario.build_exports(tmp_path / "exports"))
    assert [e.error for e in check.entries] == [None] * 7
    assert check.setup.exports.item(0).text().startswith("23 on Facebook: ")
    names = tmp_path / "service-users.csv"
    names.write_text(scenario.SERVICE_USERS_CSV, encoding="utf-8")
    check.import_service_users(names)  # read off the window's thread
    qtbot.waitUntil(check.setup.run.isEnabled)
    run_check(qtbot, check)

    review = check.review_panel
    qtmodeltester.check(review.model)  # type: ignore[attr-defined]
    assert review.model.rowCount() == len(scenario.PLANTED)
    summary = review.summary.text()
    assert summary.startswith("15 matches among 48 people on Facebook, ")
    counts = {c: sum(1 for i in review.review.items if i.match.confidence is c) for c in Confidence}
    wanted = ", ".join(f"{n} {c.value}" for c, n in counts.items() if n)
    assert f": {wanted}. Look at each one" in summary
    assert counts[Confidence.CERTAIN] and "possible matches" not in summary
    item = review.current_item()
    assert item is not None and review.current_row() == 0
    assert review.friend_label.text() == f"On Facebook: {item.friend}"
    assert review.user_label.text() == f"On your list: {item.match.service_user.name}"
    assert review.how_label.text().startswith("Certain match: ")
    assert "out of 100" not in review.how_label.text()
    assert review.contact_question.isHidden()

    review.decision_buttons["same"].click()
    assert review.contact_question.isVisible()
    review.contact_buttons["yes"].click()
    review.go_to_next()
    assert review.current_row() == 1
    assert review.decision_group.checkedButton() is None  # a new match starts unanswered
    review.decision_buttons["not_them"].click()
    assert review.looked_at.text() == "You have looked at 2 of 15."

    (kept,) = session.state.friend_matches
    assert (kept.friend, kept.platform, kept.significant_contact) == (
        item.friend,
        "facebook",
        True,
    )
    wizard.next()  # leaving the page answers the section's question from the check
    assert session.answer(NONE_CONNECTED_CHECK) == "yes"
    question_page = wizard.currentPage()
    assert isinstance(question_page, QuestionsPage)
    assert question_page.questions[0].buttons["yes"].isChecked()


def test_the_check_can_be_skipped(wizard: AuditWizard) -> None:
    wizard.session.set_platforms(["facebook"])
    page = next(p for p in wizard.audit_pages if isinstance(p, FriendCheckPage))
    wizard.setStartId(wizard.audit_pages.index(page))
    wizard.restart()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.session.answer(NONE_CONNECTED_CHECK) is None
    assert wizard.session.state.friend_matches == []


def test_a_wrong_file_says_what_was_expected(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    photo = tmp_path / "holiday.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0JFIF")
    read_all(qtbot, widget, [photo])
    (entry,) = widget.entries
    assert entry.error is not None
    assert widget.setup.exports.item(0).text() == "Cannot be used: holiday.jpg"
    boxes = widget.findChildren(QMessageBox)
    assert boxes and "holiday.jpg: this is not a friends list" in boxes[-1].text()
    assert "your_friends.json" in boxes[-1].text()
    assert not widget.setup.run.isEnabled()
    assert widget.setup.run_note.text() == "Add at least one friends list."


def test_a_bad_service_user_list_is_explained(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    bad = tmp_path / "names.csv"
    bad.write_text("first,second\nOlivia,Brown\n")
    widget.import_service_users(bad)
    qtbot.waitUntil(lambda: bool(widget.findChildren(QMessageBox)))
    assert widget.service_users() == []
    text = widget.findChildren(QMessageBox)[-1].text()
    assert text.startswith("names.csv: line 1: expected a header row")
    assert not widget.setup.imported.isVisible()  # no "Reading names.csv…" left behind


def test_a_list_still_being_read_when_it_is_cleared_is_not_used(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Olivia Brown\nJo Bloggs\n")
    widget.import_service_users(names)
    assert widget.setup.imported.text() == "Reading names.txt…"
    widget.clear_service_users()
    reading = widget.findChild(Background, "background")
    assert reading is not None
    qtbot.waitUntil(lambda: not reading.busy())  # the read has ended and been handed over
    assert widget.service_users() == []
    widget.import_service_users(names)
    qtbot.waitUntil(lambda: len(widget.service_users()) == 2)
    assert widget.setup.imported.text() == "Imported: 2 names."


def test_cancel_stops_reading_and_nothing_is_half_added(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless(path: Path, monitor: Monitor, workers: object = None) -> object:
        while True:  # reports progress until cancelled, like a huge export
            monitor.report(0.5, f"Reading {path.name}")
            time.sleep(0.005)

    monkeypatch.setattr(check_widget, "read_export_in_worker", endless)
    widget.add_exports([tmp_path / "big.zip", tmp_path / "next.zip"])
    assert widget.is_busy() and widget.cancel_button.isVisible()
    qtbot.waitUntil(lambda: widget.progress.value() == 500)
    assert widget.progress.format().startswith("Reading big.zip")
    widget.cancel_button.click()
    qtbot.waitUntil(lambda: not widget.is_busy())
    assert widget.entries == [] and widget.setup.exports.count() == 0
    assert widget.progress.isHidden()


def test_cancel_kills_the_worker_reading_a_real_export(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    import multiprocessing

    people = [f"Person Number{i} Surname{i % 977}" for i in range(300_000)]
    export = ex.write_zip(
        tmp_path / "facebook.zip", {"your_friends.json": ex.facebook_friends_2023(people)}
    )

    def worker() -> list[multiprocessing.Process]:
        return [p for p in multiprocessing.active_children() if p.name == "selfaudit-worker"]

    widget.add_exports([export])
    qtbot.waitUntil(lambda: bool(worker()), timeout=10_000)
    widget.cancel_button.click()
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=10_000)
    assert widget.entries == []
    qtbot.waitUntil(lambda: worker() == [])  # killed at once, reaped off the window's thread


def test_a_worker_waits_loaded_while_the_check_is_open_and_none_after(
    qtbot: QtBot, social_session: AuditSession, tmp_path: Path
) -> None:
    import multiprocessing

    def waiting() -> list[multiprocessing.Process]:
        return [p for p in multiprocessing.active_children() if p.name == "selfaudit-worker-ready"]

    # an earlier test's check, closed, has its worker reaped off the window's thread: gone soon
    qtbot.waitUntil(lambda: waiting() == [], timeout=10000)
    dialog = FriendCheckDialog(social_session)
    qtbot.addWidget(dialog)
    assert waiting() == []  # nothing starts before the window is on screen
    dialog.show()
    qtbot.waitUntil(lambda: len(waiting()) == 1)
    first = waiting()[0].pid
    read_all(qtbot, dialog.check, [ex.write_zip(tmp_path / "f.zip", scenario.facebook_files())])
    # the one that read is gone; a new one waits for the next job
    qtbot.waitUntil(lambda: [p.pid for p in waiting()] not in ([], [first]))
    dialog.close()  # killed at once, reaped off the window's thread
    qtbot.waitUntil(lambda: waiting() == [])


def test_a_check_deleted_while_on_screen_leaves_no_worker(
    qtbot: QtBot, social_session: AuditSession
) -> None:
    import multiprocessing

    import shiboken6

    def waiting() -> list[multiprocessing.Process]:
        return [p for p in multiprocessing.active_children() if p.name == "selfaudit-worker-ready"]

    dialog = FriendCheckDialog(social_session)
    dialog.show()
    qtbot.waitUntil(lambda: len(waiting()) == 1)
    shiboken6.delete(dialog)  # gone without being hidden first
    qtbot.waitUntil(lambda: waiting() == [])


def test_a_hostile_export_is_one_line_and_the_window_carries_on(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfaudit.measures.friends import isolation

    messages: list[str] = []
    monkeypatch.setattr(widget, "_warn", lambda title, text: messages.append(text))
    page = tmp_path / "followers_1.html"
    page.write_text("<html><body>" + "<a" * 2_000_000)  # minutes for html.parser
    widget.add_exports([page])
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=20_000)
    assert messages[0].startswith("followers_1.html: this is not a friends list")
    slow = isolation.WorkerLimits(seconds=0.01)
    monkeypatch.setattr(
        check_widget,
        "read_export_in_worker",
        lambda p, m, workers=None: isolation.read_export_in_worker(p, m, slow, workers),
    )
    good = ex.write_zip(
        tmp_path / "f.zip", {"your_friends.json": ex.facebook_friends_2023(["Jo Bloggs"])}
    )
    widget.add_exports([good])
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=20_000)
    assert "took longer than" in messages[1]
    assert [e.error is not None for e in widget.entries] == [True, True]


def test_the_window_keeps_working_while_a_big_export_is_read(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    people = [f"Person Number{i} Surname{i % 977}" for i in range(150_000)]
    export = ex.write_zip(
        tmp_path / "facebook.zip",
        {"connections/followers/people_who_followed_you.json": ex.facebook_followers(people)},
    )
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    widget.add_exports([export])
    busy_since = time.monotonic()
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=60_000)
    busy_until = time.monotonic()
    timer.stop()
    during = [t for t in ticks if busy_since <= t <= busy_until]
    assert widget.entries[0].scan is not None
    assert sum(widget.entries[0].scan.counts().values()) == 150_000
    # the event loop kept turning all along: no gap near the length of the import
    gaps = [b - a for a, b in zip([busy_since, *during], [*during, busy_until], strict=True)]
    assert len(during) >= 5
    assert max(gaps) < max(0.5, (busy_until - busy_since) / 3)


def test_files_dropped_on_the_window_are_added(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    export = ex.write_zip(tmp_path / "facebook.zip", scenario.facebook_files())
    _mime, drop = drop_event(export)
    widget.dropEvent(drop)
    qtbot.waitUntil(lambda: not widget.is_busy())
    assert widget.scans() and widget.scans()[0].counts() == {"facebook": 23}


def test_a_list_dropped_on_the_names_box_is_the_service_user_list(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Olivia Brown\nJo Bloggs\n")
    _mime, drop = drop_event(names)
    widget.setup.names.dropEvent(drop)
    qtbot.waitUntil(lambda: bool(widget.service_users()))
    assert [u.name for u in widget.service_users()] == ["Olivia Brown", "Jo Bloggs"]
    assert widget.entries == []
    assert widget.setup.imported.text() == "Imported: 2 names."


def test_no_service_user_name_is_written_anywhere(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path, app_paths: AppPaths
) -> None:
    """After a whole check and review, the names on the list appear in no file under the data
    and config folders (nor anywhere in the home folder), and not in what the vault would
    store. The friend the person confirmed is kept: that is the point."""
    export = ex.write_zip(
        tmp_path / "exports" / "facebook.zip",
        {"your_friends.json": ex.facebook_friends_2023(["Bill Hughes", "Jo Bloggs"])},
    )
    read_all(qtbot, widget, [export])
    widget.setup.names.setPlainText(f"William Hughes\n{CANARY}\n")
    run_check(qtbot, widget)
    widget.review_panel.decision_buttons["same"].click()
    state_json = widget.session.state.model_dump_json()
    assert "Bill Hughes" in state_json
    assert CANARY not in state_json and "William Hughes" not in state_json
    widget.forget()
    assert widget.service_users() == [] and widget.review is None

    home = app_paths.data_dir.parent.parent
    searched = [app_paths.data_dir, app_paths.config_dir, home]
    for folder in searched:
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file():
                data = path.read_bytes()
                for encoding in ("utf-8", "utf-16-le"):
                    assert CANARY.encode(encoding) not in data, path


def test_keeping_the_list_is_opt_in_and_reversible(
    qtbot: QtBot, social_session: AuditSession
) -> None:
    first = FriendCheckWidget(social_session)
    qtbot.addWidget(first)
    first.setup.names.setPlainText(f"{CANARY}\n")
    assert not first.setup.keep_list.isChecked()
    assert CANARY not in social_session.state.model_dump_json()
    first.setup.keep_list.setChecked(True)  # the person opts in: kept in the (encrypted) state
    assert [u.name for u in social_session.state.service_users] == [CANARY]
    first.forget()

    second = FriendCheckWidget(social_session)  # the next check starts with the kept list
    qtbot.addWidget(second)
    assert second.setup.keep_list.isChecked()
    assert [u.name for u in second.service_users()] == [CANARY]
    second.setup.keep_list.setChecked(False)
    assert social_session.state.service_users == []
    assert CANARY not in json.dumps(social_session.state.model_dump(mode="json"))


def test_the_dialog_for_the_dashboard(
    qtbot: QtBot, social_session: AuditSession, tmp_path: Path
) -> None:
    dialog = FriendCheckDialog(social_session)
    qtbot.addWidget(dialog)
    dialog.show()
    export = ex.write_zip(tmp_path / "facebook.zip", scenario.facebook_files())
    read_all(qtbot, dialog.check, [export])
    dialog.check.setup.names.setPlainText("Zed Nobody\n")
    run_check(qtbot, dialog.check)
    assert dialog.check.review_panel.summary.text().startswith("No service users found among")
    assert dialog.check.review_panel.list.isHidden()
    dialog.reject()
    assert social_session.answer(NONE_CONNECTED_CHECK) == "no"
    assert dialog.check.service_users() == []


def test_download_help_shows_steps_and_opens_the_page_only_on_click(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    dialog = DownloadHelpDialog("instagram")
    qtbot.addWidget(dialog)
    assert dialog.steps.text().startswith("1. Open Instagram")
    assert opened == []
    dialog.open_button.click()
    assert opened == ["https://accountscenter.instagram.com/info_and_permissions/dyi/"]
    dialog.platforms.setCurrentIndex(dialog.platforms.findData("x"))
    assert "account number" in dialog.note.text()


def test_every_control_has_an_accessible_name(widget: FriendCheckWidget) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QPlainTextEdit

    controls = [
        *widget.findChildren(QAbstractButton),
        *widget.findChildren(QAbstractItemView),
        *widget.findChildren(QPlainTextEdit),
    ]
    assert controls
    for control in controls:
        assert control.accessibleName() or control.text(), control.objectName()  # type: ignore[attr-defined]


def test_review_decisions_match_the_buttons(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    export = ex.write_zip(
        tmp_path / "facebook.zip",
        {"your_friends.json": ex.facebook_friends_2023(["Bill Hughes", "Liz Carter"])},
    )
    read_all(qtbot, widget, [export])
    widget.setup.names.setPlainText("William Hughes\nElizabeth Carter\n")
    run_check(qtbot, widget)
    panel = widget.review_panel
    panel.decision_buttons["not_sure"].click()
    assert widget.review is not None
    assert widget.review.items[panel.current_row()].decision is Decision.NOT_SURE
    assert "Nothing is kept" in panel.after_label.text()
    assert widget.session.state.friend_matches == []


def test_app_start_loads_no_heavy_matching_library() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from selfaudit.audit import AppState, AuditSession\n"
        "from selfaudit.content import load_catalog\n"
        "from selfaudit.policy import DEFAULT_POLICY\n"
        "from selfaudit.ui.wizard import AuditWizard\n"
        "w = AuditWizard(AuditSession(load_catalog(), AppState()), DEFAULT_POLICY); w.show()\n"
        "heavy = [m for m in ('rapidfuzz', 'numpy', 'anyascii') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr


def test_a_file_that_failed_can_be_added_again_once_fixed(
    qtbot: QtBot, widget: FriendCheckWidget, tmp_path: Path
) -> None:
    path = tmp_path / "facebook.zip"
    good = ex.zip_bytes(scenario.facebook_files())
    path.write_bytes(good[:200])  # a download cut short
    read_all(qtbot, widget, [path])
    assert widget.entries[0].error is not None
    path.write_bytes(good)  # downloaded again
    read_all(qtbot, widget, [path])
    (entry,) = widget.entries
    assert entry.error is None and entry.scan is not None
    assert widget.setup.exports.item(0).text() == "23 on Facebook: facebook.zip"
