"""Ctrl-C while the bundle starts: the runtime hook that runs before PyInstaller's own start-up
hooks (packaging/rth_ctrl_c.py), run here as the bundle runs it, in a Python of its own, then
the signal sent as a terminal's Ctrl-C sends it."""

from __future__ import annotations

import ast
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.packaging.packaging_modules import ROOT

HOOK = ROOT / "packaging" / "rth_ctrl_c.py"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX signal sent to itself")


def ignored_ctrl_c() -> None:
    """As a shell starts a program in the background: Ctrl-C ignored from the start."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def started_with_the_hook(
    then: str, ignore_ctrl_c: bool = False
) -> subprocess.CompletedProcess[str]:
    """A Python that runs the hook first, as a bundle does, then `then`."""
    script = f"exec(open({str(HOOK)!r}).read())\n" + textwrap.dedent(then)
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
        preexec_fn=ignored_ctrl_c if ignore_ctrl_c else None,
    )


CTRL_C_NOW = """
    import os, signal, time
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(30)  # still starting: PyInstaller's hooks would be loading PySide6
    print("carried on")
"""


@posix_only
def test_ctrl_c_while_starting_is_one_line_and_exit_130() -> None:
    result = started_with_the_hook(CTRL_C_NOW)
    assert result.returncode == 130
    assert result.stderr == "selfaudit: stopped (Ctrl-C).\n"  # no traceback
    assert result.stdout == ""


@posix_only
def test_where_ctrl_c_is_ignored_it_stays_ignored() -> None:
    result = started_with_the_hook(CTRL_C_NOW.replace("time.sleep(30)", "time.sleep(0.2)"), True)
    assert result.returncode == 0
    assert result.stdout == "carried on\n" and result.stderr == ""


@posix_only
def test_once_selfaudit_is_loaded_ctrl_c_is_pythons_own_again() -> None:
    result = started_with_the_hook(
        """
        import os, signal, sys, time
        from selfaudit.__main__ import usual_ctrl_c
        usual_ctrl_c()
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(30)
        except KeyboardInterrupt:  # what each command turns into its one line
            sys.exit(7)
        """
    )
    assert result.returncode == 7, result.stderr


def test_the_spec_runs_the_hook_and_each_entry_script_hands_over() -> None:
    spec = (ROOT / "packaging" / "selfaudit.spec").read_text(encoding="utf-8")
    assert 'runtime_hooks=[str(ROOT / "packaging" / "rth_ctrl_c.py")]' in spec
    for name, entry in (("launch_cli.py", "main"), ("launch_gui.py", "gui_main")):
        tree = ast.parse((ROOT / "packaging" / name).read_text(encoding="utf-8"))
        statements = [ast.unparse(node) for node in tree.body[1:]]  # after the docstring
        # Python's own Ctrl-C back once selfaudit is loaded, just before the command runs
        assert statements[-3:] == [
            f"from selfaudit.__main__ import {entry}, usual_ctrl_c",
            "usual_ctrl_c()",
            f"sys.exit({entry}())",
        ], name
