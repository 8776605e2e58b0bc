"""Every hostile file, broken policy and odd input ends in one clear line, as the person sees it
on the command line: never a traceback, never a hang, the checklist unchanged. One test (or
group) per reproduction of the defects these guard against."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from selfaudit.audit.state import AppState
from selfaudit.cli import run
from selfaudit.evidence.attachments import PictureInfo, prepare_attachment
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.models import Channel, IncidentDetails
from selfaudit.paths import AppPaths
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import InstanceLock
from selfaudit.vault.vault import Vault, open_vault
from tests.keyring_double import InMemoryKeyring
from tests.unit.test_report import realistic_state

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and links")
DEEP_POLICY = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
LONG_NUMBER_POLICY = "reaudit_days = " + "9" * 5000 + "\n"


@pytest.fixture
def checklist(app_paths: AppPaths, test_keyring: InMemoryKeyring) -> Vault:
    """A checklist with audits behind it, its key in the (test) keyring."""
    key, code = DataKey.generate(), RecoveryCode.generate()
    KeyringKeyStore(test_keyring).store(key)
    return Vault.create(VaultLayout(app_paths.data_dir), key, code, state=realistic_state())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink() and p.name != ".lock"
    }


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert "Traceback" not in text
    assert len(lines) == 1, text
    return lines[0]


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes | str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))


def no_pictures(data: bytes, media_type: str, name: str) -> PictureInfo:
    raise AssertionError("no picture is attached here")


def special(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    """(what, path, the words it is refused with) for each special file a reader may be given."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    yield "fifo", fifo, "named pipe (FIFO), not a file"
    yield "device", Path("/dev/zero"), "device (such as /dev/zero), not a file"
    yield "folder", tmp_path, "folder, not a file"


def cli(*argv: str, home: Path, stdin_bytes: bytes = b"", timeout: float = 60) -> tuple[int, str]:
    """selfaudit ARGV in a process of its own, with its own home: (exit status, stderr)."""
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CONFIG_DIRS": str(home / "etc"),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "selfaudit", *argv],
        input=stdin_bytes,
        capture_output=True,
        timeout=timeout,
        env=env,
        cwd=home,
        check=False,
    )
    return result.returncode, result.stderr.decode("utf-8", "replace")


# 1. a broken policy --------------------------------------------------------------------------
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


# 2. an import out of range -------------------------------------------------------------------
def exported(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert run(["export", "--json"]) == 0
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda s: next(iter(s["answers"].values())).update(answered_at="9999-12-31T00:00:00Z"),
            "is in the future",
        ),
        (
            lambda s: next(iter(s["answers"].values())).update(answered_at="1999-12-31T23:00:00Z"),
            "is before 2000",
        ),
        (
            lambda s: next(iter(s["answers"].values())).update(answered_at="2020-01-01T00:00:00"),
            "has no time zone",
        ),
        (lambda s: s["audits"][0].update(score=10**30), "is not a score from 0 to 100"),
        (
            lambda s: s["audits"][0]["measure_scores"].update(passwords=-1),
            "is not a score from 0 to 100",
        ),
    ],
    ids=["year 9999", "1999", "no zone", "score 10^30", "negative"],
)
def test_an_import_out_of_range_is_refused_and_changes_nothing(
    change: object,
    words: str,
    checklist: Vault,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = exported(capsys)
    change(document["state"])  # type: ignore[operator]
    source = tmp_path / "mine.json"
    source.write_text(json.dumps(document))
    before = snapshot(checklist.layout.root)
    assert run(["import", str(source), "--yes"]) == 1
    line = one_line(capsys.readouterr().err)
    assert "cannot be imported: a value is out of range" in line and words in line
    assert line.endswith("Your checklist has not changed.")
    assert snapshot(checklist.layout.root) == before
    assert run(["status"]) == 0 and run(["plan"]) == 0 and run(["remind", "--print"]) == 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"kind": "selfaudit-export", "n": ' + "9" * 5000 + "}", "holds a number far too long"),
        ("[" * 100_000 + "]" * 100_000, "nested far too deeply"),
        ('{"kind": "selfaudit-export", "n": NaN}', "NaN is not a number selfaudit stores"),
        ("\xff\xfe", "not UTF-8 text"),
    ],
    ids=["5000 digits", "deep", "NaN", "not utf-8"],
)
def test_hostile_json_for_import_is_one_line(
    text: str, words: str, checklist: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.json"
    source.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode())
    assert run(["import", str(source), "--yes"]) == 1
    assert words in one_line(capsys.readouterr().err)


# 3. one odd character ------------------------------------------------------------------------
def test_a_lone_surrogate_in_a_friend_name_is_made_valid_and_saved(
    checklist: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Jane Doe\n")
    friends = tmp_path / "your_friends.json"
    friends.write_text('{"friends_v2": [{"name": "Jane Doe \\ud800"}]}')
    assert run(["friends", "--names", str(names), str(friends)]) == 0
    out = capsys.readouterr().out
    assert "Jane Doe \ufffd" in out
    assert run(["friends", "--json", "--names", str(names), str(friends)]) == 0
    [match] = json.loads(capsys.readouterr().out)["matches"]
    state = open_vault(checklist.layout, checklist.key).state
    from selfaudit.audit.state import FriendMatch

    state.friend_matches.append(
        FriendMatch(friend=match["friend"], platform="facebook", confirmed_at=datetime.now(UTC))
    )
    checklist.save(state)  # every later save works
    assert open_vault(checklist.layout, checklist.key).state.friend_matches[-1].friend == (
        "Jane Doe \ufffd"
    )


def test_an_argument_that_is_not_utf8_is_made_valid(
    checklist: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "hello")
    sender = os.fsdecode(b"\xff")  # as Python hands over an argument that is not UTF-8
    assert run(["evidence", "add", "--platform", "x", "--sender", sender]) == 0
    assert "\udcff" not in capsys.readouterr().out
    [incident] = open_vault(checklist.layout, checklist.key).state.evidence.incidents
    assert incident.details.sender == "\ufffd"
    opened = open_vault(checklist.layout, checklist.key)
    opened.vault.save(opened.state)  # and every later save works


# 4. bounded memory and time ------------------------------------------------------------------
@posix_only
def test_special_files_are_refused_by_type_by_every_reader(
    checklist: Vault,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdin(monkeypatch, f"{RecoveryCode.generate()}\n")
    export = tmp_path / "your_friends.json"
    export.write_text('{"friends_v2": [{"name": "Jo Bloggs"}]}')
    before = snapshot(checklist.layout.root)
    for _, path, words in special(tmp_path):
        for argv, status in (
            (["friends", "--names", str(path), str(export)], 2),
            (["policy", "check", str(path)], 1),
            (["import", str(path), "--yes"], 1),
            (["restore", str(path)], 1),
        ):
            assert run(argv) == status, argv
            err = capsys.readouterr()
            shown = err.err if argv[0] != "policy" else err.out
            assert words in shown and "Traceback" not in shown, argv
    assert snapshot(checklist.layout.root) == before


def test_standard_input_is_read_to_its_limit_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("selfaudit.measures.friends.service_users.MAX_LIST_BYTES", 1024)
    stdin(monkeypatch, "Jane Doe\n" * 1000)
    export = tmp_path / "your_friends.json"
    export.write_text('{"friends_v2": [{"name": "Jo Bloggs"}]}')
    assert run(["friends", "--names", "-", str(export)]) == 2
    assert "standard input: it holds more than the 1 KB selfaudit reads" in one_line(
        capsys.readouterr().err
    )


def test_an_html_export_full_of_unclosed_tags_is_read_in_one_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Quadratic before: 20 MB of such a page took minutes. The worker's time limit would stop
    a reader that were slow again, and this would fail."""
    page = tmp_path / "followers_1.html"
    page.write_text("<html><body>" + "<a" * 4_000_000 + "<a href='" + "x" * 4_000_000)
    names = tmp_path / "names.txt"
    names.write_text("Jane Doe\n")
    assert run(["friends", "--names", str(names), str(page)]) == 2
    out = capsys.readouterr()
    assert "followers_1.html: this is not a friends list selfaudit can read" in out.err
    assert "Nothing was checked" in out.out


# 5. restore trusts no attachment -------------------------------------------------------------
def with_attachments(vault: Vault, *contents: bytes) -> list[str]:
    opened = open_vault(vault.layout, vault.key)
    state = opened.state
    log = IncidentLog(state.evidence, vault.blobs)
    kept = [
        log.store_attachment(prepare_attachment(f"note{n}.txt", data, no_pictures))
        for n, data in enumerate(contents)
    ]
    log.add(
        IncidentDetails(
            occurred_at=datetime.now(UTC), channel=Channel.TEXT, attachments=tuple(kept)
        )
    )
    opened.vault.save(state)
    return [a.blob_id for a in kept]


def rewrite_zip(path: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name, data in change.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def backed_up(vault: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    copy = tmp_path / "backup.zip"
    assert run(["backup", "-o", str(copy)]) == 0
    capsys.readouterr()
    return copy


def test_restore_checks_every_attachment_and_takes_none_it_does_not_list(
    checklist: Vault,
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = with_attachments(checklist, b"first screenshot", b"second screenshot")
    copy = backed_up(checklist, tmp_path, capsys)
    code = checklist.recovery_code
    junk = "attachments/" + "f" * 32 + ".blob"
    rewrite_zip(copy, {junk: b"\0" * (8 * 1024 * 1024)})  # squeezes to a few kilobytes
    for blob in checklist.layout.attachments.iterdir():
        blob.unlink()
    stdin(monkeypatch, f"{code}\n")
    assert run(["restore", str(copy)]) == 0
    capsys.readouterr()
    restored = {p.name for p in checklist.layout.attachments.iterdir()}
    assert restored == {f"{first}.blob", f"{second}.blob"}  # the junk is left in the zip

    with zipfile.ZipFile(copy) as archive:
        one, two = (archive.read(f"attachments/{b}.blob") for b in (first, second))
    rewrite_zip(copy, {f"attachments/{first}.blob": two, f"attachments/{second}.blob": one})
    before = snapshot(checklist.layout.root)
    stdin(monkeypatch, f"{code}\n")
    assert run(["restore", str(copy)]) == 1
    line = one_line(capsys.readouterr().err)
    assert "the attachment “note" in line and "does not match the fingerprint" in line
    assert snapshot(checklist.layout.root) == before


@pytest.mark.parametrize(("flags", "method"), [(1, None), (0, 99)], ids=["encrypted", "aes"])
def test_a_backup_packed_as_selfaudit_never_packs_is_one_line(
    flags: int,
    method: int | None,
    checklist: Vault,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from samples.friend_exports import zip_marked

    copy = backed_up(checklist, tmp_path, capsys)
    with zipfile.ZipFile(copy) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    copy.write_bytes(zip_marked(members, flags, method))
    stdin(monkeypatch, f"{checklist.recovery_code}\n")
    assert run(["restore", str(copy)]) == 1
    line = one_line(capsys.readouterr().err)
    assert "is not a selfaudit backup: checklist.vault is" in line


# 6. the evidence message has a limit ---------------------------------------------------------
def test_a_huge_message_is_refused_and_nothing_recorded(
    checklist: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(checklist.layout.root)
    stdin(monkeypatch, b"x" * (600 * 1024))
    assert run(["evidence", "add", "--platform", "x", "--sender", "s"]) == 1
    line = one_line(capsys.readouterr().err)
    assert "What the message said holds more than the 512 KB" in line
    assert line.endswith("Nothing was recorded.")
    assert snapshot(checklist.layout.root) == before


# 7. one line, never a traceback --------------------------------------------------------------
def test_a_full_disk_while_recording_leaves_nothing_behind(
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import errno

    screenshot = tmp_path / "note.txt"
    screenshot.write_text("what they sent")
    real_save = Vault.save

    def full(self: Vault, state: AppState, overwrite_changes: bool = False) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Vault, "save", full)
    stdin(monkeypatch, "hello")
    argv = ["evidence", "add", "--platform", "x", "--sender", "s", "--attach", str(screenshot)]
    assert run(argv) == 1
    line = one_line(capsys.readouterr().err)
    assert "the disk is full" in line and line.endswith("Nothing was recorded.")
    assert list(checklist.layout.attachments.iterdir()) == []  # no orphaned blob
    monkeypatch.setattr(Vault, "save", real_save)
    monkeypatch.setattr(
        "selfaudit.vault.blobs.write_new_file",
        lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")),
    )
    stdin(monkeypatch, "hello")
    assert run(argv) == 1
    assert "the disk is full" in one_line(capsys.readouterr().err)
    assert list(checklist.layout.attachments.iterdir()) == []


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("0001-01-01T00:00", "is before 2000"),
        ("9999-12-31T23:59", "is in the future"),
        ("yesterday", "is not a date and time"),
    ],
)
def test_when_is_checked(
    when: str,
    words: str,
    checklist: Vault,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stdin(monkeypatch, "hello")
    assert run(["evidence", "add", "--platform", "x", "--sender", "s", "--when", when]) == 1
    assert words in one_line(capsys.readouterr().err)


def test_numbers_thousands_of_digits_long_in_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Jane Doe\n")
    friends = tmp_path / "your_friends.json"
    friends.write_text('{"friends_v2": [{"name": "Jane Doe", "timestamp": ' + "9" * 5000 + "}]}")
    assert run(["friends", "--names", str(names), str(friends)]) == 2
    assert "holds a number far too long" in capsys.readouterr().err


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path) -> None:
    result = subprocess.run(
        f"{sys.executable} -m selfaudit checks | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == ""


@pytest.mark.skipif(sys.platform != "linux", reason="/proc says when it waits for input")
def test_ctrl_c_is_exit_130_with_nothing_half_written(tmp_path: Path) -> None:
    home = tmp_path / "home"
    make = textwrap.dedent(
        f"""
        from pathlib import Path
        from selfaudit.vault import keys
        from selfaudit.vault.keys import DataKey, RecoveryCode
        from selfaudit.vault.layout import VaultLayout
        from selfaudit.vault.vault import Vault
        keys.PASSPHRASE_KDF = keys.Argon2Params(1, 8, 1)
        Vault.create(VaultLayout(Path({str(home / "data" / "selfaudit")!r})), DataKey.generate(),
                     RecoveryCode.generate(), passphrase="pass phrase")
        """
    )
    subprocess.run([sys.executable, "-c", make], check=True, cwd=ROOT, timeout=60)
    data = home / "data" / "selfaudit"
    before = snapshot(data)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "selfaudit", "evidence", "add", "--platform", "x", "--sender", "s"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=home,
    )
    assert child.stdin is not None and child.stderr is not None
    child.stdin.write(b"the message, still being typed")
    child.stdin.flush()
    wchan = Path(f"/proc/{child.pid}/wchan")
    deadline = time.monotonic() + 30
    while "pipe" not in wchan.read_text() and time.monotonic() < deadline:
        time.sleep(0.01)  # until it waits for the rest of the message, as Ctrl-C would find it
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 130
    line = one_line(err.decode())
    assert line.startswith("selfaudit: stopped (Ctrl-C). Nothing was left half-written")
    assert snapshot(data) == before


# 8. terminal and bidi injection --------------------------------------------------------------
def test_what_came_from_outside_cannot_drive_the_terminal(
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    evil = "Jane Doe\x1b]0;owned\x07\x1b[2J\u202e"
    names = tmp_path / "names.txt"
    names.write_text("Jane Doe\n")
    friends = tmp_path / "your_friends.json"
    friends.write_text(json.dumps({"friends_v2": [{"name": evil}]}))
    assert run(["friends", "--names", str(names), str(friends)]) == 0
    stdin(monkeypatch, "hello\x1b[2J")
    assert run(["evidence", "add", "--platform", "x", "--sender", evil]) == 0
    assert run(["evidence", "list"]) == 0
    assert run(["evidence", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\u001b]0;owned\\u0007" in out and "\\u202e" in out
    listed = json.loads(out[out.index('{\n  "incidents"') :])
    assert listed["incidents"][0]["sender"] == evil  # the JSON still says what was recorded


def test_the_evidence_report_isolates_what_was_typed(
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stdin(monkeypatch, "said \u202ehello")
    assert run(["evidence", "add", "--platform", "x", "--sender", "evil\u202e gnp.exe"]) == 0
    report = tmp_path / "report.html"
    assert run(["evidence", "export", "--all", "-o", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert "\u2068evil\u202e gnp.exe\u2069" in page and "\u2068said \u202ehello\u2069" in page


# 9. special files in the data folder ---------------------------------------------------------
@posix_only
def test_special_files_in_the_data_folder_are_skipped_with_a_word(
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    [blob] = with_attachments(checklist, b"a screenshot")
    layout = checklist.layout
    fifo_backup = layout.backups / "checklist-0000000099-20250101T000000.000000Z.vault"
    os.mkfifo(fifo_backup)
    os.mkfifo(layout.attachments / ("0" * 32 + ".blob"))
    (layout.attachments / ("1" * 32 + ".blob")).symlink_to("/dev/zero")
    assert run(["status"]) == 0
    err = capsys.readouterr().err
    assert f"skipped {fifo_backup}: it is a named pipe (FIFO), not a file." in err
    assert "is a symbolic link, which selfaudit never follows there" in err
    copy = tmp_path / "copy.zip"
    assert run(["backup", "-o", str(copy)]) == 0
    with zipfile.ZipFile(copy) as archive:
        assert sorted(archive.namelist()) == ["attachments/" + blob + ".blob", "checklist.vault"]
    report = tmp_path / "report.html"
    assert run(["evidence", "export", "--all", "-o", str(report)]) == 0
    assert "note0.txt" in report.read_text(encoding="utf-8")


@posix_only
def test_a_lock_that_is_a_link_is_refused_and_its_target_untouched(
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("precious")
    checklist.layout.lock.unlink(missing_ok=True)
    checklist.layout.lock.symlink_to(victim)
    stdin(monkeypatch, "hello")
    assert run(["evidence", "add", "--platform", "x", "--sender", "s"]) == 1
    assert "is a symbolic link. selfaudit never follows links" in one_line(capsys.readouterr().err)
    assert victim.read_text() == "precious"
    with pytest.raises(Exception, match="symbolic link"):
        InstanceLock(checklist.layout.lock).acquire()
    assert victim.read_text() == "precious"


@posix_only
def test_a_dangling_data_folder_link_is_explained(
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app_paths.data_dir.parent.mkdir(parents=True)
    app_paths.data_dir.symlink_to(tmp_path / "unplugged-disk" / "selfaudit")
    stdin(monkeypatch, "hello")
    assert run(["evidence", "add", "--platform", "x", "--sender", "s"]) == 1
    line = one_line(capsys.readouterr().err)
    assert (
        f"is a symbolic link to {tmp_path / 'unplugged-disk' / 'selfaudit'}, which does not exist"
        in line
    )


# 10. the policy in force ---------------------------------------------------------------------
def test_password_check_uses_the_policy_in_force(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deployed = app_paths.site_config_dirs[0] / "policy.toml"
    deployed.parent.mkdir(parents=True)
    deployed.write_text('min_password_score = 4\npassword_words = ["oakfield"]\n')
    stdin(monkeypatch, "Oakfield2024!\n")
    assert run(["password-check", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["min_score"] == 4 and not found["meets_policy"]


# 11. -o ----------------------------------------------------------------------------------------
@posix_only
@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "-o", "{dir}/link.md"],
        ["plan", "-o", "{dir}/fifo.html"],
        ["receipt", "-o", "{dir}/r.html"],
        ["calendar", "-o", "{dir}/x.txt"],
        ["plan", "--format", "pdf", "-o", "{dir}/p.html"],
        ["evidence", "export", "--all", "-o", "{dir}/link.html"],
        ["backup", "-o", "{dir}/fifo.html"],
    ],
    ids=["link", "fifo", "receipt html", "calendar txt", "pdf as html", "report", "backup"],
)
def test_output_files_refuse_what_they_must_not_replace(
    argv: list[str], checklist: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("precious")
    (tmp_path / "link.md").symlink_to(victim)
    (tmp_path / "link.html").symlink_to(victim)
    os.mkfifo(tmp_path / "fifo.html")
    before = sorted(tmp_path.iterdir())
    assert run([a.format(dir=tmp_path) for a in argv]) == 1
    line = one_line(capsys.readouterr().err)
    assert "symbolic link" in line or "named pipe" in line or "is saved with the ending" in line
    assert sorted(tmp_path.iterdir()) == before and victim.read_text() == "precious"


def test_every_saved_file_is_the_persons_alone(
    checklist: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = [tmp_path / n for n in ("plan.md", "plan.html", "cal.ics", "copy.zip", "r.html")]
    assert run(["plan", "-o", str(saved[0])]) == 0
    assert run(["plan", "-o", str(saved[1])]) == 0
    assert run(["calendar", "-o", str(saved[2])]) == 0
    assert run(["backup", "-o", str(saved[3])]) == 0
    assert run(["evidence", "export", "--all", "-o", str(saved[4])]) in (0, 1)  # none yet: 1
    for path in saved[:4]:
        assert path.stat().st_mode & 0o777 == 0o600, path


# 12. the right words ---------------------------------------------------------------------------
@pytest.fixture
def passphrase_checklist(app_paths: AppPaths) -> Vault:
    key, code = DataKey.generate(), RecoveryCode.generate()
    layout = VaultLayout(app_paths.data_dir)
    return Vault.create(layout, key, code, passphrase="a quiet river", state=realistic_state())


def test_empty_standard_input_is_not_a_wrong_passphrase(
    passphrase_checklist: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "")
    assert run(["plan"]) == 1  # (status says what it can without one instead)
    line = one_line(capsys.readouterr().err)
    assert "no passphrase was given: standard input was empty" in line
    assert "Caps Lock" not in line
    assert not passphrase_checklist.layout.unlock_attempts.exists()  # not counted as wrong


def test_a_piped_message_never_uses_up_the_passphrase(
    passphrase_checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("selfaudit.cli.vault_access.TERMINAL", tmp_path / "no-terminal")
    stdin(monkeypatch, "a quiet river\nthe message\n")
    assert run(["evidence", "add", "--platform", "x", "--sender", "s"]) == 1
    line = one_line(capsys.readouterr().err)
    assert "standard input carries what you are recording" in line
    assert "--passphrase-file FILE" in line
    secret = tmp_path / "passphrase"
    secret.write_text("a quiet river\n")
    stdin(monkeypatch, "a quiet river\nthe message\n")
    argv = ["evidence", "add", "--platform", "x", "--sender", "s", "--passphrase-file", str(secret)]
    assert run(argv) == 0
    opened = open_vault(passphrase_checklist.layout, passphrase_checklist.key)
    assert opened.state.evidence.incidents[0].details.content == "a quiet river\nthe message"
    assert run(["--passphrase-file", str(secret), "status"]) == 0


@posix_only
def test_a_passphrase_is_typed_at_the_terminal_when_standard_input_carries_data(
    passphrase_checklist: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading

    main, terminal = os.openpty()
    monkeypatch.setattr("selfaudit.cli.vault_access.TERMINAL", Path(os.ttyname(terminal)))
    shown: list[bytes] = []

    def person() -> None:  # types the passphrase once asked and the echo is off, as a person
        import termios

        while b"Passphrase" not in b"".join(shown):
            shown.append(os.read(main, 1024))
        while termios.tcgetattr(terminal)[3] & termios.ECHO:
            time.sleep(0.01)
        os.write(main, b"a quiet river\n")

    typing = threading.Thread(target=person, daemon=True)
    typing.start()
    stdin(monkeypatch, "the message")
    try:
        assert run(["evidence", "add", "--platform", "x", "--sender", "s"]) == 0
    finally:
        typing.join(10)
        os.close(main)
        os.close(terminal)
    assert b"a quiet river" not in b"".join(shown)  # never echoed
    opened = open_vault(passphrase_checklist.layout, passphrase_checklist.key)
    assert opened.state.evidence.incidents[0].details.content == "the message"


def test_a_friends_file_that_cannot_be_read_is_not_no_service_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Jane Doe\n")
    assert run(["friends", "--names", str(names), str(tmp_path / "nowhere.zip")]) == 2
    out = capsys.readouterr().out
    assert "No service users found" not in out and "Nothing was checked" in out


@posix_only
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.symlink_to(p), "leads round in a circle"),
        (lambda p: p.symlink_to(p.parent / "gone"), "is a symbolic link to"),
    ],
    ids=["loop", "dangling"],
)
def test_links_are_explained_not_called_missing(
    make: object,
    words: str,
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    link = tmp_path / "screenshot.png"
    make(link)  # type: ignore[operator]
    stdin(monkeypatch, "hello")
    assert run(["evidence", "add", "--platform", "x", "--sender", "s", "--attach", str(link)]) == 1
    line = one_line(capsys.readouterr().err)
    assert words in line and "could not be found" not in line


def test_restore_of_a_missing_file_says_so(
    checklist: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "x\n")
    assert run(["restore", "nothere.zip"]) == 1
    line = one_line(capsys.readouterr().err)
    assert "There is no file nothere.zip." in line and "disappeared" not in line


def test_the_lock_says_which_command_holds_it(
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    held = InstanceLock(checklist.layout.lock, "import")
    assert held.acquire()
    try:
        stdin(monkeypatch, "hello")
        assert run(["evidence", "add", "--platform", "x", "--sender", "s"]) == 1
        line = one_line(capsys.readouterr().err)
        assert f"another selfaudit command (selfaudit import, process {os.getpid()})" in line
        assert "selfaudit is open" not in line
        assert run(["evidence", "list"]) == 0  # reading needs no lock
    finally:
        held.release()
    app = InstanceLock(checklist.layout.lock)
    assert app.acquire()
    try:
        stdin(monkeypatch, "hello")
        assert run(["evidence", "add", "--platform", "x", "--sender", "s"]) == 1
        assert f"selfaudit is open (process {os.getpid()})" in one_line(capsys.readouterr().err)
    finally:
        app.release()


@posix_only
def test_evidence_list_works_on_a_read_only_disk(
    checklist: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() == 0:  # root writes through 0500: stand in for the read-only disk

        def refuse(*args: object, **kwargs: object) -> bool:
            raise AssertionError("listing took the writer's lock")

        monkeypatch.setattr(InstanceLock, "acquire", refuse)
    else:
        checklist.layout.root.chmod(0o500)
    try:
        assert run(["evidence", "list"]) == 0
    finally:
        checklist.layout.root.chmod(0o700)
    assert "No incidents recorded yet." in capsys.readouterr().out


def test_import_says_what_it_removes_and_removes_the_orphans(
    checklist: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = exported(capsys)
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document))
    [blob] = with_attachments(checklist, b"a screenshot since")
    stdin(monkeypatch, "")
    assert run(["import", str(older)]) == 1
    line = one_line(capsys.readouterr().err)
    assert "It removes what was recorded since that export: 1 incident" in line
    assert "1 attachment (its file is deleted)" in line and "Add --yes" in line
    assert (checklist.layout.attachments / f"{blob}.blob").exists()
    assert run(["import", str(older), "--yes"]) == 0
    assert "Removed: 1 incident, 1 attachment" in capsys.readouterr().out
    assert not (checklist.layout.attachments / f"{blob}.blob").exists()
