"""A command's prompt ended with Ctrl-D, or answered with Enter alone, is one line that says
nothing was typed: never the "did not expect" line of a bug, never counted as a wrong
passphrase, nothing changed. Ctrl-C while Python is still loading the command line is one line
too. The commands run as a person runs them: on a terminal of their own (a pseudo-terminal)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.paths import AppPaths
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault
from tests.unit.test_report import realistic_state

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal of its own")
ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "a quiet river"
CTRL_D, ENTER = b"\x04", b"\r"


@pytest.fixture
def checklist(app_paths: AppPaths) -> Vault:
    key, code = DataKey.generate(), RecoveryCode.generate()
    layout = VaultLayout(app_paths.data_dir)
    return Vault.create(layout, key, code, passphrase=PASSPHRASE, state=realistic_state())


def at_a_terminal(args: list[str], prompt: bytes, key: bytes) -> tuple[int, str]:
    """Runs `selfaudit ARGS` on a terminal of its own, presses `key` once `prompt` is shown,
    and gives its exit status and everything the terminal showed."""
    import pty

    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command, its terminal the pseudo-terminal
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        os.execve(sys.executable, [sys.executable, "-m", "selfaudit", *args], env)
    shown, pressed = b"", False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if not pressed and prompt in shown:
                os.write(terminal, key)  # getpass has switched the echo off before its prompt
                pressed = True
            if select.select([terminal], [], [], 0.1)[0]:
                try:
                    chunk = os.read(terminal, 4096)
                except OSError:  # the command ended and closed its side (EIO on Linux)
                    break
                if not chunk:
                    break
                shown += chunk
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(terminal)
    assert pressed, f"the prompt {prompt!r} was never shown: {shown!r}"
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


def said(shown: str, prompt: str) -> str:
    """The one line the command said after its prompt."""
    assert "Traceback" not in shown and "did not expect" not in shown, shown
    after = shown.split(prompt, 1)[1]
    lines = [line for line in after.splitlines() if line.strip()]
    assert len(lines) == 1, shown
    return lines[0]


@pytest.mark.parametrize("key", [CTRL_D, ENTER], ids=["ctrl-d", "enter"])
def test_nothing_typed_for_the_passphrase_is_said_and_never_counted(
    checklist: Vault, key: bytes
) -> None:
    status, shown = at_a_terminal(["evidence", "list"], b"Passphrase for your checklist:", key)
    assert status == 1
    assert said(shown, "Passphrase for your checklist:") == (
        "selfaudit: no passphrase was typed. Nothing was changed."
    )
    assert not checklist.layout.unlock_attempts.exists()  # not one wrong passphrase


def test_nothing_typed_for_the_recovery_code_is_said(checklist: Vault, tmp_path: Path) -> None:
    backup = tmp_path / "copy.zip"
    assert run(["backup", "-o", str(backup)]) == 0
    status, shown = at_a_terminal(["restore", str(backup)], b"Recovery code:", CTRL_D)
    assert status == 1
    assert said(shown, "Recovery code:") == (
        "selfaudit: no recovery code was typed. Nothing was changed."
    )


def test_ctrl_d_at_are_you_sure_is_a_no(
    checklist: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    assert run(["--passphrase-file", str(secret), "export", "--json"]) == 0
    export = tmp_path / "export.json"
    export.write_text(capsys.readouterr().out)
    before = checklist.layout.main.read_bytes()
    args = ["--passphrase-file", str(secret), "import", str(export)]
    status, shown = at_a_terminal(args, b"Type yes to continue:", CTRL_D)
    assert status == 1
    assert said(shown, "Type yes to continue:") == "selfaudit: Nothing was changed."
    assert checklist.layout.main.read_bytes() == before


@pytest.mark.parametrize("loading", ["selfaudit.cli", "selfaudit.cli.terminal"])
def test_ctrl_c_while_the_command_line_loads_is_one_line(loading: str) -> None:
    # Ctrl-C arrives as the module `loading` is imported, as it would in the first tenth of a
    # second of a command
    script = textwrap.dedent(
        f"""
        import sys

        class CtrlC:
            def find_spec(self, name, path=None, target=None):
                if name == {loading!r}:
                    raise KeyboardInterrupt
                return None

        sys.meta_path.insert(0, CtrlC())
        from selfaudit.__main__ import main
        sys.exit(main(["checks"]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 130
    assert result.stderr == "selfaudit: stopped (Ctrl-C).\n"
    assert result.stdout == ""


def test_ctrl_d_at_the_password_checker_is_said(app_paths: AppPaths) -> None:
    prompt = "Password (it will not show as you type):"
    status, shown = at_a_terminal(["password-check"], prompt.encode(), CTRL_D)
    assert status == 1
    assert said(shown, prompt) == (
        "selfaudit: no password was typed (Ctrl-D), so there is nothing to check."
    )
