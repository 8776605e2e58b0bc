"""Starts the Qt application: the composition of catalog, policy, state and the main window."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from selfaudit import APP_ID, APP_NAME, APP_TITLE, __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

MAX_WINDOW_ICON = 256


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from selfaudit.content import ContentError, load_catalog
    from selfaudit.probes import computer_probes
    from selfaudit.ui.composition import AppParts, build_main_window, settings_sections
    from selfaudit.ui.deployment import startup_policy
    from selfaudit.ui.vault_app import run_with_vault

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    if getattr(args, "exit_after_show", False):
        quit_once_shown(app)
    try:
        catalog = load_catalog()
    except ContentError as exc:
        QMessageBox.critical(
            None,
            "selfaudit cannot start",
            "Some of the app's own files are damaged, so it cannot start. "
            f"Please reinstall it or tell your IT team.\n\n{exc}",
        )
        return 1
    # a broken policy file never stops the app (ui/deployment.py)
    loaded_policy = startup_policy(args, catalog)
    probes = computer_probes(loaded_policy.policy.max_screen_lock_minutes)  # nothing runs yet
    parts = AppParts(app, args, catalog, loaded_policy, probes)
    # The vault (ui/vault_app.py) takes the single-instance lock, opens the person's checklist
    # off the UI thread, then builds the window on it (ui/composition.py); it saves as they go.
    return run_with_vault(
        app,
        lambda state, services: build_main_window(parts, state, services),
        lambda: settings_sections(parts),
    )


def configure_application(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Online Safety Self-Audit")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())


def app_icon() -> QIcon:
    """The app's icon at every size rendered from resources/icons (packaging/render_icons.py)."""
    from PySide6.QtGui import QIcon

    from selfaudit.paths import resources_dir

    icon = QIcon()
    for png in (resources_dir() / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.png"):
        side = int(png.parent.parent.name.partition("x")[0])
        # X11 drops the whole window icon when one size is too large to send (512 px is)
        if side <= MAX_WINDOW_ICON:
            icon.addFile(str(png))
    return icon


def quit_once_shown(app: QApplication) -> None:
    """For the bundle's smoke test and the start-up benchmark (the hidden --exit-after-show): once
    the audit window (the wizard, or the dashboard) has drawn its first frame, say which window
    and page it shows; then name each other window drawn with it (on a new computer, the
    first-run dialog over the wizard), and quit. A bundle missing a module fails its build, not a
    user; the benchmark times the first line."""
    from PySide6.QtWidgets import QWizard

    from selfaudit.ui.first_frame import FirstFrames

    reported: list[QWidget] = []

    def say(line: str) -> None:
        if sys.stdout is not None:  # a windowed Windows program has no console to print to
            print(line, flush=True)

    def first_frame(_: QWidget) -> None:
        painted = frames.painted()
        audit = next((w for w in painted if w.windowTitle().startswith(APP_TITLE)), None)
        if audit is None:
            return
        for window in [audit, *painted]:
            if window in reported:
                continue
            reported.append(window)
            if window is audit:
                page = window.currentPage().title() if isinstance(window, QWizard) else ""
                say(f"shown: {window.windowTitle()}: {page}")
            else:
                say(f"shown: {window.windowTitle()}")
        frames.look()  # a dialog shown with the window is waited for too
        if not frames.unpainted():
            frames.stop()
            app.quit()

    frames = FirstFrames(app, first_frame)
