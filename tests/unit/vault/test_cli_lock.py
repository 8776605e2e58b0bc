"""The command line and a checklist that asks for a passphrase: `status` says what it can
without it (a script, a login item), and wrong passphrases are counted as the app counts them,
the wait after them holding for commands too."""

from __future__ import annotations

import io
import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.unlock_throttle import FREE_TRIES
from selfaudit.vault.vault import Vault
from tests.unit.vault.test_cli_reads_the_vault import audited_state

PASSPHRASE = "a quiet river at dawn"


@pytest.fixture
def locked(layout: VaultLayout) -> Vault:
    return Vault.create(
        layout, DataKey.generate(), RecoveryCode.generate(), PASSPHRASE, audited_state(2)
    )


def passphrase_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / f"passphrase-{abs(hash(text))}"
    path.write_text(text + "\n")
    return str(path)


def test_status_without_the_passphrase_says_only_what_it_can_tell(
    locked: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script or a login item: nobody there
    assert run(["status"]) == 0
    out = capsys.readouterr().out
    assert "locked with a passphrase" in out and "Last saved:" in out
    assert "at the latest" in out and "Score" not in out
    assert run(["status", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["locked"] is True and facts["score"] is None and facts["open_actions"] is None
    saved = date.fromisoformat(facts["last_saved"])
    assert saved == date.today()
    assert date.fromisoformat(facts["due_by"]) == saved + timedelta(days=180)  # the default
    assert facts["audit_may_be_due"] is False
    # left unchanged for longer than the interval, it may be due (which only the app can say)
    old = (datetime.now() - timedelta(days=200)).timestamp()
    os.utime(locked.layout.main, (old, old))
    assert run(["status"]) == 0
    assert "it may be due now" in capsys.readouterr().out
    assert not locked.layout.unlock_attempts.exists()  # nothing tried, nothing counted


def test_status_with_the_passphrase_says_everything(
    locked: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = passphrase_file(tmp_path, PASSPHRASE)
    assert run(["status", "--json", "--passphrase-file", secret]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["locked"] is False and facts["open_actions"] == 1 and facts["score"] < 100


def test_wrong_passphrases_wait_on_the_command_line_too(
    locked: Vault,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong, right = passphrase_file(tmp_path, "a loud river"), passphrase_file(tmp_path, PASSPHRASE)
    for _ in range(FREE_TRIES):
        assert run(["plan", "--passphrase-file", wrong]) == 1
        assert "does not open your checklist" in capsys.readouterr().err
    # the right one, too soon: refused before it is even tried, and the wait said
    assert run(["plan", "--passphrase-file", right]) == 1
    err = capsys.readouterr().err
    assert "Too many wrong passphrases in a row. Wait 2 seconds" in err
    attempts = locked.layout.unlock_attempts
    recorded = json.loads(attempts.read_text())
    assert recorded["failures"] == FREE_TRIES  # the app's unlock screen counts the same file
    recorded["last_failure"] -= 60  # the wait has passed
    attempts.write_text(json.dumps(recorded))
    assert run(["plan", "--passphrase-file", right]) == 0
    assert not attempts.exists()  # the right passphrase clears the count
