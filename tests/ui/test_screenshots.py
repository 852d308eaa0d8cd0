"""The main states of the real window, light and dark, checked structurally: no overlapping
widgets, no clipped text, no truncated columns, and the same controls as the committed
screenshots (docs/screenshots, made by ``python -m app.testing.screens docs/screenshots``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QWidget

from app.testing.layout_check import layout_problems
from app.testing.screens import STATES, render

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "screenshots"


def test_the_check_sees_overlaps_clipped_text_and_truncated_columns(qtbot: Any) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    row = QHBoxLayout(box)
    label = QLabel("A sentence much longer than the room it is given")
    label.setFixedWidth(60)
    button = QPushButton("Download gpt-oss-20b")
    button.setFixedWidth(40)
    tree = QTreeWidget()
    tree.setHeaderLabels(["Model", "Runs here?"])
    tree.setColumnWidth(0, 40)
    tree.addTopLevelItem(QTreeWidgetItem(["gpt-oss-120b MXFP4", "Does not fit"]))
    for w in (label, button, tree):
        row.addWidget(w)
    box.resize(600, 200)
    box.show()
    qtbot.waitExposed(box)
    problems = layout_problems(box)
    assert any("needs" in p and "A sentence" in p for p in problems), problems
    assert any("Download gpt-oss-20b" in p for p in problems), problems
    assert any("is cut off in column 'Model'" in p for p in problems), problems
    assert not any("overlap" in p for p in problems), problems
    row.setEnabled(False)  # from here on, nothing moves the widgets but this test
    overlap = QLabel("x")
    row.addWidget(overlap)
    qtbot.waitUntil(overlap.isVisible)
    overlap.setGeometry(label.geometry())  # what a broken layout looks like: two in one place
    assert any("overlap" in p for p in layout_problems(box)), layout_problems(box)


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_every_state_draws_without_layout_problems(qtbot: Any, appearance: str) -> None:
    problems: list[str] = []
    outlines = render(None, appearance, lambda state, w: problems.extend(f"{state}: {p}" for p in layout_problems(w)))
    assert set(outlines) == set(STATES)
    assert problems == []
    committed = json.loads((COMMITTED / "layout.json").read_text(encoding="utf-8"))
    for state in STATES:
        assert (COMMITTED / f"{state}-{appearance}.png").stat().st_size > 10_000
        now = sorted(row["widget"] for row in outlines[state])
        # The same controls as the committed screenshots: regenerate them when a view changes.
        assert now == sorted(committed[state]), state
