"""A structural check of a drawn window: what a person would call a broken layout.

``layout_problems(top)`` walks the visible widgets under ``top`` and reports, in words:

- **overlaps**: two widgets placed by the same layout whose rectangles intersect;
- **clipped text**: a label whose wrapped text needs more height than it got, a label that
  does not wrap and is narrower than its text, a button narrower or lower than its text;
- **truncated columns**: a cell of a tree or list whose text is wider than its column, unless
  the cell carries its full text as a tooltip (a deliberate elision, the full text one hover
  away).

``layout_outline(top)`` describes the visible interactive widgets (kind, accessible name,
rectangle) for the committed screenshots, so a test can see that a view lost or gained a
control. Used by scripts/screenshots.py and tests/ui/test_screenshots.py.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QTabBar,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

SLACK = 1  # pixels: rounding in font metrics
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView, QTabBar)


def _name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return f"{type(w).__name__} {name!r}" if name else type(w).__name__


def _visible(top: QWidget) -> list[QWidget]:
    return [w for w in top.findChildren(QWidget) if w.isVisibleTo(top) and w.window() is top.window()]


def _overlaps(widgets: list[QWidget]) -> list[str]:
    out = []
    parents: dict[int, list[QWidget]] = {}
    for w in widgets:
        parent = w.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None and layout.indexOf(w) >= 0 and w.width() > 0 and w.height() > 0:
            parents.setdefault(id(parent), []).append(w)
    for siblings in parents.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1 :]:
                both: QRect = a.geometry().intersected(b.geometry())
                if both.width() > SLACK and both.height() > SLACK:
                    out.append(f"{_name(a)} and {_name(b)} overlap by {both.width()}×{both.height()} px")
    return out


def _clipped_label(label: QLabel) -> str:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return ""
    rect = label.contentsRect()
    if label.wordWrap():
        need = label.heightForWidth(rect.width())
        if need > rect.height() + SLACK:
            return f"label {text[:40]!r} needs {need} px of height, has {rect.height()}"
        return ""
    if "<" in text:  # rich text: measured by its document, not by font metrics
        return ""
    fm = label.fontMetrics()
    widest = max(fm.horizontalAdvance(line) for line in text.replace("&", "").splitlines() or [""])
    if widest > rect.width() + SLACK:
        return f"label {text[:40]!r} needs {widest} px of width, has {rect.width()}"
    return ""


def _clipped_button(button: QAbstractButton) -> str:
    if not button.text():
        return ""
    hint = button.sizeHint()
    if hint.width() > button.width() + SLACK or hint.height() > button.height() + SLACK:
        return (f"button {button.text()!r} needs {hint.width()}×{hint.height()} px, "
                f"has {button.width()}×{button.height()}")  # fmt: skip
    return ""


def _truncated_cells(tree: QTreeWidget) -> list[str]:
    out = []
    header = tree.header()
    fm = tree.fontMetrics()
    indent = tree.indentation()
    # What Qt's item delegate keeps free on each side of a cell's text before it elides.
    margin = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)

    def visit(item: Any, depth: int) -> None:
        for col in range(tree.columnCount()):
            if header.isSectionHidden(col):
                continue
            text = item.text(col)
            if not text or item.toolTip(col) == text:
                continue
            need = fm.horizontalAdvance(text) + margin  # the style's text margins in a cell
            if col == 0:
                need += indent * (depth + (1 if tree.rootIsDecorated() else 0))
            if not item.icon(col).isNull():
                size = tree.iconSize().width() if tree.iconSize().width() > 0 else 16
                need += size + margin // 2
            if need > header.sectionSize(col) + SLACK:
                out.append(f"{tree.accessibleName() or 'tree'}: {text[:40]!r} is cut off in column "
                           f"{tree.headerItem().text(col)!r} ({need} px in {header.sectionSize(col)})")  # fmt: skip
        if item.isExpanded():
            for i in range(item.childCount()):
                visit(item.child(i), depth + 1)

    for i in range(tree.topLevelItemCount()):
        visit(tree.topLevelItem(i), 0)
    return out


def layout_problems(top: QWidget) -> list[str]:
    widgets = _visible(top)
    problems = _overlaps(widgets)
    for w in widgets:
        if isinstance(w, QLabel):
            problem = _clipped_label(w)
        elif isinstance(w, QAbstractButton):
            problem = _clipped_button(w)
        else:
            problem = ""
        if problem:
            problems.append(problem)
        if isinstance(w, QTreeWidget):
            problems += _truncated_cells(w)
    return problems


def layout_outline(top: QWidget) -> list[dict[str, Any]]:
    """The visible interactive widgets, top to bottom and left to right."""
    rows = []
    for w in _visible(top):
        if isinstance(w, INTERACTIVE) and w.focusPolicy().value != 0:
            at = w.mapTo(top, w.rect().topLeft())
            # Numbers (a timer, a count) change from run to run; the control is the same.
            name = re.sub(r"\d+", "#", _name(w))
            rows.append({"widget": name, "x": at.x(), "y": at.y(), "w": w.width(), "h": w.height()})
    rows.sort(key=lambda r: (r["y"], r["x"], r["widget"]))
    return rows
