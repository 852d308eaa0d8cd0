"""Chats as files a person can keep or move: Markdown to read, JSON to keep everything.

Also the plain-dict form of harmony messages, shared by the JSON export and the history
database so that both spell a message the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any, cast

from app.core.chat_tree import ChatTree, Turn
from app.core.conversation import Channel, Message, Role, ToolCall
from app.core.tools import show_arguments

EXPORT_FORMAT = "hearth-chat"
EXPORT_VERSION = 1

_ROLES: frozenset[str] = frozenset(("user", "assistant", "tool"))
_CHANNELS: frozenset[str] = frozenset(("analysis", "commentary", "final"))


# -- messages as plain data -------------------------------------------------------------------
def message_to_dict(message: Message) -> dict[str, Any]:
    call = message.tool_call
    return {
        "role": message.role,
        "content": message.content,
        "channel": message.channel,
        "tool_call": None
        if call is None
        else {"recipient": call.recipient, "arguments": call.arguments, "content_type": call.content_type},
        "tool_name": message.tool_name,
    }


def message_from_dict(data: Any) -> Message:
    """The inverse of :func:`message_to_dict`; ValueError for anything that is not one."""
    if not isinstance(data, dict) or data.get("role") not in _ROLES:
        raise ValueError("not a message")
    content = data.get("content", "")
    channel = data.get("channel")
    tool_name = data.get("tool_name")
    call = data.get("tool_call")
    if not isinstance(content, str) or (channel is not None and channel not in _CHANNELS):
        raise ValueError("not a message")
    if tool_name is not None and not isinstance(tool_name, str):
        raise ValueError("not a message")
    tool_call = None
    if call is not None:
        if not isinstance(call, dict):
            raise ValueError("not a tool call")
        fields = (call.get("recipient"), call.get("arguments"), call.get("content_type", "json"))
        if not all(isinstance(f, str) for f in fields):
            raise ValueError("not a tool call")
        tool_call = ToolCall(*cast(tuple[str, str, str], fields))
    return Message(cast(Role, data["role"]), content, cast(Channel | None, channel), tool_call, tool_name)


def messages_from_json(text: str | None) -> tuple[Message, ...]:
    """Messages stored as a JSON list; anything unreadable counts as no messages.

    A damaged row must not stop the rest of a chat from loading: the turn's text and
    reasoning are kept separately and are enough to show it and to rebuild a prompt.
    """
    try:
        data = json.loads(text or "[]")
        if not isinstance(data, list):
            return ()
        return tuple(message_from_dict(item) for item in data)
    except (ValueError, TypeError, RecursionError):
        return ()


def messages_to_json(messages: tuple[Message, ...]) -> str:
    return json.dumps([message_to_dict(m) for m in messages], ensure_ascii=False)


def turn_to_dict(turn: Turn) -> dict[str, Any]:
    data = asdict(turn)
    data["messages"] = [message_to_dict(m) for m in turn.messages]
    return data


# -- Markdown ---------------------------------------------------------------------------------
def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip("\n").splitlines())


def _assistant_heading(turn: Turn) -> str:
    notes = []
    if turn.effort:
        notes.append(f"{turn.effort} effort")
    if turn.status != "complete":
        notes.append(turn.status)
    return "## gpt-oss" + (f" ({', '.join(notes)})" if notes else "")


def _thinking_line(turn: Turn) -> str:
    seconds = turn.stats.get("thinking_s")
    if isinstance(seconds, int | float) and not isinstance(seconds, bool):
        return f"**Thinking** ({seconds:.1f} s)"
    return "**Thinking**"


def _fence(text: str, lang: str = "") -> str:
    """``text`` in a code fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text.rstrip(chr(10))}\n{fence}"


def _tool_calls(turn: Any) -> list[str]:
    """Each tool call of a reply with the result the model was given."""
    out: list[str] = []
    for message in turn.messages:
        call = message.tool_call
        if call is not None:
            lang = "json" if call.content_type.strip().endswith("json") else "python" if call.recipient == "python" else ""
            out.append(f"**Tool call: {call.recipient}**\n\n{_fence(show_arguments(call), lang)}")
        elif message.role == "tool":
            out.append(f"**Result of {message.tool_name or 'the tool'}**\n\n{_fence(message.content)}")
    return out


def chat_to_markdown(tree: ChatTree) -> str:
    """The conversation as shown: the current branch only, in plain Markdown."""
    title = " ".join(tree.info.title.split()) or "Untitled chat"
    parts = [f"# {title}"]
    if tree.info.instructions.strip():
        parts.append("**Instructions**\n\n" + _blockquote(tree.info.instructions))
    for turn in tree.path():
        if turn.role == "user":
            parts.append("## You")
            parts.append(turn.text)
            continue
        parts.append(_assistant_heading(turn))
        if turn.reasoning.strip():
            parts.append(_thinking_line(turn) + "\n\n" + _blockquote(turn.reasoning))
        parts.extend(_tool_calls(turn))
        if turn.text:
            parts.append(turn.text)
        if turn.error:
            parts.append(f"*Error: {turn.error}*")
    return "\n\n".join(parts).rstrip("\n") + "\n"


# -- JSON -------------------------------------------------------------------------------------
def _chat_fields(tree: ChatTree) -> dict[str, Any]:
    """The chat's own fields; its tool choices as the object they are, not as a string of JSON."""
    fields = asdict(tree.info)
    try:
        fields["tools"] = json.loads(tree.info.tools or "{}")
    except ValueError:
        fields["tools"] = {}
    return fields


def chat_to_json(tree: ChatTree) -> str:
    """Everything in the chat, every branch included, as a self-describing JSON document."""
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "chat": _chat_fields(tree),
        "turns": [turn_to_dict(turn) for turn in tree.turns.values()],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
