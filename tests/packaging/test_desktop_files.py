"""The desktop integration files agree with the package: one app id, one name, the current
version, and icons of the sizes they claim. (desktop-file-validate and appstreamcli validate
check the formats themselves in CI.)"""

from __future__ import annotations

import configparser
import re
import struct
import tomllib
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import selfaudit

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
APP_ID = selfaudit.APP_ID


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def console_scripts() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    scripts: dict[str, str] = project["scripts"]
    return scripts


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_desktop_entry_names_the_app_and_a_command_that_exists() -> None:
    entry = desktop_entry()
    assert entry["Name"] == selfaudit.APP_TITLE
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] in console_scripts()
    # Qt names X11 windows after the program; the launcher matches them to this entry by it
    assert entry["StartupWMClass"] == selfaudit.APP_NAME


def test_metainfo_matches_the_package() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == selfaudit.APP_TITLE
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") in console_scripts()
    releases = root.findall("releases/release")
    assert releases[0].get("version") == selfaudit.__version__, "add a <release> for it"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date", ""))
    assert root.find("content_rating[@type='oars-1.1']") is not None
    assert root.findall("screenshots/screenshot/image")


def test_windows_installer_takes_its_identity_from_the_package() -> None:
    script = (ROOT / "packaging" / "windows" / "selfaudit.iss").read_text(encoding="utf-8")
    guid = str(uuid.uuid5(uuid.NAMESPACE_DNS, APP_ID)).upper()
    assert f"AppId={{{{{guid}}}" in script
    assert f'#define AppTitle "{selfaudit.APP_TITLE}"' in script
    assert f'#define AppUserModelId "{APP_ID}"' in script
    # the version is passed in by packaging/build.py, never written here
    assert re.search(r"\d+\.\d+\.\d+", script) is None
    assert "AppVersion={#AppVersion}" in script


def test_linux_icons_have_the_size_their_folder_names() -> None:
    pngs = sorted((ICONS / "hicolor").glob(f"*/apps/{APP_ID}.png"))
    sizes = {int(p.parent.parent.name.split("x")[0]) for p in pngs}
    assert {16, 24, 32, 48, 64, 128, 256} <= sizes
    for png in pngs:
        side = int(png.parent.parent.name.split("x")[0])
        assert png_size(png.read_bytes()) == (side, side), png


def test_windows_icon_holds_png_images_of_the_sizes_it_lists() -> None:
    data = (ROOT / "packaging" / "windows" / "selfaudit.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    listed = set()
    for index in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        side = side or 256
        assert png_size(data[offset : offset + length]) == (side, side)
        listed.add(side)
    assert {16, 32, 48, 256} <= listed


def test_macos_icon_holds_the_retina_sizes() -> None:
    data = (ROOT / "packaging" / "macos" / "selfaudit.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, at = {}, 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        found[kind] = png_size(data[at + 8 : at + length])
        at += length
    assert found[b"ic10"] == (1024, 1024) and found[b"ic07"] == (128, 128)
    assert found[b"icp4"] == (16, 16)
