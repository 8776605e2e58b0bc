"""Which of a Linux bundle's libraries lose their debug symbols (read by selfaudit.spec).

Only the build machine's own libraries are stripped: Python's (libpython is mostly debug symbols)
and the system libraries Qt pulls in. A library that came in a wheel is shipped exactly as its
maintainers built it. Many were rewritten by auditwheel's patchelf (numpy.libs' OpenBLAS,
rapidfuzz's and cryptography's vendored libraries), and `strip` leaves such a library unloadable
("ELF load command address/offset not page-aligned"); the rest are stripped by their builds
already, so there is nothing to gain.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePath

# PyInstaller's table of contents: (name in the bundle, source path, kind)
TocEntry = tuple[str, str, str]

WHEEL_FOLDERS = ("site-packages", "dist-packages")


def from_a_wheel(source: str) -> bool:
    """True for a file installed by pip (anything under site-packages), including PyInstaller's
    own bootloader and the libraries a wheel vendors in `<name>.libs/`."""
    return any(part in WHEEL_FOLDERS for part in PurePath(source).parts)


def to_strip(binaries: Iterable[TocEntry]) -> list[TocEntry]:
    """The entries worth stripping: shared libraries and extensions not from a wheel."""
    return [
        entry
        for entry in binaries
        if entry[2] in ("BINARY", "EXTENSION") and not from_a_wheel(entry[1])
    ]


def strip_build_machine_libraries(binaries: list[TocEntry], workdir: Path) -> list[TocEntry]:
    """A copy of `binaries` in which every entry of `to_strip` points to a stripped copy of its
    file in `workdir` (the original stays as it is)."""
    chosen = set(to_strip(binaries))
    strip = shutil.which("strip")
    if chosen and strip is None:
        raise SystemExit("`strip` is missing: install binutils (sudo apt-get install binutils)")
    result = []
    for entry in binaries:
        name, source, kind = entry
        if entry in chosen:
            copy = workdir / "stripped" / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
            copy.chmod(0o755)
            subprocess.run([str(strip), str(copy)], check=True)
            entry = (name, str(copy), kind)
        result.append(entry)
    return result
