"""Opening and saving: the round trip, backups, quarantine, newer and older versions, changes
made by someone else, permissions and the absence of plain text on disk."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfaudit.audit.state import AppState
from selfaudit.paths import AppPaths
from selfaudit.vault import contents as vault_contents
from selfaudit.vault.backups import (
    Backup,
    BackupKind,
    backup_name,
    backups_to_delete,
    list_backups,
)
from selfaudit.vault.errors import (
    ChangedOnDiskError,
    KeyMismatchError,
    ReadOnlyError,
    TooNewError,
    VaultError,
)
from selfaudit.vault.fileformat import VERSION_FIELD, encrypt, read_header
from selfaudit.vault.keys import DataKey, RecoveryCode, recovery_slot
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import InstanceLock
from selfaudit.vault.vault import Need, NoGoodCopyError, Vault, inspect, open_vault
from tests.unit.vault.conftest import CANARY, marker_of, state_with


def test_first_run_then_round_trip(layout: VaultLayout, key: DataKey, code: RecoveryCode) -> None:
    assert inspect(layout).need is Need.FIRST_RUN
    vault = Vault.create(layout, key, code, state=state_with("one"))
    vault.save(state_with("two"))
    found = inspect(layout)
    assert found.need is Need.KEY and found.header is not None
    assert found.header.key_id == key.key_id and not found.header.has_passphrase
    opened = open_vault(layout, key)
    assert marker_of(opened.state) == "two"
    assert opened.recovered is None and opened.migrated is None
    assert opened.vault.recovery_code == str(code)
    assert opened.vault.generation == 2


def test_a_new_key_is_never_made_while_a_checklist_exists(vault: Vault, code: RecoveryCode) -> None:
    before = vault.layout.main.read_bytes()
    with pytest.raises(VaultError, match="already exists"):
        Vault.create(vault.layout, DataKey.generate(), code)
    assert vault.layout.main.read_bytes() == before


def test_a_backup_alone_still_counts_as_a_checklist(vault: Vault) -> None:
    vault.save(state_with("second"))
    vault.layout.main.unlink()
    assert vault.layout.has_data()
    assert inspect(vault.layout).need is Need.KEY


def test_each_save_keeps_the_previous_version(vault: Vault, key: DataKey) -> None:
    for n in range(3):
        vault.save(state_with(f"save {n}"))
    backups = list_backups(vault.layout.backups)
    assert [b.generation for b in backups] == [3, 2, 1]
    from selfaudit.vault.fileformat import decrypt

    newest = vault_contents.load(decrypt(backups[0].path.read_bytes(), key)[1])
    assert marker_of(newest.state) == "save 1"


def test_at_most_ten_recent_saves_are_kept_per_day(vault: Vault) -> None:
    for n in range(15):
        vault.save(state_with(f"save {n}"))
    assert len(list_backups(vault.layout.backups)) == 10


def test_rotation_keeps_last_ten_and_one_a_day_for_thirty_days() -> None:
    now = datetime(2026, 6, 30, 23, tzinfo=UTC)
    today = [now - timedelta(minutes=m) for m in range(1, 13)]  # 12 saves this evening
    earlier = [now - timedelta(days=d, hours=1) for d in range(1, 41)]  # one a day before
    for extra in (2, 3):  # and two more on each of the last two days
        earlier += [now - timedelta(days=extra - 1, hours=h) for h in (4, 5)]
    backups = [
        Backup(Path(f"b{n}"), BackupKind.SAVE, n, when)
        for n, when in enumerate(sorted([*today, *earlier]), start=1)
    ]
    premigration = Backup(Path("pre"), BackupKind.PRE_MIGRATION, 1, now - timedelta(days=300))
    doomed = {b.saved_at for b in backups_to_delete([*backups, premigration], now)}
    kept = {b.saved_at for b in backups} - doomed
    assert kept == set(today[:10]) | {now - timedelta(days=d, hours=1) for d in range(1, 30)}
    assert premigration.saved_at not in doomed


def test_backup_names_round_trip(tmp_path: Path) -> None:
    when = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
    for pre in (None, 3):
        name = backup_name(42, when, pre)
        (tmp_path / name).write_bytes(b"")
        (tmp_path / "unrelated.txt").write_bytes(b"")
    found = list_backups(tmp_path)
    assert {b.kind for b in found} == {BackupKind.SAVE, BackupKind.PRE_MIGRATION}
    assert all(b.generation == 42 and b.saved_at == when for b in found)


def corrupt(path: Path, position: int = -20) -> None:
    data = bytearray(path.read_bytes())
    data[position] ^= 0x40
    path.write_bytes(bytes(data))


def test_damaged_main_file_is_quarantined_and_newest_good_backup_offered(
    vault: Vault, key: DataKey
) -> None:
    vault.save(state_with("second"))
    vault.save(state_with("third"))
    damaged = vault.layout.main.read_bytes()
    corrupt(vault.layout.main)
    damaged_bytes = vault.layout.main.read_bytes()
    opened = open_vault(vault.layout, key)
    assert marker_of(opened.state) == "second"
    assert opened.recovered is not None
    assert opened.recovered.problem == "its contents do not match its checksum"
    [moved] = opened.recovered.quarantined
    assert moved.parent == vault.layout.quarantine and moved.read_bytes() == damaged_bytes
    assert not vault.layout.main.exists()
    assert damaged != damaged_bytes
    # saving after the person agreed writes a new main file from the recovered state
    opened.vault.save(opened.state)
    assert marker_of(open_vault(vault.layout, key).state) == "second"
    assert opened.vault.generation > 3


def test_damaged_copies_everywhere_are_all_quarantined_never_deleted(
    vault: Vault, key: DataKey
) -> None:
    vault.save(state_with("second"))
    files = [vault.layout.main, *(b.path for b in list_backups(vault.layout.backups))]
    for path in files:
        corrupt(path)
    with pytest.raises(NoGoodCopyError) as info:
        open_vault(vault.layout, key)
    assert len(info.value.quarantined) == len(files)
    assert "no good backup" in str(info.value)
    assert not vault.layout.has_data()
    assert len(list(vault.layout.quarantine.iterdir())) == len(files)


def test_a_read_only_open_changes_nothing_and_reports_damage(vault: Vault, key: DataKey) -> None:
    vault.save(state_with("second"))
    corrupt(vault.layout.main)
    before = sorted(p.name for p in vault.layout.root.rglob("*"))
    with pytest.raises(VaultError, match="damaged"):
        open_vault(vault.layout, key, repair=False)
    assert sorted(p.name for p in vault.layout.root.rglob("*")) == before


def test_a_missing_main_file_opens_the_newest_backup(vault: Vault, key: DataKey) -> None:
    vault.save(state_with("second"))
    vault.layout.main.unlink()
    opened = open_vault(vault.layout, key)
    assert marker_of(opened.state) == "first" and opened.recovered is not None


def test_a_newer_file_format_is_left_alone(vault: Vault, key: DataKey) -> None:
    data = bytearray(vault.layout.main.read_bytes())
    data[VERSION_FIELD] = (9).to_bytes(2, "big")
    vault.layout.main.write_bytes(bytes(data))
    found = inspect(vault.layout)
    assert found.need is Need.TOO_NEW and isinstance(found.problem, TooNewError)
    with pytest.raises(TooNewError):
        open_vault(vault.layout, key)
    assert vault.layout.main.read_bytes() == bytes(data)
    assert not list(vault.layout.quarantine.iterdir())


def write_state(layout: VaultLayout, key: DataKey, state: dict[str, Any]) -> None:
    slots = read_header(layout.main.read_bytes())[0].slots
    layout.main.write_bytes(encrypt(key, 50, slots, vault_contents.dump_data(state, "X")))


def test_a_newer_schema_opens_read_only_and_is_never_saved(vault: Vault, key: DataKey) -> None:
    newer = state_with("from the future").model_dump(mode="json")
    newer["schema_version"] = 99
    newer["a_field_from_the_future"] = {"kept": True}
    write_state(vault.layout, key, newer)
    before = vault.layout.main.read_bytes()
    opened = open_vault(vault.layout, key)
    assert marker_of(opened.state) == "from the future"
    assert opened.vault.read_only and "newer version" in opened.vault.read_only
    with pytest.raises(ReadOnlyError):
        opened.vault.save(opened.state)
    assert vault.layout.main.read_bytes() == before


def test_an_older_schema_is_migrated_after_a_pre_migration_backup(
    vault: Vault, key: DataKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = vault_contents.SCHEMA_VERSION  # pretend the next version changed how platforms are kept
    old = state_with("old friend").model_dump(mode="json")
    old["platforms"] = "facebook"  # the current schema stored one platform as a string

    def to_next(data: dict[str, Any]) -> dict[str, Any]:
        data["platforms"] = [data["platforms"]]
        return data

    write_state(vault.layout, key, old)
    before = vault.layout.main.read_bytes()
    monkeypatch.setattr(vault_contents, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(vault_contents, "MIGRATIONS", {now: to_next})
    opened = open_vault(vault.layout, key)
    assert opened.state.platforms == ["facebook"] and opened.state.schema_version == now + 1
    assert opened.migrated is not None and opened.migrated.from_schema == now
    assert opened.migrated.backup is not None
    assert opened.migrated.backup.read_bytes() == before
    assert vault.layout.main.read_bytes() == before  # nothing written until the first save
    opened.vault.save(opened.state)
    assert open_vault(vault.layout, key).state.schema_version == now + 1
    kinds = [b.kind for b in list_backups(vault.layout.backups)]
    assert BackupKind.PRE_MIGRATION in kinds


def test_a_file_changed_by_someone_else_is_not_overwritten(vault: Vault, key: DataKey) -> None:
    other = Vault(vault.layout, key, vault.slots, vault.recovery_code, 0, None)
    other_state = state_with("saved by another copy")
    other.save(other_state, overwrite_changes=True)
    theirs = vault.layout.main.read_bytes()
    with pytest.raises(ChangedOnDiskError, match="changed by another program"):
        vault.save(state_with("mine"))
    assert vault.layout.main.read_bytes() == theirs
    # keeping mine on purpose: theirs stays among the backups
    vault.save(state_with("mine"), overwrite_changes=True)
    assert marker_of(open_vault(vault.layout, key).state) == "mine"
    backed_up = [b.path.read_bytes() for b in list_backups(vault.layout.backups)]
    assert theirs in backed_up


def test_a_touched_but_unchanged_file_is_still_ours(vault: Vault, key: DataKey) -> None:
    """A new time (a backup tool, `touch`) with the same content is not someone else's change:
    the save goes ahead, where a changed content is refused (the test above)."""
    os.utime(vault.layout.main, (1, 1))
    vault.save(state_with("after touch"))  # raises ChangedOnDiskError if taken for a change
    assert marker_of(open_vault(vault.layout, key).state) == "after touch"
    assert vault.layout.main.stat().st_mtime > 1


def test_a_file_appearing_where_none_was_is_not_overwritten(
    layout: VaultLayout, key: DataKey, code: RecoveryCode
) -> None:
    fresh = Vault(layout, key, [recovery_slot(key, code)], str(code), 0, None)
    layout.ensure()
    layout.main.write_bytes(b"someone else's file")
    with pytest.raises(ChangedOnDiskError):
        fresh.save(AppState())
    assert layout.main.read_bytes() == b"someone else's file"


def test_the_wrong_key_is_refused_before_anything_moves(vault: Vault) -> None:
    with pytest.raises(KeyMismatchError):
        open_vault(vault.layout, DataKey.generate())
    assert not list(vault.layout.quarantine.iterdir())


def test_stale_temp_files_of_an_interrupted_save_are_removed_on_open(
    vault: Vault, key: DataKey
) -> None:
    stale = vault.layout.root / ".checklist.vault.123.abcd.tmp"
    stale.write_bytes(b"half a save")
    open_vault(vault.layout, key)
    assert not stale.exists()


def test_permissions_are_private_even_with_umask_zero(
    layout: VaultLayout, key: DataKey, code: RecoveryCode
) -> None:
    old = os.umask(0)
    lock = InstanceLock(layout.lock)
    try:
        assert lock.acquire()
        vault = Vault.create(layout, key, code, state=state_with("one"))
        vault.save(state_with("two"))
        vault.blobs.put(b"a screenshot")
        corrupt(layout.main)
        open_vault(layout, key)  # quarantines
        vault2 = open_vault(layout, key).vault
        vault2.save(state_with("three"), overwrite_changes=True)
    finally:
        os.umask(old)
        lock.release()
    folders = [layout.root, *(p for p in layout.root.rglob("*") if p.is_dir())]
    files = [p for p in layout.root.rglob("*") if p.is_file()]
    assert {layout.backups, layout.quarantine, layout.attachments} <= set(folders)
    assert {p.parent for p in files} >= {layout.root, layout.quarantine, layout.backups}
    assert layout.lock in files and len(files) >= 5
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def all_bytes_under(*folders: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for f in folders if f.exists() for p in f.rglob("*") if p.is_file()]


def test_the_canary_never_appears_on_disk(
    app_paths: AppPaths, layout: VaultLayout, key: DataKey, code: RecoveryCode
) -> None:
    vault = Vault.create(
        layout, key, code, passphrase="canary test passphrase", state=state_with(CANARY)
    )
    for _ in range(3):
        vault.save(state_with(CANARY))
    vault.blobs.put(CANARY.encode() * 10)
    files = all_bytes_under(app_paths.data_dir, app_paths.config_dir)
    assert len(files) >= 4
    import base64

    needles = [CANARY.encode(), CANARY.encode("utf-16-le"), base64.b64encode(CANARY.encode())[:20]]
    for path, data in files:
        for needle in needles:
            assert needle not in data, path
    assert str(code).encode() not in b"".join(d for _, d in files)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    damage=st.one_of(
        st.tuples(st.just("flip"), st.integers(0, 10**9)),
        st.tuples(st.just("truncate"), st.integers(0, 10**9)),
        st.tuples(st.just("garbage"), st.binary(max_size=600)),
    )
)
def test_any_damage_to_the_main_file_means_quarantine_and_the_backup(
    tmp_path_factory: pytest.TempPathFactory, damage: tuple[str, Any]
) -> None:
    layout = VaultLayout(tmp_path_factory.mktemp("vault"))
    key = DataKey.generate()
    vault = Vault.create(layout, key, RecoveryCode.generate(), state=state_with("good"))
    vault.save(state_with("newest"))
    data = layout.main.read_bytes()
    kind, value = damage
    if kind == "flip":
        damaged = bytearray(data)
        damaged[value % len(data)] ^= 1 << (value % 8)
        data = bytes(damaged)
    elif kind == "truncate":
        data = data[: value % len(data)]
    else:
        data = value
    layout.main.write_bytes(data)
    found = inspect(layout)
    if found.need is Need.TOO_NEW:  # the flip raised the version number: left alone
        assert layout.main.read_bytes() == data
        return
    opened = open_vault(layout, key)
    assert marker_of(opened.state) == "good"
    assert opened.recovered is not None
    assert [p.read_bytes() for p in opened.recovered.quarantined] == [data]
