"""Regenerate Hearth's application icons from the one drawing, resources/org.hearth.Hearth.svg.

Writes, next to this script:
  hicolor/<N>x<N>/apps/org.hearth.Hearth.png   N = 16 24 32 48 64 128 256 512 (Linux themes)
  hicolor/scalable/apps/org.hearth.Hearth.svg  a copy of the drawing
  hearth.ico                                   Windows: 16-256 px, PNG-compressed entries
  hearth.icns                                  macOS: 16-1024 px incl. @2x, PNG entries

Run it again after editing the SVG, and commit what it writes:

    .venv/bin/python resources/icons/make_icons.py

It renders with PySide6's QtSvg (part of PySide6-Essentials, offscreen: no display needed) and
falls back to `rsvg-convert` (Debian: librsvg2-bin) when QtSvg cannot be imported. The .ico and
.icns containers are written here with the standard library (both formats may hold PNG data
as is), so no image library becomes a build or runtime dependency.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "org.hearth.Hearth.svg"
ICON_NAME = "org.hearth.Hearth"

HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows shows 16-48 in lists and title bars, 256 in large Explorer views; 256 is the ICO maximum.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and the pixel size each must be (@2x types included).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),  # 16@2x
    (b"icp5", 32),
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
)


def render_qt(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    """PNG bytes per size, drawn by QSvgRenderer into a transparent ARGB image."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"QtSvg cannot read {svg}")
    out: dict[int, bytes] = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PNG stores straight (not premultiplied) alpha; convert so edges keep their colour.
        image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
        buffer.close()
        out[size] = bytes(data.data())
    return out


def render_rsvg(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    tool = shutil.which("rsvg-convert")
    if tool is None:
        raise SystemExit("neither PySide6.QtSvg nor rsvg-convert (apt-get install librsvg2-bin) is available")
    return {
        size: subprocess.run(
            [tool, "--width", str(size), "--height", str(size), "--format", "png", str(svg)],
            check=True,
            capture_output=True,
        ).stdout
        for size in sorted(sizes)
    }


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def strip_png(png: bytes) -> bytes:
    """Keep only the chunks that draw the image (IHDR, PLTE, tRNS, IDAT, IEND), so that the
    output does not change with the renderer's text or time chunks: reruns give the same bytes."""
    keep = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    out = [png[:8]]
    pos = 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        chunk = png[pos : pos + 12 + length]
        if kind in keep:
            # Recompute nothing: the CRC covers type and data only, both unchanged.
            assert struct.unpack(">I", chunk[-4:])[0] == zlib.crc32(chunk[4:-4])
            out.append(chunk)
        pos += 12 + length
    return b"".join(out)


def write_ico(path: Path, pngs: dict[int, bytes]) -> None:
    """ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image, then the images.
    A width or height of 256 is written as 0. PNG entries are read by Windows Vista and later."""
    count = len(ICO_SIZES)
    offset = 6 + 16 * count
    header = struct.pack("<HHH", 0, 1, count)
    entries, blobs = [], []
    for size in ICO_SIZES:
        data = pngs[size]
        dim = 0 if size == 256 else size
        # width, height, palette colours, reserved, colour planes, bits per pixel, bytes, offset
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    path.write_bytes(header + b"".join(entries) + b"".join(blobs))


def write_icns(path: Path, pngs: dict[int, bytes]) -> None:
    """'icns' + total length (big-endian, header included), then elements: type + length + data."""
    elements = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(elements)) + elements)


def main() -> int:
    sizes = set(HICOLOR_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    try:
        import PySide6.QtSvg  # noqa: F401

        pngs = render_qt(SOURCE, sizes)
        how = "QtSvg"
    except ImportError:
        pngs = render_rsvg(SOURCE, sizes)
        how = "rsvg-convert"
    pngs = {size: strip_png(data) for size, data in pngs.items()}
    for size, data in pngs.items():
        if png_size(data) != (size, size):
            raise SystemExit(f"rendered {png_size(data)} for {size}x{size}")

    for size in HICOLOR_SIZES:
        target = HERE / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = HERE / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    write_ico(HERE / "hearth.ico", pngs)
    write_icns(HERE / "hearth.icns", pngs)
    print(f"icons written under {HERE} (rendered with {how})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
