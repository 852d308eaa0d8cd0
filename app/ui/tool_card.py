"""A tool call in a reply: what the model asked to run, the person's answer, and the result.

The card shows the tool and its arguments (JSON pretty-printed, code as written) in
monospace, asks Allow once / Always for this chat / Deny while the call waits, says while it
runs, and folds the result under the call. Plain text only: arguments and results come from
the model and from tools, so nothing in them is ever read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from app.core.conversation import ToolCall
from app.core.tools import show_arguments
from app.ui.theme import SPACE, icon, set_type, style

MAX_LINES = 12  # arguments and results taller than this scroll inside the card
STATE_TEXT = {  # translated where shown, in the context "ToolCallCard"
    "asking": QT_TRANSLATE_NOOP("ToolCallCard", "Waiting for your answer"),
    "running": QT_TRANSLATE_NOOP("ToolCallCard", "Running…"),
    "done": QT_TRANSLATE_NOOP("ToolCallCard", "Done"),
    "error": QT_TRANSLATE_NOOP("ToolCallCard", "Failed"),
    "denied": QT_TRANSLATE_NOOP("ToolCallCard", "Denied"),
    "called": "",
}


def _code_box(text: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setAccessibleName(name)
    box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    box.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    box.setPlainText(text)
    lines = min(MAX_LINES, max(1, text.count("\n") + 1))
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 2 * SPACE["s"] + 4)
    return box


class ToolCallCard(QFrame):
    decided = Signal(str)  # "once", "always" or "deny"

    def __init__(self, call: ToolCall, title: str = "") -> None:
        super().__init__()
        self.setObjectName("toolCall")
        style(self, "card")
        self.call = call
        self.state = "called"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["m"], SPACE["s"], SPACE["m"], SPACE["s"])
        layout.setSpacing(SPACE["xs"])
        head = QHBoxLayout()
        badge = QLabel()
        badge.setPixmap(icon("wrench").pixmap(16, 16))
        self.title = QLabel(title or call.recipient)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        set_type(self.title, "body", bold=True)
        self.state_label = QLabel()
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        style(self.state_label, "muted")
        head.addWidget(badge)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.state_label)
        layout.addLayout(head)
        self.arguments = _code_box(show_arguments(call), self.tr("Arguments of the tool call"))
        layout.addWidget(self.arguments)
        # The question, shown while the call waits.
        self.question = QLabel(self.tr("Run this on your computer?"))
        self.allow_once = QPushButton(self.tr("Allow once"))
        style(self.allow_once, "primary")
        self.allow_always = QPushButton(self.tr("Always for this chat"))
        self.deny = QPushButton(self.tr("Deny"))
        ask = QHBoxLayout()
        ask.addWidget(self.question, 1)
        for button in (self.allow_once, self.allow_always, self.deny):
            ask.addWidget(button)
        layout.addLayout(ask)
        self.allow_once.clicked.connect(lambda: self._decide("once"))
        self.allow_always.clicked.connect(lambda: self._decide("always"))
        self.deny.clicked.connect(lambda: self._decide("deny"))
        # The result, folded under the call.
        self.result_toggle = QToolButton()
        self.result_toggle.setCheckable(True)
        self.result_toggle.setAutoRaise(True)
        self.result_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.result_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.result_toggle.setText(self.tr("Result"))
        self.result = _code_box("", self.tr("Result of the tool call"))
        layout.addWidget(self.result_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        self.result_toggle.toggled.connect(self._fold)
        self.set_state("called")

    def _decide(self, decision: str) -> None:
        self._asking(False)
        self.decided.emit(decision)

    def _asking(self, on: bool) -> None:
        for w in (self.question, self.allow_once, self.allow_always, self.deny):
            w.setVisible(on)
        if on:
            self.allow_once.setFocus()

    def _fold(self, open_: bool) -> None:
        self.result.setVisible(open_)
        self.result_toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)

    def set_state(self, state: str, text: str = "") -> None:
        self.state = state
        words = STATE_TEXT.get(state, "")
        self.state_label.setText(QCoreApplication.translate("ToolCallCard", words) if words else "")
        self._asking(state == "asking")
        if state in ("done", "error", "denied") and text:
            self.result.setPlainText(text)
            lines = min(MAX_LINES, max(1, text.count("\n") + 1))
            self.result.setFixedHeight(self.result.fontMetrics().lineSpacing() * lines + 2 * SPACE["s"] + 4)
        has_result = bool(self.result.toPlainText())
        self.result_toggle.setVisible(has_result)
        self._fold(has_result and (self.result_toggle.isChecked() or state == "error"))
        if state == "error" and has_result:
            self.result_toggle.setChecked(True)
