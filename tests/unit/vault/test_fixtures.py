"""Files saved by released versions must open forever. One frozen file per schema version; when
SCHEMA_VERSION goes up, add the next file and keep the old ones (their test then proves the
migration)."""

from __future__ import annotations

import shutil
from pathlib import Path

from selfaudit.audit.state import SCHEMA_VERSION
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import inspect, open_vault
from tests.unit.vault.conftest import marker_of

FIXTURES = Path(__file__).parent / "fixtures"
# the secrets of the fixture files, which protect nothing but themselves
KEY = DataKey(bytes.fromhex("5e1fa0d17e5a11ce" * 4))
CODE = "008J-4CT4-ANK7-F24S-NAXW-SQFE-ZY2B-J0GQ"


def test_schema_1_file_from_version_0_1_0_opens_by_key_code_and_passphrase(
    layout: VaultLayout,
) -> None:
    layout.ensure()
    shutil.copyfile(FIXTURES / "schema-1.vault", layout.main)
    found = inspect(layout)
    assert found.header.generation == 3 and found.has_passphrase
    assert found.key_from_code(RecoveryCode.parse(CODE)) == KEY
    assert found.key_from_passphrase("fixture passphrase") == KEY
    opened = open_vault(layout, KEY)
    assert marker_of(opened.state) == "frozen in version 0.1.0"
    assert opened.state.answers["passwords.unique"].value == "yes"
    assert opened.vault.recovery_code == CODE
    assert (opened.migrated is None) == (SCHEMA_VERSION == 1)
    assert opened.vault.read_only is None


def test_schema_2_file_keeps_the_persons_own_interval(layout: VaultLayout) -> None:
    layout.ensure()
    shutil.copyfile(FIXTURES / "schema-2.vault", layout.main)
    found = inspect(layout)
    assert found.header.generation == 3 and found.has_passphrase
    assert found.key_from_passphrase("fixture passphrase") == KEY
    opened = open_vault(layout, KEY)
    assert marker_of(opened.state) == "frozen in version 0.1.0, schema 2"
    assert opened.state.own_reaudit_days == 90
    assert (opened.migrated is None) == (SCHEMA_VERSION == 2)


def test_schema_3_file_keeps_the_actions_added_from_something_has_happened(
    layout: VaultLayout,
) -> None:
    from selfaudit.content.situations import PlanKind

    layout.ensure()
    shutil.copyfile(FIXTURES / "schema-3.vault", layout.main)
    assert inspect(layout).key_from_passphrase("fixture passphrase") == KEY
    opened = open_vault(layout, KEY)
    assert marker_of(opened.state) == "frozen in version 0.1.0, schema 3"
    (item,) = opened.state.situation_actions
    assert (item.situation, item.kind, item.platform) == (
        "found-friend",
        PlanKind.REMOVE_FRIEND,
        "instagram",
    )
    assert (opened.migrated is None) == (SCHEMA_VERSION == 3)


def test_older_checklists_have_no_actions_from_something_has_happened(
    layout: VaultLayout,
) -> None:
    layout.ensure()
    shutil.copyfile(FIXTURES / "schema-2.vault", layout.main)
    assert open_vault(layout, KEY).state.situation_actions == []


def test_schema_4_file_keeps_the_persons_idle_lock_time(layout: VaultLayout) -> None:
    layout.ensure()
    shutil.copyfile(FIXTURES / "schema-4.vault", layout.main)
    found = inspect(layout)
    assert found.header.generation == 3 and found.has_passphrase
    assert found.key_from_passphrase("fixture passphrase") == KEY
    assert found.key_from_code(RecoveryCode.parse(CODE)) == KEY
    opened = open_vault(layout, KEY)
    assert marker_of(opened.state) == "frozen in version 0.1.0, schema 4"
    assert opened.state.idle_lock_minutes == 5 and opened.state.own_reaudit_days == 90
    assert (opened.migrated is None) == (SCHEMA_VERSION == 4)


def test_an_older_checklist_locks_after_the_default_idle_time(layout: VaultLayout) -> None:
    from selfaudit.audit.state import DEFAULT_IDLE_LOCK_MINUTES

    layout.ensure()
    shutil.copyfile(FIXTURES / "schema-3.vault", layout.main)
    assert open_vault(layout, KEY).state.idle_lock_minutes == DEFAULT_IDLE_LOCK_MINUTES == 10


def test_a_schema_1_checklist_has_no_own_interval_after_migration(layout: VaultLayout) -> None:
    layout.ensure()
    shutil.copyfile(FIXTURES / "schema-1.vault", layout.main)
    assert open_vault(layout, KEY).state.own_reaudit_days is None


def test_every_schema_up_to_the_current_one_has_a_fixture() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        assert (FIXTURES / f"schema-{version}.vault").is_file(), version


def test_an_export_made_by_schema_1_imports_into_the_current_schema() -> None:
    import json

    from selfaudit.audit.state import AppState
    from selfaudit.vault.contents import export_json, parse_export

    exported = json.loads(export_json(AppState(platforms=["x"])))
    exported["state"]["schema_version"] = 1
    del exported["state"]["own_reaudit_days"]  # schema 1 did not have it
    del exported["state"]["idle_lock_minutes"]
    state = parse_export(json.dumps(exported))
    assert state.platforms == ["x"] and state.schema_version == SCHEMA_VERSION
    assert state.own_reaudit_days is None
