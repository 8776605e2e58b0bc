"""install.sh on a stand-in bundle folder, into a scratch root (DESTDIR), as configuration
management runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.packaging_modules import ROOT

APP_ID = "uk.selfaudit.SelfAudit"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "selfaudit"
    (folder / "_internal").mkdir(parents=True)
    program = folder / "selfaudit"
    program.write_text("#!/bin/sh\necho selfaudit\n")
    program.chmod(0o755)
    for sub in ("applications", "metainfo", "icons/hicolor/scalable/apps"):
        (folder / "share" / sub).mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / f"{APP_ID}.desktop", folder / "share/applications")
    (folder / "share/metainfo" / f"{APP_ID}.metainfo.xml").write_text("<component/>")
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", folder / "install.sh")
    return folder


def install(bundle: Path, root: Path, *args: str) -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(root / "home"), "DESTDIR": str(root)}
    subprocess.run(
        ["sh", str(bundle / "install.sh"), *args], env=env, check=True, capture_output=True
    )


def test_a_policy_baked_into_the_bundle_is_installed_beside_the_program(
    bundle: Path, tmp_path: Path
) -> None:
    (bundle / "policy.toml").write_text('organisation = "Riverside Schools Federation"\n')
    root = tmp_path / "root"
    install(bundle, root)
    installed = root / "opt/selfaudit/policy.toml"
    assert installed.read_text() == 'organisation = "Riverside Schools Federation"\n'
    assert installed.stat().st_mode & 0o777 == 0o644
    assert not (root / "etc/xdg/selfaudit").exists()  # --policy's place is IT's own


def test_without_a_baked_policy_none_is_installed(bundle: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(bundle, root)
    assert (root / "opt/selfaudit/selfaudit").exists()
    assert not (root / "opt/selfaudit/policy.toml").exists()
