"""One turn of the conversation on screen: the person's message, or the model's reply.

Widgets only: they draw a Turn, append streamed text, and emit what the person asked for
(switch branch, edit, regenerate); the chat service decides what happens.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen, QTextCharFormat, QTextCursor
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
from app.core.conversation import ToolCall
from app.core.documents import citations
from app.core.harmony_parser import HarmonyEvent
from app.core.tools import pretty_json
from app.ui.answer_view import AnswerView
from app.ui.safe_browser import SafeBrowser
from app.ui.theme import RADIUS, SPACE, current, high_contrast, set_type, style
from app.ui.tool_card import ToolCallCard

BUBBLE_INSET = SPACE["xxl"] * 3  # how far the person's bubble is set in from the left

STATUS_TEXT = {  # translated where shown, in the context "AssistantTurnWidget"
    "stopped": QT_TRANSLATE_NOOP("AssistantTurnWidget", "Stopped"),
    "interrupted": QT_TRANSLATE_NOOP("AssistantTurnWidget", "Interrupted"),
    "failed": QT_TRANSLATE_NOOP("AssistantTurnWidget", "No answer"),
    "streaming": "",
    "complete": "",
}
EFFORT_WORDS = {  # the reply's header: "gpt-oss · high effort"
    "low": QT_TRANSLATE_NOOP("AssistantTurnWidget", "low"),
    "medium": QT_TRANSLATE_NOOP("AssistantTurnWidget", "medium"),
    "high": QT_TRANSLATE_NOOP("AssistantTurnWidget", "high"),
}


def _small_button(text: str, tip: str) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAutoRaise(True)
    return b


def format_stats(stats: dict[str, Any]) -> str:
    """The reply's numbers in a line; the words are translated in the context of the reply's widget."""
    parts = []
    if stats.get("ttft_s") is not None:
        parts.append(
            QCoreApplication.translate("AssistantTurnWidget", "first token {ms} ms").format(
                ms=f"{stats['ttft_s'] * 1000:.0f}"
            )
        )
    if stats.get("gen_tps"):
        parts.append(
            QCoreApplication.translate("AssistantTurnWidget", "{rate} tokens/s").format(
                rate=f"{stats['gen_tps']:.1f}"
            )
        )
    if stats.get("generated_tokens") is not None:
        prompt = stats.get("prompt_tokens")
        generated = f"{stats['generated_tokens']:,}"
        if prompt is not None:
            text = QCoreApplication.translate(
                "AssistantTurnWidget", "{prompt} prompt + {generated} generated tokens"
            )
            parts.append(text.format(prompt=f"{prompt:,}", generated=generated))
        else:
            parts.append(
                QCoreApplication.translate("AssistantTurnWidget", "{count} tokens").format(count=generated)
            )
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
        self.prev = _small_button("‹", self.tr("Previous version"))
        self.next = _small_button("›", self.tr("Next version"))
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
        self.layout_.setContentsMargins(SPACE["l"], SPACE["m"], SPACE["l"], SPACE["s"])
        self.layout_.setSpacing(SPACE["xs"])
        self.header = QLabel()
        self.header.setObjectName("turnHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        set_type(self.header, "small", bold=True)
        style(self.header, "muted")
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
        self.setObjectName("userTurn")
        # A bubble set in from the left (painted below): the conversation reads as two voices.
        self.layout_.setContentsMargins(BUBBLE_INSET + SPACE["l"], SPACE["m"], SPACE["l"], SPACE["s"])
        self.header.setText(self.tr("You"))
        self.body = QLabel(turn.text)
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # typed text is never markup
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.layout_.addWidget(self.body)
        self.editor = QPlainTextEdit()
        self.editor.hide()
        self.layout_.addWidget(self.editor)
        self.edit_button = _small_button(
            self.tr("Edit"), self.tr("Edit this message and send it again (a new branch)")
        )
        self.copy_button = _small_button(self.tr("Copy"), self.tr("Copy this message"))
        self.save_button = QPushButton(self.tr("Send"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for w in (self.edit_button, self.copy_button, self.save_button, self.cancel_button):
            self.actions.addWidget(w)
        self.save_button.hide()
        self.cancel_button.hide()
        self.finish_layout()
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.turn.text))
        self.edit_button.clicked.connect(self.start_edit)
        self.cancel_button.clicked.connect(lambda: self._editing(False))
        self.save_button.clicked.connect(self._submit)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect().adjusted(BUBBLE_INSET, 0, 0, 0)).adjusted(1, 1, -1, -1)
        if high_contrast():
            painter.setPen(QPen(self.palette().windowText().color(), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(current().bubble))
        painter.drawRoundedRect(rect, RADIUS["l"], RADIUS["l"])
        painter.end()
        super().paintEvent(event)

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
    tool_decided = Signal(str)  # the person's answer to a waiting tool call
    source_requested = Signal(object)  # Citation: show the passage the answer cites

    def __init__(self, turn: Turn, siblings: list[str], dark: bool = False) -> None:
        super().__init__(turn, siblings)
        self.setObjectName("assistantTurn")
        self._thinking_started = time.monotonic()
        self._thought_s: float | None = None  # measured here when the answer starts streaming
        self._answer_seen = bool(turn.text)
        self.thinking_toggle = QToolButton()
        self.thinking_toggle.setCheckable(True)
        self.thinking_toggle.setAutoRaise(True)
        self.thinking_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.reasoning = SafeBrowser()
        self.reasoning.setAccessibleName(self.tr("Thinking"))
        self.reasoning.setObjectName("thinking")
        style(self.reasoning, "muted")
        self.reasoning.setViewportMargins(SPACE["m"], 0, 0, 0)  # room for the rule paintEvent draws
        self.answer = AnswerView(dark)
        self.status = QLabel()
        self.status.setObjectName("turnStatus")
        style(self.status, "danger")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.stats = QLabel()
        self.stats.setTextFormat(Qt.TextFormat.PlainText)
        style(self.stats, "muted")
        set_type(self.stats, "small")
        self.tool_cards: list[ToolCallCard] = []
        self.tools_box = QWidget()
        self.tools_box.setAccessibleName(self.tr("Tool calls"))
        self._tools_layout = QVBoxLayout(self.tools_box)
        self._tools_layout.setContentsMargins(0, 0, 0, 0)
        self._tools_layout.setSpacing(SPACE["s"])
        self.tools_box.hide()
        # Sources: one chip per passage of the person's documents the answer cites.
        self.sources_box = QWidget()
        self.sources_box.setAccessibleName(self.tr("Sources"))
        self._sources_layout = QHBoxLayout(self.sources_box)
        self._sources_layout.setContentsMargins(0, 0, 0, 0)
        self._sources_layout.setSpacing(SPACE["xs"])
        self.sources_box.hide()
        self.source_chips: list[QToolButton] = []
        for w in (
            self.thinking_toggle,
            self.reasoning,
            self.tools_box,
            self.answer,
            self.sources_box,
            self.status,
        ):
            self.layout_.addWidget(w)
        self.copy_button = _small_button(self.tr("Copy"), self.tr("Copy the answer (without the reasoning)"))
        self.regenerate_button = _small_button(
            self.tr("Regenerate"), self.tr("Answer the last message again (Ctrl+R)")
        )
        self.actions.addWidget(self.stats)
        self.actions.addWidget(self.copy_button)
        self.actions.addWidget(self.regenerate_button)
        self.finish_layout()
        self.thinking_toggle.toggled.connect(self._show_reasoning)
        self.copy_button.clicked.connect(self._copy)
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._update_thinking_label)
        self.show_turn(turn)

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.reasoning.isVisible():  # the thinking set off by a rule on its left
            g = self.reasoning.geometry()
            painter = QPainter(self)
            colour = self.palette().windowText().color() if high_contrast() else QColor(current().border)
            painter.fillRect(g.left(), g.top(), 3, g.height(), colour)
            painter.end()

    # -- drawing a saved turn ---------------------------------------------------------------
    def show_turn(self, turn: Turn) -> None:
        self.turn = turn
        if turn.effort:
            effort = QCoreApplication.translate(
                "AssistantTurnWidget", EFFORT_WORDS.get(turn.effort, turn.effort)
            )
            self.header.setText(self.tr("gpt-oss · {effort} effort").format(effort=effort))
        else:
            self.header.setText("gpt-oss")  # the model's name
        self.reasoning.setPlainText(turn.reasoning)
        self._show_saved_calls(turn)
        self._show_sources(turn)
        if turn.status == "streaming":
            # Opened while it streams: the text so far goes through the stream, so what
            # follows joins it correctly.
            self.answer.set_text("")
            self.answer.append(turn.text)
            self._thinking_started = time.monotonic() - float(turn.stats.get("thinking_s") or 0)
            self._timer.start()
        else:
            self._show_answer(turn)
        self.thinking_toggle.setVisible(bool(turn.reasoning) or turn.status == "streaming")
        self.thinking_toggle.setChecked(turn.status == "streaming" and not turn.text)
        self._show_reasoning(self.thinking_toggle.isChecked())
        self._update_thinking_label()
        self.update_status(turn)

    def _copy(self) -> None:
        pretty = pretty_json(self.turn.text) if self.turn.stats.get("json_answer") else None
        QGuiApplication.clipboard().setText(pretty or self.answer.text)

    def _show_answer(self, turn: Turn) -> None:
        """A finished answer; one held to a JSON schema is shown as pretty-printed JSON."""
        pretty = pretty_json(turn.text) if turn.stats.get("json_answer") else None
        self.answer.set_text(f"```json\n{pretty}\n```" if pretty is not None else turn.text)

    def _show_sources(self, turn: Turn) -> None:
        """Chips for the answer's citations of the attached documents (file, page, lines)."""
        for chip in self.source_chips:
            chip.deleteLater()
        self.source_chips = []
        while self._sources_layout.count():
            self._sources_layout.takeAt(0)
        results = [
            m.content for m in turn.messages if m.role == "tool" and (m.tool_name or "").startswith("browser")
        ]
        found = citations(turn.text, results) if results else []
        for cite in found[:12]:
            name = cite.path.replace("\\", "/").rsplit("/", 1)[-1]
            lines = f"L{cite.first}" if cite.first == cite.last else f"L{cite.first}–{cite.last}"
            chip = QToolButton()
            chip.setText(self.tr("{file} p. {page} {lines}").format(file=name, page=cite.page, lines=lines))
            chip.setToolTip(self.tr("Show the passage in {path}").format(path=cite.path))
            chip.setAutoRaise(False)
            chip.clicked.connect(lambda _c=False, c=cite: self.source_requested.emit(c))
            self._sources_layout.addWidget(chip)
            self.source_chips.append(chip)
        self._sources_layout.addStretch(1)
        self.sources_box.setVisible(bool(found))

    def _show_saved_calls(self, turn: Turn) -> None:
        """A saved reply's tool calls, each with the result the model was given."""
        for card in self.tool_cards:
            card.deleteLater()
        self.tool_cards = []
        card: ToolCallCard | None = None
        for message in turn.messages:
            if message.tool_call is not None:
                card = self.add_tool_call(message.tool_call)
            elif message.role == "tool" and card is not None:
                text = message.content
                state = (
                    "denied"
                    if text.startswith("The user denied")
                    else "error"
                    if text.startswith("Error:")
                    else "done"
                )
                card.set_state(state, text)
                card = None
        self.tools_box.setVisible(bool(self.tool_cards))

    def add_tool_call(self, call: ToolCall) -> ToolCallCard:
        card = ToolCallCard(call)
        card.decided.connect(self.tool_decided)
        self.tool_cards.append(card)
        self._tools_layout.addWidget(card)
        self.tools_box.show()
        return card

    def set_tool_state(self, index: int, state: str, text: str) -> None:
        if 0 <= index < len(self.tool_cards):
            self.tool_cards[index].set_state(state, text)

    def update_status(self, turn: Turn) -> None:
        self.turn = turn
        label = STATUS_TEXT.get(turn.status, "")
        label = QCoreApplication.translate("AssistantTurnWidget", label) if label else ""
        if turn.error:
            label = (
                self.tr("{status}: {error}").format(status=label, error=turn.error) if label else turn.error
            )
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
            self.thinking_toggle.setText(self.tr("Thinking… {seconds} s").format(seconds=f"{seconds:.0f}"))
            return
        self._timer.stop()
        seconds = self.turn.stats.get("thinking_s") or self._thought_s
        self.thinking_toggle.setText(
            self.tr("Thought for {seconds} s").format(seconds=f"{seconds:.1f}")
            if seconds
            else self.tr("Thinking")
        )

    # -- streaming ----------------------------------------------------------------------------
    def append_events(self, events: list[HarmonyEvent]) -> None:
        reasoning: list[str] = []
        for event in events:
            kind = event.kind
            if kind == "reasoning":
                reasoning.append(event.text)
            elif kind == "answer":
                if reasoning:
                    self._append_reasoning("".join(reasoning))
                    reasoning.clear()
                if not self._answer_seen:
                    self._answer_seen = True
                    self._thought_s = time.monotonic() - self._thinking_started
                    self.thinking_toggle.setChecked(False)  # collapse once the answer starts
                    self._update_thinking_label()
                self.answer.append(event.text)
            elif kind == "tool_call":
                if reasoning:
                    self._append_reasoning("".join(reasoning))
                    reasoning.clear()
                call = ToolCall(event.recipient or "", event.arguments or "", event.content_type or "json")
                self.add_tool_call(call)
            elif kind == "commentary":
                reasoning.append(event.text)
        if reasoning:
            self._append_reasoning("".join(reasoning))

    def _append_reasoning(self, text: str, fmt: QTextCharFormat | None = None) -> None:
        if not self.thinking_toggle.isVisible():
            self.thinking_toggle.setVisible(True)
        cursor = QTextCursor(self.reasoning.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, fmt or QTextCharFormat())

    def finish(self, turn: Turn) -> None:
        """The reply ended: render the last block and show status and stats."""
        self.answer.finish()
        if turn.text and (not self.answer.text or turn.stats.get("json_answer")):
            self._show_answer(turn)  # nothing streamed here (opened mid-reply), or JSON to lay out
        self.turn = turn
        self._timer.stop()
        self._update_thinking_label()
        self.thinking_toggle.setVisible(bool(turn.reasoning))
        self._show_sources(turn)
        self.update_status(turn)

    def set_regenerate_visible(self, on: bool) -> None:
        self.regenerate_button.setVisible(on)

    def set_regenerate_enabled(self, on: bool) -> None:
        self.regenerate_button.setEnabled(on and self.turn.status != "streaming")
