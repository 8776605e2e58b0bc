"""What the plan, status and receipt commands read: the person's saved state and the policy.

Each is behind one small function so the composition can point it at the real sources (the
encrypted vault, the deployed policy file) in one place, and tests can hand in their own.
"""

from __future__ import annotations

from selfaudit.audit.state import AppState
from selfaudit.content import ContentError, load_catalog
from selfaudit.content.models import Catalog
from selfaudit.policy import DEFAULT_POLICY, Policy


def load_state() -> AppState:
    """The person's saved answers, plan progress and audit history.

    VAULT: until the encrypted vault is wired in here, nothing has been saved, so this is an
    empty state. Raise `selfaudit.cli.CommandError` with a human message when it can't be read.
    """
    return AppState()


def load_policy() -> Policy:
    """The organisation's policy. POLICY: the deployed policy file is read here once it exists."""
    return DEFAULT_POLICY


def catalog() -> Catalog:
    from selfaudit.cli import CommandError

    try:
        return load_catalog()
    except ContentError as exc:
        raise CommandError(f"the content files are damaged: {exc}") from None


NO_AUDIT_YET = (
    "you have not finished an audit yet. Run selfaudit with no command to open the app "
    "and start one."
)
