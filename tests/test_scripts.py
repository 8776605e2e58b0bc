"""The developer scripts still import: a renamed module or function breaks them loudly here,
not the next time someone wants a screenshot."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.mark.parametrize("script", sorted(p.stem for p in SCRIPTS.glob("*.py")))
def test_script_imports(script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    module = importlib.import_module(script)
    if script != "shots":  # the screenshot scripts' shared helpers
        assert callable(getattr(module, "main", None)), f"scripts/{script}.py has no main()"
    sys.modules.pop(script, None)


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
