"""Every hostile file, broken policy and odd input ends in one clear line, as the person sees it
on the command line: never a traceback, never a hang, the checklist unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.paths import AppPaths
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault
from tests.keyring_double import InMemoryKeyring
from tests.unit.test_report import realistic_state

DEEP_POLICY = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
LONG_NUMBER_POLICY = "reaudit_days = " + "9" * 5000 + "\n"


@pytest.fixture
def checklist(app_paths: AppPaths, test_keyring: InMemoryKeyring) -> Vault:
    """A checklist with three audits behind it, its key in the (test) keyring."""
    key, code = DataKey.generate(), RecoveryCode.generate()
    KeyringKeyStore(test_keyring).store(key)
    return Vault.create(VaultLayout(app_paths.data_dir), key, code, state=realistic_state())


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert "Traceback" not in text
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("policy", [DEEP_POLICY, LONG_NUMBER_POLICY], ids=["deep", "digits"])
@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["plan"],
        ["calendar", "-o", "cal.ics"],
        ["policy", "show"],
        ["remind", "--if-due", "--print"],
    ],
    ids=lambda c: c[0],
)
def test_a_broken_deployed_policy_is_skipped_by_every_command(
    policy: str,
    command: list[str],
    checklist: Vault,
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deployed = app_paths.site_config_dirs[0] / "policy.toml"
    deployed.parent.mkdir(parents=True)
    deployed.write_text(policy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(command) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"ignored the policy file {deployed}" in err
    assert "this is not a usable policy file: it " in err
