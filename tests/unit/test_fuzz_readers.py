"""Every reader of what comes from outside, fed what hypothesis makes up, through the command line
as a person runs it: friends exports and names lists, policy files, imports, backups to restore,
and what `evidence add` is given. Whatever the input: exit status 0, 1 or 2, what is said on
standard error is one line per problem and never a traceback, and after a refusal the checklist
is exactly as it was. Bounded: a fixed number of examples each, no deadline per example."""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import friend_exports as ex

from selfaudit.cli import run
from selfaudit.paths import AppPaths
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault
from tests.keyring_double import InMemoryKeyring
from tests.unit.test_report import realistic_state

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FRIENDS_FILES = [
    "your_friends.json",
    "followers_1.json",
    "followers_1.html",
    "your_friends.html",
    "follower.js",
    "Connections.csv",
    "user_data_tiktok.json",
    "friends.json",
    "friends.txt",
    "export.zip",
]


class Person:
    """A checklist in the test's data folder, and a way to say whether a command changed it."""

    def __init__(self, app_paths: AppPaths, keyring: InMemoryKeyring, tmp_path: Path) -> None:
        key, code = DataKey.generate(), RecoveryCode.generate()
        KeyringKeyStore(keyring).store(key)
        self.layout = VaultLayout(app_paths.data_dir)
        self.vault = Vault.create(self.layout, key, code, state=realistic_state())
        self.code = code
        self.work = tmp_path / "work"
        self.work.mkdir()
        self.saved = tmp_path / "saved-checklist"
        shutil.copytree(self.layout.root, self.saved)

    def files(self) -> dict[str, bytes]:
        return {
            str(p.relative_to(self.layout.root)): p.read_bytes()
            for p in sorted(self.layout.root.rglob("*"))
            if p.is_file() and p.name != ".lock"
        }

    def put_back(self) -> None:
        """The checklist as it was, after a command that was allowed to change it."""
        shutil.rmtree(self.layout.root)
        shutil.copytree(self.saved, self.layout.root)


@pytest.fixture
def person(
    app_paths: AppPaths,
    test_keyring: InMemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Person:
    monkeypatch.chdir(tmp_path)
    return Person(app_paths, test_keyring, tmp_path)


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def check(
    person: Person,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    may_change: bool = False,
) -> int:
    """Runs the command and checks the property; returns its exit status."""
    before = person.files()
    status = run(argv)
    captured = capsys.readouterr()
    assert status in (0, 1, 2), (argv, status, captured.err)
    for stream in (captured.out, captured.err):
        assert "Traceback" not in stream and "Error:" not in stream.split("selfaudit:")[0]
    problems = [line for line in captured.err.splitlines() if line.strip()]
    for line in problems:
        # one line a problem: each starts by naming who speaks, or lists a policy's problems
        assert line.startswith(("selfaudit: ", "  ")), (argv, captured.err)
    if status != 0:  # `policy check` reports to standard output, for IT to read
        assert problems or captured.out.strip(), (argv, "refused without a word")
    if status != 0 or not may_change:
        assert person.files() == before, (argv, status, captured.err)
    else:
        person.put_back()
    return status


# friends: exports and names lists ------------------------------------------------------------
json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["friends_v2", "name", "Friends", "string_list_data", "value", "x"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=12,
)
export_bytes = st.one_of(
    st.binary(max_size=400),
    json_like.map(lambda doc: json.dumps(doc).encode()),
    st.text(max_size=300).map(lambda text: f"<html><a href='{text}'>{text}</a".encode()),
    st.builds(
        lambda cut, data: data[: max(1, len(data) - cut)],
        st.integers(0, 300),
        st.sampled_from(
            [
                ex.facebook_friends_2023(["Jo Bloggs", "Ann Lee"]),
                ex.zip_bytes({"a/your_friends.json": b"{}"}),
            ]
        ),
    ),
)


@FUZZ
@given(name=st.sampled_from(FRIENDS_FILES), data=export_bytes, names=st.binary(max_size=300))
def test_friends_exports_and_names_lists(
    person: Person,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    data: bytes,
    names: bytes,
) -> None:
    export = person.work / name
    export.write_bytes(data)
    names_file = person.work / "names.csv"
    names_file.write_bytes(names)
    check(person, capsys, ["friends", "--names", str(names_file), str(export)])
    feed(monkeypatch, names)
    check(person, capsys, ["friends", "--json", "--names", "-", str(export)])


# policies ------------------------------------------------------------------------------------
policy_text = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.tuples(
            st.sampled_from(["organisation", "reaudit_days", "contacts", "links", "due_days", "x"]),
            st.one_of(
                st.integers(-(10**30), 10**30).map(str),
                st.text(max_size=20).map(json.dumps),
                st.just("[" * 50 + "]" * 50),
                st.just("{ a = 1 }"),
            ),
        ),
        max_size=5,
    ).map(lambda pairs: "\n".join(f"{key} = {value}" for key, value in pairs)),
)


@FUZZ
@given(text=policy_text)
def test_policy_files(
    person: Person, capsys: pytest.CaptureFixture[str], app_paths: AppPaths, text: str
) -> None:
    policy = person.work / "policy.toml"
    policy.write_text(text, encoding="utf-8", errors="surrogatepass")
    check(person, capsys, ["policy", "check", str(policy)])
    deployed = app_paths.site_config_dirs[0] / "policy.toml"
    deployed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(policy, deployed)
    assert check(person, capsys, ["status"]) == 0  # a broken policy never stops a command
    deployed.unlink()


# imports -------------------------------------------------------------------------------------
def mutate(document: Any, path: list[Any], value: Any) -> Any:
    node = document
    for step in path[:-1]:
        if isinstance(node, dict) and node:
            node = node[list(node)[step % len(node)]]
        elif isinstance(node, list) and node:
            node = node[step % len(node)]
    if isinstance(node, dict) and node:
        node[list(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value
    return document


@FUZZ
@given(
    path=st.lists(st.integers(0, 50), min_size=1, max_size=6),
    value=json_like | st.sampled_from(["9999-12-31T00:00:00Z", "1970-01-01T00:00:00Z", 10**30, -1]),
    raw=st.binary(max_size=200),
)
def test_imports(
    person: Person,
    capsys: pytest.CaptureFixture[str],
    path: list[int],
    value: Any,
    raw: bytes,
) -> None:
    assert run(["export", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    source = person.work / "import.json"
    source.write_text(json.dumps(mutate(document, path, value)))
    check(person, capsys, ["import", str(source), "--yes"], may_change=True)
    source.write_bytes(raw)
    check(person, capsys, ["import", str(source), "--yes"], may_change=True)


# restores ------------------------------------------------------------------------------------
@pytest.fixture
def backup(person: Person, capsys: pytest.CaptureFixture[str]) -> bytes:
    copy = person.work / "made.zip"
    assert run(["backup", "-o", str(copy)]) == 0
    capsys.readouterr()
    return copy.read_bytes()


@FUZZ
@given(
    cut=st.integers(0, 400),
    flips=st.lists(st.tuples(st.integers(0), st.integers(0, 255)), max_size=3),
    extra=st.dictionaries(st.text(min_size=1, max_size=40), st.binary(max_size=100), max_size=3),
)
def test_restores(
    person: Person,
    backup: bytes,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cut: int,
    flips: list[tuple[int, int]],
    extra: dict[str, bytes],
) -> None:
    data = bytearray(backup)
    for at, byte in flips:
        data[at % len(data)] = byte
    copy = person.work / "restore.zip"
    copy.write_bytes(bytes(data[: len(data) - cut]))
    if extra and zipfile.is_zipfile(copy):
        try:
            with zipfile.ZipFile(copy, "a") as archive:
                for name, content in extra.items():
                    archive.writestr(name, content)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            pass
    feed(monkeypatch, f"{person.code}\n".encode())
    check(person, capsys, ["restore", str(copy)], may_change=True)


# evidence add --------------------------------------------------------------------------------
argument = st.text(max_size=40).filter(lambda text: "\0" not in text and not text.startswith("-"))


@FUZZ
@given(
    message=st.binary(max_size=300),
    platform=argument.filter(bool),
    sender=argument.filter(bool),
    url=argument,
    when=st.one_of(st.none(), argument, st.datetimes().map(lambda d: d.isoformat())),
)
def test_evidence_add(
    person: Person,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    message: bytes,
    platform: str,
    sender: str,
    url: str,
    when: str | None,
) -> None:
    feed(monkeypatch, message)
    argv = ["evidence", "add", "--platform", platform, "--sender", sender, "--url", url]
    if when is not None:
        argv += ["--when", when]
    check(person, capsys, argv, may_change=True)


@FUZZ
@given(line=st.binary(max_size=300))
def test_password_check(
    person: Person, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, line: bytes
) -> None:
    feed(monkeypatch, line)
    check(person, capsys, ["password-check", "--json"])
