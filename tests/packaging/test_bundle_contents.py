"""What goes into a bundle, decided without building one: which libraries are stripped (never a
wheel's: numpy's OpenBLAS stops loading), and which macOS the shipped wheels need."""

from __future__ import annotations

import plistlib
import re

from tests.packaging.packaging_modules import ROOT, packaging_module

strip = packaging_module("strip")
macos_support = packaging_module("macos_support")

# entries of PyInstaller's table of contents from a Linux build (name, source, kind)
VENV = "/work/selfaudit/.venv/lib/python3.11/site-packages"
RECORDED_BINARIES = [
    ("libpython3.11.so.1.0", "/usr/local/lib/libpython3.11.so.1.0", "BINARY"),
    ("libfontconfig.so.1", "/lib/x86_64-linux-gnu/libfontconfig.so.1", "BINARY"),
    ("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
     "/usr/local/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
    ("numpy.libs/libscipy_openblas64_-32a4b2a6.so",
     f"{VENV}/numpy.libs/libscipy_openblas64_-32a4b2a6.so", "BINARY"),
    ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so",
     f"{VENV}/numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6Core.so.6", f"{VENV}/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),
    ("rapidfuzz/fuzz_cpp_avx2.cpython-311-x86_64-linux-gnu.so",
     f"{VENV}/rapidfuzz/fuzz_cpp_avx2.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
    ("libscipy_openblas64_-32a4b2a6.so", "numpy.libs/libscipy_openblas64_-32a4b2a6.so", "SYMLINK"),
    ("/usr/lib/python3/dist-packages/gi/_gi.so", "/usr/lib/python3/dist-packages/gi/_gi.so",
     "EXTENSION"),
]  # fmt: skip


def test_only_the_build_machines_own_libraries_are_stripped() -> None:
    chosen = [name for name, _, _ in strip.to_strip(RECORDED_BINARIES)]
    assert chosen == [
        "libpython3.11.so.1.0",
        "libfontconfig.so.1",
        "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
    ]


def test_the_spec_strips_through_that_choice_alone() -> None:
    spec = (ROOT / "packaging" / "selfaudit.spec").read_text(encoding="utf-8")
    assert "a.binaries = strip_build_machine_libraries(a.binaries, Path(workpath))" in spec
    assert re.findall(r"strip=(\w+)", spec) == ["False", "False"]  # EXE and COLLECT
    assert 'collect_data_files("anyascii")' in spec


# WHEEL files as pip installs them (.dist-info/WHEEL), for the wheels a macOS build picks
NUMPY_FOR_MACOS_14 = """Wheel-Version: 1.0
Generator: meson
Root-Is-Purelib: false
Tag: cp311-cp311-macosx_14_0_arm64
"""
NUMPY_FOR_MACOS_11 = NUMPY_FOR_MACOS_14.replace("14_0", "11_0")
PYSIDE = """Wheel-Version: 1.0
Generator: bdist_wheel (0.45.1)
Root-Is-Purelib: false
Tag: cp310-abi3-macosx_13_0_universal2
"""
PURE = """Wheel-Version: 1.0
Generator: hatchling 1.27.0
Root-Is-Purelib: true
Tag: py3-none-any
"""
CFFI = """Wheel-Version: 1.0
Generator: setuptools (75.8.0)
Root-Is-Purelib: false
Tag: cp311-cp311-macosx_10_9_x86_64
Tag: cp311-cp311-macosx_11_0_arm64
"""


def test_wheels_for_a_newer_macos_are_named() -> None:
    wheels = {"numpy": NUMPY_FOR_MACOS_14, "pyside6-essentials": PYSIDE, "keyring": PURE}
    assert macos_support.too_new(wheels, "macosx-11.0-arm64", (13, 0)) == [
        "numpy (cp311-cp311-macosx_14_0_arm64) needs macOS 14.0"
    ]
    wheels["numpy"] = NUMPY_FOR_MACOS_11
    assert macos_support.too_new({**wheels, "cffi": CFFI}, "macosx-11.0-arm64", (13, 0)) == []


def test_a_python_built_for_a_newer_macos_is_named() -> None:
    assert macos_support.too_new({}, "macosx-14.0-arm64", (13, 0)) == [
        "Python itself (macosx-14.0-arm64) needs macOS 14.0"
    ]
    assert macos_support.too_new({}, "linux-x86_64", (13, 0)) == []


def test_pyside_sets_the_oldest_macos() -> None:
    assert macos_support.needs_macos(macos_support.wheel_tags(PYSIDE)) == (13, 0)
    assert macos_support.MINIMUM_MACOS == (13, 0)
    spec = (ROOT / "packaging" / "selfaudit.spec").read_text(encoding="utf-8")
    assert '"LSMinimumSystemVersion": ".".join(map(str, MINIMUM_MACOS))' in spec
    # what that line writes is a version Info.plist accepts
    plist = plistlib.dumps({"LSMinimumSystemVersion": ".".join(map(str, (13, 0)))})
    assert b"<string>13.0</string>" in plist


def test_the_macos_package_installs_only_into_applications() -> None:
    component = plistlib.loads((ROOT / "packaging/macos/selfaudit-component.plist").read_bytes())
    assert component == [
        {
            "BundleHasStrictIdentifier": True,
            "BundleIsRelocatable": False,
            "BundleIsVersionChecked": True,
            "BundleOverwriteAction": "upgrade",
            "RootRelativeBundlePath": "selfaudit.app",
        }
    ]
    readme = (ROOT / "packaging/README.md").read_text(encoding="utf-8")
    assert "--component-plist packaging/macos/selfaudit-component.plist" in readme
    assert "codesign --force --timestamp --options runtime" in readme
    assert "--deep --force" not in readme


def test_the_macos_check_looks_at_what_the_app_runs_on_not_the_test_tools() -> None:
    build = packaging_module("build")
    shipped = build.runtime_distributions("selfaudit")
    assert {"numpy", "pyside6-essentials", "rapidfuzz", "anyascii", "keyring"} <= shipped
    assert not {"pytest", "mypy", "pyinstaller", "hypothesis"} & shipped
