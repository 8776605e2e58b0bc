"""The vault commands: export, import, backup, restore, as the person would run them."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import keyring.core
import pytest
from keyring.backends import fail

from selfaudit.cli import run
from selfaudit.evidence.attachments import PictureInfo, prepare_attachment
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.models import Channel, IncidentDetails
from selfaudit.paths import AppPaths
from selfaudit.vault import contents as vault_contents
from selfaudit.vault.backups import list_backups
from selfaudit.vault.fileformat import decrypt
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import InstanceLock
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.keyring_double import InMemoryKeyring
from tests.unit.vault.conftest import CANARY, marker_of, state_with


@pytest.fixture
def checklist(layout: VaultLayout, test_keyring: InMemoryKeyring) -> tuple[Vault, RecoveryCode]:
    key, code = DataKey.generate(), RecoveryCode.generate()
    KeyringKeyStore(test_keyring).store(key)
    return Vault.create(layout, key, code, state=state_with(CANARY)), code


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_export_prints_everything_and_writes_nothing(
    checklist: tuple[Vault, RecoveryCode], capsys: pytest.CaptureFixture[str]
) -> None:
    vault, code = checklist
    before = snapshot(vault.layout.root)
    assert run(["export", "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["kind"] == "selfaudit-export"
    assert exported["state"]["friend_matches"][0]["friend"] == CANARY
    assert exported["state"]["answers"]["passwords.unique"]["value"] == "yes"
    assert str(code) not in json.dumps(exported)  # the recovery code is not data about you
    assert snapshot(vault.layout.root) == before


def test_export_without_a_checklist_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", "--json"]) == 1
    assert "no checklist yet" in capsys.readouterr().err


def test_export_without_the_key_points_to_the_recovery_code(
    checklist: tuple[Vault, RecoveryCode],
    test_keyring: InMemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    test_keyring.entries.clear()
    assert run(["export", "--json"]) == 1
    assert "does not have the key" in capsys.readouterr().err
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    assert run(["export", "--json"]) == 1
    error = capsys.readouterr().err
    assert "no keyring" in error and "recovery code" in error and "Traceback" not in error


def test_export_in_passphrase_mode_reads_the_passphrase(
    layout: VaultLayout, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    Vault.create(layout, key, code, passphrase="a quiet river at dawn", state=state_with("pp"))
    stdin(monkeypatch, "a quiet river at dusk\n")
    assert run(["export", "--json"]) == 1
    assert "Caps Lock" in capsys.readouterr().err
    stdin(monkeypatch, "a quiet river at dawn\n")
    assert run(["export", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state"]["friend_matches"][0]["friend"] == "pp"


def test_import_replaces_the_checklist_and_keeps_the_old_one(
    checklist: tuple[Vault, RecoveryCode],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault, _ = checklist
    assert run(["export", "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    exported["state"]["friend_matches"][0]["friend"] = "imported friend"
    source = tmp_path / "mine.json"
    source.write_text(json.dumps(exported))
    stdin(monkeypatch, "")
    assert run(["import", str(source)]) == 1
    assert "Add --yes" in capsys.readouterr().err
    assert marker_of(open_vault(vault.layout, vault.key).state) == CANARY
    assert run(["import", str(source), "--yes"]) == 0
    assert "Imported" in capsys.readouterr().out
    assert marker_of(open_vault(vault.layout, vault.key).state) == "imported friend"
    old = Vault(vault.layout, vault.key, vault.slots, "", 0, None)
    from selfaudit.vault.backups import list_backups

    newest_backup = list_backups(vault.layout.backups)[0].path.read_bytes()
    assert marker_of(vault_contents.load(decrypt(newest_backup, old.key)[1]).state) == CANARY


def no_pictures(data: bytes, media_type: str, name: str) -> PictureInfo:
    raise AssertionError("no picture is attached here")


HEAD = '{"kind": "selfaudit-export", "app_version": "1", "exported_at": "2026-01-01T00:00:00Z"'


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "it is not JSON (line 1, column 2"),
        ('{"kind": "something else"}', "kind"),
        (
            HEAD + ', "state": {"schema_version": 1, "answers": {"x": {"value": 3}}}}',
            "answers.x",
        ),
        (
            HEAD + ', "state": {"schema_version": 99}}',
            "newer version",
        ),
    ],
)
def test_import_refuses_bad_files_with_the_reason_and_changes_nothing(
    checklist: tuple[Vault, RecoveryCode],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    reason: str,
) -> None:
    vault, _ = checklist
    before = snapshot(vault.layout.root)
    source = tmp_path / "bad.json"
    source.write_text(content)
    assert run(["import", str(source), "--yes"]) == 1
    error = capsys.readouterr().err
    assert reason in error and "has not changed" in error and str(source) in error
    assert snapshot(vault.layout.root) == before


def test_import_of_a_missing_file_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", "/nowhere/at/all.json", "--yes"]) == 1
    assert "cannot read /nowhere/at/all.json" in capsys.readouterr().err


def test_writing_commands_refuse_while_the_app_is_open(
    checklist: tuple[Vault, RecoveryCode], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault, _ = checklist
    app = InstanceLock(vault.layout.lock)
    assert app.acquire()
    try:
        source = tmp_path / "x.json"
        source.write_text(HEAD + ', "state": {"schema_version": 1}}')
        assert run(["import", str(source), "--yes"]) == 1
        assert "selfaudit is open" in capsys.readouterr().err
    finally:
        app.release()


def test_backup_then_restore_on_a_new_computer(
    checklist: tuple[Vault, RecoveryCode],
    app_paths: AppPaths,
    test_keyring: InMemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault, code = checklist
    state = state_with("latest")
    log = IncidentLog(state.evidence, vault.blobs)
    kept = log.store_attachment(prepare_attachment("note.txt", b"screenshot bytes", no_pictures))
    log.add(
        IncidentDetails(occurred_at=datetime.now(UTC), channel=Channel.TEXT, attachments=(kept,))
    )
    blob_id = kept.blob_id
    vault.save(state)
    copy = tmp_path / "usb-stick" / "selfaudit-backup.zip"
    copy.parent.mkdir()
    assert run(["backup", "-o", str(copy)]) == 0
    assert "1 attachment" in capsys.readouterr().out
    assert CANARY.encode() not in copy.read_bytes() and b"latest" not in copy.read_bytes()
    assert run(["backup", "-o", str(copy)]) == 1
    assert "already exists" in capsys.readouterr().err

    # the new computer: nothing in the data folder, nothing in the keyring
    shutil.rmtree(app_paths.data_dir)
    test_keyring.entries.clear()
    stdin(monkeypatch, "WRONG-CODE\n")
    assert run(["restore", str(copy)]) == 1
    assert "letters and numbers" in capsys.readouterr().err
    stdin(monkeypatch, f"{RecoveryCode.generate()}\n")
    assert run(["restore", str(copy)]) == 1
    assert "does not open" in capsys.readouterr().err
    assert not app_paths.data_dir.exists() or not VaultLayout(app_paths.data_dir).has_data()

    stdin(monkeypatch, f"{str(code).lower()}\n")
    assert run(["restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Restored your checklist" in out and "kept in" in out
    # the day as the app says it everywhere: "6 December 2026 at 11:07pm", never "06 December"
    assert re.search(r"as saved on [1-9]\d? [A-Z][a-z]+ \d{4} at \d{1,2}:\d\d[ap]m \(", out), out
    layout = VaultLayout(app_paths.data_dir)
    store = KeyringKeyStore(test_keyring)
    key = store.find(inspect(layout).key_ids)
    assert key is not None
    opened = open_vault(layout, key)
    assert marker_of(opened.state) == "latest"
    assert opened.vault.blobs.get(blob_id) == b"screenshot bytes"


def test_restore_keeps_the_checklist_it_replaces(
    checklist: tuple[Vault, RecoveryCode],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault, code = checklist
    copy = tmp_path / "copy.zip"
    assert run(["backup", "-o", str(copy)]) == 0
    vault.save(state_with("made after the backup"))
    replaced = vault.layout.main.read_bytes()
    stdin(monkeypatch, f"{code}\n")
    assert run(["restore", str(copy)]) == 0
    assert marker_of(open_vault(vault.layout, vault.key).state) == CANARY
    assert replaced in [b.path.read_bytes() for b in list_backups(vault.layout.backups)]


def test_restore_refuses_what_is_not_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "holiday.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not a backup")
    stdin(monkeypatch, "\n")
    assert run(["restore", str(junk)]) == 1
    assert "is not a selfaudit backup" in capsys.readouterr().err


def test_the_vault_commands_do_not_import_qt(app_paths: AppPaths) -> None:
    code = (
        "import sys; from selfaudit.cli import run\n"
        "for argv in (['export', '--json'], ['backup', '-o', 'x.zip'], ['import', 'no.json']):\n"
        "    run(argv)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    home = app_paths.data_dir.parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=home.parent,
        env={
            **os.environ,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no checklist yet" in result.stderr
