"""Math in answers: ``$…$``, ``$$…$$``, ``\\(…\\)`` and ``\\[…\\]`` drawn as math, offline.

gpt-oss writes LaTeX often. :func:`extract_math` finds the formulas in one markdown block
(outside code) before Python-Markdown sees them, so ``_`` and ``*`` inside them are not read as
emphasis; each becomes a ``hearth-math:<key>`` image reference that the answer view draws from
:func:`math_svg`. The drawing is ziamath's (MIT; pure Python, with its own STIX Two Math font):
LaTeX → MathML → SVG, nothing loaded from anywhere. A formula it cannot read stays visible as its
source, in monospace; a formula longer than :data:`MAX_TEX` is not drawn at all (the model's
text is untrusted, and drawing is pure Python).

Currency is not math: an inline ``$`` must touch its formula (``$x$``, not ``$ 5``), and the
closing one may not be followed by a digit (``$5 and $10`` stays text).
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import re
import sys
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)
MAX_TEX = 2000  # characters in one formula
SCHEME = "hearth-math"
INK = "#0a0b0c"  # the colour formulas are drawn in; the view swaps it for the theme's text colour

# Display first ($$ before $), then inline. Each pattern's group 1 is the TeX.
_DISPLAY = (re.compile(r"\$\$(.+?)\$\$", re.DOTALL), re.compile(r"\\\[(.+?)\\\]", re.DOTALL))
_INLINE = (re.compile(r"(?<![\\$\w])\$(?=[^\s$])([^$\n]*?[^\s\\$])\$(?![\d$])"), re.compile(r"\\\((.+?)\\\)"))
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)


@dataclass(frozen=True)
class MathImage:
    svg: bytes
    width: float  # points at the size asked for
    height: float
    baseline: float  # from the bottom: how far the image reaches below the text's baseline


class _Registry:
    """Which key names which formula: the answer view asks by key. Bounded, thread-safe."""

    def __init__(self, size: int = 4096) -> None:
        self._items: OrderedDict[str, tuple[str, bool]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def add(self, tex: str, display: bool) -> str:
        key = hashlib.sha1(f"{int(display)}{tex}".encode()).hexdigest()[:20]
        with self._lock:
            self._items[key] = (tex, display)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> tuple[str, bool] | None:
        with self._lock:
            return self._items.get(key)


registry = _Registry()


def _outside_code(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_code) around inline code spans."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in _CODE_SPAN.finditer(text):
        out.append((text[at : m.start()], False))
        out.append((m.group(), True))
        at = m.end()
    out.append((text[at:], False))
    return out


def extract_math(block: str, stash: Callable[[str], str]) -> str:
    """Replace each formula of a markdown block with ``stash(html)``'s placeholder.

    ``stash`` keeps raw HTML for the renderer (Python-Markdown's htmlStash.store). Indented code
    (a block whose lines all start with four spaces or a tab) is left alone."""
    if "$" not in block and "\\" not in block:
        return block
    lines = block.split("\n")
    if all(line.startswith(("    ", "\t")) for line in lines if line.strip()):
        return block
    pieces = []
    for piece, is_code in _outside_code(block):
        if not is_code:
            for pattern in _DISPLAY:
                piece = pattern.sub(lambda m: stash(_image_html(m.group(1), True, m.group())), piece)
            for pattern in _INLINE:
                piece = pattern.sub(lambda m: stash(_image_html(m.group(1), False, m.group())), piece)
        pieces.append(piece)
    return "".join(pieces)


def _image_html(tex: str, display: bool, source: str) -> str:
    tex = tex.strip()
    image = math_svg(tex, display) if tex else None
    if image is None:
        # Not drawable: the person still sees exactly what the model wrote.
        return f"<code>{html.escape(source)}</code>"
    key = registry.add(tex, display)
    alt = html.escape(tex, quote=True)
    size = f'width="{round(image.width)}" height="{round(image.height)}"'
    middle = "" if display else ' align="middle"'  # inline: centred on the line of text
    img = f'<img src="{SCHEME}:{key}" {size} alt="{alt}"{middle} />'
    return f'<p align="center">{img}</p>' if display else img


_import_lock = threading.Lock()


def _ziamath() -> Any:
    """ziamath, imported on first use (it loads its font, a few hundred ms). Its import reads the
    font through a deprecated importlib API; that warning is not the person's concern."""
    with _import_lock:
        if "ziamath" not in sys.modules:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                import ziamath
            # SVG 1.1 paths, no <symbol>/<use>: what Qt's SVG renderer (SVG Tiny 1.2) draws.
            ziamath.config.svg2 = False
        return sys.modules["ziamath"]


@functools.lru_cache(maxsize=1024)
def math_svg(tex: str, display: bool, size: float = 15.0) -> MathImage | None:
    """The formula drawn as SVG in :data:`INK` (cached), or None when it is too long or cannot be
    read. Drawn once: the size goes into the HTML, the colour is swapped when it is shown."""
    if len(tex) > MAX_TEX:
        return None
    try:
        ziamath = _ziamath()

        drawn = ziamath.Latex(tex, size=size * (1.15 if display else 1.0), color=INK, inline=not display)
        svg = drawn.svg()
        width, height = drawn.getsize()
        baseline = float(drawn.getyofst())
    except Exception as exc:  # any reader or layout error (or RecursionError): show the source
        log.info("formula not drawn: %s", type(exc).__name__)
        return None
    return MathImage(svg.encode("utf-8"), float(width), float(height), baseline)
