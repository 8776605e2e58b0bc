#!/usr/bin/env python3
"""Renders the app icon from its SVG into every file a desktop needs, reproducibly.

    .venv/bin/python packaging/render_icons.py          write the files
    .venv/bin/python packaging/render_icons.py --check  exit 1 if a file differs from a new render

Reads resources/icons/uk.selfaudit.SelfAudit.svg and writes
- resources/icons/hicolor/NxN/apps/uk.selfaudit.SelfAudit.png (Linux launchers, the window icon);
- packaging/windows/selfaudit.ico (the .exe and the installer);
- packaging/macos/selfaudit.icns (the .app).
Qt's own SVG renderer draws them, so the output depends only on the SVG and the Qt version.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "uk.selfaudit.SelfAudit"
SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICO = ROOT / "packaging" / "windows" / "selfaudit.ico"
ICNS = ROOT / "packaging" / "macos" / "selfaudit.icns"

LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
WINDOWS_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
# Apple's PNG-holding icns element types and the pixel size each holds (ic11-ic14 are @2x).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render(size: int, svg: Path = SVG) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not write a PNG image")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon file whose images are PNGs (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # the format stores 256 as 0
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon file whose elements are PNGs (read by macOS 10.7 and later)."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def wanted_files() -> dict[Path, bytes]:
    sizes = set(LINUX_SIZES) | set(WINDOWS_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = {size: png_bytes(render(size)) for size in sorted(sizes)}
    files = {
        HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png": pngs[size] for size in LINUX_SIZES
    }
    files[ICO] = ico_bytes({size: pngs[size] for size in WINDOWS_SIZES})
    files[ICNS] = icns_bytes(pngs)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, DPI)
    stale = []
    for path, data in wanted_files().items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        print("out of date (run packaging/render_icons.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
