"""How old the platform content is: every item and comparison table checked against a source
carries the date, so maintainers can see what to re-verify before menus drift; what was never
checked against a source a reader would trust is listed too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from selfaudit.content.models import Catalog

# Platforms move their menus often: what has not been checked for half a year is suspect.
DEFAULT_STALE_DAYS = 180


@dataclass(frozen=True)
class Verified:
    """One piece of platform content and when its steps were last checked."""

    id: str  # an item's id, or "<platform>.blocking_tools" for a comparison table
    platform: str
    verified_on: date
    source: str
    unconfirmed: str = ""  # what the source did not confirm word for word

    def age_days(self, today: date) -> int:
        return (today - self.verified_on).days


@dataclass(frozen=True)
class Unchecked:
    """Platform content not yet checked against a source: shown as such in the app."""

    id: str
    platform: str
    help_search: str = ""  # what the app tells people to search for in the platform's help


def verified_content(catalog: Catalog) -> list[Verified]:
    """Every platform item and comparison table checked against a source, in catalog order."""
    found = [
        Verified(item.id, item.platform, item.verified_on, item.source, item.unconfirmed)
        for item in catalog.platform_items()
        if item.platform and item.verified_on and item.source
    ]
    found += [
        Verified(
            f"{guide.platform}.blocking_tools", guide.platform, guide.verified_on, guide.source
        )
        for guide in catalog.guides
        if guide.verified_on and guide.source
    ]
    return found


def unchecked_content(catalog: Catalog) -> list[Unchecked]:
    """Every platform item and comparison table not yet checked against a source."""
    found = [
        Unchecked(item.id, item.platform, item.help_search)
        for item in catalog.platform_items()
        if item.platform and item.verified_on is None
    ]
    found += [
        Unchecked(f"{guide.platform}.blocking_tools", guide.platform)
        for guide in catalog.guides
        if guide.verified_on is None
    ]
    return found


def stale_content(catalog: Catalog, today: date, days: int = DEFAULT_STALE_DAYS) -> list[Verified]:
    """What was last checked more than `days` days before `today`, oldest first."""
    old = [v for v in verified_content(catalog) if v.age_days(today) > days]
    return sorted(old, key=lambda v: (v.verified_on, v.id))


def unconfirmed_content(catalog: Catalog) -> list[Verified]:
    """Items whose source confirmed the way but not every label: worth checking on a device."""
    return [v for v in verified_content(catalog) if v.unconfirmed]
