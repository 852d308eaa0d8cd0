"""The desktop-integration files that the installers ship: the .desktop entry, the AppStream
metainfo and the icons (resources/icons/make_icons.py writes them from the SVG).

The validators come from Debian's `desktop-file-utils` and `appstream` packages; the X11 check
needs `xvfb` and `x11-utils` (plus the libxcb libraries Qt's xcb plugin loads). Tests that need
a missing tool are skipped, saying which.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import APP_ID, APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICONS = RESOURCES / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = {16, 24, 32, 48, 64, 128, 256}
ICNS_SIZES = {
    b"icp4": 16, b"ic11": 32, b"icp5": 32, b"ic12": 64, b"ic07": 128,
    b"ic13": 256, b"ic08": 256, b"ic14": 512, b"ic09": 512, b"ic10": 1024,
}  # fmt: skip


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian package {package})")
    return path


def png_dimensions(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first in a PNG."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


# --- the desktop entry -------------------------------------------------------------------------


def test_desktop_entry_names_the_app_id_and_the_window_class() -> None:
    entry = desktop_entry()
    # Wayland compositors match windows to this file by its name (Qt sends the desktop file
    # name as the app id); the icon theme looks the icon up by the same id.
    assert DESKTOP.name == f"{APP_ID}.desktop"
    assert entry["Icon"] == APP_ID
    # On X11, Qt's WM_CLASS is (basename of argv[0], applicationName): the class part is
    # APP_NAME however Hearth was started; test_x11_window_class_matches_the_desktop_entry runs it.
    assert entry["StartupWMClass"] == APP_NAME
    assert entry["Name"] == APP_NAME
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "hearth"


def test_bootstrap_sets_the_names_the_desktop_entry_relies_on() -> None:
    source = (ROOT / "app" / "bootstrap.py").read_text(encoding="utf-8")
    assert "setApplicationName(APP_NAME)" in source
    assert "setDesktopFileName(APP_ID)" in source


def test_desktop_entry_passes_desktop_file_validate() -> None:
    tool = need("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    # Errors fail it; warnings and hints are printed with exit code 0: none are accepted either.
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout


# --- the AppStream metainfo --------------------------------------------------------------------


def test_metainfo_identifies_the_app() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert root.findtext("provides/binary") in scripts
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert root.findtext("project_license") == project["license"]["text"]


def test_metainfo_newest_release_is_this_version() -> None:
    releases = metainfo().findall("releases/release")
    assert releases, "no <release>"
    # AppStream lists releases newest first.
    assert releases[0].get("version") == __version__


def appstream_problems(output: str) -> list[str]:
    """Error and warning lines of appstreamcli's report ("E: id:line: tag ...")."""
    return [line for line in output.splitlines() if line.startswith(("E:", "W:"))]


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = need("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert appstream_problems(output) == [], output


def test_installed_tree_passes_appstreamcli_validate_tree(tmp_path: Path) -> None:
    """The files where a .deb puts them: validate-tree also checks that the metainfo's
    launchable desktop file and the icon are found."""
    tool = need("appstreamcli", "appstream")
    share = tmp_path / "usr" / "share"
    (share / "metainfo").mkdir(parents=True)
    (share / "applications").mkdir()
    shutil.copy(METAINFO, share / "metainfo")
    shutil.copy(DESKTOP, share / "applications")
    shutil.copytree(ICONS / "hicolor", share / "icons" / "hicolor")
    result = subprocess.run(
        [tool, "validate-tree", "--no-net", str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert appstream_problems(output) == [], output


# --- the icons ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", HICOLOR_SIZES)
def test_hicolor_png_has_its_size(size: int) -> None:
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png.is_file(), f"{png} missing: run resources/icons/make_icons.py"
    assert png_dimensions(png.read_bytes()) == (size, size)


def test_scalable_icon_is_the_source_drawing() -> None:
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    source = RESOURCES / f"{APP_ID}.svg"
    assert scalable.read_bytes() == source.read_bytes(), "run resources/icons/make_icons.py"
    ET.fromstring(source.read_bytes())  # well-formed


def test_windows_ico_holds_every_size_as_png() -> None:
    data = (ICONS / "hearth.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1), "not an icon file"
    sizes = set()
    for i in range(count):
        width, height, _colors, _res, planes, bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        size = width or 256  # 256 is stored as 0
        assert height == width and planes == 1 and bpp == 32
        assert offset + length <= len(data)
        assert png_dimensions(data[offset : offset + length]) == (size, size)
        sizes.add(size)
    assert sizes == ICO_SIZES


def test_macos_icns_holds_every_size_as_png() -> None:
    data = (ICONS / "hearth.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found: dict[bytes, int] = {}
    pos = 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        assert length > 8 and pos + length <= len(data)
        found[kind] = png_dimensions(data[pos + 8 : pos + length])[0]
        pos += length
    assert found == ICNS_SIZES


# --- what Qt really sets on X11 ----------------------------------------------------------------

_PROBE = """
import subprocess, sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from app import APP_ID, APP_NAME
app = QApplication(["hearth"])
app.setApplicationName(APP_NAME)           # as app/bootstrap.py does
QGuiApplication.setDesktopFileName(APP_ID)
w = QWidget()
w.show()
def probe():
    out = subprocess.run(["xprop", "-id", str(int(w.winId())), "WM_CLASS", "_GTK_APPLICATION_ID"],
                         capture_output=True, text=True, check=True).stdout
    print(out)
    app.quit()
QTimer.singleShot(300, probe)
app.exec()
"""


def test_x11_window_class_matches_the_desktop_entry() -> None:
    """StartupWMClass must equal the class part of WM_CLASS, which Qt takes from
    QCoreApplication.applicationName(); the instance part is argv[0]'s basename."""
    xvfb_run = need("xvfb-run", "xvfb")
    need("xprop", "x11-utils")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [xvfb_run, "-a", sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, env=env
    )
    if result.returncode != 0 and 'platform plugin "xcb"' in result.stderr:
        pytest.skip("Qt's xcb plugin cannot load here (libxcb-cursor0 and friends missing)")
    assert result.returncode == 0, result.stderr
    assert f'WM_CLASS(STRING) = "hearth", "{APP_NAME}"' in result.stdout
    assert desktop_entry()["StartupWMClass"] == APP_NAME
    assert f'_GTK_APPLICATION_ID(UTF8_STRING) = "{APP_ID}"' in result.stdout
