"""`selfaudit probe` and `selfaudit password-check`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.probes.probe import ProbeResult, ProbeStatus

SECRET = "Northshire-kettle-47"


def test_probe_on_this_machine_without_a_desktop_says_unknown_for_the_screen_lock() -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "selfaudit", "probe", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    checks = {c["id"]: c for c in json.loads(done.stdout)["checks"]}
    assert set(checks) == {"screen_lock", "disk_encryption"}
    lock = checks["screen_lock"]
    assert lock["status"] == "unknown"
    assert lock["detail"] and lock["evidence"]["XDG_CURRENT_DESKTOP"] is None
    assert lock["how_to_check"], "unknown comes with steps to check by hand"
    assert checks["disk_encryption"]["status"] in {"pass", "fail", "unknown"}


def test_probe_text_shows_fix_steps_for_a_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Failing:
        id, system = "screen_lock", "gnome"

        def run(self) -> ProbeResult:
            return ProbeResult(self.id, ProbeStatus.FAIL, "Locks after 20 minutes.", "gnome")

    monkeypatch.setattr("selfaudit.probes.computer_probes", lambda minutes: [Failing()])
    assert run(["probe"]) == 0
    out = capsys.readouterr().out
    assert "Screen lock: needs fixing" in out and "Locks after 20 minutes." in out
    assert "How to fix it:" in out and '"Blank Screen Delay"' in out


def read_all_files(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


def test_password_check_reads_stdin_and_never_prints_or_writes_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert run(["password-check", "--json"]) == 0
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert 0 <= report["score"] <= 4 and report["crack_time"] and "suggestions" in report
    assert report["meets_policy"] == (report["score"] >= report["min_score"])
    assert SECRET not in out.out + out.err
    assert SECRET.encode() not in read_all_files(tmp_path)


def test_password_check_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("password\n"))
    assert run(["password-check", "--name", "Sam Taylor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Strength: Very easy to guess (0 out of 4)")
    assert 'at least "Hard to guess"' in out


def test_password_check_never_takes_the_password_as_an_argument() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["password-check", SECRET])
    assert exit_info.value.code == 2


def test_password_check_with_nothing_on_stdin_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run(["password-check"]) == 1
    assert "no password given" in capsys.readouterr().err


def test_the_new_commands_do_not_import_qt() -> None:
    code = (
        "import io, sys; sys.stdin = io.StringIO('abc\\n'); from selfaudit.cli import run; "
        "run(['password-check', '--json']); run(['probe', '--json']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
