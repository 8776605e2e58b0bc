"""The organisation's policy: its name, contacts, links and the rules the audit applies.

IT deploys a TOML file; without one the built-in default applies. The model lists every setting
so the rest of the app reads policy values from one typed place.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints

from selfaudit.content.models import Severity

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class PolicyModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyLink(PolicyModel):
    title: Text
    url: AnyHttpUrl


class Contact(PolicyModel):
    role: Text  # e.g. "Line manager", "Designated safeguarding lead", "First Response Team (LADO)"
    name: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


def _default_due_days() -> dict[Severity, int]:
    return {Severity.HIGH: 7, Severity.MEDIUM: 30, Severity.LOW: 90}


class Policy(PolicyModel):
    organisation: str = ""
    links: tuple[PolicyLink, ...] = ()
    contacts: tuple[Contact, ...] = ()
    reaudit_days: int = Field(default=180, ge=7, le=730)
    reaudit_days_by_measure: dict[str, int] = Field(default_factory=dict)
    required_measures: tuple[str, ...] = ()
    max_screen_lock_minutes: int = Field(default=10, ge=1, le=120)
    min_password_score: int = Field(default=3, ge=0, le=4)
    password_words: tuple[str, ...] = ()  # extra words the password checker penalises
    platforms: tuple[str, ...] = ()  # empty: offer every platform the content knows
    due_days: dict[Severity, int] = Field(default_factory=_default_due_days)


DEFAULT_POLICY = Policy()
