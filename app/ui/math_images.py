"""Formulas as images for the answer view: app.core.math_render's SVG, in the theme's ink, at the
screen's pixel ratio (sharp on HiDPI), cached."""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.core.math_render import INK, math_svg, registry


@functools.lru_cache(maxsize=512)
def math_image(key: str, colour: str, ratio: float = 1.0) -> QImage | None:
    found = registry.get(key)
    if found is None:
        return None
    drawn = math_svg(*found)
    if drawn is None:
        return None
    renderer = QSvgRenderer(QByteArray(drawn.svg.replace(INK.encode(), colour.encode())))
    image = QImage(math.ceil(drawn.width * ratio), math.ceil(drawn.height * ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image
