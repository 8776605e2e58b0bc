"""`selfaudit evidence add | list | export`, driven with an in-memory state and blob store in
place of the vault."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.evidence.models import Action, Channel
from selfaudit.paths import AppPaths
from tests.evidence_helpers import FakeVault, install_fake_vault

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def vault(monkeypatch: pytest.MonkeyPatch) -> FakeVault:
    return install_fake_vault(monkeypatch)


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_add_records_an_incident_with_content_from_stdin(
    vault: FakeVault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "I know where you work.\nYou should watch yourself.\n")
    status = run(
        [
            "evidence",
            "add",
            "--platform",
            "facebook",
            "--sender",
            "Jordan Pike",
            "--url",
            "https://www.facebook.com/jordan.pike.5439",
            "--when",
            "2025-03-12T21:31+00:00",
            "--did",
            "blocked",
            "--did",
            "told",
            "--notes",
            "Told Sam",
        ]
    )
    assert status == 0
    [incident] = vault.state.evidence.incidents
    details = incident.details
    assert details.content == "I know where you work.\nYou should watch yourself."
    assert (details.channel, details.platform, details.sender) == (
        Channel.SOCIAL,
        "Facebook",
        "Jordan Pike",
    )
    assert details.occurred_at == datetime(2025, 3, 12, 21, 31, tzinfo=UTC)
    assert details.actions == (Action.BLOCKED, Action.TOLD)
    assert (
        details.url == "https://www.facebook.com/jordan.pike.5439" and details.notes == "Told Sam"
    )
    assert vault.saves == 1
    out = capsys.readouterr().out
    assert f"Recorded incident {incident.id}: Wednesday 12 March 2025 at 9:31pm (UTC)" in out


def test_add_understands_channels_and_local_times(
    vault: FakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, "")
    assert (
        run(
            [
                "evidence",
                "add",
                "--platform",
                "text",
                "--sender",
                "07700 900461",
                "--when",
                "2025-03-12 08:05",
            ]
        )
        == 0
    )
    stdin(monkeypatch, "")
    assert run(["evidence", "add", "--platform", "Mumsnet", "--sender", "anon"]) == 0
    first, second = vault.state.evidence.incidents
    assert (first.details.channel, first.details.platform) == (Channel.TEXT, "")
    assert first.details.occurred_at.utcoffset() is not None  # the computer's own zone
    assert first.details.occurred_at.replace(tzinfo=None) == datetime(2025, 3, 12, 8, 5)
    assert (second.details.channel, second.details.platform) == (Channel.SOCIAL, "Mumsnet")
    assert abs(second.details.occurred_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_add_keeps_an_attached_file_encrypted_and_byte_for_byte(
    vault: FakeVault,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    saved_email = tmp_path / "outside" / "message.eml"
    saved_email.parent.mkdir()
    body = b"From: j.pike@example.com\r\nSubject: watch yourself\r\n\r\nCANARY-3141592653"
    saved_email.write_bytes(body)
    stdin(monkeypatch, "see the attached e-mail")
    assert (
        run(
            [
                "evidence",
                "add",
                "--platform",
                "email",
                "--sender",
                "j.pike@example.com",
                "--attach",
                str(saved_email),
            ]
        )
        == 0
    )
    [attachment] = vault.state.evidence.incidents[0].details.attachments
    assert vault.blobs.get(attachment.blob_id) == body
    assert attachment.file_name == "message.eml" and attachment.size == len(body)
    assert attachment.sha256 in capsys.readouterr().out
    assert b"CANARY-3141592653" not in vault.state.model_dump_json().encode()


def test_a_refused_attachment_records_nothing(
    vault: FakeVault,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fine = tmp_path / "fine.txt"
    fine.write_text("notes")
    fake_picture = tmp_path / "shot.png"
    fake_picture.write_text("not a picture")
    stdin(monkeypatch, "hello")
    status = run(
        [
            "evidence",
            "add",
            "--platform",
            "x",
            "--sender",
            "@someone",
            "--attach",
            str(fine),
            "--attach",
            str(fake_picture),
        ]
    )
    assert status == 1
    assert "“shot.png” is named like a PNG picture" in capsys.readouterr().err
    assert vault.opened == 0 and vault.blobs.blobs == {}


def test_a_bad_date_is_explained(
    vault: FakeVault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "hello")
    assert run(["evidence", "add", "--platform", "x", "--sender", "s", "--when", "12/03/25"]) == 1
    err = capsys.readouterr().err
    assert "--when: “12/03/25” is not a date and time" in err and "2025-03-12T21:31" in err
    assert vault.state.evidence.incidents == []
    # a line break typed into the date is said back escaped: still one line
    assert run(["evidence", "add", "--platform", "x", "--sender", "s", "--when", "1\n2"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "selfaudit: --when: “1\\n2” is not a date and time. Write it like 2025-03-12T21:31, "
        "or 2025-03-12T21:31+01:00 to give the time zone."
    ]


def add(monkeypatch: pytest.MonkeyPatch, content: str, when: str, sender: str = "s") -> None:
    stdin(monkeypatch, content)
    assert run(["evidence", "add", "--platform", "x", "--sender", sender, "--when", when]) == 0


def test_list_shows_incidents_in_order(
    vault: FakeVault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["evidence", "list"]) == 0
    assert "No incidents recorded yet." in capsys.readouterr().out
    add(monkeypatch, "second", "2025-03-13T08:05+00:00", sender="@later")
    add(monkeypatch, "first", "2025-03-12T21:31+00:00", sender="@earlier")
    capsys.readouterr()
    assert run(["evidence", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "When", "Where", "From", "Files"]
    assert "12 Mar 2025, 9:31pm" in lines[1] and "@earlier" in lines[1]
    assert "13 Mar 2025, 8:05am" in lines[2] and "X (Twitter)" in lines[2]

    assert run(["evidence", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["incidents"]
    assert [r["content"] for r in rows] == ["first", "second"]
    assert rows[0]["occurred_at"] == "2025-03-12T21:31:00+00:00"
    assert rows[0]["attachments"] == []


def test_export_writes_the_chosen_incidents(
    vault: FakeVault,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    app_paths: AppPaths,
) -> None:
    deployed = app_paths.site_config_dirs[0] / "policy.toml"  # the policy in force names it
    deployed.parent.mkdir(parents=True)
    deployed.write_text('organisation = "Oakfield Primary School"\n', encoding="utf-8")
    add(monkeypatch, "the one to report", "2025-03-12T21:31+00:00")
    add(monkeypatch, "a private one", "2025-03-13T08:05+00:00")
    wanted = vault.state.evidence.incidents[0].id
    target = tmp_path / "report.html"
    capsys.readouterr()
    assert run(["evidence", "export", "-o", str(target), wanted[:5]]) == 0
    page = target.read_text(encoding="utf-8")
    assert "the one to report" in page and "a private one" not in page
    assert "Oakfield Primary School" in page
    out = capsys.readouterr().out
    assert f"Saved a report of 1 incident to {target}." in out and "not encrypted" in out

    assert run(["evidence", "export", "-o", str(target), "--all"]) == 0
    assert "a private one" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-o", "r.html"], "Say which incidents to include: --all, or their ids"),
        (["-o", "r.html", "--all", "abcd"], "either --all or the ids"),
        (["-o", "r.docx", "--all"], "as .pdf or .html, not .docx"),
        (["-o", "r.html", "0badc0de"], "There is no incident 0badc0de"),
    ],
)
def test_export_mistakes_are_explained(
    vault: FakeVault,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    add(monkeypatch, "something", "2025-03-12T21:31+00:00")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert run(["evidence", "export", *arguments]) == 1
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_before_the_app_is_set_up_the_commands_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["evidence", "list"]) == 1
    assert "no checklist yet. Open the app once" in capsys.readouterr().err


def test_recording_and_listing_do_not_import_qt(tmp_path: Path) -> None:
    code = f"""
import io, sys
from selfaudit.cli import evidence, run
from tests.evidence_helpers import FakeVault

evidence.open_evidence = FakeVault().open
sys.stdin = io.StringIO("hello")
note = {str(tmp_path / "note.txt")!r}
open(note, "w").write("a note")
assert run(["evidence", "add", "--platform", "x", "--sender", "s", "--attach", note]) == 0
assert run(["evidence", "list", "--json"]) == 0
assert run(["evidence", "export", "--all", "-o", {str(tmp_path / "r.html")!r}]) == 0
assert not any(m.startswith("PySide6") for m in sys.modules), "Qt imported"
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
