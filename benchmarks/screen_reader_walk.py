#!/usr/bin/env python3
"""A live walk of the real app as a screen reader and a keyboard meet it: `python -m selfaudit`
on a real X server (an Xvfb this script starts, with the openbox window manager), a private D-Bus
session with an unlocked GNOME Keyring, and the accessibility bus (AT-SPI). Keys are pressed with
xdotool (XTEST, as a keyboard's are); what each stop is called is read over AT-SPI from outside
the app, as Orca reads it.

    .venv/bin/python benchmarks/screen_reader_walk.py [--scale 2]

The journey: a first run choosing "Ask for a passphrase each time", the passphrase, the recovery
code; every page of the audit (no social media: Tab and Space only, Alt+N for Next); Finish; the
dashboard; Ctrl+L; the unlock screen; the passphrase again. On each screen it lists the focusable
objects shown with no accessible name, and on the first pages, the results, the dashboard and the
unlock screen what is announced at each Tab stop, round to the first. Exit status 1 when anything
focusable has no name or Alt+N did not turn a page. The pytest sweep (tests/gui/test_accessibility)
asks Qt's accessibility interface in the process; this checks what reaches the bus.

Needs Xvfb, openbox, xdotool, dbus-run-session, gnome-keyring-daemon and at-spi2-core; otherwise
it says which are missing and exits with 2.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from atspi import ACCESSIBLE, AccessibilityBus, AccessibilityError
from common import PYTHON, VirtualScreen, fresh_user_env, in_keyring_session

TOOLS = ("Xvfb", "openbox", "xdotool", "dbus-run-session", "gnome-keyring-daemon")
A11Y_SERVICE = Path("/usr/share/dbus-1/services/org.a11y.Bus.service")
PASSPHRASE = "correct horse battery staple"
# AT-SPI states (AtspiStateType), as bit numbers in GetState's two 32-bit words
CHECKED, FOCUSABLE, FOCUSED, SENSITIVE, SHOWING = 4, 11, 12, 24, 25
MOST_PAGES = 60
TABS_PER_ROUND = 80


@dataclass(frozen=True)
class Thing:
    """One accessible object shown on screen."""

    path: str
    role: str
    name: str
    description: str
    states: frozenset[int]

    def said(self) -> str:
        text = f"{self.role}: {self.name!r}"
        return f"{text} ({self.description[:70]!r})" if self.description else text


class Reader:
    """What a screen reader can read of process `pid`, over the accessibility bus."""

    def __init__(self, pid: int) -> None:
        self.bus = AccessibilityBus(timeout=10)
        self.bus.listen_like_a_screen_reader()
        self.pid = pid
        self.problems: list[str] = []

    def _app(self) -> tuple[str, str]:
        for _ in range(300):
            found = self.bus.application(self.pid)
            if found is not None:
                return found
            time.sleep(0.1)
        raise SystemExit("the app never registered on the accessibility bus")

    def shown(self) -> list[Thing]:
        """Every object shown, breadth first (what is not showing is not walked into)."""
        bus_name, root = self._app()
        things: list[Thing] = []
        queue = deque([root])
        while queue:
            path = queue.popleft()
            try:
                words = self.bus.call(bus_name, path, ACCESSIBLE, "GetState")[0]
                states = frozenset(
                    i * 32 + bit
                    for i, word in enumerate(words)
                    for bit in range(32)
                    if word >> bit & 1
                )
                if path != root and SHOWING not in states:
                    continue
                role = self.bus.call(bus_name, path, ACCESSIBLE, "GetRoleName")[0]
                name = self.bus.name(bus_name, path)
                description = self._description(bus_name, path)
                children = self.bus.children(bus_name, path)
            except AccessibilityError:
                continue  # gone since its parent listed it
            things.append(Thing(path, role, name, description, states))
            queue.extend(child for _, child in children)
        return things

    def _description(self, bus_name: str, path: str) -> str:
        variant = self.bus.call(
            bus_name,
            path,
            "org.freedesktop.DBus.Properties",
            "Get",
            "ss",
            (ACCESSIBLE, "Description"),
        )[0]
        return str(variant[1])

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in thing.name for thing in self.shown()):
                time.sleep(0.5)  # let the keyboard settle where the screen puts it
                return
            time.sleep(0.3)
        raise SystemExit(f"{text!r} was never shown")

    def focused(self) -> Thing | None:
        """What has the keyboard: the outermost object in the focused state. A scroll area's
        viewport reports its area's focus too (the focus event names the area), and Qt keeps a
        table's current cell focused while the keyboard is elsewhere: a cell counts only when
        nothing else is focused (the table itself is, when it has the keyboard)."""
        focused = [t for t in self.shown() if FOCUSED in t.states]
        return next((t for t in focused if t.role != "cell"), focused[0] if focused else None)

    def check(self, screen: str) -> None:
        things = self.shown()
        focusable = [t for t in things if {FOCUSABLE, SENSITIVE} <= t.states]
        unnamed = [t for t in focusable if not t.name.strip()]
        print(
            f"== {screen}: {len(focusable)} focusable of {len(things)} shown, "
            f"{len(unnamed)} without a name",
            flush=True,
        )
        for thing in unnamed:
            self.problems.append(f"{screen}: a {thing.role} with no name")
            print(f"   NO NAME: {thing.role} {thing.path}", flush=True)

    def tab_round(self, screen: str) -> None:
        """Tab from where the keyboard is, round to it again: what is announced at each stop."""
        print(f"-- Tab round on {screen}:", flush=True)
        first = None
        for _ in range(TABS_PER_ROUND):
            now = self.focused()
            if now is None:
                self.problems.append(f"{screen}: Tab reached something that has no focus shown")
                print("   (nothing has the focus)", flush=True)
            elif now.path == first:
                return
            else:
                first = first or now.path
                print(f"   {now.said()}", flush=True)
                if not now.name.strip():
                    self.problems.append(f"{screen}: a Tab stop ({now.role}) with no name")
            press("Tab")
        self.problems.append(f"{screen}: Tab did not come round in {TABS_PER_ROUND} presses")

    def tab_to(self, role: str, name: str = "") -> None:
        for _ in range(TABS_PER_ROUND):
            now = self.focused()
            if now is not None and now.role == role and name in now.name:
                return
            press("Tab")
        raise SystemExit(f"Tab never reached a {role} {name!r}")


def press(*keys: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "30", *keys], check=True)
    time.sleep(0.25)


def type_text(text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)
    time.sleep(0.25)


def journey(reader: Reader) -> None:
    reader.wait_for("Ask for a passphrase each time")
    reader.check("how selfaudit opens")
    reader.tab_round("how selfaudit opens")
    reader.tab_to("radio button")
    press("Down", "space", "alt+c")  # the passphrase each time; Continue
    reader.wait_for("Type it again")
    reader.check("choose a passphrase")
    type_text(PASSPHRASE)
    press("Tab")
    type_text(PASSPHRASE)
    press("Return")
    reader.wait_for("recovery code")
    reader.check("the recovery code")
    reader.tab_round("the recovery code")
    reader.tab_to("check box")
    press("space")
    reader.tab_to("push button", "Continue")
    press("space")
    reader.wait_for("Check how well you protect yourself online")
    for page in range(1, MOST_PAGES):
        things = reader.shown()
        results = any("Your score:" in t.name for t in things)
        reader.check(f"audit page {page}")
        if page <= 4 or results:
            reader.tab_round(f"audit page {page}")
        if results:
            break
        answer_the_page(reader)
        before = {t.name for t in reader.shown() if t.role == "label"}
        press("alt+n")
        time.sleep(0.8)
        if before == {t.name for t in reader.shown() if t.role == "label"}:
            reader.problems.append(f"Alt+N did not turn audit page {page}")
            return
    else:
        raise SystemExit("the audit never reached its results")
    press("Return")  # Finish has the keyboard
    reader.wait_for("Your online safety plan")
    reader.check("the dashboard")
    reader.tab_round("the dashboard")
    press("ctrl+l")
    reader.wait_for("selfaudit is locked")
    reader.check("the unlock screen")
    reader.tab_round("the unlock screen")
    reader.tab_to("text", "Passphrase")  # Qt gives a password box the role "text"
    type_text(PASSPHRASE)
    press("Return")
    reader.wait_for("Your online safety plan")
    print("== unlocked again: the dashboard is back", flush=True)


def answer_the_page(reader: Reader) -> None:
    """Tab round the page: Space on each answer group's first answer, and on "I don't use any
    social media", until Next can be pressed."""
    for _ in range(TABS_PER_ROUND):
        things = reader.shown()
        next_button = next(
            (t for t in things if t.role == "push button" and t.name.startswith("Next")), None
        )
        if next_button is not None and SENSITIVE in next_button.states:
            return
        now = reader.focused()
        unticked = now is not None and CHECKED not in now.states
        if unticked and (now.role == "radio button" or "any social media" in now.name):
            press("space")
        press("Tab")
    raise SystemExit("a page of the audit could not be answered with Tab and Space")


def inside(scale: str) -> int:
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    manager = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    app = subprocess.Popen([PYTHON, "-m", "selfaudit"], env=env, stderr=subprocess.DEVNULL)
    reader = Reader(app.pid)
    try:
        journey(reader)
    finally:
        app.terminate()
        app.wait(timeout=30)
        manager.terminate()
        reader.bus.close()
    for problem in reader.problems:
        print(f"PROBLEM: {problem}", flush=True)
    print("no unnamed focus stops" if not reader.problems else f"{len(reader.problems)} problems")
    return 1 if reader.problems else 0


def missing() -> list[str]:
    gone = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not A11Y_SERVICE.exists():
        gone.append("at-spi2-core")
    return gone


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="", help="QT_SCALE_FACTOR for the app (e.g. 2)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return inside(args.scale)
    gone = missing()
    if gone:
        print(f"cannot walk: {', '.join(gone)} missing", file=sys.stderr)
        return 2
    argv = [PYTHON, __file__, "--inside", "--scale", args.scale]
    with (
        tempfile.TemporaryDirectory(prefix="selfaudit-walk-") as scratch,
        VirtualScreen("1920x1080x24") as screen,
    ):
        env = fresh_user_env(Path(scratch), DISPLAY=screen.display)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        return subprocess.run(in_keyring_session(argv), env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
