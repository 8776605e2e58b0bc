"""Deleting everything selfaudit keeps ("Delete all my data"): the checklist, every backup,
the quarantine, the attachments and the count of wrong passphrases. Returns the key ids the
copies name, so the caller can take those keys out of the keyring too."""

from __future__ import annotations

import contextlib
import shutil

from selfaudit.vault.atomic import fsync_folder
from selfaudit.vault.backups import list_backups
from selfaudit.vault.errors import VaultFormatError
from selfaudit.vault.fileformat import read_head, read_header
from selfaudit.vault.layout import VaultLayout


def delete_all_data(layout: VaultLayout) -> set[bytes]:
    """Deletes every copy: main file, backups, quarantine, attachments. Returns the key ids
    named in their headers, so the caller can remove those keys from the keyring too."""
    key_ids: set[bytes] = set()
    files = [layout.main, *(b.path for b in list_backups(layout.backups))]
    if layout.quarantine.is_dir():
        files += list(layout.quarantine.iterdir())
    for path in files:
        with contextlib.suppress(OSError, VaultFormatError):
            key_ids.add(read_header(read_head(path))[0].key_id)
    for path in [*files, layout.unlock_attempts]:
        if path.is_file():
            path.unlink()
    for folder in (layout.backups, layout.quarantine, layout.attachments):
        if folder.is_dir():
            shutil.rmtree(folder)
    layout.remove_stale_temp_files()
    fsync_folder(layout.root)
    return key_ids
