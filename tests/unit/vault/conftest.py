"""A vault in the test's own data folder."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from selfaudit.audit.state import Answer, AppState, FriendMatch
from selfaudit.paths import AppPaths
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault

CANARY = "Zebedee-Canary-7731-Quokka"  # a name that must never appear on disk in plain text


def state_with(marker: str, platforms: tuple[str, ...] = ("facebook",)) -> AppState:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    return AppState(
        platforms=list(platforms),
        answers={"passwords.unique": Answer(value="yes", answered_at=when)},
        friend_matches=[FriendMatch(friend=marker, platform="facebook", confirmed_at=when)],
    )


def marker_of(state: AppState) -> str:
    return state.friend_matches[0].friend if state.friend_matches else ""


@pytest.fixture
def layout(app_paths: AppPaths) -> VaultLayout:
    return VaultLayout(app_paths.data_dir)


@pytest.fixture
def key() -> DataKey:
    return DataKey.generate()


@pytest.fixture
def code() -> RecoveryCode:
    return RecoveryCode.generate()


@pytest.fixture
def vault(layout: VaultLayout, key: DataKey, code: RecoveryCode) -> Vault:
    return Vault.create(layout, key, code, state=state_with("first"))
