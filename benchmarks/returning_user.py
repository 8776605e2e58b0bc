#!/usr/bin/env python3
"""Makes a returning user's checklist for the start-up and command-line benchmarks: an encrypted
vault in this environment's data folder, its key in the keyring this environment reaches (run it
inside `common.in_keyring_session`, with the same HOME and XDG folders as the app it prepares).

    .venv/bin/python benchmarks/returning_user.py in-progress|audited

in-progress: half of a first audit answered (the app opens on the wizard's welcome page);
audited: three audits over the past year and a plan under way (the app opens on the dashboard).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.models import Outcome
from selfaudit.paths import AppPaths
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore, choose_keyring
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault

PLATFORMS = ["facebook", "instagram", "whatsapp"]


def answer_all(session: AuditSession, share: float, failing_every: int) -> None:
    checks = session.applicable_checks()
    for index, check in enumerate(checks[: int(len(checks) * share)]):
        wanted = Outcome.FAIL if index % failing_every == 0 else Outcome.PASS
        choice = next((o for o in check.choices() if o.outcome is wanted), check.choices()[0])
        session.set_answer(check.id, choice.value)


def in_progress() -> AppState:
    session = AuditSession(load_catalog(), AppState())
    session.set_platforms(PLATFORMS)
    answer_all(session, 0.5, 4)
    return session.state


def audited() -> AppState:
    now = datetime.now(UTC)
    state = AppState()
    for months_ago in (12, 6, 1):
        moment = now - timedelta(days=30 * months_ago)
        session = AuditSession(load_catalog(), state, clock=lambda moment=moment: moment)
        session.set_platforms(PLATFORMS)
        session.start_audit()
        answer_all(session, 1.0, 3 + months_ago % 5)
        session.finish()
    return state


def main(kind: str) -> int:
    state = {"in-progress": in_progress, "audited": audited}[kind]()
    choice = choose_keyring()
    if not choice.usable:
        print(f"no keyring: {choice.refusal}", file=sys.stderr)
        return 1
    key, code = DataKey.generate(), RecoveryCode.generate()
    KeyringKeyStore(choice.backend).store(key)
    Vault.create(VaultLayout(AppPaths.for_user().data_dir), key, code, state=state)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
