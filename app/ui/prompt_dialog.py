"""Chat → Show prompt: the exact harmony text of the last request, control tokens and all.

Each part (system, developer, every message, the reasoning and tool calls kept by harmony's
rules) is listed with what it is and how many tokens it takes for the loaded model; selecting
one selects its text in the whole prompt below.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.harmony import render_parts
from app.ui.theme import fit_columns

KIND_WORDS = {  # translated where shown, in the context "PromptDialog"
    "system": QT_TRANSLATE_NOOP("PromptDialog", "System (effort, date, built-in tools)"),
    "developer": QT_TRANSLATE_NOOP("PromptDialog", "Developer (instructions, function tools)"),
    "user": QT_TRANSLATE_NOOP("PromptDialog", "Your message"),
    "reasoning": QT_TRANSLATE_NOOP("PromptDialog", "Reasoning kept (an open tool call)"),
    "tool call": QT_TRANSLATE_NOOP("PromptDialog", "Tool call"),
    "tool result": QT_TRANSLATE_NOOP("PromptDialog", "Tool result"),
    "answer": QT_TRANSLATE_NOOP("PromptDialog", "Earlier answer"),
    "generation": QT_TRANSLATE_NOOP("PromptDialog", "Start of the reply"),
}


class PromptDialog(QDialog):
    def __init__(self, chat: Any, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The prompt gpt-oss was sent"))
        conversation, sent = chat.prompt_to_show()
        self.parts = render_parts(conversation)
        self.heading = QLabel(
            self.tr("The last request in this chat, exactly as the model read it.")
            if sent
            else self.tr(
                "Nothing was sent in this chat yet: this is what your next message would be sent with."
            )
        )
        self.heading.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("Parts of the prompt"))
        self.list.setHeaderLabels([self.tr("Part"), self.tr("Tokens"), self.tr("Begins with")])
        self.list.setRootIsDecorated(False)
        fit_columns(self.list)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("The whole prompt"))
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText("".join(text for _kind, text in self.parts))
        self.total = QLabel()
        self._starts: list[int] = []
        offset = 0
        for kind, text in self.parts:
            words = QCoreApplication.translate("PromptDialog", KIND_WORDS.get(kind, kind))
            preview = " ".join(text.split())[:80]
            item = QTreeWidgetItem([words, "…", preview])
            item.setToolTip(2, text[:2000])
            self.list.addTopLevelItem(item)
            self._starts.append(offset)
            offset += len(text)
        self.list.currentItemChanged.connect(lambda *_: self._select())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.heading, split, self.total, buttons):
            layout.addWidget(w)
        self.total.setText(self.tr("{chars} characters; counting tokens…").format(chars=f"{offset:,}"))
        engine.count_tokens([text for _kind, text in self.parts], self._counted)
        self.resize(760, 560)

    def _counted(self, counts: list[int] | None) -> None:
        if counts is None or len(counts) != len(self.parts):
            self.total.setText(self.tr("Open a model to count the tokens."))
            for i in range(self.list.topLevelItemCount()):
                self.list.topLevelItem(i).setText(1, "—")
            return
        for i, n in enumerate(counts):
            self.list.topLevelItem(i).setText(1, f"{n:,}")
        self.total.setText(self.tr("{tokens} tokens in all").format(tokens=f"{sum(counts):,}"))

    def _select(self) -> None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem())
        if row < 0:
            return
        cursor = self.text.textCursor()
        cursor.setPosition(self._starts[row])
        cursor.setPosition(self._starts[row] + len(self.parts[row][1]), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()
