"""Saved conversations as trees of turns: regenerating or editing makes a branch, not a loss.

A *turn* is what one side said: the person's message, or the model's whole reply (its
reasoning, any commentary and the final answer, kept as the harmony messages it produced).
Every turn points at the turn it answers or follows; siblings are the versions of one place
in the conversation. The conversation remembers its current leaf; the path from the root to
that leaf is what the window shows and what the next prompt is built from.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from app.core.conversation import Conversation, Effort, Message

TurnRole = Literal["user", "assistant"]
# streaming: being written now; stopped: the person pressed Stop; interrupted: the engine or
# the app ended mid-reply; failed: the engine refused the request; complete: the model ended it.
TurnStatus = Literal["complete", "streaming", "stopped", "interrupted", "failed"]
TURN_STATUSES: tuple[TurnStatus, ...] = ("complete", "streaming", "stopped", "interrupted", "failed")

TITLE_LIMIT = 60


def new_id() -> str:
    return uuid.uuid4().hex


def title_from_text(text: str, limit: int = TITLE_LIMIT) -> str:
    """A one-line title from the first message: its first line, cut at a word."""
    line = " ".join(text.split())
    if not line:
        return "New chat"
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:") + "…"


@dataclass
class Turn:
    id: str
    conversation_id: str
    parent_id: str | None
    role: TurnRole
    created: float
    text: str = ""  # the person's message, or the visible answer (final channel)
    reasoning: str = ""  # the analysis channel, shown in "Thinking"
    messages: tuple[Message, ...] = ()  # assistant: the harmony messages as produced
    effort: Effort | None = None  # the effort this reply was asked for
    status: TurnStatus = "complete"
    stats: dict[str, Any] = field(default_factory=dict)  # ttft_s, gen_tps, tokens, thinking_s
    model: str = ""
    error: str = ""

    def prompt_messages(self) -> list[Message]:
        """What this turn contributes to the next prompt."""
        if self.role == "user":
            return [Message.user(self.text)]
        if self.messages:
            return list(self.messages)
        # A reply cut off before the engine reported its messages (a crash, a killed app):
        # rebuild them from what was saved while it streamed.
        out = []
        if self.reasoning:
            out.append(Message.analysis(self.reasoning))
        if self.text:
            out.append(Message.final(self.text))
        return out


@dataclass
class ChatInfo:
    """One conversation's own fields (its turns live in a ChatTree)."""

    id: str
    title: str = "New chat"
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    instructions: str = ""
    effort: Effort = "medium"
    current_leaf: str | None = None
    titled_by_user: bool = False
    tools: str = "{}"  # the chat's tool choices, app.core.tools.ChatTools as JSON


class ChatTree:
    """The turns of one conversation, with the rules for paths and branches."""

    def __init__(self, info: ChatInfo, turns: list[Turn] | None = None) -> None:
        self.info = info
        self.turns: dict[str, Turn] = {}
        self._children: dict[str | None, list[str]] = {}
        # Parents before children even if a clock went backwards between them.
        pending = sorted(turns or [], key=lambda t: (t.created, t.id))
        while pending:
            ready = [t for t in pending if t.parent_id is None or t.parent_id in self.turns]
            if not ready:
                raise KeyError("some turns answer turns that are not in this conversation")
            for turn in ready:
                self.add(turn)
            pending = [t for t in pending if t.id not in self.turns]

    # -- structure ---------------------------------------------------------------------------
    def add(self, turn: Turn) -> Turn:
        if turn.parent_id is not None and turn.parent_id not in self.turns:
            raise KeyError(f"turn {turn.id} answers a turn that is not in this conversation")
        self.turns[turn.id] = turn
        self._children.setdefault(turn.parent_id, []).append(turn.id)
        return turn

    def update(self, turn_id: str, **changes: Any) -> Turn:
        turn = replace(self.turns[turn_id], **changes)
        self.turns[turn_id] = turn
        return turn

    def children(self, turn_id: str | None) -> list[Turn]:
        return [self.turns[i] for i in self._children.get(turn_id, [])]

    def siblings(self, turn_id: str) -> list[Turn]:
        """The versions of this place in the conversation, oldest first (includes the turn)."""
        return self.children(self.turns[turn_id].parent_id)

    def leaf_under(self, turn_id: str | None) -> str | None:
        """The newest leaf below a turn (the turn itself if it has no children)."""
        current = turn_id
        while True:
            kids = self._children.get(current)
            if not kids:
                return current
            current = kids[-1]

    def path(self, leaf: str | None = None) -> list[Turn]:
        """Root-to-leaf turns; by default to the current leaf."""
        node = self.info.current_leaf if leaf is None else leaf
        out: list[Turn] = []
        while node is not None:
            turn = self.turns[node]
            out.append(turn)
            node = turn.parent_id
        out.reverse()
        return out

    def switch_to(self, turn_id: str) -> str | None:
        """Show the branch through ``turn_id``: the current leaf becomes the newest below it."""
        self.info.current_leaf = self.leaf_under(turn_id)
        return self.info.current_leaf

    # -- prompts -----------------------------------------------------------------------------
    def conversation(self, leaf: str | None = None, effort: Effort | None = None) -> Conversation:
        messages: list[Message] = []
        for turn in self.path(leaf):
            messages.extend(turn.prompt_messages())
        return Conversation(
            messages=messages,
            instructions=self.info.instructions,
            effort=effort or self.info.effort,
        )
