"""Tools the model may call: what the window shows of them and what goes back to the model.

Pure rules, no I/O: a tool's description for the person, how a call's arguments are shown,
how a result is cut to fit the context, what a refusal or a missing tool says to the model,
and the per-chat choices (which tools are on, which the person allowed for the whole chat).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.core.conversation import ToolCall, ToolSpec
from app.core.text import translate

PYTHON = "python"
MAX_CALLS_PER_REPLY = 24  # past this a reply is ended: a model calling tools in a loop
RESULT_CHARS = 16_000  # at most this much of a result goes back (about 4k tokens)
RESULT_CONTEXT_SHARE = 0.25  # and never more than this share of the context window
# Default limits per request by effort, in tokens: reasoning, and the whole reply. gpt-oss at
# high effort can think for tens of thousands of tokens on hard problems; low rarely needs 1k.
REASONING_BUDGET = {"low": 2_048, "medium": 8_192, "high": 32_768}
REPLY_BUDGET = {"low": 8_192, "medium": 16_384, "high": 65_536}
LOOP_WINDOW = 160  # characters: a passage of reasoning this long seen ...
LOOP_REPEATS = 3  # ... this many times in the recent reasoning is a loop
LOOP_SPAN = 6_000  # characters of recent reasoning searched


@dataclass(frozen=True)
class ToolInfo:
    """A tool as the person sees it: ``name`` is the model's recipient (``python``,
    ``functions.<name>``)."""

    name: str
    title: str
    description: str
    needs_consent: bool = True
    builtin: bool = False  # harmony's own (python, browser): described in the system message
    spec: ToolSpec | None = None  # a function tool's declaration
    source: str = ""  # where it comes from: "Hearth", an MCP server's name

    @property
    def on_by_default(self) -> bool:
        return not self.needs_consent


@dataclass
class ChatTools:
    """One chat's choices, saved with the chat: tools switched on, and tools the person
    allowed for the whole chat ("Always for this chat")."""

    enabled: set[str] = field(default_factory=set)
    always: set[str] = field(default_factory=set)
    touched: bool = False  # the person chose; before that, tools that need no consent are on
    # "Answer as JSON": None off; else a JSON schema as text ("{}": any JSON) the final
    # answer is held to (the thinking stays free).
    answer_schema: str | None = None
    # Limits per request, in tokens; None: the default for the reply's effort.
    reasoning_budget: int | None = None
    reply_budget: int | None = None
    folders: tuple[str, ...] = ()  # folders the person attached to Python (read and write)
    collections: tuple[str, ...] = ()  # document collections attached to the chat

    def budgets(self, effort: str) -> tuple[int, int]:
        """(reasoning, reply) token limits for a reply at ``effort``."""
        reasoning = self.reasoning_budget or REASONING_BUDGET.get(effort, REASONING_BUDGET["medium"])
        reply = self.reply_budget or REPLY_BUDGET.get(effort, REPLY_BUDGET["medium"])
        return reasoning, max(reply, reasoning + 256)

    def is_on(self, tool: ToolInfo) -> bool:
        return tool.name in self.enabled or (not self.touched and tool.on_by_default)

    def to_json(self) -> str:
        return json.dumps({"enabled": sorted(self.enabled), "always": sorted(self.always),
                           "touched": self.touched, "answer_schema": self.answer_schema,
                           "reasoning_budget": self.reasoning_budget, "reply_budget": self.reply_budget,
                           "folders": list(self.folders), "collections": list(self.collections)})  # fmt: skip

    @staticmethod
    def from_json(text: str | None) -> ChatTools:
        try:
            data = json.loads(text or "{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}

        def names(key: str) -> set[str]:
            value = data.get(key)
            return {str(v) for v in value} if isinstance(value, list) else set()

        schema = data.get("answer_schema")

        def limit(key: str) -> int | None:
            value = data.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None

        folders = data.get("folders")
        collections = data.get("collections")
        return ChatTools(names("enabled"), names("always"), bool(data.get("touched")),
                         schema if isinstance(schema, str) else None, limit("reasoning_budget"),
                         limit("reply_budget"),
                         tuple(str(f) for f in folders) if isinstance(folders, list) else (),
                         tuple(str(c) for c in collections) if isinstance(collections, list) else ())  # fmt: skip


BROWSER = "browser"


def browser_tool() -> ToolInfo:
    """harmony's browser, backed by the chat's attached documents (it reads only those)."""
    return ToolInfo(
        BROWSER,
        translate("Tools", "Your documents"),
        translate("Tools", "Searches and reads the documents attached to this chat, on this computer."),
        needs_consent=False,
        builtin=True,
        source="Hearth",
    )


def python_tool() -> ToolInfo:
    return ToolInfo(
        PYTHON,
        translate("Tools", "Python"),
        translate(
            "Tools",
            "Runs Python code the model writes, on this computer, in a separate process with no network, "
            "a time and memory limit, and its own scratch folder for this chat.",
        ),
        needs_consent=True,
        builtin=True,
        source="Hearth",
    )


def schema_problem(text: str) -> str:
    """ "" when ``text`` is a JSON schema Hearth can pass on (an object, or empty for any
    JSON), else a sentence saying what is wrong."""
    if not text.strip():
        return ""
    try:
        value = json.loads(text)
    except ValueError as e:
        return translate("Tools", "The schema is not valid JSON: {reason}").format(reason=e)
    if not isinstance(value, dict):
        return translate("Tools", "A JSON schema is an object, such as {example}.").format(
            example='{"type": "object"}'
        )
    return ""


def pretty_json(text: str) -> str | None:
    """``text`` pretty-printed if it is JSON, else None."""
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return None


def show_arguments(call: ToolCall) -> str:
    """A call's arguments for the person: JSON pretty-printed, code as written."""
    if call.content_type.strip().endswith("json") or call.recipient.startswith("functions."):
        try:
            return json.dumps(json.loads(call.arguments), indent=2, ensure_ascii=False)
        except ValueError:
            return call.arguments
    return call.arguments


def fit_result(text: str, n_ctx: int = 0, limit: int = RESULT_CHARS) -> str:
    """``text`` cut to what the context can take (head and tail kept), saying how much went."""
    if n_ctx > 0:
        limit = min(limit, max(1_000, int(n_ctx * RESULT_CONTEXT_SHARE * 3)))  # ~3 chars a token
    if len(text) <= limit:
        return text
    head = limit * 3 // 4
    tail = limit - head
    note = translate("Tools", "[… {count} characters of output left out …]").format(
        count=f"{len(text) - limit:,}"
    )
    return f"{text[:head]}\n{note}\n{text[-tail:]}"


def denied_result(call: ToolCall) -> str:
    """What the model reads when the person said no."""
    return f"The user denied this call to {call.recipient}. Do not call it again for this request; answer without it."


def missing_result(call: ToolCall, available: list[str]) -> str:
    names = ", ".join(available) or "none"
    return f"Error: there is no tool named {call.recipient!r} in this chat. Tools available: {names}."


def describe(value: Any) -> str:
    """A tool result for the model: text as is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def reasoning_loops(text: str) -> bool:
    """Whether the end of ``text`` (reasoning) repeats itself: its last LOOP_WINDOW characters
    occur LOOP_REPEATS times or more in the last LOOP_SPAN. Whitespace is ignored."""
    recent = " ".join(text[-LOOP_SPAN:].split())
    if len(recent) < LOOP_WINDOW * LOOP_REPEATS:
        return False
    tail = recent[-LOOP_WINDOW:]
    if len(set(tail)) < 8:  # a row of one character (a table rule, "....") is not a loop of thought
        return False
    return recent.count(tail) >= LOOP_REPEATS
