"""Every link and every "Open … in your browser" button opens through one mechanism
(ui/links.py): the person's own program, or, where none can be started, the address to copy.
A button that silently does nothing is a dead end."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

import selfaudit.ui
from selfaudit.content import load_catalog
from selfaudit.policy import Contact, Policy, PolicyLink
from selfaudit.ui.links import CopyLinkDialog, open_link
from tests.gui.every_window import Windows

UI = Path(selfaudit.ui.__file__).parent


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A computer where nothing can open a link: QDesktopServices says it failed."""
    asked: list[str] = []

    def fail(url: QUrl) -> bool:
        asked.append(url.toString())
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", fail)
    return asked


def copy_dialogs() -> list[CopyLinkDialog]:
    """The offers to copy on screen (each is deleted once closed)."""
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CopyLinkDialog) and w.isVisible()
    ]


def offered_and_copied(qtbot: QtBot) -> str:
    (dialog,) = copy_dialogs()
    dialog.copy_button.click()
    assert dialog.copied.text().startswith("Copied.")
    text = dialog.field.text()
    assert QGuiApplication.clipboard().text() == text
    dialog.close()
    qtbot.waitUntil(lambda: not copy_dialogs())
    return text


def first_link(label: QLabel) -> str:
    found = re.search(r'href="([^"]+)"', label.text())
    assert found, label.text()
    return found.group(1)


def opens_links(label: QLabel) -> bool:
    """Whether each link in `label` opens, when activated, through ui/links.py (a click or
    Enter: QLabel says linkActivated) and not by Qt's own opening, which has no fallback."""
    addresses = re.findall(r'href="([^"]+)"', label.text())
    opened: list[str] = []

    def record(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    with patch.object(QDesktopServices, "openUrl", record):
        for address in addresses:
            label.linkActivated.emit(address)
    return not label.openExternalLinks() and len(opened) == len(addresses)


def test_no_window_opens_links_any_other_way() -> None:
    """Only ui/links.py hands a link to the system, so every link has the fallback."""
    for path in UI.rglob("*.py"):
        if path.name == "links.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "QDesktopServices" not in source.replace("QDesktopServices)", ""), path
        assert "setOpenExternalLinks(True)" not in source, path


def test_a_link_that_opens_asks_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    before = copy_dialogs()
    assert open_link("https://example.org/help")
    assert opened == ["https://example.org/help"] and copy_dialogs() == before


@pytest.mark.parametrize(
    ("address", "copied", "title"),
    [
        ("https://www.facebook.com/settings", "https://www.facebook.com/settings", "web browser"),
        ("mailto:lado@example.org", "lado@example.org", "e-mail program"),
        ("tel:01632960555", "01632960555", "phone app"),
    ],
)
def test_without_a_program_the_address_is_offered_to_copy(
    qtbot: QtBot, no_browser: list[str], address: str, copied: str, title: str
) -> None:
    assert not open_link(address)
    (dialog,) = copy_dialogs()
    assert title in dialog.windowTitle()
    assert offered_and_copied(qtbot) == copied


KEPT: list[QWidget] = []  # the widgets a test clicks, alive until it ends


def _platform_steps(qtbot: QtBot) -> list[Callable[[], str]]:
    from selfaudit.ui.widgets.platform_steps import StepsPanel

    catalog = load_catalog()
    checked = next(c for c in catalog.platform_items() if c.link)
    unchecked = next(c for c in catalog.platform_items() if not c.checked)
    platform = next(p for p in catalog.platforms if p.id == unchecked.platform)
    with_link = StepsPanel(checked, next(p for p in catalog.platforms if p.id == checked.platform))
    with_help = StepsPanel(unchecked, platform)
    for panel in (with_link, with_help):
        qtbot.addWidget(panel)
        KEPT.append(panel)
        panel.show()

    def link_button() -> str:
        assert with_link.link_button is not None
        with_link.link_button.click()
        return checked.link or ""

    def help_link() -> str:
        with_help.source_label.linkActivated.emit(first_link(with_help.source_label))
        return platform.help or ""

    return [link_button, help_link]


def _contacts(qtbot: QtBot) -> list[Callable[[], str]]:
    from selfaudit.ui.contacts import ContactsPanel

    policy = Policy(
        contacts=(Contact(role="LADO", phone="01632 960 555", email="lado@example.org"),),
        links=(PolicyLink(title="Safeguarding policy", url="https://intranet.example.org/s"),),
    )
    panel = ContactsPanel(policy, "evidence", outside=load_catalog().outside_help)
    qtbot.addWidget(panel)
    KEPT.append(panel)
    panel.show()

    def activate(label: QLabel) -> Callable[[], str]:
        def run() -> str:
            address = first_link(label)
            label.linkActivated.emit(address)
            return address.removeprefix("tel:").removeprefix("mailto:")

        return run

    return [activate(label) for label in (*panel.contact_labels, *panel.link_labels)]


def test_every_way_to_open_a_link_offers_it_to_copy_without_a_browser(
    qtbot: QtBot, no_browser: list[str], windows: Windows
) -> None:
    from selfaudit.ui.friends.download_help import DownloadHelpDialog

    openers = [*_platform_steps(qtbot), *_contacts(qtbot)]
    download = DownloadHelpDialog("facebook")
    qtbot.addWidget(download)
    KEPT.append(download)

    def download_page() -> str:
        download.open_button.click()
        return download.guides.guide("facebook").export_link or ""

    openers.append(download_page)
    evidence = windows.evidence_log()
    guidance_links = [
        label for label in evidence.findChildren(QLabel) if 'href="http' in label.text()
    ]
    assert guidance_links
    label = guidance_links[0]

    def guidance_link() -> str:
        address = first_link(label)
        label.linkActivated.emit(address)
        return address

    openers.append(guidance_link)
    try:
        for opener in openers:
            expected = opener()
            assert expected and offered_and_copied(qtbot) == expected
    finally:
        KEPT.clear()


def test_settings_offers_the_data_folder_to_copy_without_a_file_manager(
    qtbot: QtBot, no_browser: list[str], windows: Windows
) -> None:
    settings = next(windows.open("settings"))
    settings.open_folder_button.click()  # type: ignore[attr-defined]
    folder = str(settings.data.data_folder)  # type: ignore[attr-defined]
    assert offered_and_copied(qtbot) == folder
