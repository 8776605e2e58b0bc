"""The templates IT deploys the policy file with agree with what the app reads: the Group Policy
template (ADMX and its English ADML) writes the registry value managed_settings.py reads, and the
example configuration profile sets the managed preference it reads on a Mac."""

from __future__ import annotations

import plistlib
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from selfaudit import APP_ID
from selfaudit.managed_settings import (
    POLICIES_KEY,
    POLICY_FILE_VALUE,
    PREFERENCE_DOMAIN,
    REG_EXPAND_SZ,
    REG_SZ,
    MacManagedPreferences,
    Scope,
    WindowsGroupPolicy,
)

ROOT = Path(__file__).resolve().parents[2]
ADMX = ROOT / "packaging" / "windows" / "selfaudit.admx"
ADML = ROOT / "packaging" / "windows" / "en-US" / "selfaudit.adml"
PROFILE = ROOT / "packaging" / "macos" / "selfaudit-policy.mobileconfig"
GP = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
NS = {"gp": GP}


def root_of(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_the_admx_and_adml_are_group_policy_definitions() -> None:
    admx, adml = root_of(ADMX), root_of(ADML)
    assert admx.tag == f"{{{GP}}}policyDefinitions"
    assert adml.tag == f"{{{GP}}}policyDefinitionResources"
    for root in (admx, adml):
        assert (root.get("revision"), root.get("schemaVersion")) == ("1.0", "1.0")
    target = admx.find("gp:policyNamespaces/gp:target", NS)
    assert target is not None and target.get("prefix") == "selfaudit"
    resources = admx.find("gp:resources", NS)
    assert resources is not None and resources.get("minRequiredRevision") == adml.get("revision")


def the_policy() -> ET.Element:
    policies = root_of(ADMX).findall("gp:policies/gp:policy", NS)
    assert len(policies) == 1
    return policies[0]


def test_the_template_writes_the_value_the_app_reads_for_the_computer_and_the_person() -> None:
    policy = the_policy()
    assert policy.get("key") == POLICIES_KEY
    assert policy.get("class") == "Both"  # Computer and User Configuration: HKLM and HKCU
    [text] = policy.findall("gp:elements/*", NS)
    assert text.tag == f"{{{GP}}}text"
    assert text.get("valueName") == POLICY_FILE_VALUE
    assert text.get("required") == "true"


def test_every_string_and_presentation_the_admx_names_is_in_the_adml() -> None:
    admx_text = ADMX.read_text(encoding="utf-8")
    adml = root_of(ADML)
    strings = {s.get("id"): s.text or "" for s in adml.findall(".//gp:stringTable/gp:string", NS)}
    presentations = {p.get("id"): p for p in adml.findall(".//gp:presentationTable/*", NS)}
    wanted = set(re.findall(r"\$\(string\.(\w+)\)", admx_text))
    assert wanted and wanted <= set(strings), wanted - set(strings)
    shown = set(re.findall(r"\$\(presentation\.(\w+)\)", admx_text))
    assert shown == set(presentations)
    [text] = the_policy().findall("gp:elements/gp:text", NS)
    box = presentations["PolicyFile"].find("gp:textBox", NS)
    assert box is not None and box.get("refId") == text.get("id")
    explain = strings["PolicyFile_Explain"]
    assert "selfaudit policy check" in explain and "selfaudit policy show" in explain


class GroupPolicyWrote:
    """The registry as the template leaves it: the value under its key, of the type its text
    element asks for."""

    def __init__(self, hive: str, data: str) -> None:
        [text] = the_policy().findall("gp:elements/gp:text", NS)
        kind = REG_EXPAND_SZ if text.get("expandable") == "true" else REG_SZ
        self.value = (hive, the_policy().get("key"), text.get("valueName"), data, kind)

    def read(self, hive: str, key: str, name: str) -> tuple[object, int] | None:
        wrote_hive, wrote_key, wrote_name, data, kind = self.value
        return (data, kind) if (hive, key, name) == (wrote_hive, wrote_key, wrote_name) else None


@pytest.mark.parametrize(
    ("hive", "scope"), [("HKEY_LOCAL_MACHINE", Scope.COMPUTER), ("HKEY_CURRENT_USER", Scope.USER)]
)
def test_the_app_reads_what_the_template_writes(
    hive: str, scope: Scope, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ProgramData", r"C:\ProgramData")
    registry = GroupPolicyWrote(hive, r"%ProgramData%\Riverside\selfaudit.toml")
    [place] = [p for p in WindowsGroupPolicy(registry).places() if p.is_set]
    assert place.scope is scope
    assert place.path == Path(r"C:\ProgramData\Riverside\selfaudit.toml")


def profile() -> dict[str, Any]:
    with PROFILE.open("rb") as fh:
        loaded: dict[str, Any] = plistlib.load(fh)
    return loaded


def test_the_profile_is_a_configuration_profile_of_managed_preferences() -> None:
    whole = profile()
    assert whole["PayloadType"] == "Configuration"
    assert whole["PayloadVersion"] == 1
    assert whole["PayloadScope"] == "System"  # the computer's: /Library/Managed Preferences
    [payload] = whole["PayloadContent"]
    assert payload["PayloadType"] == "com.apple.ManagedClient.preferences"
    assert payload["PayloadVersion"] == 1
    uuids = {whole["PayloadUUID"], payload["PayloadUUID"]}
    assert len(uuids) == 2 and all(str(uuid.UUID(u)).upper() == u for u in uuids)
    assert payload["PayloadIdentifier"].startswith(whole["PayloadIdentifier"] + ".")


def test_the_profile_sets_policyfile_in_the_apps_domain(tmp_path: Path) -> None:
    [payload] = profile()["PayloadContent"]
    assert list(payload["PayloadContent"]) == [PREFERENCE_DOMAIN] == [APP_ID]
    [forced] = payload["PayloadContent"][APP_ID]["Forced"]
    settings = forced["mcx_preference_settings"]
    assert list(settings) == [POLICY_FILE_VALUE]
    # macOS writes the forced settings to /Library/Managed Preferences/<domain>.plist
    root = tmp_path / "Managed Preferences"
    root.mkdir()
    (root / f"{APP_ID}.plist").write_bytes(plistlib.dumps(settings, fmt=plistlib.FMT_BINARY))
    read = MacManagedPreferences(root, user="jo", system_owned=lambda _path: True).places()
    assert read[0].path == Path(settings[POLICY_FILE_VALUE])
    assert read[0].path.is_absolute()
