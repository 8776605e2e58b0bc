"""Two places lean on a library's private parts, because no public way does the job. Each test
here fails, with a message saying what to look at, when the library changes under them; the
versions are bounded in pyproject.toml so a new major version is a decision, not a surprise."""

from __future__ import annotations

import importlib
import inspect
import linecache
import sys
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import keyring
import keyring.core
import pytest

from selfaudit.ui import pyside_import_hook
from selfaudit.vault.keystore import choose_keyring
from tests.keyring_double import InMemoryKeyring


def test_pyside_still_checks_each_import_through_the_function_we_lighten() -> None:
    import PySide6

    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    assert callable(check), (
        f"PySide6 {PySide6.__version__} no longer has shibokensupport.feature._mod_uses_pyside, "
        "which ui/pyside_import_hook.py replaces to keep module sources out of linecache: see "
        "what PySide does on import now, then adjust the hook and the bound in pyproject.toml"
    )
    assert len(inspect.signature(check).parameters) == 1, "it should take the module alone"


def test_the_lightened_check_answers_as_pysides_own_and_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyside_import_hook.lighten()  # as the app does; a second call changes nothing
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "lightened", False), "lighten() did not take the check's place"
    (tmp_path / "uses_qt.py").write_text("from PySide6 import QtCore\n")
    (tmp_path / "plain.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name, expected in (("uses_qt", True), ("plain", False)):
        module = importlib.import_module(name)
        linecache.checkcache()
        linecache.cache.pop(module.__file__, None)
        assert check(module) is expected
        assert ("PySide6" in inspect.getsource(module)) is expected  # PySide's own way
        linecache.cache.pop(module.__file__, None)  # getsource filled it; ours must not
        check(module)
        assert module.__file__ not in linecache.cache
        sys.modules.pop(name)


def test_a_module_without_source_is_answered_without_inspect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen bundle's modules name .py files that are not there. PySide's own check would go
    through inspect and linecache, which fail now and then when two threads import at once."""
    pyside_import_hook.lighten()
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside

    def racing(*args: object) -> str:
        raise KeyError("linecache changed under another thread")

    monkeypatch.setattr(inspect, "getsource", racing)
    frozen = ModuleType("frozen_module")
    frozen.__file__ = str(tmp_path / "bundle" / "frozen_module.py")  # not on disk
    compiled = ModuleType("compiled_module")
    compiled.__file__ = str(tmp_path / "compiled_module.so")
    assert check(frozen) is False
    assert check(compiled) is False
    assert check(ModuleType("builtin_like")) is False


def test_keyring_keeps_a_chosen_backend_where_the_key_store_looks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """vault/keystore.py asks keyring.core._keyring_backend whether a program chose a backend
    (keyring.set_keyring): keyring has no public way to ask, and get_keyring() would import
    every backend it knows."""
    assert hasattr(keyring.core, "_keyring_backend"), (
        f"keyring {version('keyring')} no longer keeps the chosen backend in "
        "keyring.core._keyring_backend, which vault/keystore.py reads: find where "
        "set_keyring keeps it now, then adjust the bound in pyproject.toml"
    )
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    chosen = InMemoryKeyring()
    keyring.set_keyring(chosen)  # the public way a program chooses one
    assert choose_keyring().backend is chosen, (
        "keyring.set_keyring no longer sets keyring.core._keyring_backend: vault/keystore.py "
        "would pick its own backend over the one a program chose"
    )


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="asked of keyring there")
def test_keyrings_config_file_is_where_the_key_store_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """vault/keystore.py finds keyringrc.cfg without importing keyring (on Linux), as keyring's
    own config_root does."""
    from keyring.util import platform_

    from selfaudit.vault.keystore import keyring_config_file

    for config_home in (str(tmp_path / "config"), ""):
        monkeypatch.setenv("XDG_CONFIG_HOME", config_home)
        assert keyring_config_file() == Path(platform_.config_root()) / "keyringrc.cfg", (
            f"keyring {version('keyring')} keeps keyringrc.cfg elsewhere now: adjust "
            "vault/keystore.py keyring_config_file"
        )
