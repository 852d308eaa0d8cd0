"""Two tabs of the model manager: gpt-oss copies other apps downloaded, and leftovers to clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.gguf_header import human_size
from app.services.models import ModelService
from app.ui.download_list import plain_label
from app.ui.theme import fit_columns

ROLE = Qt.ItemDataRole.UserRole
# The kinds of leftover (identifiers from app.infra.models.orphans) as the list shows them.
ORPHAN_KINDS = {
    "incomplete": QT_TRANSLATE_NOOP("CleanupTab", "incomplete"),
    "sidecar": QT_TRANSLATE_NOOP("CleanupTab", "sidecar"),
    "partial": QT_TRANSLATE_NOOP("CleanupTab", "partial"),
    "temporary": QT_TRANSLATE_NOOP("CleanupTab", "temporary"),
    "unregistered": QT_TRANSLATE_NOOP("CleanupTab", "unregistered"),
}


class _ListTab(QWidget):
    """An explanation, a list, and a row of widgets under it (None: a stretch)."""

    def __init__(
        self, intro: str, headers: list[str], first_width: int, bottom: list[QWidget | None], name: str
    ) -> None:
        super().__init__()
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(name)  # what a screen reader says for the list
        self.tree.setHeaderLabels(headers)
        self.tree.setColumnWidth(0, first_width)
        fit_columns(self.tree)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(intro, wrap=True))
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        for w in bottom:
            if w is None:
                row.addStretch(1)
            else:
                row.addWidget(w)
        layout.addLayout(row)


class FoundTab(_ListTab):
    def __init__(self, service: ModelService) -> None:
        self.service = service
        self.use_copy_button = QPushButton(self.tr("Use this copy"))
        self.scan_button = QPushButton(self.tr("Look again"))
        super().__init__(
            self.tr("gpt-oss files other apps already downloaded (LM Studio, Ollama, the Hugging Face cache). Using one takes no extra space."),
            [self.tr("Copy"), self.tr("From"), self.tr("Size"), self.tr("Path")], 320,
            [self.use_copy_button, None, self.scan_button],
            self.tr("Copies found on this computer"),
        )  # fmt: skip
        self.use_copy_button.clicked.connect(self._use_copy)
        self.scan_button.clicked.connect(service.scan_for_copies)
        service.found_changed.connect(self._fill)
        self._fill(service.found)

    def _fill(self, found: list[Any]) -> None:
        self.tree.clear()
        for i, copy in enumerate(found):
            origin = (
                copy.origin
                if copy.header_ok
                else self.tr("{origin} — cannot be used").format(origin=copy.origin)
            )
            row = QTreeWidgetItem([copy.label, origin, human_size(copy.size), copy.path])
            row.setData(0, ROLE, i)
            if not copy.header_ok:
                row.setToolTip(1, copy.reason or "")
                row.setDisabled(True)
            self.tree.addTopLevelItem(row)
        self.use_copy_button.setEnabled(any(c.header_ok for c in found))

    def _use_copy(self) -> None:
        item = self.tree.currentItem()
        usable = [i for i, c in enumerate(self.service.found) if c.header_ok]
        index = item.data(0, ROLE) if item is not None else (usable[0] if usable else None)
        if index is None or not self.service.found[index].header_ok:
            return
        copy = self.service.found[index]
        self.service.import_file(Path(copy.path), "link", copy.sha256)


class CleanupTab(_ListTab):
    def __init__(self, service: ModelService) -> None:
        self.service = service
        self.total = plain_label(wrap=True)
        self.clean_button = QPushButton(self.tr("Delete selected"))
        self.scan_button = QPushButton(self.tr("Look again"))
        super().__init__(
            self.tr("Partial downloads nobody is resuming (Hearth's and huggingface_hub's) and files left by interrupted copies."),
            [self.tr("Leftover file"), self.tr("Size"), self.tr("Kind")], 480,
            [self.total, None, self.scan_button, self.clean_button],
            self.tr("Leftover files"),
        )  # fmt: skip
        self.orphans: list[Any] = []
        self.scan_button.clicked.connect(service.scan_orphans)
        self.clean_button.clicked.connect(self._clean)
        service.orphans_changed.connect(self._fill)
        self._fill([])

    def _fill(self, orphans: list[Any]) -> None:
        self.orphans = orphans
        self.tree.clear()
        for i, o in enumerate(orphans):
            kind = QCoreApplication.translate("CleanupTab", ORPHAN_KINDS.get(o.kind, o.kind))
            row = QTreeWidgetItem([str(o.path), human_size(o.size), kind])
            row.setData(0, ROLE, i)
            # Unregistered models are offered, not ticked: they may be files the person put there.
            row.setCheckState(
                0, Qt.CheckState.Unchecked if o.kind == "unregistered" else Qt.CheckState.Checked
            )
            self.tree.addTopLevelItem(row)
        total = sum(o.size for o in orphans)
        self.total.setText(
            self.tr("{count} leftover files, {size}").format(count=len(orphans), size=human_size(total))
            if orphans
            else self.tr("Nothing to clean up.")
        )
        self.clean_button.setEnabled(bool(orphans))

    def _clean(self) -> None:
        chosen = []
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            if row.checkState(0) == Qt.CheckState.Checked:
                chosen.append(self.orphans[row.data(0, ROLE)])
        if chosen:
            self.service.clean(chosen)
