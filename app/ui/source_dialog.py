"""The passage an answer cites: the page of the document as the model read it, with the cited
lines selected, and a button that opens the file in the system's application."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class SourceDialog(QDialog):
    def __init__(self, citation: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.citation = citation
        name = citation.path.replace("\\", "/").rsplit("/", 1)[-1]
        self.setWindowTitle(self.tr("{file}, page {page}").format(file=name, page=citation.page))
        where = QLabel(citation.path)
        where.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("The cited passage"))
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(citation.display)
        self.open_button = QPushButton(self.tr("Open the file"))
        self.open_button.clicked.connect(self.open_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (where, self.text, buttons):
            layout.addWidget(w)
        self.resize(720, 480)
        self._select_lines()

    def _select_lines(self) -> None:
        """Select the cited lines (``L{n}: …`` in the display)."""
        doc = self.text.document()
        first = last = None
        for block_no in range(doc.blockCount()):
            block = doc.findBlockByNumber(block_no)
            head = block.text().split(":", 1)[0]
            if head.startswith("L") and head[1:].isdigit():
                n = int(head[1:])
                if n == self.citation.first:
                    first = block
                if n == self.citation.last:
                    last = block
        if first is None:
            return
        cursor = QTextCursor(first)
        end = last or first
        cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    def open_file(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(self.citation.path))
