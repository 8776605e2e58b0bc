"""What is inside the encryption: a JSON document holding the person's AppState, and the steps
that bring a document saved by an older version up to date.

Two version numbers exist: the file format's (fileformat.CONTAINER_VERSION: layout and crypto)
and the state's `schema_version` (the JSON model). A newer schema is opened read-only: saving it
with this version's models would drop what this version does not know.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticSerializationError

from selfaudit import __version__
from selfaudit.audit import state as _state
from selfaudit.audit.state import AppState
from selfaudit.vault.errors import DamagedFileError

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# The schema this version writes. A module attribute (read at call time) so tests can pretend a
# newer version exists and exercise MIGRATIONS.
SCHEMA_VERSION: int = _state.SCHEMA_VERSION


# MIGRATIONS[n] turns a schema-n state (as a dict) into schema n+1. Pure functions, never removed:
# a file saved years ago must still open. Add one whenever SCHEMA_VERSION goes up, plus a frozen
# example file in tests/unit/vault/fixtures/.
def _schema_1_to_2(state: dict[str, Any]) -> dict[str, Any]:
    return state  # 2 adds own_reaudit_days, which a schema-1 checklist leaves unset


def _schema_2_to_3(state: dict[str, Any]) -> dict[str, Any]:
    return state  # 3 adds situation_actions, which a schema-2 checklist has none of


def _schema_3_to_4(state: dict[str, Any]) -> dict[str, Any]:
    return state  # 4 adds idle_lock_minutes, which a schema-3 checklist leaves at its default


MIGRATIONS: dict[int, Migration] = {1: _schema_1_to_2, 2: _schema_2_to_3, 3: _schema_3_to_4}


class Envelope(BaseModel):
    """The first line of the document; the state's JSON follows it. Kept apart so the state is
    written and read straight from and to JSON by pydantic, with no intermediate dict: a 10 MB
    checklist saves and loads in a fraction of the time."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["selfaudit-checklist"] = "selfaudit-checklist"
    app_version: str
    saved_at: datetime
    schema_version: int  # the state's, so it is known before the state is parsed
    recovery_code: str  # so Settings can show it again; only ever inside the encryption


@dataclass(frozen=True)
class Contents:
    state: AppState
    recovery_code: str
    saved_at: datetime
    schema_found: int  # below current: migrated; above: read-only, best effort


def _join(schema: int, recovery_code: str, state_json: bytes, now: datetime | None) -> bytes:
    envelope = Envelope(
        app_version=__version__,
        saved_at=now or datetime.now(UTC),
        schema_version=schema,
        recovery_code=recovery_code,
    )
    # compact JSON never contains a raw newline (strings escape it), so it separates the parts
    return envelope.model_dump_json().encode("utf-8") + b"\n" + state_json


def dump(state: AppState, recovery_code: str, now: datetime | None = None) -> bytes:
    return _join(state.schema_version, recovery_code, state.model_dump_json().encode(), now)


def dump_data(data: dict[str, Any], recovery_code: str, now: datetime | None = None) -> bytes:
    """A document holding any state dict: how tests write files of other schema versions."""
    return _join(data["schema_version"], recovery_code, json.dumps(data).encode(), now)


def load(
    plaintext: bytes,
    current: int | None = None,
    migrations: dict[int, Migration] | None = None,
) -> Contents:
    """Parses and validates a decrypted document; migrates an older state. Raises DamagedFileError
    for anything that is not a valid document (it passed authentication, so this means a bug or
    a file written by something else with our key). A newer state loads leniently and
    `schema_found` tells the caller to open it read-only."""
    current = SCHEMA_VERSION if current is None else current
    migrations = MIGRATIONS if migrations is None else migrations
    head, separator, body = plaintext.partition(b"\n")
    try:
        if not separator:
            raise DamagedFileError("its contents are not a checklist (no state)")
        envelope = Envelope.model_validate_json(head)
    except ValidationError as exc:
        raise DamagedFileError(f"its contents are not a checklist ({_first_error(exc)})") from None
    found = envelope.schema_version
    if found < 1:
        raise DamagedFileError("its contents have no valid schema version")
    try:
        if found == current:
            state = AppState.model_validate_json(body)  # the usual case, and the fast path
        else:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise DamagedFileError("its contents are not a checklist")
            if found > current:
                state = _lenient(data)
            else:
                state = AppState.model_validate(migrate(data, found, current, migrations))
    except ValidationError as exc:
        raise DamagedFileError(
            f"its contents are not a valid checklist ({_first_error(exc)})"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DamagedFileError(f"its contents are not a checklist ({exc})") from None
    if found <= current and state.schema_version != current:
        raise DamagedFileError("its contents disagree about their schema version")
    return Contents(state, envelope.recovery_code, envelope.saved_at, found)


def migrate(
    data: dict[str, Any], found: int, current: int, migrations: dict[int, Migration]
) -> dict[str, Any]:
    for version in range(found, current):
        step = migrations.get(version)
        if step is None:
            raise DamagedFileError(f"this version has no way to bring schema {version} up to date")
        data = step(json.loads(json.dumps(data)))
        data["schema_version"] = version + 1
    return data


def _lenient(data: dict[str, Any]) -> AppState:
    """A newer state, read with what this version knows: shown, never saved."""
    known = {k: v for k, v in data.items() if k in AppState.model_fields}
    known["schema_version"] = _state.SCHEMA_VERSION
    try:
        return AppState.model_validate(known)
    except ValidationError:
        return AppState()


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "top level"
    return f"{where}: {error['msg']}"


# the person's export (their right of access) and what `selfaudit import` accepts ----------------
class Export(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["selfaudit-export"] = "selfaudit-export"
    app_version: str
    exported_at: datetime
    state: dict[str, Any]


def export_json(state: AppState, now: datetime | None = None) -> str:
    export = Export(
        app_version=__version__,
        exported_at=now or datetime.now(UTC),
        state=state.model_dump(mode="json"),
    )
    return export.model_dump_json(indent=2)


class InvalidExportError(ValueError):
    """The file given to `selfaudit import` is not a valid export; the message says why."""


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number selfaudit stores")


def parse_export(text: str, now: datetime | None = None) -> AppState:
    """The checklist in an export, checked as a whole: valid JSON of the export's shape, text
    made valid (lone surrogates replaced), every value within the app's ranges
    (import_checks.py), and the same when saved and read back. Raises InvalidExportError,
    and nothing else, whatever the text holds."""
    from selfaudit.safe_text import valid_strings
    from selfaudit.vault.import_checks import OutOfRangeError, check_ranges

    try:
        raw = valid_strings(json.loads(text, parse_constant=_no_constants))
    except json.JSONDecodeError as exc:
        raise InvalidExportError(
            f"it is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InvalidExportError("it is nested far too deeply to be an export") from None
    except ValueError as exc:  # NaN or Infinity; a number thousands of digits long
        what = str(exc) if "not a number" in str(exc) else "a number far too long"
        raise InvalidExportError(f"it holds {what}") from None
    try:
        export = Export.model_validate(raw)
    except ValidationError as exc:
        raise InvalidExportError(
            f"it is not a selfaudit export ({_first_error(exc)}); make one with "
            "`selfaudit export --json`"
        ) from None
    data = dict(export.state)
    found = data.get("schema_version")
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise InvalidExportError("its state has no valid schema_version")
    if found > SCHEMA_VERSION:
        raise InvalidExportError(
            f"it was made by a newer version of selfaudit (schema {found}; this version "
            f"understands up to {SCHEMA_VERSION}). Import it with the newer version"
        )
    try:
        state = AppState.model_validate(migrate(data, found, SCHEMA_VERSION, MIGRATIONS))
        check_ranges(state, now)
        if load(dump(state, "")).state != state:  # as the app will save and read it
            raise InvalidExportError("it does not read back the same once saved")
    except InvalidExportError:
        raise
    except DamagedFileError as exc:
        raise InvalidExportError(exc.detail) from None
    except ValidationError as exc:
        raise InvalidExportError(f"its state is not valid ({_first_error(exc)})") from None
    except OutOfRangeError as exc:
        raise InvalidExportError(f"a value is out of range: {exc}") from None
    except RecursionError:
        raise InvalidExportError("it is nested far too deeply to be an export") from None
    except (PydanticSerializationError, ValueError, OverflowError, TypeError) as exc:
        raise InvalidExportError(
            f"it holds a value selfaudit could not save ({type(exc).__name__})"
        ) from None
    return state
