"""This computer's time zone by the name its system gives, from what each system was recorded
to say: the TZ variable, Debian's /etc/timezone, where /etc/localtime points (Fedora's relative
link, macOS's /var/db/timezone, NixOS's /etc/zoneinfo), older Red Hat's /etc/sysconfig/clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from selfaudit.evidence.local_zone import (
    SystemZoneSources,
    local_zone_name,
    readable_zone,
)


@dataclass
class Recorded:
    tz: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def environment(self) -> str | None:
        return self.tz

    def read_link(self, path: str) -> str | None:
        return self.links.get(path)

    def read_text(self, path: str) -> str | None:
        return self.files.get(path)


SYSTEMS = {
    "Debian 12 (a link and /etc/timezone)": (
        Recorded(
            links={"/etc/localtime": "/usr/share/zoneinfo/Europe/London"},
            files={"/etc/timezone": "Europe/London\n"},
        ),
        "Europe/London",
    ),
    "Fedora 40 (a relative link)": (
        Recorded(links={"/etc/localtime": "../usr/share/zoneinfo/Europe/London"}),
        "Europe/London",
    ),
    "macOS 14": (
        Recorded(links={"/etc/localtime": "/var/db/timezone/zoneinfo/Europe/London"}),
        "Europe/London",
    ),
    "NixOS": (Recorded(links={"/etc/localtime": "/etc/zoneinfo/Europe/Dublin"}), "Europe/Dublin"),
    "a posix/ link": (
        Recorded(links={"/etc/localtime": "/usr/share/zoneinfo/posix/America/New_York"}),
        "America/New_York",
    ),
    "CentOS 6 (/etc/sysconfig/clock, a copied /etc/localtime)": (
        Recorded(files={"/etc/sysconfig/clock": 'ZONE="Europe/London"\nUTC=true\n'}),
        "Europe/London",
    ),
    "TZ set by name": (
        Recorded(tz=":Europe/Paris", links={"/etc/localtime": "/usr/share/zoneinfo/Etc/UTC"}),
        "Europe/Paris",
    ),
    "TZ set to a file": (Recorded(tz="/usr/share/zoneinfo/Asia/Kolkata"), "Asia/Kolkata"),
    "a container (Etc/UTC)": (
        Recorded(links={"/etc/localtime": "/usr/share/zoneinfo/Etc/UTC"}, files={}),
        "Etc/UTC",
    ),
    "TZ as a POSIX rule, then the link": (
        Recorded(
            tz="GMT0BST,M3.5.0/1,M10.5.0",
            links={"/etc/localtime": "/usr/share/zoneinfo/Europe/London"},
        ),
        "Europe/London",
    ),
    "Windows (the system says none here: Qt's answer is used)": (Recorded(), None),
    "a garbled /etc/timezone, then the link": (
        Recorded(
            links={"/etc/localtime": "/usr/share/zoneinfo/Europe/Berlin"},
            files={"/etc/timezone": "\x00\x01 not a zone\n"},
        ),
        "Europe/Berlin",
    ),
}


@pytest.mark.parametrize("system", list(SYSTEMS))
def test_the_systems_own_name_for_its_time_zone(system: str) -> None:
    sources, expected = SYSTEMS[system]
    assert local_zone_name(sources) == expected


def test_every_name_of_utc_reads_as_utc() -> None:
    for name in ("Etc/UTC", "UTC", "Etc/Universal", "Zulu", "Etc/GMT"):
        assert readable_zone(name) == "UTC"
    assert readable_zone("Europe/London") == "Europe/London"


def test_this_computer_is_read_without_raising() -> None:
    name = local_zone_name(SystemZoneSources())
    assert name is None or "/" in name or readable_zone(name) == "UTC"
