"""Starts the Qt application: the composition of catalog, policy, state and the main window.

This module is the one way into `ui/` from the command line (an import-linter contract in
pyproject.toml keeps it so): opening the app, showing a reminder, and Qt's picture check for
`selfaudit evidence add`. It imports nothing of Qt until one of them is called.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from selfaudit import APP_ID, APP_NAME, APP_TITLE, __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from selfaudit.evidence.attachments import ImageCheck
    from selfaudit.reminders.notice import Reminder

MAX_WINDOW_ICON = 256


def run_app(args: argparse.Namespace) -> int:
    """Opens the window as early as possible: the catalog, the policy and the checklist are read
    off the UI thread (ui/composition.py, ui/vault/running_app.py), and a new user sees the
    first page of the audit before they are."""
    import gc

    # Start-up loads a few hundred modules and builds the window, and makes next to no garbage
    # cycles meanwhile: the collector's passes over everything loaded so far would only add
    # time (about a tenth). Paused by the command line (cli/__init__.py: run) or here; it
    # resumes once start-up has settled.
    gc.disable()
    from PySide6.QtWidgets import QApplication

    from selfaudit.ui import pyside_import_hook

    pyside_import_hook.lighten()  # before the app's own modules are imported

    from selfaudit.ui.composition import AppAssembly
    from selfaudit.ui.vault.running_app import run_with_vault

    app = QApplication.instance() or QApplication(qt_arguments(args))
    assert isinstance(app, QApplication)
    configure_application(app)
    exit_after_show = getattr(args, "exit_after_show", False)
    report = (
        report_frames(app, quit_after=exit_after_show)
        if exit_after_show or getattr(args, "report_frames", False)
        else None
    )

    def settled() -> None:
        # what start-up made counts as old: no pass soon after walks all of it at once
        gc.freeze()
        gc.unfreeze()
        gc.enable()
        if report is not None:
            report()

    from selfaudit.ui.ctrl_c import close_on_ctrl_c

    interrupted = close_on_ctrl_c(app)
    assembly = AppAssembly(app, args, app.exit)
    # The vault (ui/vault/running_app.py) takes the single-instance lock, opens the person's
    # checklist off the UI thread, then builds the window on it (ui/composition.py); it saves
    # as they go.
    status = run_with_vault(
        app,
        assembly.build_main_window,
        assembly.settings_sections,
        quick=assembly.quick_start(),
        settled=settled,
        lock=assembly.lock_setup(),
    )
    if interrupted():
        print("selfaudit: closed (Ctrl-C).", file=sys.stderr)
        return 130  # as a command stopped with Ctrl-C (cli.INTERRUPTED)
    return status


def qt_arguments(args: argparse.Namespace) -> list[str]:
    """The program's name and Qt's own options from its command line (cli/qt_options.py)."""
    return [sys.argv[0] if sys.argv else APP_NAME, *getattr(args, "qt_options", [])]


def show_reminder(notice: Reminder, open_command: Sequence[str]) -> int:
    """The reminder at login: a tray message, or a small window without a tray (ui/reminder.py),
    until it is clicked or dismissed."""
    from selfaudit.ui.reminder import show_reminder as show

    return show(notice, open_command)


def picture_check() -> ImageCheck:
    """Qt's check that a picture opens (QtGui only, no window), for the command line."""
    from selfaudit.ui.evidence.image_check import check_picture

    return check_picture


def configure_application(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Online Safety Self-Audit")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    from selfaudit.ui import mnemonics, style
    from selfaudit.ui.palette import follow_colour_scheme

    style.install(app)  # a visible focus ring; answers, ticks and scroll bars that stand out
    follow_colour_scheme(app)  # the desktop's light or dark colours, made readable
    mnemonics.watch(app)  # no two controls shown together share an Alt+letter


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


def report_frames(app: QApplication, quit_after: bool = True) -> Callable[[], None]:
    """For the bundle's smoke test and the start-up benchmarks (the hidden --exit-after-show,
    and --report-frames, which stays open): as soon as the audit window (the wizard, or the
    main window) has drawn its first frame, say which window and page it shows (the benchmark
    times this line). Once start-up has settled (the window is built on the checklist, or a
    dialog waits for the person: on a new computer, how to lock the checklist) and every window
    then on screen has been drawn, name the others, say what the audit window shows (`settled:
    <title>: <what>`), and quit. A bundle missing a module fails its build, not a user. Returns
    what to call once start-up has settled."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWizard

    from selfaudit.ui.first_frame import FirstFrames

    reported: list[QWidget] = []
    settled = False

    def showing(window: QWidget) -> str:
        if isinstance(window, QWizard):
            return window.currentPage().title()
        view = getattr(window, "showing", None)  # the main window: what its page is
        return view() if callable(view) else ""

    def print_line(line: str) -> None:
        if sys.stdout is not None:  # a windowed Windows program has no console to print to
            print(line, flush=True)

    def say(window: QWidget) -> None:
        reported.append(window)
        line = f"shown: {window.windowTitle()}"
        if window.windowTitle().startswith(APP_TITLE):
            line += f": {showing(window)}"
        print_line(line)

    def first_frame(window: QWidget) -> None:
        if window.windowTitle().startswith(APP_TITLE) and not reported:
            say(window)
        finish()

    def finish() -> None:
        if not settled:
            return
        frames.look()
        if frames.unpainted():
            return  # its first frame comes later
        painted = frames.painted()
        audit = [w for w in painted if w.windowTitle().startswith(APP_TITLE)]
        for window in audit[:1] + [w for w in painted if w not in audit]:
            if window not in reported:
                say(window)
        visible = [w for w in audit if w.isVisible()]
        if visible:
            print_line(f"settled: {visible[0].windowTitle()}: {showing(visible[0])}")
        frames.stop()
        if quit_after:
            app.quit()

    def on_settled() -> None:
        nonlocal settled
        settled = True
        QTimer.singleShot(0, finish)  # the dialog that settled it is on screen by then

    frames = FirstFrames(app, first_frame)
    return on_settled
