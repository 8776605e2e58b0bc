"""The developer scripts: the test command runs every check in order, the screenshot scripts
still start (a renamed module or function breaks them here, not the next time someone wants a
screenshot), and no script borrows from the tests."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
SCREENSHOT_SCRIPTS = sorted(p.stem for p in SCRIPTS.glob("*screenshot*.py"))


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize(
    "path",
    sorted([*SCRIPTS.glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_script_imports_the_tests(path: Path) -> None:
    """What scripts share with the tests lives in samples/ (or the app), never in tests/."""
    borrowed = {m for m in imported_modules(path) if m == "tests" or m.startswith("tests.")}
    assert not borrowed, f"{path.name} imports {sorted(borrowed)}: move what it needs to samples/"


@pytest.mark.parametrize("script", SCREENSHOT_SCRIPTS)
def test_a_screenshot_script_starts_and_explains_itself(
    script: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    monkeypatch.setattr(sys, "argv", [f"{script}.py", "--help"])
    module = importlib.import_module(script)
    try:
        with pytest.raises(SystemExit) as stopped:
            module.main()
    finally:
        sys.modules.pop(script, None)
    assert stopped.value.code == 0
    usage = " ".join(capsys.readouterr().out.split())
    # shots.start's options: the folder and the dark palette
    assert usage.startswith(f"usage: {script}.py [-h] [--dark]") and "] out " in usage
    first_words = " ".join((module.__doc__ or "").split()[:6])
    assert first_words and first_words in usage, "the usage should start from the docstring"


def test_the_test_command_runs_every_check_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    dev = importlib.import_module("dev")
    commands: list[list[str]] = []
    monkeypatch.setattr(dev, "sh", lambda *cmd, env=None: commands.append([str(c) for c in cmd]))
    monkeypatch.setattr(dev.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    monkeypatch.setattr(dev.sys, "platform", "linux")
    dev.run_tests(["-x"])

    python, lint_imports = str(dev.PYTHON), str(dev.BIN / "lint-imports")
    lint_paths = ["src", "tests", "samples", "scripts", "benchmarks", "packaging"]
    assert commands[:6] == [
        [python, "-m", "ruff", "check", *lint_paths],
        [python, "-m", "ruff", "format", "--check", *lint_paths],
        [python, "-m", "mypy"],
        [python, "-m", "mypy", "--platform", "win32", *dev.WIN32_MODULES],
        [lint_imports, "--no-cache"],
        [python, "-m", "pytest", "-m", "not real_keyring", "-x"],
    ]
    (keyring_group,) = commands[6:]
    assert keyring_group[:2] == ["dbus-run-session", "--"]
    assert "-m real_keyring" in keyring_group[4] and keyring_group[-2:] == [python, "-x"]


def test_the_keyring_tests_run_in_a_home_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GNOME Keyring keeps the login keyring under the home's .local/share/keyrings: the test
    run must never open the person's own (locked with their password), nor their session."""
    monkeypatch.syspath_prepend(str(SCRIPTS))
    dev = importlib.import_module("dev")
    person = {
        "HOME": "/home/jo",
        "XDG_DATA_HOME": "/home/jo/.local/share",
        "XDG_RUNTIME_DIR": "/run/user/1000",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus",
        "GNOME_KEYRING_CONTROL": "/run/user/1000/keyring",
        "PATH": "/usr/bin",
    }
    env = dev.private_home(person, str(tmp_path))
    assert env["PATH"] == "/usr/bin"
    assert "DBUS_SESSION_BUS_ADDRESS" not in env and "GNOME_KEYRING_CONTROL" not in env
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        folder = Path(env[name])
        assert folder.is_relative_to(tmp_path) and folder.is_dir(), name
    assert (tmp_path / "run").stat().st_mode & 0o777 == 0o700
    sys.modules.pop("dev", None)
