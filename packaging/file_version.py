"""The four numbers Windows wants for a version (file properties, the installer), in the order
of the versions themselves: 1.2a1 < 1.2b1 < 1.2rc1 < 1.2 < 1.2.post1 < 1.2.1.

The first three are the release (1.2 is 1.2.0); the fourth says where in the release cycle:
10000 per stage (dev, a, b, rc, the release itself and its post releases) plus the stage's
number. So 1.2rc1 is 1.2.0.30001 and 1.2 is 1.2.0.40000. Read by selfaudit.spec (the programs'
version resource) and build.py (Inno Setup's VersionInfoVersion).
"""

from __future__ import annotations

import re

_VERSION = re.compile(
    r"(?P<release>\d+(?:\.\d+){0,2})"
    r"(?:(?P<pre>a|b|rc)(?P<pre_n>\d+))?"
    r"(?:\.post(?P<post>\d+))?"
    r"(?:\.dev(?P<dev>\d+))?"
)
_STAGES = {"dev": 0, "a": 1, "b": 2, "rc": 3, "release": 4}
_STEP = 10000


class VersionError(ValueError):
    pass


def file_version(version: str) -> tuple[int, int, int, int]:
    found = _VERSION.fullmatch(version)
    parts = [found.group(k) for k in ("pre", "post", "dev")] if found else []
    if found is None or sum(part is not None for part in parts) > 1:
        raise VersionError(
            f"{version!r} is not a version Windows can order: use X.Y.Z, optionally with one of "
            "aN, bN, rcN, .postN or .devN (such as 1.2rc1)"
        )
    release = [int(n) for n in found.group("release").split(".")] + [0, 0]
    if found.group("pre"):
        stage, number = _STAGES[found.group("pre")], int(found.group("pre_n"))
    elif found.group("dev"):
        stage, number = _STAGES["dev"], int(found.group("dev"))
    else:
        stage, number = _STAGES["release"], int(found.group("post") or 0)
    if number >= _STEP or any(n > 65535 for n in release[:3]):
        raise VersionError(f"{version!r} has a number too big for a Windows file version")
    return release[0], release[1], release[2], stage * _STEP + number


def dotted(version: str) -> str:
    return ".".join(str(n) for n in file_version(version))
