"""A lighter version of a check PySide6 makes on every module imported after it.

For its optional `from __feature__ import ...` syntax, PySide6 (6.4 to at least 6.11) asks of
each newly imported module whether its source mentions "PySide6", with `inspect.getsource`
(shibokensupport/feature.py: `_mod_uses_pyside`). That keeps the source of every module the
app imports in `linecache`: megabytes that stay in memory, and time at start-up. The answer is
the same when the file is read and searched directly, which keeps nothing.

Only that one function is replaced, and only when it is there as expected. A module whose
source cannot be read (a built-in, a compiled library, or any module of the frozen bundle, which
keeps no .py files) is answered "no" straight away, as PySide's own check answers it when
`inspect` finds no source. Handing those to PySide's check instead would go through `inspect`
and `linecache`, which are not safe across threads: with the start-up's worker thread importing
at the same time, a bundle's import of pydantic failed now and then.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def lighten() -> bool:
    """Replaces the check once PySide6 is imported; True if it did."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "lightened", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False
        try:
            return b"PySide6" in Path(path).read_bytes()
        except OSError:
            return False

    uses_pyside.lightened = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a module of PySide's own)
    return True
