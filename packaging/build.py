#!/usr/bin/env python3
"""Builds the selfaudit bundle for this OS with PyInstaller, then smoke-tests the built program.

    python3 scripts/dev.py bundle               the usual way: sets up .venv, then runs this
    .venv/bin/python packaging/build.py         build dist/selfaudit and smoke-test it
    .venv/bin/python packaging/build.py --smoke-only      test an existing build
    .venv/bin/python packaging/build.py --installer       Windows: also build the installer
    .venv/bin/python packaging/build.py --installer-only [--sign COMMAND]
                                                Windows: the installer from dist/selfaudit, once
                                                its programs are signed (packaging/README.md)

The smoke test runs the built program from an empty folder with a clean environment (no Python,
no PYTHONPATH, its own home and data folders, and on Windows and macOS a throw-away keyring
entry name, so nothing of the builder's is read or left behind): `--version`, `checks --json`,
`now --json`, `self-test`, the friend check with plain, accented and Cyrillic names, and the
window opened until it is shown, offscreen and (Linux) on an X11 virtual screen. On Windows it
runs both programs: selfaudit-cli.exe, and the windowed selfaudit.exe, which opens the window
without a command and runs one when given it. On Linux it also installs the bundle into a
scratch root with install.sh, runs the installed copy, and packs
dist/selfaudit-VERSION-linux-ARCH.tar.gz. On macOS the build stops first if a wheel or Python
itself needs a newer macOS than the bundle promises (macos_support.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from selfaudit import APP_ID, APP_TITLE, __version__  # noqa: E402

DIST = ROOT / "dist"
BUNDLE = DIST / "selfaudit"
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"


class SmokeTestError(Exception):
    pass


def program() -> Path:
    if sys.platform == "win32":
        return BUNDLE / "selfaudit-cli.exe"
    if sys.platform == "darwin":
        return DIST / "selfaudit.app" / "Contents" / "MacOS" / "selfaudit"
    return BUNDLE / "selfaudit"


def check_macos_wheels() -> None:
    """macOS: every wheel the app runs on, and Python, work on the macOS the bundle promises."""
    import sysconfig
    from importlib.metadata import distribution

    sys.path.insert(0, str(ROOT / "packaging"))
    from macos_support import MINIMUM_MACOS, too_new

    wheels = {}
    for name in runtime_distributions("selfaudit"):
        text = distribution(name).read_text("WHEEL")
        if text is not None:
            wheels[name] = text
    problems = too_new(wheels, sysconfig.get_platform(), MINIMUM_MACOS)
    if problems:
        oldest = ".".join(map(str, MINIMUM_MACOS))
        sys.exit(
            f"This bundle would not run on macOS {oldest}, the oldest it promises:\n  "
            + "\n  ".join(problems)
            + f"\nBuild on macOS {oldest} with Python from python.org (packaging/README.md)."
        )


def runtime_distributions(name: str) -> set[str]:
    """`name` and everything it needs to run on this computer (not its extras)."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement

    found: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        key = current.lower().replace("_", "-")
        if key in found:
            continue
        found.add(key)
        try:
            needs = requires(current) or []
        except PackageNotFoundError:
            continue
        for text in needs:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return found


def build() -> None:
    shutil.rmtree(DIST, ignore_errors=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller")]
    command.append(str(ROOT / "packaging" / "selfaudit.spec"))
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    if sys.platform.startswith("linux"):
        stage_linux_desktop_files(BUNDLE)


def stage_linux_desktop_files(bundle: Path) -> None:
    """Puts the menu entry, AppStream metadata, icons and install.sh into the bundle folder."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy(LINUX / f"{APP_ID}.desktop", share / "applications")
    shutil.copy(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(ICONS / "hicolor", share / "icons" / "hicolor")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(ICONS / f"{APP_ID}.svg", scalable)
    shutil.copy(LINUX / "install.sh", bundle / "install.sh")
    (bundle / "install.sh").chmod(0o755)


# The name the smoke test's programs keep a key under in the keyring (vault/keystore.py reads
# it), so the Windows Credential Manager or macOS Keychain of the builder gets nothing of theirs.
KEYRING_SERVICE_VARIABLE = "SELFAUDIT_KEYRING_SERVICE"


def clean_environment(home: Path, keyring_service: str) -> dict[str, str]:
    """What a fresh login has, and nothing of this build's Python or of the builder's data."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    env[KEYRING_SERVICE_VARIABLE] = keyring_service
    if sys.platform == "win32":
        for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP"):
            if name in os.environ:
                env[name] = os.environ[name]
        env["PATH"] = str(Path(os.environ.get("SYSTEMROOT", r"C:\Windows")) / "System32")
        # The folders of a fresh profile. platformdirs asks Windows for the real ones (not these
        # variables) unless told otherwise with WIN_PD_OVERRIDE_*; smoke_test checks it listened.
        folders = {
            "USERPROFILE": home,
            "APPDATA": home / "AppData" / "Roaming",
            "LOCALAPPDATA": home / "AppData" / "Local",
            "PROGRAMDATA": home / "ProgramData",
        }
        for name, folder in folders.items():
            folder.mkdir(parents=True, exist_ok=True)
            env[name] = str(folder)
        env["WIN_PD_OVERRIDE_APPDATA"] = env["APPDATA"]
        env["WIN_PD_OVERRIDE_LOCAL_APPDATA"] = env["LOCALAPPDATA"]
        env["WIN_PD_OVERRIDE_COMMON_APPDATA"] = env["PROGRAMDATA"]
    else:
        env["PATH"] = "/usr/bin:/bin"
        env["XDG_RUNTIME_DIR"] = str(home / "runtime")
        (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def forget_keys(service: str) -> None:
    """Removes whatever the smoke test's programs kept in the keyring under `service` (a new
    computer's first run keeps a key before the recovery code is shown; the window quits there)."""
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring

        vault = WinVaultKeyring()
        for _ in range(100):
            credential = vault.get_credential(service, None)
            if credential is None:
                return
            vault.delete_password(service, credential.username)
    elif sys.platform == "darwin":
        for _ in range(100):
            done = subprocess.run(
                ["security", "delete-generic-password", "-s", service], capture_output=True
            )
            if done.returncode:
                return


def run(exe: Path, *args: str, env: dict[str, str], cwd: Path, prefix: tuple[str, ...] = ()) -> str:
    result = subprocess.run(
        [*prefix, str(exe), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",  # the bundle's UTF-8 mode, whatever this console's code page
        errors="replace",
        timeout=120,
    )
    if result.returncode:
        command = " ".join(("selfaudit", *args))
        output = result.stdout + result.stderr
        raise SmokeTestError(f"`{command}` exited {result.returncode}:\n{output}")
    return result.stdout


def smoke_test(exe: Path) -> None:
    keyring_service = f"selfaudit-smoke-{uuid.uuid4().hex[:12]}"
    try:
        with tempfile.TemporaryDirectory(prefix="selfaudit-smoke-") as scratch:
            smoke_test_in(exe, Path(scratch), keyring_service)
    finally:
        forget_keys(keyring_service)


def smoke_test_in(exe: Path, folder: Path, keyring_service: str) -> None:
    from selfaudit.content import load_catalog
    from selfaudit.content.situations import load_situations

    expected_checks = len(load_catalog().checks)
    (folder / "home").mkdir()
    env = clean_environment(folder / "home", keyring_service)

    version = run(exe, "--version", env=env, cwd=folder).strip()
    expect(version == f"selfaudit {__version__}", f"--version printed {version!r}")
    print(f"ok  --version: {version}")

    checks = json.loads(run(exe, "checks", "--json", env=env, cwd=folder))["checks"]
    expect(len(checks) == expected_checks, f"{len(checks)} checks, not {expected_checks}")
    print(f"ok  checks --json: {len(checks)} checks")

    situations = json.loads(run(exe, "now", "--json", env=env, cwd=folder))["situations"]
    expected_ids = list(load_situations().ids)
    found_ids = [s["id"] for s in situations]
    expect(found_ids == expected_ids, f"now --json listed {found_ids}, not {expected_ids}")
    print(f"ok  now --json: {len(situations)} situations")

    self_test = run(exe, "self-test", env=env, cwd=folder).rstrip()
    print(self_test)
    data = f"ok    folders: data in {folder / 'home'}"
    expect(data in self_test, "the programs' data folder is not the smoke test's own")

    friend_check(exe, env, folder)

    shown = run(exe, "--exit-after-show", env=env, cwd=folder).strip()
    expect(shown.startswith(f"shown: {APP_TITLE}: "), f"the window said {shown!r}")
    print(f"ok  window (offscreen): {shown}")

    if sys.platform == "win32":
        windowed_program(exe.with_name("selfaudit.exe"), env, folder)

    if sys.platform.startswith("linux"):
        # the X11 plugin and the system libraries it loads, on a virtual screen
        xvfb = ("xvfb-run", "-a", "-s", "-screen 0 1366x768x24")
        if not shutil.which(xvfb[0]):
            raise SmokeTestError("xvfb-run is missing: sudo apt-get install xvfb xauth")
        x11 = {**env, "QT_QPA_PLATFORM": "xcb"}
        shown = run(exe, "--exit-after-show", env=x11, cwd=folder, prefix=xvfb).strip()
        expect(shown.startswith(f"shown: {APP_TITLE}: "), f"the X11 window said {shown!r}")
        print(f"ok  window (X11): {shown}")

        root = folder / "root"
        subprocess.run(
            ["sh", str(BUNDLE / "install.sh")],
            env={**env, "DESTDIR": str(root)},
            check=True,
            capture_output=True,
        )
        desktop = root / "usr/local/share/applications" / f"{APP_ID}.desktop"
        expect("Exec=/opt/selfaudit/selfaudit\n" in desktop.read_text(), "Exec line")
        installed = run(root / "opt/selfaudit/selfaudit", "--version", env=env, cwd=folder)
        expect(installed.strip() == version, "the installed copy's --version")
        print(f"ok  install.sh: {desktop.relative_to(root)} and a working /opt/selfaudit")


# Names as IT tries the friend check: plain, accented and Cyrillic, each against its Latin spelling.
FRIEND_CHECK = {
    "Jane Smith": "Jane Smith",
    "José Núñez": "Jose Nunez",
    "Дмитрий Иванов": "Dmitry Ivanov",
}


def friend_check(exe: Path, env: dict[str, str], folder: Path) -> None:
    names, export = folder / "service-users.txt", folder / "friends.txt"
    names.write_text("".join(f"{name}\n" for name in FRIEND_CHECK), encoding="utf-8")
    export.write_text("".join(f"{name}\n" for name in FRIEND_CHECK.values()), encoding="utf-8")
    args = ("friends", "--names", str(names), "--json", str(export))
    matches = json.loads(run(exe, *args, env=env, cwd=folder))["matches"]
    found = {match["service_user"]: match["friend"] for match in matches}
    expect(found == FRIEND_CHECK, f"the friend check found {found!a}, not {FRIEND_CHECK!a}")
    print(f"ok  friends --names: plain, accented and Cyrillic names all matched ({len(found)})")


def windowed_program(gui: Path, env: dict[str, str], folder: Path) -> None:
    """selfaudit.exe has no console to print to: the window is judged by its exit status, and a
    command by what it writes (were the window opened instead, it would wait for the timeout)."""
    run(gui, "--exit-after-show", env=env, cwd=folder)
    print("ok  selfaudit.exe: the window opened and closed")
    calendar = folder / "reminders.ics"
    run(gui, "calendar", "-o", str(calendar), env=env, cwd=folder)
    expect(calendar.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR"), "calendar file")
    print("ok  selfaudit.exe calendar: a command runs without opening the window")


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeTestError(what)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pack_linux() -> Path:
    archive = DIST / f"selfaudit-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(BUNDLE, arcname="selfaudit")
    return archive


def installer_command(iscc: str, sign: str | None) -> list[str]:
    """Inno Setup's compiler on dist/selfaudit, with the version in both forms, and a sign tool
    (a signtool command line with $f for the file) when signing."""
    sys.path.insert(0, str(ROOT / "packaging"))
    from file_version import dotted

    command = [iscc, f"/DAppVersion={__version__}", f"/DFileVersion={dotted(__version__)}"]
    if sign:
        command += ["/DSign", f"/Sselfaudit={sign}"]
    return [*command, str(ROOT / "packaging" / "windows" / "selfaudit.iss")]


def build_installer(sign: str | None) -> None:
    """Windows only: Inno Setup's compiler turns dist/selfaudit into one setup .exe."""
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    subprocess.run(installer_command(iscc, sign), check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke-only", action="store_true", help="test an existing build")
    parser.add_argument("--installer", action="store_true", help="Windows: build the installer")
    parser.add_argument(
        "--installer-only",
        action="store_true",
        help="Windows: only the installer, from dist/selfaudit (after signing its programs)",
    )
    parser.add_argument(
        "--sign",
        metavar="COMMAND",
        help="Windows: a signtool command with $f for the file; the installer's compiler signs "
        "the programs not signed yet, the uninstaller and the setup program with it",
    )
    args = parser.parse_args()
    if args.installer_only:
        build_installer(args.sign)
        return 0
    if sys.platform == "darwin":
        check_macos_wheels()
    if not args.smoke_only:
        build()
    exe = program()
    if not exe.exists():
        sys.exit(f"no built program at {exe}; build it first")
    try:
        smoke_test(exe)
    except (SmokeTestError, subprocess.TimeoutExpired) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    built = exe.parent.parent.parent if sys.platform == "darwin" else BUNDLE
    print(f"bundle: {built} ({folder_size(built) / 1e6:.0f} MB)")
    if sys.platform.startswith("linux") and not args.smoke_only:
        archive = pack_linux()
        print(f"archive: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    if args.installer:
        build_installer(args.sign)
    return 0


if __name__ == "__main__":
    sys.exit(main())
