"""Hearth's design system: spacing, type, colour and icons, in one place.

- **Spacing** is a 4-pixel scale (``SPACE``); layouts take their margins from it.
- **Type** is the system font at four sizes (``TYPE``, relative to the system's body size), so
  a person's font settings and HiDPI scaling carry through.
- **Colour** comes as two palettes, light and dark, chosen from the system's colour scheme (or
  View → Appearance) and followed live. Qt's Fusion style draws every control from the palette,
  the same on every OS. When the system asks for high contrast, Hearth uses the system's own
  palette and adds only structure (outlines), never colours of its own.
- **Roles** (``style(widget, role)``): muted and danger text, the primary action, and the few
  framed surfaces (the model bar, the banner, the welcome card). Colour goes through widget
  palettes, not an application style sheet: one made each new message cost twice as much to
  draw, and the chat must stay smooth while it streams.
- **Icons** are Lucide's (ISC licence, resources/icons/ui/LICENSE), drawn from SVG at the
  screen's pixel ratio in the palette's text colour, so they are crisp on HiDPI and follow the
  theme.
"""

from __future__ import annotations

import contextlib
import weakref
from dataclasses import dataclass
from functools import lru_cache

import shiboken6
from PySide6.QtCore import QByteArray, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QHeaderView, QTreeView, QWidget

from app.paths import resources_dir

SPACE = {"xs": 4, "s": 8, "m": 12, "l": 16, "xl": 24, "xxl": 32}
TYPE = {"small": 0.88, "body": 1.0, "title": 1.25, "display": 1.6}
RADIUS = {"s": 6, "m": 10, "l": 14}
ICON_SIZE = 18


@dataclass(frozen=True)
class Palette:
    name: str
    window: str  # the app's background
    surface: str  # panels, the composer, cards
    bubble: str  # the person's messages
    border: str
    text: str
    muted: str  # secondary text: stats, thinking, hints
    accent: str  # the primary action (Send), selection, links
    on_accent: str
    focus: str  # the keyboard focus ring
    danger: str
    danger_surface: str  # the crash banner
    notice_surface: str  # other banners
    badge_ok: str
    badge_warn: str
    badge_bad: str


LIGHT = Palette(
    name="light", window="#f7f6f3", surface="#ffffff", bubble="#e9eef8", border="#d9d6cf",
    text="#1f1e1c", muted="#6b6862", accent="#c2541b", on_accent="#ffffff", focus="#1a5fd1",
    danger="#a3261a", danger_surface="#fbe7e4", notice_surface="#fdf3dc",
    badge_ok="#1e7a46", badge_warn="#9a6400", badge_bad="#a3261a",
)  # fmt: skip
DARK = Palette(
    name="dark", window="#1b1a19", surface="#242321", bubble="#2e3440", border="#3a3835",
    text="#ecebe8", muted="#a29f98", accent="#f08a4b", on_accent="#1b1a19", focus="#7fb0ff",
    danger="#ff8a7a", danger_surface="#3d2320", notice_surface="#3a3220",
    badge_ok="#6fd39a", badge_warn="#f0c060", badge_bad="#ff8a7a",
)  # fmt: skip


def high_contrast() -> bool:
    hints = QGuiApplication.styleHints()
    try:
        return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
    except AttributeError:  # Qt before 6.10 cannot tell
        return False


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


APPEARANCES = ("system", "light", "dark")
_appearance = "system"  # what the person chose in View → Appearance


def current() -> Palette:
    if _appearance == "dark" or (_appearance == "system" and is_dark()):
        return DARK
    return LIGHT


# Roles a widget can take; ``style(widget, role)`` applies one and keeps it in step with the theme.
# Colour comes from the widget's palette (cheap: no style sheet on anything created per message —
# an application-wide style sheet doubled the cost of drawing each new turn). The few framed
# surfaces made once (the model bar, the banner, the welcome card) carry a small style sheet.
ROLES = ("muted", "danger", "primary", "bar", "card", "banner", "banner-error", "page")


def _frame_sheet(name: str, p: Palette, role: str) -> str:
    r = RADIUS
    if role == "bar":
        return f"QFrame#{name} {{ background: {p.surface}; border: 0; border-bottom: 1px solid {p.border}; }}"
    if role == "card":
        return f"QFrame#{name} {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: {r['l']}px; }}"
    if role == "banner-error":
        return f"QFrame#{name} {{ background: {p.danger_surface}; border: 1px solid {p.danger}; border-radius: {r['m']}px; }}"
    return f"QFrame#{name} {{ background: {p.notice_surface}; border: 1px solid {p.border}; border-radius: {r['m']}px; }}"


def _apply_role(widget: QWidget, role: str) -> None:
    contrast = high_contrast()
    p = current()
    if role in ("bar", "card", "banner", "banner-error"):
        name = widget.objectName() or role
        widget.setObjectName(name)
        # High contrast: a plain frame in the system's colours.
        widget.setStyleSheet("" if contrast else _frame_sheet(name, p, role))
        return
    # Only the roles set below are the widget's own; everything else it inherits from where it
    # sits (a browser on the chat page keeps the page's background).
    pal = QPalette()
    pal.setResolveMask(0)
    if not contrast:
        if role == "muted":
            for r in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
                pal.setColor(r, QColor(p.muted))
        elif role == "danger":
            for r in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
                pal.setColor(r, QColor(p.danger))
        elif role == "page":
            # Text areas on a page take the page's colour (answers are not input boxes); set
            # once on the page, every browser built in it inherits it.
            pal.setColor(QPalette.ColorRole.Base, QColor(p.window))
        elif role == "primary":
            pal.setColor(QPalette.ColorRole.Button, QColor(p.accent))
            pal.setColor(QPalette.ColorRole.ButtonText, QColor(p.on_accent))
            pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor(p.border))
            pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(p.muted))
    widget.setPalette(pal)
    if role == "primary":
        font = widget.font()
        font.setBold(True)
        widget.setFont(font)


_styled: weakref.WeakKeyDictionary[QWidget, str] = weakref.WeakKeyDictionary()


def style(widget: QWidget, role: str) -> None:
    """Give ``widget`` a role of the design (see ``ROLES``); it follows theme changes."""
    assert role in ROLES, role
    _styled[widget] = role
    _apply_role(widget, role)


def set_type(widget: QWidget, step: str, bold: bool = False) -> None:
    font = widget.font()
    base = QApplication.font().pointSizeF()
    if base > 0:
        font.setPointSizeF(base * TYPE[step])
    font.setBold(bold)
    widget.setFont(font)


def fit_columns(tree: QTreeView) -> None:
    """Columns as wide as their contents (a verdict is never cut to "Runs on the …"); the last
    one takes the rest of the width, and a wide table scrolls sideways rather than clipping."""
    header = tree.header()
    header.setStretchLastSection(True)
    for col in range(header.count() - 1):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)


@lru_cache(maxsize=256)
def _svg(name: str) -> bytes:
    return (resources_dir() / "icons" / "ui" / f"{name}.svg").read_bytes()


@lru_cache(maxsize=512)
def _icon(name: str, colour: str, ratio: float, size: int) -> QIcon:
    svg = _svg(name).replace(b"currentColor", colour.encode("ascii"))
    renderer = QSvgRenderer(QByteArray(svg))
    icon = QIcon()
    for scale in {1.0, ratio}:
        pixmap = QPixmap(QSize(round(size * scale), round(size * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon


def icon(name: str, colour: str | None = None, size: int = ICON_SIZE) -> QIcon:
    """A Lucide icon in the theme's text colour (or ``colour``), sharp at this screen's scale."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    if colour is None:
        colour = QApplication.palette().windowText().color().name() if high_contrast() else current().text
    return _icon(name, QColor(colour).name(), ratio, size)


class Theme(QObject):
    """Applies the style sheet to the application and follows the system's scheme and contrast,
    or the appearance the person chose."""

    changed = Signal()  # the palette changed: redraw what was drawn with its colours

    @staticmethod
    def of(app: QApplication) -> Theme:
        found = app.findChild(Theme)
        return found if found is not None else Theme(app)

    def set_appearance(self, choice: str) -> None:
        global _appearance
        choice = choice if choice in APPEARANCES else "system"
        if choice != _appearance:
            _appearance = choice
            self.apply()

    @property
    def appearance(self) -> str:
        return _appearance

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self.apply)
        with contextlib.suppress(AttributeError):  # Qt before 6.10 has no contrast preference
            hints.accessibility().contrastPreferenceChanged.connect(self.apply)
        self.apply()

    def apply(self, *_: object) -> None:
        # Fusion draws every control from the palette alone, the same on every OS, so the
        # palettes below are the whole look; in high contrast, the system's own palette.
        if self.app.style().name().lower() != "fusion":
            self.app.setStyle("Fusion")
        contrast = high_contrast()
        self.app.setPalette(qt_palette(current()) if not contrast else self.app.style().standardPalette())
        for widget, role in list(_styled.items()):
            if shiboken6.isValid(widget):  # its C++ side may be gone while Python still holds it
                _apply_role(widget, role)
            else:
                _styled.pop(widget, None)
        self.changed.emit()


def qt_palette(p: Palette) -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.window, QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.Base: p.surface, QPalette.ColorRole.AlternateBase: p.window,
        QPalette.ColorRole.Text: p.text, QPalette.ColorRole.Button: p.surface,
        QPalette.ColorRole.ButtonText: p.text, QPalette.ColorRole.Highlight: p.accent,
        QPalette.ColorRole.HighlightedText: p.on_accent, QPalette.ColorRole.Link: p.focus,
        QPalette.ColorRole.LinkVisited: p.focus, QPalette.ColorRole.PlaceholderText: p.muted,
        QPalette.ColorRole.ToolTipBase: p.surface, QPalette.ColorRole.ToolTipText: p.text,
        QPalette.ColorRole.Mid: p.border, QPalette.ColorRole.Dark: p.border,
    }  # fmt: skip
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(p.muted))
    return pal
