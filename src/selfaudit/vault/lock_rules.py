"""How the checklist may be opened and how soon it locks itself: the person's choice, within
what the organisation's policy asks (`require_passphrase`, `lock_after_minutes`).

Two ways to open it: with the computer's sign-in (the key in the OS keyring, so anyone who can
use this computer account can open it), or by asking for a passphrase each time (the key only
in the passphrase's and the recovery code's key slots). Only with a passphrase does locking mean
anything: the app locks on demand, after an idle time and when the screen locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfaudit.policy import Policy

IDLE_MINUTES_CHOICES = (1, 2, 5, 10, 15, 30, 60)
DEFAULT_IDLE_MINUTES = 10

KEYRING_CHOICE = "Open with my computer's sign-in"
PASSPHRASE_CHOICE = "Ask for a passphrase each time"
REQUIRED_LINE = "Your organisation asks for a passphrase each time selfaudit opens."


@dataclass(frozen=True)
class LockRules:
    """What the policy in force allows. The default allows everything."""

    require_passphrase: bool = False
    longest_idle_minutes: int | None = None  # None: the person may choose "never"

    @classmethod
    def from_policy(cls, policy: Policy) -> LockRules:
        return cls(policy.require_passphrase, policy.lock_after_minutes)

    def idle_choices(self) -> tuple[int | None, ...]:
        """The idle times Settings offers, shortest first; None is "never"."""
        longest = self.longest_idle_minutes
        if longest is None:
            return (*IDLE_MINUTES_CHOICES, None)
        allowed = {m for m in IDLE_MINUTES_CHOICES if m <= longest} | {longest}
        return tuple(sorted(allowed))

    def idle_minutes(self, chosen: int | None) -> int | None:
        """The idle time in force for the person's choice (None: never lock when idle)."""
        longest = self.longest_idle_minutes
        if longest is None:
            return chosen
        return longest if chosen is None else min(chosen, longest)

    def idle_limit_line(self) -> str:
        """One line saying the policy's longest idle time ('' when it sets none)."""
        if self.longest_idle_minutes is None:
            return ""
        return (
            "Your organisation asks for selfaudit to lock itself after at most "
            f"{describe_minutes(self.longest_idle_minutes)} unused."
        )


def describe_minutes(minutes: int | None) -> str:
    if minutes is None:
        return "never"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'' if hours == 1 else 's'}"
    return f"{minutes} minute{'' if minutes == 1 else 's'}"
