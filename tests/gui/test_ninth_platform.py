"""A ninth platform added from data alone (tests/ninth_platform.py: Threads, in a copy of the
resources) is offered everywhere a platform is: the wizard and its pages, the evidence log's
capture steps and sites, the friend check's steps, lists and help texts, and the command line."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.cli import run
from selfaudit.content import load_catalog
from selfaudit.evidence.guidance import load_evidence_guidance
from selfaudit.evidence.log import IncidentLog
from selfaudit.measures.friends import reader
from selfaudit.measures.friends.guides import handle_columns, removal_steps, what_we_read
from selfaudit.measures.friends.importers import PLATFORM_IMPORTERS, FormatError, FriendsImporter
from selfaudit.measures.friends.importers.base import base_name, load_json, people, text_field
from selfaudit.measures.friends.model import Connection, ListError, Relation
from selfaudit.measures.friends.service_users import read_names
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.pages.platform_items import PlatformItemsPage
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.wizard import AuditWizard
from tests.doubles import MemoryBlobStore, friend_check_in_this_process
from tests.gui.conftest import pages_in_order
from tests.ninth_platform import resources_with_threads, use_resources


@pytest.fixture
def threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with use_resources(monkeypatch, resources_with_threads(tmp_path)) as root:
        yield root


def test_the_wizard_offers_it_and_asks_its_settings(qtbot: QtBot, threads: Path) -> None:
    catalog = load_catalog()
    assert [p.id for p in catalog.platforms][-2:] == ["threads", "other"]
    session = AuditSession(catalog, AppState())
    wizard = AuditWizard(session, DEFAULT_POLICY)
    qtbot.addWidget(wizard)
    (platforms,) = [p for p in pages_in_order(wizard) if isinstance(p, PlatformsPage)]
    assert platforms.boxes["threads"].text() == "Threads"
    platforms.boxes["threads"].setChecked(True)
    pages = [p for p in pages_in_order(wizard) if isinstance(p, PlatformItemsPage)]
    assert {p.platform.id for p in pages} == {"threads"}
    asked = {q.check.id for page in pages for q in page.questions}
    assert asked == {c.id for c in catalog.platform_items() if c.platform == "threads"}
    assert "threads.private_account" in asked


def test_the_evidence_log_offers_it_with_its_capture_steps(qtbot: QtBot, threads: Path) -> None:
    from selfaudit.ui.evidence.editor import IncidentEditor
    from selfaudit.ui.evidence.window import EvidenceWindow

    guidance = load_evidence_guidance()
    assert guidance.capture_for("threads").applies_to == "threads"
    log = IncidentLog(AppState().evidence, MemoryBlobStore())
    window = EvidenceWindow(log, DEFAULT_POLICY, guidance, load_catalog().platforms)
    qtbot.addWidget(window)
    choice = window.guidance_panel.capture_choice
    assert choice.findData("threads") >= 0
    window.guidance_panel.show_capture_for("threads")
    assert choice.currentText() == "Threads"
    editor = IncidentEditor(log, window.jobs, window.platforms, None, window, policy=DEFAULT_POLICY)
    qtbot.addWidget(editor)
    assert editor.platform_edit.findText("Threads") >= 0


class ThreadsImporter(FriendsImporter):
    """The one piece of code a platform with an export needs: its importer (here reading a
    made-up followers file, [{"name": …, "username": …}], as measures/friends/importers/ does
    for real ones), named in the importers' list."""

    platform: ClassVar[str] = "threads"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def claims(self, path: str) -> bool:
        return base_name(path) == "threads_followers.json"

    def parse(self, path: str, data: bytes) -> list[Connection]:
        doc = load_json(data)
        if not isinstance(doc, list):
            raise FormatError("is not a Threads followers file", wrong_kind=True)
        entries = [(text_field(e, "name"), text_field(e, "username")) for e in doc]
        return people(self.platform, Relation.FOLLOWER, entries)


def test_the_friend_check_reads_it_and_says_so(
    threads: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(reader, "PLATFORM_IMPORTERS", (*PLATFORM_IMPORTERS, ThreadsImporter()))
    friend_check_in_this_process(monkeypatch)  # the worker processes would not see Threads
    export = tmp_path / "threads.zip"
    with zipfile.ZipFile(export, "w") as archive:
        followers = [{"name": "Liv", "username": "olivia.b"}, {"name": "Sam Jones"}]
        archive.writestr("threads/threads_followers.json", json.dumps(followers))
    names = tmp_path / "service-users.csv"
    names.write_text("name,threads username\nOlivia Brown,https://www.threads.net/@Olivia.B\n")

    assert run(["friends", "--names", str(names), "--json", str(export)]) == 0
    result = json.loads(capsys.readouterr().out)
    (match,) = result["matches"]
    assert match["platform"] == "threads" and match["service_user"] == "Olivia Brown"

    # its name, files and column in every help text
    assert "Threads: threads_followers.json" in what_we_read()
    assert handle_columns()["threads"] == handle_columns()["threads username"] == "threads"
    with pytest.raises(SystemExit):
        run(["friends", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Snapchat or Threads" in help_text and "snapchat and threads columns" in help_text
    with pytest.raises(ListError, match=r"snapchat and threads\)"):
        read_names("title,threads\nOlivia,olivia.b\n", table=True)

    # and the plan's steps to remove a service user there, with where to check them
    steps = removal_steps("threads", ["follower"], "the person")
    assert steps[0].startswith("Open your followers, tap the three dots beside the person")
    assert "the Threads help centre" in steps[-1]


def test_the_friend_check_window_names_it(qtbot: QtBot, threads: Path, tmp_path: Path) -> None:
    from selfaudit.ui.friends.check_widget import FriendCheckWidget
    from selfaudit.ui.friends.download_help import DownloadHelpDialog

    check = FriendCheckWidget(AuditSession(load_catalog(), AppState(platforms=["threads"])))
    qtbot.addWidget(check)
    dialog = DownloadHelpDialog(platform="threads", parent=check)
    qtbot.addWidget(dialog)
    assert dialog.platforms.currentText() == "Threads"
    assert "Download your information" in dialog.steps.text()

    bad = tmp_path / "names.csv"
    bad.write_text("first,second\nOlivia,Brown\n")
    check.import_service_users(bad)
    qtbot.waitUntil(lambda: bool(check.findChildren(QMessageBox)))
    text = " ".join(check.findChildren(QMessageBox)[-1].text().split())
    assert "columns called facebook, instagram, x, linkedin, tiktok, snapchat and threads" in text
