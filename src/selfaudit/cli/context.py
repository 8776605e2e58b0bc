"""What the plan, status and receipt commands read: the person's saved state and the policy.

Each is behind one small function so the composition can point it at the real sources (the
encrypted vault, the deployed policy file) in one place, and tests can hand in their own.
"""

from __future__ import annotations

import argparse

from selfaudit.audit.state import AppState
from selfaudit.content.models import Catalog
from selfaudit.policy import Policy


def load_state() -> AppState:
    """The person's saved answers, plan progress and audit history.

    VAULT: until the encrypted vault is wired in here, nothing has been saved, so this is an
    empty state. Raise `selfaudit.cli.CommandError` with a human message when it can't be read.
    """
    return AppState()


def load_policy(args: argparse.Namespace) -> Policy:
    """The organisation's policy in force (`--policy`, deployed files, or the default)."""
    from selfaudit.cli.policy import policy_in_force

    return policy_in_force(args, catalog()).policy


def catalog() -> Catalog:
    from selfaudit.cli.policy import catalog_or_fail

    return catalog_or_fail()


NO_AUDIT_YET = (
    "you have not finished an audit yet. Run selfaudit with no command to open the app "
    "and start one."
)
