"""Incremental parser for what gpt-oss writes: harmony messages, streamed.

The engine detokenizes the reply token by token and feeds text with :meth:`feed_text`
and control tokens (whole) with :meth:`feed_control`; only the latter are ever read as
structure, so text that merely looks like ``<|end|>`` stays text. The parser turns the
stream into :class:`HarmonyEvent` objects (reasoning/answer/commentary deltas, tool
calls, message and turn ends) and collects the finished messages for the history.

Robustness rules for malformed output, chosen so nothing is silently executed:

- A header (role, channel, constrain text) longer than :data:`MAX_HEADER` characters
  means the model lost the format: the current header segment's text and everything
  after it become answer text on the ``final`` channel (never a tool call).
- No channel at ``<|message|>`` means ``final``; an unknown channel means ``commentary``.
- ``<|channel|>`` again inside a header restarts the channel (the later one wins); inside
  content it ends the message and opens a new assistant header.
- A message whose role is not ``assistant`` (the model writing a user or tool turn) is
  not shown and not stored.
- Text between messages (after ``<|end|>``) that is not whitespace is read as the header
  of a message whose ``<|start|>`` is missing.
- A tool call ended by anything but ``<|call|>`` is still reported (``tool_call`` and
  ``message_end``) and stored, but no ``end`` event follows it.
- :meth:`finish` closes an open message (``message_end``, stored); an unfinished tool
  call is dropped, never reported. A header left open is dropped, except when no control
  token came at all: then the model wrote plain text, and it becomes the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.core.conversation import Channel, Message, ToolCall
from app.core.harmony import CALL, CHANNEL, CONSTRAIN, END, MESSAGE, RETURN, START

EventKind = Literal["reasoning", "answer", "commentary", "tool_call", "message_end", "end"]
MAX_HEADER = 512
_CHANNELS: dict[str, Channel] = {
    "analysis": "analysis",
    "commentary": "commentary",
    "final": "final",
}
_KINDS: dict[str, EventKind] = {
    "analysis": "reasoning",
    "final": "answer",
    "commentary": "commentary",
}


@dataclass(frozen=True)
class HarmonyEvent:
    """One thing the stream told us."""

    kind: EventKind
    text: str = ""  # delta for reasoning / answer / commentary
    recipient: str | None = None  # tool_call
    arguments: str | None = None  # tool_call, the raw text
    content_type: str | None = None  # tool_call, e.g. "json"
    channel: str | None = None  # message_end: which channel ended
    reason: str | None = None  # end: "return" | "call"


@dataclass
class _Open:
    """The message being received."""

    channel: Channel
    recipient: str | None
    content_type: str | None
    shown: bool  # False for a non-assistant role
    parts: list[str]


class HarmonyParser:
    """Streams one assistant reply; see the module docstring for the rules."""

    def __init__(self, *, in_assistant_header: bool = True) -> None:
        self._raw: list[str] = []
        self._messages: list[Message] = []
        self._seen_control = False
        self._open: _Open | None = None
        self._header: dict[str, str] | None = None  # role / channel / constrain text
        self._segment = "role"
        self._implicit_role = ""  # role known without text (prompt or <|channel|>)
        if in_assistant_header:  # the prompt ended with <|start|>assistant
            self._begin_header("assistant")

    @property
    def messages(self) -> list[Message]:
        """The completed assistant messages so far, ready for the history."""
        return list(self._messages)

    @property
    def open_recipient(self) -> str | None:
        """The recipient of the message being received when it is a tool call, else None."""
        return self._open.recipient if self._open is not None else None

    @property
    def raw(self) -> str:
        """Everything fed, control tokens included."""
        return "".join(self._raw)

    def feed_text(self, text: str) -> list[HarmonyEvent]:
        """Detokenized text (never read as control tokens); at most one delta event."""
        self._raw.append(text)
        if not text:
            return []
        if self._open is not None:
            return self._content(text)
        if self._header is None:
            if not text.strip():
                return []
            self._begin_header("")
        assert self._header is not None
        self._header[self._segment] += text
        if sum(len(v) for v in self._header.values()) <= MAX_HEADER:
            return []
        overflow = self._header[self._segment]
        self._header = None
        self._open = _Open("final", None, None, True, [])
        return self._content(overflow)

    def feed_control(self, token: str) -> list[HarmonyEvent]:
        """One whole control token, e.g. ``<|end|>``; other special tokens are ignored."""
        self._raw.append(token)
        self._seen_control = True
        events: list[HarmonyEvent] = []
        if token == START:
            events += self._close(END)
            self._begin_header("")
        elif token == CHANNEL:
            if self._header is None:
                events += self._close(END)
                self._begin_header("assistant")
            assert self._header is not None
            self._segment = "channel"
            self._header["channel"] = self._header["constrain"] = ""
        elif token == CONSTRAIN:
            if self._header is not None:
                self._segment = "constrain"
                self._header["constrain"] = ""
        elif token == MESSAGE:
            if self._header is not None:
                self._open_message()
        elif token in (END, RETURN, CALL):
            if self._header is not None:
                self._open_message()
            events += self._close(token)
            if token != END:
                reason = "return" if token == RETURN else "call"
                events.append(HarmonyEvent("end", reason=reason))
        # anything else (<|endoftext|>, reserved tokens) is only recorded in raw
        return events

    def finish(self) -> list[HarmonyEvent]:
        """The stream stopped without <|return|>/<|call|>: close what is open."""
        if self._header is not None:
            text = "".join(self._header.values())
            self._header = None
            if self._seen_control or not text:
                return []
            self._open = _Open("final", None, None, True, [])
            return [*self._content(text), *self._close(END)]
        opened = self._open
        if opened is not None and opened.recipient is not None:  # unfinished call
            self._open = None
            return [HarmonyEvent("message_end", channel=opened.channel)] if opened.shown else []
        return self._close(END)

    # --- internals ---

    def _begin_header(self, implicit_role: str) -> None:
        self._header = {"role": "", "channel": "", "constrain": ""}
        self._segment = "role"
        self._implicit_role = implicit_role

    def _open_message(self) -> None:
        assert self._header is not None
        recipient: str | None = None
        role = ""
        for word in f"{self._implicit_role} {self._header['role']}".split():
            if word.startswith("to="):
                recipient = word[3:] or None
            elif not role:
                role = word
        name: str | None = None
        content_type: str | None = None
        for word in self._header["channel"].split():
            if word.startswith("to="):
                recipient = word[3:] or recipient
            elif name is None:
                name = word
            else:
                content_type = word
        content_type = self._header["constrain"].strip() or content_type
        default: Channel = "final" if name is None else "commentary"
        channel = _CHANNELS.get(name or "", default)
        shown = role in ("", "assistant")
        self._header = None
        self._open = _Open(channel, recipient, content_type, shown, [])

    def _content(self, text: str) -> list[HarmonyEvent]:
        opened = self._open
        assert opened is not None
        opened.parts.append(text)
        if not opened.shown or opened.recipient is not None:
            return []
        return [HarmonyEvent(_KINDS[opened.channel], text=text)]

    def _close(self, token: str) -> list[HarmonyEvent]:
        """End the open message (if any) with ``token``; store it when shown."""
        opened, self._open = self._open, None
        self._header = None
        if opened is None or not opened.shown:
            return []
        content = "".join(opened.parts)
        events: list[HarmonyEvent] = []
        if opened.recipient is not None:
            call = ToolCall(opened.recipient, content, opened.content_type or "json")
            self._messages.append(Message("assistant", channel=opened.channel, tool_call=call))
            events.append(
                HarmonyEvent(
                    "tool_call",
                    recipient=opened.recipient,
                    arguments=content,
                    content_type=opened.content_type,
                )
            )
            if token == CALL:
                return events
        else:
            self._messages.append(Message("assistant", content, channel=opened.channel))
        events.append(HarmonyEvent("message_end", channel=opened.channel))
        return events
