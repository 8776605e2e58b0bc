#!/usr/bin/env python3
"""Sets up a virtual environment (.venv) with selfaudit and its test tools, then runs the app or
the whole test suite. Standard library only, so it works on a fresh machine with just Python 3.11+.

    python3 scripts/dev.py run     set up, then open the app
    python3 scripts/dev.py test    set up, then run ruff, mypy, lint-imports and pytest (and
                                   the real-keyring group)
    python3 scripts/dev.py bundle  set up with PyInstaller, then build the one-folder bundle
                                   for this OS in dist/ and smoke-test it (packaging/README.md)
    python3 scripts/dev.py bench   set up, then run the benchmarks and print their table
                                   (benchmarks/run.py; exit status 1 if a budget is not met)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def sh(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env, check=False)
    if result.returncode:
        sys.exit(result.returncode)


def setup(extras: tuple[str, ...] = ("test",)) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"selfaudit needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"Creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # the stamp records what was installed: this pyproject.toml's hash, then the extras
    stamp = VENV / ".selfaudit-installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    recorded = stamp.read_text().split() if stamp.exists() else []
    have = set(recorded[1:]) if recorded[:1] == [digest] else set()
    if not set(extras) <= have:
        extras = tuple(sorted(have | set(extras)))
        sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PYTHON, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{','.join(extras)}]")
        stamp.write_text(" ".join((digest, *extras)))


def run_app(args: list[str]) -> None:
    sh(PYTHON, "-m", "selfaudit", *args)


# modules with code that runs only on Windows (winreg, ctypes' Win32 calls)
WIN32_MODULES = (
    "src/selfaudit/probes/windows.py",
    "src/selfaudit/reminders/autostart.py",
    "src/selfaudit/ui/foreground.py",
    "src/selfaudit/machine_policy.py",
    "src/selfaudit/managed_settings.py",
    "src/selfaudit/ui/screen_lock/windows.py",
)


def run_tests(args: list[str]) -> None:
    lint_paths = ("src", "tests", "samples", "scripts", "benchmarks", "packaging")
    sh(PYTHON, "-m", "ruff", "check", *lint_paths)
    sh(PYTHON, "-m", "ruff", "format", "--check", *lint_paths)
    sh(PYTHON, "-m", "mypy")
    # the Win32 layers are skipped by a Linux type check: check them as Windows sees them
    sh(PYTHON, "-m", "mypy", "--platform", "win32", *WIN32_MODULES)
    # the import contracts in pyproject.toml: layers, Qt only in ui/, the CLI's one way into ui/
    sh(BIN / "lint-imports", "--no-cache")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    sh(PYTHON, "-m", "pytest", "-m", "not real_keyring", *args, env=env)
    real_keyring_tests(args, env)


def real_keyring_tests(args: list[str], env: dict[str, str]) -> None:
    """The keyring group runs against GNOME Keyring's Secret Service in a private D-Bus session,
    because that is what Linux users have. Elsewhere the platform's own keyring is used.

    The daemon and the tests get a home of their own (HOME and every XDG folder in a temporary
    folder, removed afterwards): GNOME Keyring keeps its login keyring in the home's
    .local/share/keyrings and its control socket in XDG_RUNTIME_DIR, so the person's own
    keyring (locked with their password) is never opened, changed or waited on, and two test
    runs at once never meet."""
    if sys.platform != "linux":
        sh(PYTHON, "-m", "pytest", "-m", "real_keyring", *args, env=env)
        return
    missing = [
        tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(tool)
    ]
    if missing:
        sys.exit(
            "The real-keyring tests need " + " and ".join(missing) + ". On Debian or Ubuntu: "
            "sudo apt-get install dbus gnome-keyring"
        )
    script = (
        "printf selfaudit-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        'exec "$0" -m pytest -m real_keyring "$@"'
    )
    with tempfile.TemporaryDirectory(prefix="selfaudit-keyring-home-") as home:
        sh("dbus-run-session", "--", "sh", "-c", script, PYTHON, *args, env=private_home(env, home))


def private_home(env: dict[str, str], home: str) -> dict[str, str]:
    """`env` with HOME and the XDG folders in `home`, and no trace of the person's session."""
    folders = {
        "HOME": home,
        "XDG_DATA_HOME": f"{home}/.local/share",
        "XDG_CONFIG_HOME": f"{home}/.config",
        "XDG_CACHE_HOME": f"{home}/.cache",
        "XDG_STATE_HOME": f"{home}/.local/state",
        "XDG_RUNTIME_DIR": f"{home}/run",
    }
    for folder in folders.values():
        Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    private = {k: v for k, v in env.items() if k not in SESSION_VARIABLES}
    return {**private, **folders}


# what points a program at the person's own session: their bus, their keyring daemon
SESSION_VARIABLES = {
    "DBUS_SESSION_BUS_ADDRESS",
    "GNOME_KEYRING_CONTROL",
    "GNOME_KEYRING_PID",
    "SSH_AUTH_SOCK",
    "XDG_CONFIG_DIRS",
    "XDG_DATA_DIRS",
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test", "setup", "bundle", "bench"}:
        sys.exit(__doc__)
    command, rest = sys.argv[1], sys.argv[2:]
    setup(("test", "bundle") if command == "bundle" else ("test",))
    if command == "run":
        run_app(rest)
    elif command == "test":
        run_tests(rest)
    elif command == "bundle":
        sh(PYTHON, ROOT / "packaging" / "build.py", *rest)
    elif command == "bench":
        sh(PYTHON, ROOT / "benchmarks" / "run.py", *rest)


if __name__ == "__main__":
    main()
