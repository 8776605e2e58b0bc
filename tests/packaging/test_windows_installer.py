"""The Windows installer, read as Inno Setup reads it, and the version numbers Windows gets:
what can be checked without Windows (nothing here can build or run an installer)."""

from __future__ import annotations

import re

import pytest

from selfaudit.reminders.autostart import APPROVED_KEY, RUN_KEY, WindowsStartup
from tests.packaging.packaging_modules import ROOT, packaging_module

SCRIPT = (ROOT / "packaging" / "windows" / "selfaudit.iss").read_text(encoding="utf-8")
file_version = packaging_module("file_version")


def section(name: str) -> str:
    found = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", SCRIPT, re.M | re.S)
    assert found, f"no [{name}] section"
    return found.group(1)


def entries(name: str) -> list[dict[str, str]]:
    """The section's entries as Inno Setup parses them: `Key: value; Key: "value"`."""
    parsed = []
    for line in section(name).splitlines():
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        entry = {}
        for part in re.findall(r'(\w+):\s*("[^"]*"|[^;]*)', line):
            entry[part[0]] = part[1].strip().strip('"')
        parsed.append(entry)
    return parsed


def test_the_machine_policy_stays_when_the_app_is_removed() -> None:
    policies = [e for e in entries("Files") if e["Source"] == "{param:POLICY}"]
    machine = [e for e in policies if e["DestDir"] == "{commonappdata}\\selfaudit"]
    user = [e for e in policies if e["DestDir"] == "{app}"]
    assert len(machine) == 1 and len(user) == 1
    assert "uninsneveruninstall" in machine[0]["Flags"].split()
    assert machine[0]["Check"] == "MachinePolicyGiven"
    assert "uninsneveruninstall" not in user[0]["Flags"].split()  # removed with the program
    assert user[0]["Check"] == "UserPolicyGiven"
    code = section("Code")
    assert re.search(r"MachinePolicyGiven.*?PolicyGiven and IsAdminInstallMode", code, re.S)
    assert re.search(r"UserPolicyGiven.*?PolicyGiven and not IsAdminInstallMode", code, re.S)


def test_the_uninstaller_removes_the_login_reminder_the_app_added() -> None:
    assert f'#define ReminderValue "{WindowsStartup.VALUE_NAME}"' in SCRIPT
    code = section("Code")
    assert f"RunKey = '{RUN_KEY}';" in code
    assert f"ApprovedKey = '{APPROVED_KEY}';" in code
    step = re.search(r"procedure CurUninstallStepChanged.*?\nend;", code, re.S)
    assert step, "no uninstall step"
    assert "CurUninstallStep = usUninstall" in step.group(0)
    for key in ("RunKey", "ApprovedKey"):
        assert f"RegDeleteValue(HKEY_CURRENT_USER, {key}, '{{#ReminderValue}}')" in step.group(0)


def test_the_programs_it_installs_are_signed_when_signing() -> None:
    files = entries("Files")
    programs = [
        e for e in files if e["Source"].endswith(("\\selfaudit.exe", "\\selfaudit-cli.exe"))
    ]
    assert [e["Flags"] for e in programs] == ["{#ProgramFlags}", "{#ProgramFlags}"]
    assert re.search(r'#ifdef Sign\n\s*#define ProgramFlags "ignoreversion signonce"', SCRIPT)
    rest = next(e for e in files if e["Source"].endswith("\\*"))
    assert rest["Excludes"] == "\\selfaudit.exe,\\selfaudit-cli.exe"  # each file once
    assert re.search(r"#ifdef Sign\nSignTool=selfaudit\nSignedUninstaller=yes\n#endif", SCRIPT)


def test_the_script_needs_the_inno_setup_that_knows_x64compatible() -> None:
    assert "ArchitecturesAllowed=x64compatible" in SCRIPT
    assert "#if Ver < EncodeVer(6, 3, 0)" in SCRIPT
    readme = (ROOT / "packaging" / "README.md").read_text(encoding="utf-8")
    assert "Inno Setup 6.3" in readme


def test_the_installer_gets_both_forms_of_the_version() -> None:
    assert "VersionInfoVersion={#FileVersion}" in SCRIPT
    assert "VersionInfoTextVersion={#AppVersion}" in SCRIPT
    build = packaging_module("build")
    command = build.installer_command("iscc", None)
    version = build.__version__
    assert command[1:3] == [
        f"/DAppVersion={version}",
        f"/DFileVersion={file_version.dotted(version)}",
    ]
    signed = build.installer_command("iscc", "signtool sign /fd SHA256 $f")
    assert signed[3:5] == ["/DSign", "/Sselfaudit=signtool sign /fd SHA256 $f"]


RELEASES_IN_ORDER = [
    "1.1.9",
    "1.2.dev1",
    "1.2.dev2",
    "1.2a1",
    "1.2a2",
    "1.2b1",
    "1.2rc1",
    "1.2rc2",
    "1.2",
    "1.2.post1",
    "1.2.1rc1",
    "1.2.1",
    "1.10",
    "2.0",
]


def test_file_versions_keep_the_order_of_the_versions() -> None:
    numbers = [file_version.file_version(v) for v in RELEASES_IN_ORDER]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert file_version.dotted("1.2rc1") == "1.2.0.30001"
    assert file_version.dotted("1.2") == "1.2.0.40000"
    assert all(n <= 65535 for v in numbers for n in v)  # Windows keeps 16 bits each


@pytest.mark.parametrize("version", ["1.2rc1.dev1", "1.2-beta", "v1.2", "1.2.3.4", "70000.1", ""])
def test_versions_windows_cannot_order_are_refused(version: str) -> None:
    with pytest.raises(file_version.VersionError, match=re.escape(repr(version))):
        file_version.file_version(version)


def test_the_package_version_maps() -> None:
    import selfaudit

    assert file_version.file_version(selfaudit.__version__)
