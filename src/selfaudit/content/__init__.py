"""The catalog of measures and checks, read from resources/content."""

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
