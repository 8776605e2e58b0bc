"""The PNG icons in resources/ are what packaging/render_icons.py draws from the SVG today: an
edit to the SVG without a new render fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def render_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_icons", ROOT / "packaging" / "render_icons.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of any colour channel of any pixel, 0-255."""
    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_RGBA8888)
    b = b.convertToFormat(QImage.Format.Format_RGBA8888)
    return max(abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits()), strict=True))


def test_committed_pngs_match_a_fresh_render(qtbot: QtBot, render_icons: ModuleType) -> None:
    for size in render_icons.LINUX_SIZES:
        if size > 128:  # the large ones add time, not coverage: the same SVG draws them
            continue
        path = render_icons.HICOLOR / f"{size}x{size}" / "apps" / f"{render_icons.APP_ID}.png"
        committed = QImage(str(path))
        assert not committed.isNull(), path
        # a newer Qt may smooth an edge differently by a step or two; a changed SVG moves far more
        assert largest_difference(committed, render_icons.render(size)) <= 8, path


@pytest.mark.qt_log_ignore("Cannot read file")  # Qt's own note about the broken file
def test_render_refuses_a_broken_svg(
    qtbot: QtBot, render_icons: ModuleType, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid SVG"):
        render_icons.render(16, broken)
