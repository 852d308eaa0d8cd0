"""The "This computer" tab: what Hearth found — memory, disk, CPU, GPUs, the llama.cpp build."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.gguf_header import human_size


def _size(n: int | None) -> str:
    return human_size(n) if n is not None else QCoreApplication.translate("HardwarePanel", "unknown")


class HardwarePanel(QWidget):
    refresh_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("This computer"))
        self.tree.setHeaderLabels(["", ""])
        self.tree.setHeaderHidden(True)
        # Names never cut off: the first column is as wide as its longest name.
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # A path keeps its start and its file name when there is no room for all of it.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_button = QPushButton(self.tr("Look again"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignRight)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.show_report(None)

    def _row(
        self, name: str, value: str, parent: QTreeWidgetItem | None = None, *, long: bool = False
    ) -> QTreeWidgetItem:
        """One name and its value. A long value (one whose length depends on the machine: a
        folder path, the list of instruction sets, the CPU check's sentence) is cut in the
        middle when the window is narrow, and its tooltip gives it whole."""
        item = QTreeWidgetItem([name, value])
        if long:
            item.setToolTip(1, value)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def show_report(self, report: Any) -> None:
        self.tree.clear()
        if report is None:
            self._row(self.tr("Looking at this computer…"), "")
            self.notes.setText("")
            return
        m = report.machine
        memory = self.tr("{total} total, {available} available")
        self._row(
            self.tr("Memory (RAM)"), memory.format(total=_size(m.ram_total), available=_size(m.ram_available))
        )
        self._row(self.tr("Swap"), _size(m.swap_total))
        disk = self.tr("{size} in {folder}").format(size=_size(report.disk_free), folder=report.disk_path)
        self._row(self.tr("Free disk for models"), disk, long=True)
        cores = self.tr("{cores} cores, {threads} threads").format(
            cores=report.cpu_cores_physical or "?", threads=report.cpu_cores_logical or "?"
        )
        cpu_name = report.cpu_name or self.tr("unknown")
        cpu = self._row(self.tr("Processor"), f"{cpu_name} ({cores})")
        features = ", ".join(report.cpu_features) or self.tr("unknown")
        self._row(self.tr("Instruction sets llama.cpp uses"), features, cpu, long=True)
        check = getattr(report, "cpu_check", None)
        self._row(
            self.tr("Re-laid-out weights (repacking)"),
            check.summary()
            if check is not None
            else self.tr("not checked yet: Hearth checks when it first loads a model"),
            cpu,
            long=True,
        )
        if report.gpus:
            for gpu in report.gpus:
                total, free = _size(gpu.total), _size(gpu.free)
                self._row(
                    self.tr("GPU: {name}").format(name=gpu.name),
                    self.tr("{total} total, {free} free ({source})").format(
                        total=total, free=free, source=gpu.source
                    ),
                )
        else:
            self._row(self.tr("GPU"), self.tr("none found"))
        build = f"{report.build_backend} — {report.build_note}".strip(" —")
        self._row(self.tr("llama.cpp build"), build, long=True)
        self.tree.expandAll()
        self.notes.setText("\n".join(report.notes))
