"""The name of this computer's time zone ("Europe/London"), for an incident's record, as the system
itself says it: the TZ variable, /etc/timezone (Debian, Ubuntu), where /etc/localtime points
(most Linux systems and macOS: …/zoneinfo/Europe/London), or /etc/sysconfig/clock (older Red
Hat). Where none of them says (Windows, or a copied /etc/localtime), the caller asks Qt, which
maps Windows' own zone names to these.

The system is read through `ZoneSources`, so each system's answer is tested from what it was
recorded to say (tests/unit/evidence/test_local_zone.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

# an IANA name: "UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+1"
ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")
# the names of UTC itself: a person reads them all as "UTC"
UTC_NAMES = frozenset(
    {
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Etc/Universal",
        "Universal",
        "Etc/Zulu",
        "Zulu",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "GMT0",
        "GMT+0",
        "GMT-0",
        "Etc/Greenwich",
    }
)
MAX_FILE = 4096  # /etc/timezone and /etc/sysconfig/clock are a line or two


class ZoneSources(Protocol):
    def environment(self) -> str | None: ...

    def read_link(self, path: str) -> str | None: ...

    def read_text(self, path: str) -> str | None: ...


class SystemZoneSources:
    """What this computer says. Never raises: a missing or unreadable source says nothing."""

    def environment(self) -> str | None:
        return os.environ.get("TZ")

    def read_link(self, path: str) -> str | None:
        try:
            return str(Path(path).readlink())
        except (OSError, ValueError):
            return None

    def read_text(self, path: str) -> str | None:
        try:
            with Path(path).open("rb") as file:
                return file.read(MAX_FILE).decode("utf-8", "replace")
        except OSError:
            return None


def _from_path(path: str) -> str | None:
    """ "Europe/London" from …/zoneinfo/Europe/London (and from …/zoneinfo/posix/…)."""
    _, found, name = path.partition("zoneinfo/")
    if not found:
        return None
    for prefix in ("posix/", "right/"):
        name = name.removeprefix(prefix)
    return name if ZONE_NAME.match(name) else None


def _is_name(text: str) -> bool:
    # "GMT0BST,M3.5.0/1,M10.5.0" is a POSIX rule, not a name: it has digits after letters
    # and commas; a name is Area/Place, or one of the single words (UTC, GMT)
    return bool(ZONE_NAME.match(text)) and ("/" in text or text in UTC_NAMES or text == "GMT")


def local_zone_name(sources: ZoneSources) -> str | None:
    """The system's own name for its time zone, or None when it does not say."""
    variable = (sources.environment() or "").strip().removeprefix(":")
    if variable:
        if variable.startswith("/"):
            named = _from_path(variable)
            if named:
                return named
        elif _is_name(variable):
            return variable
    debian = (sources.read_text("/etc/timezone") or "").strip().splitlines()
    if debian and _is_name(debian[0].strip()):
        return debian[0].strip()
    link = sources.read_link("/etc/localtime")
    if link:
        named = _from_path(link)
        if named:
            return named
    clock = sources.read_text("/etc/sysconfig/clock") or ""
    found = re.search(r'^\s*ZONE\s*=\s*"?([^"\s]+)"?', clock, re.MULTILINE)
    if found and _is_name(found.group(1)):
        return found.group(1)
    return None


def readable_zone(name: str) -> str:
    """The name as a person reads it: "UTC" for every name of UTC itself ("Etc/UTC")."""
    return "UTC" if name in UTC_NAMES else name
