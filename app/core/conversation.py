"""The conversation as Hearth keeps it: harmony messages, not flattened chat text.

An assistant turn is several messages (analysis, maybe commentary or a tool call, then final),
kept as the model produced them so the harmony renderer can apply the format's rules for
what to resend and what to drop.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["user", "assistant", "tool"]
Channel = Literal["analysis", "commentary", "final"]
Effort = Literal["low", "medium", "high"]

EFFORTS: tuple[Effort, ...] = ("low", "medium", "high")
DEFAULT_IDENTITY = "You are ChatGPT, a large language model trained by OpenAI."
DEFAULT_KNOWLEDGE_CUTOFF = "2024-06"


@dataclass(frozen=True)
class ToolSpec:
    """A function the model may call: name, description and JSON-schema parameters."""

    name: str
    description: str = ""
    parameters: dict | None = None


@dataclass(frozen=True)
class ToolCall:
    """A call the model asked for: `recipient` is e.g. ``functions.get_weather``."""

    recipient: str
    arguments: str
    content_type: str = "json"

    @property
    def function_name(self) -> str:
        return self.recipient.split(".", 1)[1] if "." in self.recipient else self.recipient


@dataclass(frozen=True)
class Message:
    """One harmony message.

    - ``user``: ``content`` is what the person wrote.
    - ``assistant``: ``channel`` says what ``content`` is (analysis = reasoning, final = the
      answer, commentary = a preamble); a tool call is an assistant message on the
      commentary channel with ``tool_call`` set.
    - ``tool``: ``content`` is the output of ``tool_name`` (e.g. ``functions.get_weather``).
    """

    role: Role
    content: str = ""
    channel: Channel | None = None
    tool_call: ToolCall | None = None
    tool_name: str | None = None

    @staticmethod
    def user(text: str) -> Message:
        return Message("user", text)

    @staticmethod
    def analysis(text: str) -> Message:
        return Message("assistant", text, channel="analysis")

    @staticmethod
    def final(text: str) -> Message:
        return Message("assistant", text, channel="final")

    @staticmethod
    def commentary(text: str) -> Message:
        """A user-visible preamble (commentary channel, no tool call)."""
        return Message("assistant", text, channel="commentary")

    @staticmethod
    def call(
        recipient: str, arguments: str, content_type: str = "json", channel: Channel = "commentary"
    ) -> Message:
        """A tool call: ``arguments`` is the raw text the model wrote. Function calls go on
        the commentary channel; the built-in ``python`` tool is called from the analysis."""
        return Message(
            "assistant",
            channel=channel,
            tool_call=ToolCall(recipient, arguments, content_type),
        )

    @staticmethod
    def tool_result(tool_name: str, content: str, channel: Channel | None = None) -> Message:
        """The output of ``tool_name`` (e.g. ``functions.get_weather``), sent back on the
        channel of the call it answers (None: commentary, a function's)."""
        return Message("tool", content, channel=channel, tool_name=tool_name)


@dataclass
class Conversation:
    """Everything that goes into one prompt besides the generation settings."""

    messages: list[Message] = field(default_factory=list)
    instructions: str = ""  # the developer message ("system prompt" in other apps)
    effort: Effort = "medium"
    tools: tuple[ToolSpec, ...] = ()
    # Harmony's built-in tools the model may call ("python"; "browser" for documents),
    # described in the system message.
    builtin_tools: tuple[str, ...] = ()
    python_timeout_s: int = 60  # what the python tool's description promises
    python_folders: tuple[str, ...] = ()  # folders the person shared with the python tool
    model_identity: str = DEFAULT_IDENTITY
    knowledge_cutoff: str = DEFAULT_KNOWLEDGE_CUTOFF
    current_date: _dt.date | None = None  # None: today, when rendered

    def with_messages(self, *messages: Message) -> Conversation:
        """A copy with ``messages`` appended (the original is left as it was)."""
        return Conversation(
            messages=[*self.messages, *messages],
            instructions=self.instructions,
            effort=self.effort,
            tools=self.tools,
            builtin_tools=self.builtin_tools,
            python_timeout_s=self.python_timeout_s,
            python_folders=self.python_folders,
            model_identity=self.model_identity,
            knowledge_cutoff=self.knowledge_cutoff,
            current_date=self.current_date,
        )
