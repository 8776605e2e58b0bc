"""The list of service users: typed or pasted in the app, or a .txt (one name a line) or .csv
with a `name` column and optional per-platform columns (one for each platform with handles in
resources/friends/platforms.toml: facebook, instagram, x…) holding a handle, profile address or
account id.

The same reading serves a plain list of friends' names (for a site without an export).
These names are sensitive: they are read into memory and never written anywhere.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from selfaudit.bounded import MB, ReadRefusedError, read_file, read_stdin
from selfaudit.measures.friends.model import ListError, ServiceUser
from selfaudit.measures.friends.names import name_words, normalise_handle
from selfaudit.safe_text import decode_text, valid_text

MAX_LIST_BYTES = 20 * MB  # about a million names
NAME_COLUMNS = ("name", "full name", "service user", "service user name", "display name")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·‣◦]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class NameRow:
    line: int
    name: str
    handles: dict[str, str]


def decode_list(data: bytes) -> str:
    """Text from a list file: UTF-8 (with or without BOM) or UTF-16, else the Windows code page
    a spreadsheet saves CSV in."""
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise ListError("it is not a text file") from None


def _plain_lines(text: str) -> list[NameRow]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = _LIST_MARKER.sub("", line).strip()
        if name and not name.startswith("#"):
            rows.append(NameRow(number, name, {}))
    return rows


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions when `cells` is a header we recognise."""
    lowered = [c.strip().lstrip("\ufeff").casefold() for c in cells]
    columns: dict[str, int] = {}
    for title in NAME_COLUMNS:
        if title in lowered:
            columns["name"] = lowered.index(title)
            break
    for title in ("first name", "last name"):
        if title in lowered:
            columns[title] = lowered.index(title)
    from selfaudit.measures.friends.guides import handle_columns  # only for a table's header

    for title, platform in handle_columns().items():
        if title in lowered:
            columns[platform] = lowered.index(title)
    has_name = "name" in columns or "first name" in columns or "last name" in columns
    return columns if has_name else None


def _table_rows(text: str, where: str) -> list[NameRow]:
    # strict: an unclosed quote is an error, not the rest of the file swallowed into one name
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        all_rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ListError(f"{where}: line {reader.line_num}: {exc}") from None
    all_rows = [(n, row) for n, row in all_rows if any(cell.strip() for cell in row)]
    if not all_rows:
        return []
    from selfaudit.measures.friends import guides  # validated content: loaded for tables only

    columns = _header_columns(all_rows[0][1])
    if columns is None:
        if all(len(row) == 1 for _, row in all_rows):
            return [NameRow(n, row[0].strip(), {}) for n, row in all_rows]
        raise ListError(
            f"{where}: line {all_rows[0][0]}: expected a header row with a column called "
            f'"name" (and, if you like, {guides.handle_columns_text()})'
        )

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    rows = []
    for number, row in all_rows[1:]:
        name = cell(row, "name") or " ".join(
            p for p in (cell(row, "first name"), cell(row, "last name")) if p
        )
        handles = {
            platform: normalise_handle(platform, cell(row, platform))
            for platform in guides.handle_platforms()
            if cell(row, platform)
        }
        handles = {p: h for p, h in handles.items() if h}
        if name or handles:
            rows.append(NameRow(number, name, handles))
    return rows


def read_names(text: str, where: str = "your list", table: bool | None = None) -> list[NameRow]:
    """Rows of a list. `table` forces CSV (True) or one name a line (False); by default a first
    line that is a recognised CSV header means CSV."""
    if table is None:
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            cells = next(csv.reader([first]), [])
        except csv.Error:
            cells = []
        table = len(cells) > 1 and _header_columns(cells) is not None
        table = table or first.strip().casefold() in NAME_COLUMNS
    return _table_rows(text, where) if table else _plain_lines(text)


def service_users_from_rows(rows: list[NameRow]) -> list[ServiceUser]:
    """Service users, once each (the same name with the same handles is listed once)."""
    seen: set[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = set()
    users = []
    for row in rows:
        key = (name_words(row.name), tuple(sorted(row.handles.items())))
        if key in seen or (not key[0] and not row.handles):
            continue
        seen.add(key)
        handles = {platform: valid_text(handle) for platform, handle in row.handles.items()}
        users.append(ServiceUser(name=valid_text(row.name), handles=handles))
    return users


def merge_service_users(*lists: list[ServiceUser]) -> list[ServiceUser]:
    """Several lists as one, each person once."""
    rows = [NameRow(0, user.name, user.handles) for users in lists for user in users]
    return service_users_from_rows(rows)


def parse_service_users(text: str) -> list[ServiceUser]:
    """A typed or pasted list: one name a line, or CSV text with a header row."""
    return service_users_from_rows(read_names(text))


def load_service_users(path: Path) -> list[ServiceUser]:
    """A .txt (one name a line) or .csv list of service users: a regular file of at most
    MAX_LIST_BYTES. Raises ListError."""
    where = path.name or str(path)
    try:
        data = read_file(path, MAX_LIST_BYTES, "this")
    except ReadRefusedError as exc:
        raise ListError(f"{where}: {exc}") from None
    return _service_users(data, where, table=True if path.suffix.casefold() == ".csv" else None)


def read_service_users_from_stdin() -> list[ServiceUser]:
    """The list piped into standard input (`--names -`), read to MAX_LIST_BYTES at most."""
    where = "standard input"
    try:
        data = read_stdin(MAX_LIST_BYTES, "it")
    except ReadRefusedError as exc:
        raise ListError(f"{where}: {exc}") from None
    return _service_users(data, where, table=None)


def _service_users(data: bytes, where: str, table: bool | None) -> list[ServiceUser]:
    if b"\0" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ListError(f"{where}: this is not a text file; expected a .txt or .csv list")
    try:
        text = decode_list(data)
    except ListError as exc:
        raise ListError(f"{where}: {exc}") from None
    users = service_users_from_rows(read_names(text, where, table))
    if not users:
        raise ListError(f"{where}: holds no names")
    return users
