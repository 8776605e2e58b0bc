"""IT's machine-wide policy on Windows: trusted only from a file and folder that standard users
cannot have written, or from the file IT names in Group Policy. The owners and access lists are
ProgramData's documented defaults as `icacls` lists them on Windows 10 and 11 (inherited by a
folder an administrator makes in it), written out as SIDs and masks; CI has no Windows to record
them on."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.machine_policy import (
    ADMINISTRATORS,
    SYSTEM,
    AccessEntry,
    Security,
    WindowsMachinePolicyTrust,
    machine_policy_trust,
    refusal,
)
from selfaudit.managed_settings import ManagedPlace, Scope
from selfaudit.paths import AppPaths
from selfaudit.policy_loader import PolicyOrigin, load_policy, organisation_hint

USERS = "S-1-5-32-545"
EVERYONE = "S-1-1-0"
CREATOR_OWNER = "S-1-3-0"
JO = "S-1-5-21-1004336348-1177238915-682003330-1001"  # a standard user
FULL = 0x001F01FF  # (F)
MODIFY = 0x001301BF  # (M)
READ_EXECUTE = 0x001200A9  # (RX)
ADD_FILES = 0x00000116  # (WD,AD,WEA,WA): what ProgramData lets Users do in its folders

# C:\ProgramData\selfaudit made by an administrator (inherits ProgramData's list):
#   NT AUTHORITY\SYSTEM:(I)(OI)(CI)(F)  BUILTIN\Administrators:(I)(OI)(CI)(F)
#   CREATOR OWNER:(I)(OI)(CI)(IO)(F)  BUILTIN\Users:(I)(OI)(CI)(RX)
#   BUILTIN\Users:(I)(CI)(WD,AD,WEA,WA)
IT_FOLDER = Security(
    ADMINISTRATORS,
    (
        AccessEntry(SYSTEM, FULL),
        AccessEntry(ADMINISTRATORS, FULL),
        AccessEntry(CREATOR_OWNER, FULL, inherit_only=True),
        AccessEntry(USERS, READ_EXECUTE),
        AccessEntry(USERS, ADD_FILES),
    ),
)
# policy.toml copied there by an administrator (or Group Policy Preferences, as SYSTEM):
#   NT AUTHORITY\SYSTEM:(I)(F)  BUILTIN\Administrators:(I)(F)  BUILTIN\Users:(I)(RX)
IT_FILE = Security(
    ADMINISTRATORS,
    (
        AccessEntry(SYSTEM, FULL),
        AccessEntry(ADMINISTRATORS, FULL),
        AccessEntry(USERS, READ_EXECUTE),
    ),
)
# the same file created by a standard user where IT put none (CREATOR OWNER made it theirs)
USERS_FILE = Security(
    JO,
    (
        AccessEntry(SYSTEM, FULL),
        AccessEntry(ADMINISTRATORS, FULL),
        AccessEntry(JO, FULL),
        AccessEntry(USERS, READ_EXECUTE),
    ),
)
USERS_FOLDER = Security(JO, IT_FOLDER.access)


class RecordedSecurity:
    def __init__(self, folder: Security, file: Security | OSError) -> None:
        self.folder, self.file = folder, file

    def read(self, path: Path) -> Security:
        found = self.file if path.name == "policy.toml" else self.folder
        if isinstance(found, OSError):
            raise found
        return found


POLICY = Path("C:/ProgramData/selfaudit/policy.toml")


def test_a_policy_it_deployed_is_trusted() -> None:
    assert refusal(POLICY, RecordedSecurity(IT_FOLDER, IT_FILE)) is None
    system_owned = Security(SYSTEM, IT_FILE.access)
    assert refusal(POLICY, RecordedSecurity(IT_FOLDER, system_owned)) is None


def test_a_file_a_standard_user_made_is_refused() -> None:
    why = refusal(POLICY, RecordedSecurity(IT_FOLDER, USERS_FILE))
    assert why is not None
    assert why.startswith(f"the file belongs to {JO}, not to an administrator")
    assert "icacls" in why and "PolicyFile" in why


def test_a_folder_a_standard_user_made_is_refused() -> None:
    why = refusal(POLICY, RecordedSecurity(USERS_FOLDER, IT_FILE))
    assert why is not None and why.startswith(f"the folder belongs to {JO}")


@pytest.mark.parametrize(
    ("file", "said"),
    [
        (Security(ADMINISTRATORS, (*IT_FILE.access, AccessEntry(USERS, MODIFY))), "Users may"),
        (Security(ADMINISTRATORS, (AccessEntry(EVERYONE, FULL),)), "Everyone may change"),
        (Security(ADMINISTRATORS, None), "Everyone (the file has no access list) may change"),
    ],
)
def test_a_file_others_may_change_is_refused(file: Security, said: str) -> None:
    why = refusal(POLICY, RecordedSecurity(IT_FOLDER, file))
    assert why is not None and why.startswith(said)


def test_a_folder_where_others_may_delete_files_is_refused() -> None:
    assert IT_FOLDER.access is not None
    folder = Security(ADMINISTRATORS, (*IT_FOLDER.access, AccessEntry(USERS, 0x40)))
    why = refusal(POLICY, RecordedSecurity(folder, IT_FILE))
    assert why is not None and why.startswith("Users may replace files in")


def test_denied_and_inherit_only_entries_grant_nothing() -> None:
    file = Security(
        ADMINISTRATORS,
        (
            *IT_FILE.access,  # type: ignore[misc]
            AccessEntry(USERS, MODIFY, allow=False),
            AccessEntry(CREATOR_OWNER, FULL, inherit_only=True),
        ),
    )
    assert refusal(POLICY, RecordedSecurity(IT_FOLDER, file)) is None


def test_permissions_that_cannot_be_read_are_not_trusted() -> None:
    why = refusal(POLICY, RecordedSecurity(IT_FOLDER, PermissionError(5, "Access is denied")))
    assert why == "who may change it could not be read (Access is denied)"


def test_only_windows_checks() -> None:
    assert isinstance(machine_policy_trust("win32"), WindowsMachinePolicyTrust)
    assert machine_policy_trust("linux").refusal(POLICY) is None


# the loader ------------------------------------------------------------------------------------
def deploy(paths: AppPaths, name: str) -> Path:
    folder = paths.site_config_dirs[0]
    folder.mkdir(parents=True, exist_ok=True)
    policy = folder / "policy.toml"
    policy.write_text(f'organisation = "{name}"\n', encoding="utf-8")
    return policy


class UsersMadeIt:
    def refusal(self, policy_file: Path) -> str | None:
        return refusal(policy_file, RecordedSecurity(IT_FOLDER, USERS_FILE))


GROUP_POLICY = r"HKEY_LOCAL_MACHINE\Software\Policies\selfaudit: PolicyFile"


class NamedInGroupPolicy:
    def __init__(self, path: Path | None) -> None:
        self.path = path

    def places(self) -> list[ManagedPlace]:
        return [ManagedPlace(GROUP_POLICY, Scope.COMPUTER, self.path)]


def test_a_machine_policy_standard_users_could_write_is_ignored_and_said(
    app_paths: AppPaths,
) -> None:
    policy = deploy(app_paths, "Made Up By Jo")
    loaded = load_policy(paths=app_paths, trust=UsersMadeIt())
    assert loaded.origin is PolicyOrigin.BUILT_IN
    [ignored] = loaded.ignored
    assert ignored.path == policy and ignored.origin is PolicyOrigin.SYSTEM
    assert str(ignored.problems[0]).startswith(f"not used: the file belongs to {JO}")


def test_a_trusted_machine_policy_is_used(app_paths: AppPaths) -> None:
    deploy(app_paths, "Riverside Schools Federation")
    trusted = WindowsMachinePolicyTrust(RecordedSecurity(IT_FOLDER, IT_FILE))
    loaded = load_policy(paths=app_paths, trust=trusted)
    assert loaded.origin is PolicyOrigin.SYSTEM
    assert loaded.policy.organisation == "Riverside Schools Federation"


def test_the_file_it_names_in_group_policy_comes_before_the_folder(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    deploy(app_paths, "Made Up By Jo")
    named = tmp_path / "share" / "riverside.toml"
    named.parent.mkdir()
    named.write_text('organisation = "Riverside Schools Federation"\n', encoding="utf-8")
    loaded = load_policy(paths=app_paths, trust=UsersMadeIt(), managed=NamedInGroupPolicy(named))
    assert loaded.origin is PolicyOrigin.MANAGED and loaded.path == named
    assert loaded.policy.organisation == "Riverside Schools Federation"


def test_the_first_page_never_shows_an_untrusted_organisation(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    deploy(app_paths, "Made Up By Jo")
    assert organisation_hint(paths=app_paths) == "Made Up By Jo"  # Linux: no check
    monkeypatch.setattr("selfaudit.policy_loader.machine_policy_trust", lambda: UsersMadeIt())
    assert organisation_hint(paths=app_paths) == ""


def test_policy_show_names_the_group_policy_file(
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    named = tmp_path / "riverside.toml"
    monkeypatch.setattr(
        "selfaudit.policy_loader.managed_settings", lambda: NamedInGroupPolicy(named)
    )
    assert run(["policy", "show"]) == 0
    out = capsys.readouterr().out
    assert f"{named}  (the file your IT team named in this computer's managed settings: " in out
    assert f"{GROUP_POLICY}  names {named}" in out
