"""The "This computer" tab: what Hearth found — memory, disk, CPU, GPUs, the llama.cpp build."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.core.gguf_header import human_size


def _size(n: int | None) -> str:
    return human_size(n) if n is not None else "unknown"


class HardwarePanel(QWidget):
    refresh_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["", ""])
        self.tree.setHeaderHidden(True)
        self.tree.setColumnWidth(0, 220)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_button = QPushButton("Look again")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignRight)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.show_report(None)

    def _row(self, name: str, value: str, parent: QTreeWidgetItem | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([name, value])
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def show_report(self, report: Any) -> None:
        self.tree.clear()
        if report is None:
            self._row("Looking at this computer…", "")
            self.notes.setText("")
            return
        m = report.machine
        self._row("Memory (RAM)", f"{_size(m.ram_total)} total, {_size(m.ram_available)} available")
        self._row("Swap", _size(m.swap_total))
        self._row("Free disk for models", f"{_size(report.disk_free)} in {report.disk_path}")
        cores = f"{report.cpu_cores_physical or '?'} cores, {report.cpu_cores_logical or '?'} threads"
        cpu = self._row("Processor", f"{report.cpu_name or 'unknown'} ({cores})")
        self._row("Instruction sets llama.cpp uses", ", ".join(report.cpu_features) or "unknown", cpu)
        check = getattr(report, "cpu_check", None)
        self._row(
            "Re-laid-out weights (repacking)",
            check.summary() if check is not None else "not checked yet: Hearth checks when it first loads a model",
            cpu,
        )
        if report.gpus:
            for gpu in report.gpus:
                total, free = _size(gpu.total), _size(gpu.free)
                self._row(f"GPU: {gpu.name}", f"{total} total, {free} free ({gpu.source})")
        else:
            self._row("GPU", "none found")
        self._row("llama.cpp build", f"{report.build_backend} — {report.build_note}".strip(" —"))
        self.tree.expandAll()
        self.notes.setText("\n".join(report.notes))
