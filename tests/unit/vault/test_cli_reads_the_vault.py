"""The commands that read the person's data (status, plan, remind, evidence) read it from the
encrypted vault the app writes, and never wait for a passphrase at login."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, datetime, timedelta

import pytest

from selfaudit.audit import AppState, AuditSession
from selfaudit.cli import run
from selfaudit.content import load_catalog
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, open_vault
from tests.helpers import passing_answers
from tests.keyring_double import InMemoryKeyring

PASSPHRASE = "a quiet river at dawn"


def audited_state(days_ago: int) -> AppState:
    when = datetime.now(UTC) - timedelta(days=days_ago)
    session = AuditSession(load_catalog(), AppState(), clock=lambda: when)
    answers = passing_answers(load_catalog())
    session.set_platforms(["facebook"])
    for check in session.applicable_checks():
        session.set_answer(check.id, answers[check.id])
    session.set_answer("passwords.unique", "no")  # one thing to fix
    session.finish()
    return session.state


def test_status_and_plan_read_the_vault(
    layout: VaultLayout, test_keyring: InMemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    key = DataKey.generate()
    KeyringKeyStore(test_keyring).store(key)
    Vault.create(layout, key, RecoveryCode.generate(), state=audited_state(days_ago=2))
    assert run(["status", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["open_actions"] == 1 and facts["score"] is not None and facts["score"] < 100
    assert run(["plan"]) == 0
    assert "Use a different password for each important account" in capsys.readouterr().out


def test_before_the_app_is_set_up_status_says_nothing_is_done(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["status", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["last_audit"] is None and facts["open_actions"] == 0
    assert run(["remind", "--if-due", "--print"]) == 0
    assert "You have not done your self-audit yet" in capsys.readouterr().out


def test_a_login_reminder_never_waits_for_a_passphrase(
    layout: VaultLayout, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Vault.create(
        layout,
        DataKey.generate(),
        RecoveryCode.generate(),
        passphrase=PASSPHRASE,
        state=audited_state(days_ago=400),
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nobody there to type
    # recently changed: nothing due, and nothing read from inside the file
    assert run(["remind", "--if-due", "--print"]) == 0
    assert capsys.readouterr().out == ""
    # unchanged for longer than the interval: a reminder that says why it cannot say more
    old = (datetime.now() - timedelta(days=200)).timestamp()
    os.utime(layout.main, (old, old))
    assert run(["remind", "--if-due", "--print"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Your online safety self-audit may be due")
    assert "type your passphrase" in out


def test_evidence_add_writes_into_the_vault(
    layout: VaultLayout, test_keyring: InMemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = DataKey.generate()
    KeyringKeyStore(test_keyring).store(key)
    Vault.create(layout, key, RecoveryCode.generate(), state=AppState())
    monkeypatch.setattr("sys.stdin", io.StringIO("You will regret this"))
    assert run(["evidence", "add", "--platform", "facebook", "--sender", "J. Smith"]) == 0
    incidents = open_vault(layout, key).state.evidence.incidents
    assert [i.details.sender for i in incidents] == ["J. Smith"]
    assert incidents[0].details.content == "You will regret this"
