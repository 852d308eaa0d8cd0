"""Chat → Documents…: the person's collections, their indexing, and which this chat reads.

Each collection shows its documents, pages and state; while it is read, the pages per second
and the time left. Add a folder (kept indexed and watched) or files, rename, read again,
pause and resume, remove (the index goes; the files stay), and attach to or detach from the
open chat. Problems found while reading (a damaged PDF, a scanned page) are listed by file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import SPACE, fit_columns

STATE_WORDS = {  # translated where shown, in the context "DocumentsDialog"
    "idle": QT_TRANSLATE_NOOP("DocumentsDialog", "Ready"),
    "indexing": QT_TRANSLATE_NOOP("DocumentsDialog", "Reading…"),
    "paused": QT_TRANSLATE_NOOP("DocumentsDialog", "Paused"),
    "failed": QT_TRANSLATE_NOOP("DocumentsDialog", "Failed"),
}


class DocumentsDialog(QDialog):
    def __init__(self, chat: Any, documents: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chat = chat
        self.documents = documents
        self.setWindowTitle(self.tr("Documents"))
        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("Collections"))
        self.list.setHeaderLabels([self.tr("In this chat"), self.tr("Collection"), self.tr("Documents"),
                                   self.tr("Pages"), self.tr("State")])  # fmt: skip
        self.list.setRootIsDecorated(False)
        fit_columns(self.list)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Reading progress"))
        self.bar.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("What could not be read"))
        self.problems.setMaximumHeight(120)
        row = QHBoxLayout()
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.reindex_button = QPushButton(self.tr("Read again"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for b in (self.add_folder_button, self.add_files_button, self.rename_button, self.reindex_button,
                  self.pause_button, self.remove_button):  # fmt: skip
            row.addWidget(b)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE["s"])
        intro = QLabel(
            self.tr(
                "Documents are read and searched on this computer; nothing leaves it. Tick a collection to let gpt-oss use it in this chat."
            )
        )
        intro.setWordWrap(True)
        for w in (intro, self.list, self.bar, self.status, self.problems):
            layout.addWidget(w)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.add_folder_button.clicked.connect(self._add_folder)
        self.add_files_button.clicked.connect(self._add_files)
        self.rename_button.clicked.connect(self._rename)
        self.reindex_button.clicked.connect(lambda: self._act(self.documents.reindex))
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.remove_button.clicked.connect(lambda: self._act(self.documents.remove))
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.list.itemChanged.connect(self._ticked)
        documents.changed.connect(lambda _cid: self.refresh())
        documents.progress.connect(self._progress)
        self.refresh()
        self.resize(720, 480)

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(1, Qt.ItemDataRole.UserRole) if item is not None else None

    def refresh(self) -> None:
        keep = self.selected()
        attached = set(self.chat.chat_tools().collections)
        self.list.blockSignals(True)
        self.list.clear()
        for cid, info in self.documents.collections.items():
            state = QCoreApplication.translate("DocumentsDialog", STATE_WORDS.get(info.state, info.state))
            item = QTreeWidgetItem(["", info.name, f"{info.documents:,}", f"{info.pages:,}", state])
            item.setData(1, Qt.ItemDataRole.UserRole, cid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if cid in attached else Qt.CheckState.Unchecked)
            self.list.addTopLevelItem(item)
            if cid == keep or keep is None:
                self.list.setCurrentItem(item)
                keep = cid
        self.list.blockSignals(False)
        self._show_selected()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            cid = item.data(1, Qt.ItemDataRole.UserRole)
            self.chat.attach_collection(cid, item.checkState(0) == Qt.CheckState.Checked)

    def _show_selected(self) -> None:
        cid = self.selected()
        info = self.documents.collections.get(cid) if cid else None
        for b in (self.rename_button, self.reindex_button, self.pause_button, self.remove_button):
            b.setEnabled(info is not None)
        if info is None:
            self.status.setText(
                self.tr("No collections yet. Add a folder to keep it indexed, or drop files on the chat.")
            )
            self.problems.hide()
            return
        self.pause_button.setText(self.tr("Resume") if info.state == "paused" else self.tr("Pause"))
        self.pause_button.setEnabled(info.state in ("indexing", "paused"))
        self.bar.setVisible(info.state == "indexing")
        roots = "\n".join(info.roots)
        self.status.setText(self.tr("Holds: {roots}").format(roots=roots))
        report = info.report
        lines = []
        if report is not None:
            lines += [f"{path}: {why}" for path, why in report.problems]
            lines += [f"{path}: {why}" for path, why in report.notes]
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))

    def _progress(self, cid: str, p: dict) -> None:
        if cid != self.selected():
            return
        self.bar.show()
        self.bar.setMaximum(max(1, int(p["files_total"])))
        self.bar.setValue(int(p["files_done"]))
        left = p.get("seconds_left")
        text = self.tr("{done} of {total} files, {rate} pages/s").format(
            done=f"{p['files_done']:,}", total=f"{p['files_total']:,}", rate=f"{p['pages_per_s']:.0f}"
        )
        if left is not None:
            text += self.tr(", about {seconds} s left").format(seconds=f"{left:.0f}")
        self.status.setText(text)

    def _act(self, action: Any) -> None:
        cid = self.selected()
        if cid:
            action(cid)

    def _pause_or_resume(self) -> None:
        cid = self.selected()
        info = self.documents.collections.get(cid) if cid else None
        if info is None:
            return
        if info.state == "paused":
            self.documents.resume(cid)
        else:
            self.documents.pause(cid)

    def _rename(self) -> None:
        cid = self.selected()
        info = self.documents.collections.get(cid) if cid else None
        if info is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename collection"), self.tr("Name:"), text=info.name)
        if ok:
            self.documents.rename(cid, name)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of documents"))
        if folder:
            self.add([folder])

    def _add_files(self) -> None:
        from app.core.documents import file_filter

        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add documents"), "",
                                                self.tr("Documents ({kinds})").format(kinds=file_filter()))  # fmt: skip
        if paths:
            self.add(paths)

    def add(self, paths: list[str]) -> str:
        from pathlib import Path

        name = Path(paths[0]).name if len(paths) == 1 else ", ".join(Path(p).name for p in paths[:3])
        cid = self.documents.add(name, paths)
        self.chat.attach_collection(cid)
        return cid
