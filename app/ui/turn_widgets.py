"""One turn of the conversation on screen: the person's message, or the model's reply.

Widgets only: they draw a Turn, append streamed text, and emit what the person asked for
(switch branch, edit, regenerate); the chat service decides what happens.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.chat_tree import Turn
from app.ui.answer_view import AnswerView
from app.ui.safe_browser import SafeBrowser

STATUS_TEXT = {
    "stopped": "Stopped",
    "interrupted": "Interrupted",
    "failed": "No answer",
    "streaming": "",
    "complete": "",
}


def _small_button(text: str, tip: str) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAutoRaise(True)
    return b


def format_stats(stats: dict[str, Any]) -> str:
    parts = []
    if stats.get("ttft_s") is not None:
        parts.append(f"first token {stats['ttft_s'] * 1000:.0f} ms")
    if stats.get("gen_tps"):
        parts.append(f"{stats['gen_tps']:.1f} tokens/s")
    if stats.get("generated_tokens") is not None:
        prompt = stats.get("prompt_tokens")
        parts.append(f"{prompt:,} prompt + {stats['generated_tokens']:,} generated tokens"
                     if prompt is not None else f"{stats['generated_tokens']:,} tokens")  # fmt: skip
    return " · ".join(parts)


class BranchSwitcher(QWidget):
    """‹ 2 / 3 › between the versions of one place in the conversation."""

    switch = Signal(str)

    def __init__(self, siblings: list[str], current: str) -> None:
        super().__init__()
        self.siblings = siblings
        self.index = siblings.index(current)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prev = _small_button("‹", "Previous version")
        self.next = _small_button("›", "Next version")
        self.label = QLabel(f"{self.index + 1} / {len(siblings)}")
        for w in (self.prev, self.label, self.next):
            layout.addWidget(w)
        self.prev.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(siblings) - 1)
        self.prev.clicked.connect(lambda: self.switch.emit(self.siblings[self.index - 1]))
        self.next.clicked.connect(lambda: self.switch.emit(self.siblings[self.index + 1]))
        if len(siblings) <= 1:
            self.hide()  # never setVisible(True) here: without a parent yet, it would be a window


class TurnWidget(QFrame):
    branch_requested = Signal(str)

    def __init__(self, turn: Turn, siblings: list[str]) -> None:
        super().__init__()
        self.turn = turn
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 8, 12, 8)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.layout_.addWidget(self.header)
        self.switcher = BranchSwitcher(siblings, turn.id)
        self.switcher.switch.connect(self.branch_requested)
        self.actions = QHBoxLayout()
        self.actions.setContentsMargins(0, 0, 0, 0)

    def finish_layout(self) -> None:
        self.actions.addStretch(1)
        self.actions.addWidget(self.switcher)
        self.layout_.addLayout(self.actions)


class UserTurnWidget(TurnWidget):
    edit_submitted = Signal(str, str)  # turn id, new text

    def __init__(self, turn: Turn, siblings: list[str]) -> None:
        super().__init__(turn, siblings)
        self.header.setText("You")
        self.body = QLabel(turn.text)
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # typed text is never markup
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.layout_.addWidget(self.body)
        self.editor = QPlainTextEdit()
        self.editor.hide()
        self.layout_.addWidget(self.editor)
        self.edit_button = _small_button("Edit", "Edit this message and send it again (a new branch)")
        self.copy_button = _small_button("Copy", "Copy this message")
        self.save_button = QPushButton("Send")
        self.cancel_button = QPushButton("Cancel")
        for w in (self.edit_button, self.copy_button, self.save_button, self.cancel_button):
            self.actions.addWidget(w)
        self.save_button.hide()
        self.cancel_button.hide()
        self.finish_layout()
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.turn.text))
        self.edit_button.clicked.connect(self.start_edit)
        self.cancel_button.clicked.connect(lambda: self._editing(False))
        self.save_button.clicked.connect(self._submit)

    def start_edit(self) -> None:
        self.editor.setPlainText(self.turn.text)
        self._editing(True)
        self.editor.setFocus()

    def _editing(self, on: bool) -> None:
        self.editor.setVisible(on)
        self.body.setVisible(not on)
        self.save_button.setVisible(on)
        self.cancel_button.setVisible(on)
        self.edit_button.setVisible(not on)

    def _submit(self) -> None:
        text = self.editor.toPlainText().strip()
        if text:
            self._editing(False)
            self.edit_submitted.emit(self.turn.id, text)

    def set_editable(self, on: bool) -> None:
        self.edit_button.setEnabled(on)
        self.save_button.setEnabled(on)


class AssistantTurnWidget(TurnWidget):
    regenerate_requested = Signal()

    def __init__(self, turn: Turn, siblings: list[str], dark: bool = False) -> None:
        super().__init__(turn, siblings)
        self._thinking_started = time.monotonic()
        self._thought_s: float | None = None  # measured here when the answer starts streaming
        self._answer_seen = bool(turn.text)
        self.thinking_toggle = QToolButton()
        self.thinking_toggle.setCheckable(True)
        self.thinking_toggle.setAutoRaise(True)
        self.thinking_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.reasoning = SafeBrowser()
        self.reasoning.setStyleSheet("color: palette(placeholder-text);")
        self.answer = AnswerView(dark)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.stats = QLabel()
        self.stats.setTextFormat(Qt.TextFormat.PlainText)
        self.stats.setStyleSheet("color: palette(placeholder-text);")
        for w in (self.thinking_toggle, self.reasoning, self.answer, self.status):
            self.layout_.addWidget(w)
        self.copy_button = _small_button("Copy", "Copy the answer (without the reasoning)")
        self.regenerate_button = _small_button("Regenerate", "Answer the last message again (Ctrl+R)")
        self.actions.addWidget(self.stats)
        self.actions.addWidget(self.copy_button)
        self.actions.addWidget(self.regenerate_button)
        self.finish_layout()
        self.thinking_toggle.toggled.connect(self._show_reasoning)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.answer.text))
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._update_thinking_label)
        self.show_turn(turn)

    # -- drawing a saved turn ---------------------------------------------------------------
    def show_turn(self, turn: Turn) -> None:
        self.turn = turn
        effort = f" · {turn.effort} effort" if turn.effort else ""
        self.header.setText(f"gpt-oss{effort}")
        self.reasoning.setPlainText(turn.reasoning)
        if turn.status == "streaming":
            # Opened while it streams: the text so far goes through the stream, so what
            # follows joins it correctly.
            self.answer.set_text("")
            self.answer.append(turn.text)
            self._thinking_started = time.monotonic() - float(turn.stats.get("thinking_s") or 0)
            self._timer.start()
        else:
            self.answer.set_text(turn.text)
        self.thinking_toggle.setVisible(bool(turn.reasoning) or turn.status == "streaming")
        self.thinking_toggle.setChecked(turn.status == "streaming" and not turn.text)
        self._show_reasoning(self.thinking_toggle.isChecked())
        self._update_thinking_label()
        self.update_status(turn)

    def update_status(self, turn: Turn) -> None:
        self.turn = turn
        label = STATUS_TEXT.get(turn.status, "")
        if turn.error:
            label = f"{label}: {turn.error}" if label else turn.error
        self.status.setText(label)
        self.status.setVisible(bool(label))
        self.stats.setText(format_stats(turn.stats) if turn.status != "streaming" else "")
        self.regenerate_button.setEnabled(turn.status != "streaming")
        self.copy_button.setEnabled(turn.status != "streaming" or bool(self.answer.text))

    def _show_reasoning(self, on: bool) -> None:
        self.reasoning.setVisible(on and bool(self.reasoning.document().characterCount() > 1 or
                                               self.turn.status == "streaming"))  # fmt: skip
        self.thinking_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def _update_thinking_label(self) -> None:
        if self.turn.status == "streaming" and not self._answer_seen:
            seconds = time.monotonic() - self._thinking_started
            self.thinking_toggle.setText(f"Thinking… {seconds:.0f} s")
            return
        self._timer.stop()
        seconds = self.turn.stats.get("thinking_s") or self._thought_s
        self.thinking_toggle.setText(f"Thought for {seconds:.1f} s" if seconds else "Thinking")

    # -- streaming ----------------------------------------------------------------------------
    def append_events(self, events: list[dict[str, Any]]) -> None:
        reasoning: list[str] = []
        for event in events:
            kind = event["kind"]
            if kind == "reasoning":
                reasoning.append(event.get("text", ""))
            elif kind == "answer":
                if reasoning:
                    self._append_reasoning("".join(reasoning))
                    reasoning.clear()
                if not self._answer_seen:
                    self._answer_seen = True
                    self._thought_s = time.monotonic() - self._thinking_started
                    self.thinking_toggle.setChecked(False)  # collapse once the answer starts
                    self._update_thinking_label()
                self.answer.append(event.get("text", ""))
            elif kind == "tool_call":
                reasoning.append(f"\n[tool call {event.get('recipient')}: {event.get('arguments')}]\n")
            elif kind == "commentary":
                reasoning.append(event.get("text", ""))
        if reasoning:
            self._append_reasoning("".join(reasoning))

    def _append_reasoning(self, text: str) -> None:
        if not self.thinking_toggle.isVisible():
            self.thinking_toggle.setVisible(True)
        cursor = QTextCursor(self.reasoning.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, QTextCharFormat())

    def finish(self, turn: Turn) -> None:
        """The reply ended: render the last block and show status and stats."""
        self.answer.finish()
        if turn.text and not self.answer.text:
            self.answer.set_text(turn.text)  # nothing streamed here (opened mid-reply)
        self.turn = turn
        self._timer.stop()
        self._update_thinking_label()
        self.thinking_toggle.setVisible(bool(turn.reasoning))
        self.update_status(turn)

    def set_regenerate_visible(self, on: bool) -> None:
        self.regenerate_button.setVisible(on)

    def set_regenerate_enabled(self, on: bool) -> None:
        self.regenerate_button.setEnabled(on and self.turn.status != "streaming")
