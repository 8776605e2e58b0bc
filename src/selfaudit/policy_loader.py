"""Finding and reading the organisation's policy file, with problems IT can fix.

Where a policy is looked for, first found first used:

1. the file given with `--policy FILE`;
2. `policy.toml` in the user's own config folder;
3. on Windows, the file IT names in Group Policy (machine_policy.py);
4. `policy.toml` in the system config folder (IT's machine-wide file: /etc/xdg/selfaudit on
   Linux, ProgramData on Windows, /Library/Application Support on macOS); on Windows only when
   no standard user can have put it there (machine_policy.py);
5. `policy.toml` next to a bundled (PyInstaller) executable, so IT can hand out a folder;
6. the built-in default.

A file that cannot be used is skipped with its problems recorded, never fatal: the app carries on
with the next candidate and tells the person which file was ignored and why.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfaudit.machine_policy import (
    MachinePolicyTrust,
    ManagedSettings,
    machine_policy_trust,
    managed_settings,
)
from selfaudit.paths import AppPaths
from selfaudit.toml_lines import KeyPath, key_lines, line_of

POLICY_FILE_NAME = "policy.toml"
MAX_POLICY_BYTES = 256 * 1024  # a real policy is a few kilobytes; anything bigger is a mistake
NESTED_TABLES = ("contacts", "links")  # lists of tables, each checked by its own model

if TYPE_CHECKING:
    # the models (pydantic) load when a policy file is read: the app's first page, which only
    # looks for the organisation's name, does not wait for them (organisation_hint)
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

    from selfaudit.content.models import Catalog
    from selfaudit.policy import Policy


def _nested_model(table: str) -> type[BaseModel]:
    from selfaudit.policy import Contact, PolicyLink

    models: dict[str, type[BaseModel]] = {"contacts": Contact, "links": PolicyLink}
    return models[table]


# problems -----------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a policy file: where (line, key) and what was expected."""

    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = [f"line {self.line}"] if self.line else []
        if self.key:
            where.append(f"key `{self.key}`")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class PolicyError(Exception):
    """A policy file cannot be used. `problems` lists every problem found, in line order."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.key))
        count = len(self.problems)
        super().__init__(f"{path}: {count} problem{'s' if count != 1 else ''}")


class PolicyFileMissingError(PolicyError):
    """There is no file at the path: normal at a default place, a mistake with --policy."""


def key_name(path: KeyPath) -> str:
    """('contacts', 1, 'email') -> 'contacts[2].email': elements counted from 1, as people do."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text


def did_you_mean(word: str, choices: list[str]) -> str | None:
    from rapidfuzz import fuzz, process  # only when a key is wrong: keeps start-up light

    match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=70)
    return None if match is None else str(match[0])


def _quoted(text: str) -> str:
    """Text as TOML writes it, in double quotes, cut short if long."""
    return json.dumps(text if len(text) <= 40 else text[:37] + "...", ensure_ascii=False)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return str(value)


def _field_model(loc: KeyPath) -> tuple[type[BaseModel], str | None]:
    """The model whose field `loc` names, and that field (None when loc is a whole item)."""
    from selfaudit.policy import Policy

    if len(loc) >= 2 and isinstance(loc[0], str) and loc[0] in NESTED_TABLES:
        nested = _nested_model(loc[0])
        if isinstance(loc[1], int):
            return nested, (str(loc[2]) if len(loc) >= 3 else None)
    return Policy, (str(loc[0]) if loc else None)


def _explain(err: ErrorDetails) -> str:
    loc = tuple(part for part in err["loc"] if part != "[key]")
    model, name = _field_model(loc)
    fields = model.model_fields
    kind = err["type"]
    if kind == "extra_forbidden":
        known = list(fields)
        guess = did_you_mean(str(loc[-1]), known)
        hint = (
            f" Did you mean `{guess}`?" if guess else f" The settings here are: {', '.join(known)}."
        )
        return f"this is not a policy setting.{hint}"
    expected = fields[name].description if name in fields else None
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "missing":
        return f"this setting is required: {expected or err['msg']}."
    if expected is None:
        return f"{err['msg']}."
    return f"{_show(err['input'])} is not allowed here; expected {expected}."


def _validation_problems(exc: ValidationError, lines: dict[KeyPath, int]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(part for part in err["loc"] if part != "[key]")
        problems.append(Problem(line_of(lines, loc), key_name(loc), _explain(err)))
    return problems


def _unknown_ids(
    values: Any, known: dict[str, str], what: str, base: KeyPath, lines: dict[KeyPath, int]
) -> list[Problem]:
    """Names of measures or platforms (in a list or as a table's keys) the catalog lacks."""
    if isinstance(values, dict):
        items: list[tuple[KeyPath, Any]] = [((*base, key), key) for key in values]
    elif isinstance(values, list):
        items = [((*base, index), value) for index, value in enumerate(values)]
    else:
        return []  # a wrong type: pydantic has already said so
    problems = []
    for path, value in items:
        if not isinstance(value, str) or value in known:
            continue
        guess = did_you_mean(value, list(known))
        hint = f"Did you mean {_quoted(guess)}? " if guess else ""
        problems.append(
            Problem(
                line_of(lines, path),
                key_name(path),
                f"{_quoted(value)} is not one of the {what}. {hint}They are: {', '.join(known)}.",
            )
        )
    return problems


def _catalog_problems(
    data: dict[str, Any], catalog: Catalog, lines: dict[KeyPath, int]
) -> list[Problem]:
    measures = {m.id: m.title for m in catalog.measures}
    platforms = {p.id: p.name for p in catalog.platforms}
    sections = "audit's sections"
    problems = [
        *_unknown_ids(
            data.get("required_measures"), measures, sections, ("required_measures",), lines
        ),
        *_unknown_ids(
            data.get("reaudit_days_by_measure"),
            measures,
            sections,
            ("reaudit_days_by_measure",),
            lines,
        ),
        *_unknown_ids(data.get("platforms"), platforms, "platforms", ("platforms",), lines),
    ]
    for table in NESTED_TABLES:
        items = data.get(table)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    path = (table, index, "measures")
                    problems += _unknown_ids(item.get("measures"), measures, sections, path, lines)
    return problems


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def parse_policy(text: str, path: Path, catalog: Catalog | None = None) -> Policy:
    """Validates the text of a policy file; raises PolicyError listing every problem found.

    TOML syntax errors stop at the first (tomllib reads no further); every other problem is
    collected: unknown keys, wrong values, and measures or platforms the catalog lacks.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = int(found.group(1)) if found else None
        detail = _TOML_POSITION.sub("", message)
        raise PolicyError(
            path,
            [
                Problem(
                    line,
                    "",
                    f"this is not valid TOML ({detail}). Check quotes around text, brackets and "
                    "that each setting appears once.",
                )
            ],
        ) from None
    from pydantic import ValidationError

    from selfaudit.policy import Policy

    lines = key_lines(text)
    problems: list[Problem] = []
    policy: Policy | None = None
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        problems += _validation_problems(exc, lines)
    if catalog is not None:
        # a key pydantic already rejected (a badly formed name) needs saying only once
        said = {p.key for p in problems}
        problems += [p for p in _catalog_problems(data, catalog, lines) if p.key not in said]
    if problems or policy is None:
        raise PolicyError(path, problems)
    return policy


def read_policy_file(path: Path, catalog: Catalog | None = None) -> Policy:
    try:
        size = path.stat().st_size
        if size > MAX_POLICY_BYTES:
            raise PolicyError(
                path,
                [Problem(None, "", f"the file is {size // 1024} KB, too big to be a policy file")],
            )
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise PolicyFileMissingError(path, [Problem(None, "", "there is no file here")]) from None
    except IsADirectoryError:
        raise PolicyError(path, [Problem(None, "", "this is a folder, not a file")]) from None
    except PermissionError:
        raise PolicyError(
            path, [Problem(None, "", "the file cannot be read: permission denied")]
        ) from None
    except OSError as exc:
        raise PolicyError(path, [Problem(None, "", f"the file cannot be read: {exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")  # editors on Windows may add a byte-order mark
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PolicyError(
            path,
            [Problem(line, "", "the file is not UTF-8 text: save it as UTF-8 and try again")],
        ) from None
    return parse_policy(text, path, catalog)


# where a policy comes from ------------------------------------------------------------------
class PolicyOrigin(StrEnum):
    COMMAND_LINE = "command_line"
    USER = "user"
    MANAGED = "managed"
    SYSTEM = "system"
    BUNDLE = "bundle"
    BUILT_IN = "built_in"

    @property
    def description(self) -> str:
        return {
            "command_line": "the file given with --policy",
            "user": "your own settings folder",
            "managed": "the file your IT team named in this computer's Group Policy",
            "system": "this computer's settings folder, set up by your IT team",
            "bundle": "the folder the app was installed in, set up by your IT team",
            "built_in": "the app's built-in settings",
        }[self.value]


@dataclass(frozen=True)
class PolicyCandidate:
    path: Path
    origin: PolicyOrigin


@dataclass(frozen=True)
class IgnoredPolicy:
    """A policy file that was found but could not be used, and why."""

    path: Path
    origin: PolicyOrigin
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class LoadedPolicy:
    """The policy in force, where it came from, and every file skipped on the way."""

    policy: Policy
    origin: PolicyOrigin
    path: Path | None = None
    ignored: tuple[IgnoredPolicy, ...] = field(default=())


def bundle_dirs(executable: Path, frozen: bool) -> list[Path]:
    """Folders a bundled app's policy may sit in: beside the executable and, for a macOS app
    bundle (Name.app/Contents/MacOS/name), beside the .app that IT copies around."""
    if not frozen:
        return []
    folder = executable.parent
    dirs = [folder]
    if folder.name == "MacOS" and folder.parent.name == "Contents":
        app = folder.parent.parent
        if app.suffix == ".app":
            dirs.append(app.parent)
    return dirs


def policy_candidates(
    explicit: Path | None,
    paths: AppPaths,
    executable: Path | None = None,
    frozen: bool | None = None,
    managed: ManagedSettings | None = None,
) -> list[PolicyCandidate]:
    """Every place a policy may be, in the order they are tried."""
    if executable is None:
        executable = Path(sys.executable)
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    candidates = []
    if explicit is not None:
        candidates.append(PolicyCandidate(explicit, PolicyOrigin.COMMAND_LINE))
    candidates.append(PolicyCandidate(paths.config_dir / POLICY_FILE_NAME, PolicyOrigin.USER))
    named = (managed or managed_settings()).policy_file()
    if named is not None:
        candidates.append(PolicyCandidate(named, PolicyOrigin.MANAGED))
    candidates += [
        PolicyCandidate(folder / POLICY_FILE_NAME, PolicyOrigin.SYSTEM)
        for folder in paths.site_config_dirs
    ]
    candidates += [
        PolicyCandidate(folder / POLICY_FILE_NAME, PolicyOrigin.BUNDLE)
        for folder in bundle_dirs(executable, frozen)
    ]
    return candidates


def check_machine_file(candidate: PolicyCandidate, trust: MachinePolicyTrust | None = None) -> None:
    """Raises PolicyFileMissingError when the system folder has no file, and PolicyError when its
    file may not be IT's (machine_policy.py); other places pass."""
    if candidate.origin is not PolicyOrigin.SYSTEM:
        return
    if not candidate.path.is_file():
        raise PolicyFileMissingError(candidate.path, [Problem(None, "", "there is no file here")])
    why = (trust or machine_policy_trust()).refusal(candidate.path)
    if why is not None:
        raise PolicyError(candidate.path, [Problem(None, "", f"not used: {why}")])


def load_policy(
    explicit: Path | None = None,
    paths: AppPaths | None = None,
    catalog: Catalog | None = None,
    executable: Path | None = None,
    frozen: bool | None = None,
    trust: MachinePolicyTrust | None = None,
    managed: ManagedSettings | None = None,
) -> LoadedPolicy:
    """The first usable policy in the search order; never raises for a bad file."""
    paths = paths or AppPaths.for_user()
    ignored: list[IgnoredPolicy] = []
    for candidate in policy_candidates(explicit, paths, executable, frozen, managed):
        try:
            check_machine_file(candidate, trust)
            policy = read_policy_file(candidate.path, catalog)
        except PolicyFileMissingError as exc:
            # normal at a default place; a mistake when named with --policy
            if candidate.origin is PolicyOrigin.COMMAND_LINE:
                ignored.append(IgnoredPolicy(candidate.path, candidate.origin, tuple(exc.problems)))
            continue
        except PolicyError as exc:
            ignored.append(IgnoredPolicy(candidate.path, candidate.origin, tuple(exc.problems)))
            continue
        return LoadedPolicy(policy, candidate.origin, candidate.path, tuple(ignored))
    from selfaudit.policy import DEFAULT_POLICY

    return LoadedPolicy(DEFAULT_POLICY, PolicyOrigin.BUILT_IN, None, tuple(ignored))


def organisation_hint(explicit: Path | None = None, paths: AppPaths | None = None) -> str:
    """The organisation's name as the policy file in force would give it, read without checking
    the file: for the app's first page only, drawn before the policy is loaded (load_policy
    then decides, and the page shows what it decides). "" when no file names one."""
    for candidate in policy_candidates(explicit, paths or AppPaths.for_user()):
        try:
            check_machine_file(candidate)
            with candidate.path.open("rb") as fh:
                name = tomllib.load(fh).get("organisation", "")
        except (OSError, PolicyError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        return name if isinstance(name, str) else ""
    return ""
