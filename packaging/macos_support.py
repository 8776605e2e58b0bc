"""The oldest macOS a bundle runs on, and the check that what goes into it agrees.

A wheel says which macOS it needs in its tag (numpy-2.4.6-...-macosx_14_0_arm64.whl needs 14),
and so does Python's own build (sysconfig's platform, such as macosx-11.0-arm64). pip picks the
newest wheel the build machine accepts, so a bundle built on macOS 14 or later can carry wheels
that need 14 while its Info.plist promises 13. build.py refuses such a build; selfaudit.spec
writes MINIMUM_MACOS as LSMinimumSystemVersion. PySide6-Essentials 6.10 and later need macOS 13
(their wheels are tagged macosx_13_0_universal2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

MINIMUM_MACOS = (13, 0)

_MACOS_TAG = re.compile(r"macosx[_-](\d+)[_.](\d+)[_-](\w+)$")


def needs_macos(tags: Iterable[str]) -> tuple[int, int] | None:
    """The oldest macOS any of these tags (a wheel's, or Python's platform) runs on; None when
    none is a macOS tag (a pure-Python wheel)."""
    versions = []
    for tag in tags:
        found = _MACOS_TAG.search(tag.rsplit("-", 1)[-1]) or _MACOS_TAG.search(tag)
        if found:
            versions.append((int(found.group(1)), int(found.group(2))))
    return min(versions) if versions else None


def wheel_tags(wheel_file: str) -> list[str]:
    """The `Tag:` lines of a .dist-info/WHEEL file."""
    return [
        line.split(":", 1)[1].strip() for line in wheel_file.splitlines() if line.startswith("Tag:")
    ]


def too_new(
    wheels: Mapping[str, str], python_platform: str, minimum: tuple[int, int] = MINIMUM_MACOS
) -> list[str]:
    """What needs a newer macOS than `minimum`: `wheels` maps a distribution to its WHEEL file."""
    problems = []
    python = needs_macos([python_platform])
    if python is not None and python > minimum:
        problems.append(f"Python itself ({python_platform}) needs macOS {python[0]}.{python[1]}")
    for name, text in sorted(wheels.items()):
        need = needs_macos(wheel_tags(text))
        if need is not None and need > minimum:
            tags = ", ".join(wheel_tags(text))
            problems.append(f"{name} ({tags}) needs macOS {need[0]}.{need[1]}")
    return problems
