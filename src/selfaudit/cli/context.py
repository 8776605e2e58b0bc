"""What the plan, status and receipt commands read: the person's saved state and the policy.

Each is behind one small function so the composition can point it at the real sources (the
encrypted vault, the deployed policy file) in one place, and tests can hand in their own.
"""

from __future__ import annotations

import argparse

from selfaudit.audit.state import AppState
from selfaudit.content.models import Catalog
from selfaudit.policy import Policy


def load_state(ask_passphrase: bool = True) -> AppState:
    """The person's saved answers, plan progress and audit history, from the encrypted vault
    (read only: the app may be open). Raises `selfaudit.cli.CommandError` with a human message
    when it can't be read; `NeedsPassphraseError` when `ask_passphrase` is off and the checklist is
    locked with a passphrase (a login reminder must never sit waiting for one)."""
    from selfaudit.cli.vault_access import NoChecklistError, open_checklist

    try:
        return open_checklist(write=False, ask_passphrase=ask_passphrase).state
    except NoChecklistError:
        return AppState()  # the app has not been set up here: nothing done yet


def load_policy(args: argparse.Namespace) -> Policy:
    """The organisation's policy in force (`--policy`, deployed files, or the default)."""
    from selfaudit.cli.policy import catalog_or_fail, policy_in_force

    return policy_in_force(args, catalog_or_fail()).policy


def catalog(policy: Policy) -> Catalog:
    """The checks as the policy shapes them: what the person was asked and what counts."""
    from selfaudit.cli.policy import catalog_or_fail
    from selfaudit.policy_catalog import shape_catalog

    return shape_catalog(catalog_or_fail(), policy)


NO_AUDIT_YET = (
    "you have not finished an audit yet. Run selfaudit with no command to open the app "
    "and start one."
)
