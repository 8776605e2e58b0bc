"""Finding and reading the organisation's policy file, with problems IT can fix.

Where a policy is looked for, first found first used:

1. the file given with `--policy FILE`;
2. `policy.toml` in the user's own config folder;
3. the file IT names through device management: on Windows a `PolicyFile` value set by Group
   Policy or Intune (the computer's, then the person's), on macOS a managed preference set by a
   configuration profile (managed_settings.py);
4. `policy.toml` in the system config folder (IT's machine-wide file: /etc/xdg/selfaudit on
   Linux, ProgramData on Windows, /Library/Application Support on macOS); on Windows only when
   no standard user can have put it there (machine_policy.py);
5. `policy.toml` next to a bundled (PyInstaller) executable, so IT can hand out a folder;
6. the built-in default.

A file that cannot be used is skipped with its problems recorded, never fatal: the app carries on
with the next candidate and tells the person which file was ignored and why.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from selfaudit.bounded import ReadRefusedError, read_file
from selfaudit.machine_policy import MachinePolicyTrust, machine_policy_trust
from selfaudit.managed_settings import ManagedPlace, ManagedSettings, Scope, managed_settings
from selfaudit.paths import AppPaths
from selfaudit.policy_problems import (
    PolicyError,
    PolicyFileMissingError,
    Problem,
    catalog_problems,
    key_name,
    rule_problems,
    validation_problems,
)
from selfaudit.toml_lines import key_lines

__all__ = [  # the problems are defined in policy_problems.py, and said from here too
    "PolicyError",
    "PolicyFileMissingError",
    "Problem",
    "key_name",
]

POLICY_FILE_NAME = "policy.toml"
MAX_POLICY_BYTES = 256 * 1024  # a real policy is a few kilobytes; anything bigger is a mistake
MAX_ORGANISATION_HINT = 120  # as the policy model allows

if TYPE_CHECKING:
    # the models (pydantic) load when a policy file is read: the app's first page, which only
    # looks for the organisation's name, does not wait for them (organisation_hint)

    from selfaudit.content.models import Catalog
    from selfaudit.policy import Policy


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def _unreadable(path: Path, exc: BaseException) -> PolicyError:
    """Anything else that stops a file being read as a policy, in words IT can act on."""
    if isinstance(exc, RecursionError):
        what = "it nests lists or tables far too deeply to be a policy"
    elif isinstance(exc, ValueError) and "digits" in str(exc):
        what = "it holds a number far too long to be a setting"
    elif isinstance(exc, MemoryError):
        what = "it needs far more memory to read than a policy could"
    else:
        what = f"it cannot be read as a policy ({type(exc).__name__})"
    return PolicyError(path, [Problem(None, "", f"this is not a usable policy file: {what}.")])


def parse_policy(text: str, path: Path, catalog: Catalog | None = None) -> Policy:
    """Validates the text of a policy file; raises PolicyError listing every problem found,
    and nothing else, whatever the file holds.

    TOML syntax errors stop at the first (tomllib reads no further); every other problem is
    collected: unknown keys, wrong values, and measures or platforms the catalog lacks.
    """
    try:
        return _parse_policy(text, path, catalog)
    except PolicyError:
        raise
    except (Exception, RecursionError, MemoryError) as exc:  # deep nesting, huge numbers...
        raise _unreadable(path, exc) from None


def _parse_policy(text: str, path: Path, catalog: Catalog | None) -> Policy:
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
        problems += validation_problems(exc, lines)
    said = {p.key for p in problems}
    problems += [p for p in rule_problems(data, lines) if p.key not in said]
    if catalog is not None:
        # a key pydantic already rejected (a badly formed name) needs saying only once
        said = {p.key for p in problems}
        problems += [p for p in catalog_problems(data, catalog, lines) if p.key not in said]
    if problems or policy is None:
        raise PolicyError(path, problems)
    return policy


def read_policy_bytes(path: Path) -> bytes:
    """The bytes of a policy file: a regular file of at most MAX_POLICY_BYTES (a FIFO or a
    device at a policy's place is refused by its type, never waited on). Raises PolicyError,
    PolicyFileMissingError when nothing is there."""
    try:
        return read_file(path, MAX_POLICY_BYTES, name="this")
    except ReadRefusedError as exc:
        if exc.missing:
            raise PolicyFileMissingError(
                path, [Problem(None, "", "there is no file here")]
            ) from None
        raise PolicyError(
            path, [Problem(None, "", f"{exc}; a policy is a small text file")]
        ) from None


def read_policy_file(path: Path, catalog: Catalog | None = None) -> Policy:
    raw = read_policy_bytes(path)
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
    MANAGED_USER = "managed_user"
    SYSTEM = "system"
    BUNDLE = "bundle"
    BUILT_IN = "built_in"

    @property
    def description(self) -> str:
        return {
            "command_line": "the file given with --policy",
            "user": "your own settings folder",
            "managed": "the file your IT team named in this computer's managed settings",
            "managed_user": "the file your IT team named in your account's managed settings",
            "system": "this computer's settings folder, set up by your IT team",
            "bundle": "the folder the app was installed in, set up by your IT team",
            "built_in": "the app's built-in settings",
        }[self.value]


# places where someone named the file: a missing file there is a mistake to report
NAMED_ORIGINS = frozenset(
    {PolicyOrigin.COMMAND_LINE, PolicyOrigin.MANAGED, PolicyOrigin.MANAGED_USER}
)


@dataclass(frozen=True)
class PolicyCandidate:
    path: Path
    origin: PolicyOrigin
    where: str = ""  # the managed setting that named the file
    problem: str = ""  # the managed setting names no usable file: why

    @property
    def description(self) -> str:
        if self.where:
            return f"{self.origin.description}, {self.where}"
        return self.origin.description


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


def managed_places() -> list[ManagedPlace]:
    """Every place this computer's system lets IT name the policy file, set or not."""
    return managed_settings().places()


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
    for place in (managed or managed_settings()).places():
        origin = (
            PolicyOrigin.MANAGED if place.scope is Scope.COMPUTER else PolicyOrigin.MANAGED_USER
        )
        if place.path is not None:
            candidates.append(PolicyCandidate(place.path, origin, place.where))
        elif place.problem:
            candidates.append(
                PolicyCandidate(Path(place.where), origin, place.where, place.problem)
            )
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
    file may not be IT's (machine_policy.py) or a managed setting names no usable file; other
    places pass."""
    if candidate.problem:
        raise PolicyError(candidate.path, [Problem(None, "", f"not used: {candidate.problem}")])
    if candidate.origin is not PolicyOrigin.SYSTEM:
        return
    if not candidate.path.exists():  # anything else there is refused by its type when read
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
            # normal at a default place; a mistake when named with --policy or by IT
            if candidate.origin in NAMED_ORIGINS:
                ignored.append(IgnoredPolicy(candidate.path, candidate.origin, tuple(exc.problems)))
            continue
        except PolicyError as exc:
            ignored.append(IgnoredPolicy(candidate.path, candidate.origin, tuple(exc.problems)))
            continue
        except (Exception, RecursionError, MemoryError) as exc:  # never fatal, whatever it is
            problems = _unreadable(candidate.path, exc).problems
            ignored.append(IgnoredPolicy(candidate.path, candidate.origin, tuple(problems)))
            continue
        return LoadedPolicy(policy, candidate.origin, candidate.path, tuple(ignored))
    from selfaudit.policy import DEFAULT_POLICY

    return LoadedPolicy(DEFAULT_POLICY, PolicyOrigin.BUILT_IN, None, tuple(ignored))


def organisation_hint(explicit: Path | None = None, paths: AppPaths | None = None) -> str:
    """The organisation's name as the policy file in force would give it, read without checking
    the file: for the app's first page only, drawn before the policy is loaded (load_policy
    then decides, and the page shows what it decides). "" when no file names one."""
    from selfaudit.safe_text import unsafe_characters

    for candidate in policy_candidates(explicit, paths or AppPaths.for_user()):
        try:
            check_machine_file(candidate)
            document = tomllib.loads(
                read_file(candidate.path, MAX_POLICY_BYTES).decode("utf-8-sig")
            )
            name = document.get("organisation", "")
        except (Exception, RecursionError, MemoryError):  # a broken file: load_policy says why
            continue
        if (
            not isinstance(name, str)
            or len(name) > MAX_ORGANISATION_HINT
            or unsafe_characters(name)
        ):
            return ""
        return name
    return ""
