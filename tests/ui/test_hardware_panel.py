"""The "This computer" tab keeps its layout whatever the machine's paths are: a value that
depends on the machine (a folder, the instruction sets, the CPU check) is cut in the middle with the
whole of it in its tooltip, and nothing else in the tab is cut off."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.infra.hardware import probe
from app.testing.layout_check import layout_problems
from app.ui.hardware_panel import HardwarePanel


def _deep(tmp_path: Path) -> Path:
    folder = tmp_path.joinpath(*(["a-rather-long-folder-name-for-models"] * 6))
    folder.mkdir(parents=True)
    return folder


def test_long_paths_are_cut_in_the_middle_and_kept_whole_in_the_tooltip(qtbot: Any, tmp_path: Path) -> None:
    models = _deep(tmp_path)
    report = probe(models)
    panel = HardwarePanel()
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.show_report(report)
    qtbot.waitExposed(panel)

    assert layout_problems(panel) == []
    assert panel.tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    rows = {
        panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i)
        for i in range(panel.tree.topLevelItemCount())
    }
    disk = rows["Free disk for models"]
    assert str(models) in disk.text(1) and disk.toolTip(1) == disk.text(1)
    build = rows["llama.cpp build"]
    assert build.toolTip(1) == build.text(1) and report.build_note in build.text(1)


def test_the_check_still_catches_a_cut_value_without_its_tooltip(qtbot: Any, tmp_path: Path) -> None:
    report = probe(_deep(tmp_path))
    # A processor name as long as the folder: its row has no tooltip, so a cut is a fault.
    report = dataclasses.replace(report, cpu_name="Processor " * 40)
    panel = HardwarePanel()
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.show_report(report)
    qtbot.waitExposed(panel)
    problems = layout_problems(panel)
    assert len(problems) == 1 and "Processor Processor" in problems[0]
