"""Where IT names the policy file through device management, from recorded values: Windows
registry values as Group Policy and Intune leave them, macOS managed preferences as a
configuration profile leaves them; and where they come in the search order."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.managed_settings import (
    REG_DWORD,
    REG_EXPAND_SZ,
    REG_SZ,
    LiveRegistry,
    MacManagedPreferences,
    ManagedPlace,
    NoManagedSettings,
    Scope,
    WindowsGroupPolicy,
    managed_settings,
)
from selfaudit.paths import AppPaths
from selfaudit.policy_loader import PolicyOrigin, load_policy, policy_candidates

HKLM = r"HKEY_LOCAL_MACHINE\Software\Policies\selfaudit: PolicyFile"
HKCU = r"HKEY_CURRENT_USER\Software\Policies\selfaudit: PolicyFile"


class RecordedRegistry:
    """Values as `reg query "HKLM\\Software\\Policies\\selfaudit" /v PolicyFile` shows them,
    for example `PolicyFile    REG_SZ    \\\\fs01\\policies\\selfaudit.toml`."""

    def __init__(self, values: dict[str, tuple[object, int]], broken: bool = False) -> None:
        self.values = values
        self.broken = broken
        self.asked: list[tuple[str, str, str]] = []

    def read(self, hive: str, key: str, name: str) -> tuple[object, int] | None:
        self.asked.append((hive, key, name))
        if self.broken:
            raise PermissionError(13, "Access is denied")
        return self.values.get(hive)


def group_policy(**values: tuple[object, int]) -> WindowsGroupPolicy:
    return WindowsGroupPolicy(
        RecordedRegistry({f"HKEY_{hive.upper()}": value for hive, value in values.items()})
    )


def test_group_policy_is_read_from_the_computer_then_the_person() -> None:
    registry = RecordedRegistry({"HKEY_LOCAL_MACHINE": (r"\\fs01\policies\selfaudit.toml", REG_SZ)})
    places = WindowsGroupPolicy(registry).places()
    assert registry.asked == [
        ("HKEY_LOCAL_MACHINE", r"Software\Policies\selfaudit", "PolicyFile"),
        ("HKEY_CURRENT_USER", r"Software\Policies\selfaudit", "PolicyFile"),
    ]
    assert places == [
        ManagedPlace(HKLM, Scope.COMPUTER, Path(r"\\fs01\policies\selfaudit.toml")),
        ManagedPlace(HKCU, Scope.USER),
    ]
    assert not places[1].is_set


def test_intune_and_group_policy_values_are_read_as_they_write_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ProgramData", r"C:\ProgramData")
    places = group_policy(
        local_machine=(r"%ProgramData%\Riverside\policy.toml", REG_EXPAND_SZ),
        current_user=('"D:\\Policies\\selfaudit.toml" ', REG_SZ),  # quoted, as pasted
    ).places()
    assert [p.path for p in places] == [
        Path(r"C:\ProgramData\Riverside\policy.toml"),
        Path(r"D:\Policies\selfaudit.toml"),
    ]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ((1, REG_DWORD), "the value is a number; it must be a string (REG_SZ)"),
        ((["a", "b"], 7), "the value is not text"),
        (("  ", REG_SZ), "the value is empty"),
        (("policy.toml", REG_SZ), '"policy.toml" is not a full path'),
    ],
)
def test_a_value_that_names_no_file_says_why(value: tuple[object, int], said: str) -> None:
    [computer, user] = group_policy(local_machine=value).places()
    assert computer.path is None and computer.is_set
    assert computer.problem.startswith(said)
    assert user == ManagedPlace(HKCU, Scope.USER)


def test_a_registry_that_cannot_be_read_is_said() -> None:
    places = WindowsGroupPolicy(RecordedRegistry({}, broken=True)).places()
    assert [p.problem for p in places] == ["it cannot be read (Access is denied)"] * 2


def test_each_system_has_its_own_reader() -> None:
    assert isinstance(managed_settings("win32"), WindowsGroupPolicy)
    assert isinstance(managed_settings("darwin"), MacManagedPreferences)
    assert managed_settings("linux").places() == NoManagedSettings().places() == []
    with pytest.raises(OSError, match="only on Windows"):
        LiveRegistry().read("HKEY_LOCAL_MACHINE", "Software", "x")


# macOS ------------------------------------------------------------------------------------------
DOMAIN_FILE = "uk.selfaudit.SelfAudit.plist"


def profile(root: Path, values: object, user: str | None = None, binary: bool = True) -> Path:
    """A managed preferences file as a configuration profile leaves it (binary, from mdmclient;
    XML from `defaults export` works too)."""
    folder = root / user if user else root
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DOMAIN_FILE
    fmt = plistlib.FMT_BINARY if binary else plistlib.FMT_XML
    path.write_bytes(plistlib.dumps(values, fmt=fmt))
    return path


def mac(root: Path, owned: bool = True) -> MacManagedPreferences:
    return MacManagedPreferences(root, user="jo", system_owned=lambda _path: owned)


def test_a_configuration_profile_names_the_file_for_the_computer_or_the_person(
    tmp_path: Path,
) -> None:
    root = tmp_path / "Managed Preferences"
    computer = profile(root, {"PolicyFile": "/Library/Application Support/Riverside/p.toml"})
    places = mac(root).places()
    assert places == [
        ManagedPlace(
            f"{computer}: PolicyFile",
            Scope.COMPUTER,
            Path("/Library/Application Support/Riverside/p.toml"),
        ),
        ManagedPlace(f"{root / 'jo' / DOMAIN_FILE}: PolicyFile", Scope.USER),
    ]
    profile(root, {"PolicyFile": "/Users/Shared/jo.toml", "Other": 1}, user="jo", binary=False)
    assert mac(root).places()[1].path == Path("/Users/Shared/jo.toml")


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({"PolicyFile": 3}, "the value must be text"),
        ({"PolicyFile": ""}, "the value must be text"),
        ({"PolicyFile": "policy.toml"}, '"policy.toml" is not a full path'),
    ],
)
def test_a_preference_that_names_no_file_says_why(
    tmp_path: Path, values: dict[str, object], said: str
) -> None:
    profile(tmp_path, values)
    assert mac(tmp_path).places()[0].problem.startswith(said)


def test_a_preferences_file_not_written_by_the_system_is_refused(tmp_path: Path) -> None:
    profile(tmp_path, {"PolicyFile": "/tmp/made-up.toml"})
    [computer, _user] = mac(tmp_path, owned=False).places()
    assert computer.path is None
    assert "does not belong to the system" in computer.problem


def test_unreadable_or_unrelated_preferences(tmp_path: Path) -> None:
    (tmp_path / DOMAIN_FILE).write_bytes(b"not a plist")
    assert mac(tmp_path).places()[0].problem.startswith("it cannot be read")
    profile(tmp_path, {"SomethingElse": True})
    assert not mac(tmp_path).places()[0].is_set
    profile(tmp_path, ["PolicyFile"])
    assert not mac(tmp_path).places()[0].is_set
    assert not mac(tmp_path / "nowhere").places()[0].is_set


# the search order ------------------------------------------------------------------------------
class Recorded:
    def __init__(self, places: list[ManagedPlace]) -> None:
        self.recorded = places

    def places(self) -> list[ManagedPlace]:
        return self.recorded


def write(path: Path, organisation: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'organisation = "{organisation}"\n', encoding="utf-8")
    return path


def test_managed_files_come_before_the_computers_folder_computer_first(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    write(app_paths.site_config_dirs[0] / "policy.toml", "System")
    computer = tmp_path / "share" / "computer.toml"
    person = write(tmp_path / "share" / "person.toml", "Person")
    managed = Recorded(
        [ManagedPlace(HKLM, Scope.COMPUTER, computer), ManagedPlace(HKCU, Scope.USER, person)]
    )
    candidates = policy_candidates(None, app_paths, managed=managed)
    assert [c.origin for c in candidates] == [
        PolicyOrigin.USER,
        PolicyOrigin.MANAGED,
        PolicyOrigin.MANAGED_USER,
        PolicyOrigin.SYSTEM,
    ]
    # the computer's file is missing (a share not reachable): said, and the person's is used
    loaded = load_policy(paths=app_paths, managed=managed)
    assert (loaded.policy.organisation, loaded.origin) == ("Person", PolicyOrigin.MANAGED_USER)
    [ignored] = loaded.ignored
    assert (ignored.path, ignored.origin) == (computer, PolicyOrigin.MANAGED)
    assert "no file" in ignored.problems[0].message
    write(computer, "Computer")
    assert load_policy(paths=app_paths, managed=managed).policy.organisation == "Computer"


def test_a_managed_setting_naming_no_file_is_said_and_passed_over(app_paths: AppPaths) -> None:
    write(app_paths.site_config_dirs[0] / "policy.toml", "System")
    managed = Recorded([ManagedPlace(HKLM, Scope.COMPUTER, problem="the value is a number")])
    loaded = load_policy(paths=app_paths, managed=managed)
    assert loaded.origin is PolicyOrigin.SYSTEM
    [ignored] = loaded.ignored
    assert str(ignored.path) == HKLM
    assert str(ignored.problems[0]) == "not used: the value is a number"


def test_policy_show_lists_every_managed_place_looked_in(
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    named = write(tmp_path / "riverside.toml", "Riverside")
    root = tmp_path / "Managed Preferences"
    person = profile(root, {"PolicyFile": str(named)}, user="jo")
    monkeypatch.setattr("selfaudit.policy_loader.managed_settings", lambda: mac(root))
    assert run(["policy", "show"]) == 0
    out = capsys.readouterr().out
    assert f"Policy in force: {named} (the file your IT team named in your account's" in out
    assert "Managed settings looked in (Group Policy, Intune or a configuration profile):" in out
    assert f"  {root / DOMAIN_FILE}: PolicyFile  not set" in out
    assert f"  {person}: PolicyFile  names {named}" in out
    looked = out.split("first found first used:")[1]
    assert looked.index(str(named)) < looked.index(str(app_paths.site_config_dirs[0]))
