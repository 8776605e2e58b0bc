"""The code of practice the app cites, and how its sections are numbered.

The app's questions, quotes and section numbers come from one code of practice: the one it was
built from (resources/reference/). An organisation with a code of its own names it in its policy
(`[code]`: title, version, link, and its own numbers for the sections the app cites); the app
then cites that code, in that numbering, and labels the quotes as the words of the code it was
built from. Plain data, so every layer can word a citation without knowing about the policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

BUILT_FROM = "the code this app was built from"


@dataclass(frozen=True)
class CodeOfPractice:
    """Which code a citation points to. Empty `title`: the code the app was built from, which is
    also the employer's (the app's own numbering, no title shown)."""

    title: str = ""
    version: str = ""
    url: str = ""
    owner: str = ""
    reviewed_on: date | None = None
    # the app's section (as in its content's `seed_ref`) -> the organisation's own number
    sections: tuple[tuple[str, str], ...] = ()
    organisation: str = ""  # who asks the organisation's own checks; "" if the policy names none

    @property
    def own(self) -> bool:
        """The organisation names a code of its own."""
        return bool(self.title)

    def number(self, ref: str) -> str | None:
        """The organisation's number for one of the app's sections; None when it gives none
        (or names no code of its own: the app's numbers are then the code's)."""
        if not self.own:
            return ref
        return dict(self.sections).get(ref)

    @property
    def name(self) -> str:
        """'Social Media Code for Staff, version 3.0'; "" for the code the app was built from."""
        if not self.own:
            return ""
        return f"{self.title}, version {self.version}" if self.version else self.title

    @property
    def asker(self) -> str:
        """Who asks the organisation's own questions, at the start of a sentence."""
        return self.organisation or "Your organisation"


BUILT_IN_CODE = CodeOfPractice()
