"""The catalog of measures and checks, read from resources/content.

The names below are loaded on first use, so a module of this package that needs no pydantic
model (`content.hints`, read for the first frame) can be imported without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfaudit.content.loader import ContentError, load_catalog
    from selfaudit.content.models import (
        AnswerKind,
        Catalog,
        Check,
        Measure,
        Option,
        Outcome,
        Platform,
        Severity,
    )

_HOMES = {
    "ContentError": "selfaudit.content.loader",
    "load_catalog": "selfaudit.content.loader",
    "AnswerKind": "selfaudit.content.models",
    "Catalog": "selfaudit.content.models",
    "Check": "selfaudit.content.models",
    "Measure": "selfaudit.content.models",
    "Option": "selfaudit.content.models",
    "Outcome": "selfaudit.content.models",
    "Platform": "selfaudit.content.models",
    "Severity": "selfaudit.content.models",
}

__all__ = [
    "AnswerKind",
    "Catalog",
    "Check",
    "ContentError",
    "Measure",
    "Option",
    "Outcome",
    "Platform",
    "Severity",
    "load_catalog",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
