"""One conversation being held in memory and the rules for growing it.

The foundation keeps conversations for the life of the window; saved history is the chat
window's issue. What the model produced is stored as harmony messages (analysis, final, tool
calls) so the next prompt follows the format's rules.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.conversation import Conversation, Effort, Message
from app.infra.engine_client import message_from_dict
from app.infra.engine_protocol import SamplingSettings
from app.services.engine_service import EngineService


class ChatSession(QObject):
    changed = Signal()
    message_returned = Signal(str)  # a message that got no reply goes back to the input box

    def __init__(self, engine: EngineService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.conversation = Conversation()
        self.sampling = SamplingSettings()
        self.last_stats: dict[str, Any] | None = None
        engine.reply_finished.connect(self._on_finished)
        engine.reply_failed.connect(self._on_failed)

    def set_effort(self, effort: Effort) -> None:
        self.conversation.effort = effort

    def send(self, text: str) -> None:
        self.conversation = self.conversation.with_messages(Message.user(text))
        self.changed.emit()
        self.engine.generate(self.conversation, self.sampling)

    def _on_finished(self, done: dict[str, Any]) -> None:
        messages = [message_from_dict(m) for m in done.get("messages", [])]
        # A stopped reply keeps what was said: its partial answer is part of the history.
        self.conversation = self.conversation.with_messages(*messages)
        self.last_stats = done.get("stats")
        self.changed.emit()

    def _on_failed(self, _message: str) -> None:
        # The engine refused the request (e.g. the conversation no longer fits the context):
        # take the unanswered message out of the history so the next one can go through, and
        # give its text back to the person rather than lose it.
        messages = self.conversation.messages
        if messages and messages[-1].role == "user":
            last = messages[-1]
            self.conversation = self.conversation.with_messages()
            self.conversation.messages.pop()
            self.message_returned.emit(last.content)
            self.changed.emit()
