"""A PyInstaller runtime hook, run before PyInstaller's own (pkgutil, PySide6; selfaudit.spec):
Ctrl-C while the bundle is still starting ends it with the one line a command gives, exit 130.

PyInstaller's start-up hooks import PySide6 in every process; Ctrl-C while they run printed their
traceback, and during shiboken's start aborted the process or ended it with a crash. Here Ctrl-C
raises nothing: it ends the process at once, before anything has been read or written. The
bundle's entry script (launch_cli.py, launch_gui.py) gives Python's usual handling back once
selfaudit's own code is loaded, which then stops a command cleanly (cli.INTERRUPTED).

Only what is loaded already is used (os, and _signal, built into the interpreter): a module read
from the bundle's archive here would take time in which Ctrl-C still gives a traceback.
"""

import _signal
import os


def stopped_while_starting(signum, frame):
    try:  # noqa: SIM105 (contextlib is not loaded yet: see above)
        os.write(2, b"selfaudit: stopped (Ctrl-C).\n")
    except OSError:  # no standard error (the windowed program on Windows): nothing to say it on
        pass
    os._exit(130)


# where Ctrl-C is ignored (a program started in the background), it stays ignored
if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, stopped_while_starting)
