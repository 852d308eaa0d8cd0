"""Harmony prompt rendering for gpt-oss: the exact text the model was trained on.

``render_prompt`` turns a :class:`~app.core.conversation.Conversation` into a harmony
prompt that is byte-identical to what the model's embedded Jinja chat template
(``openai-gpt-oss-120b.jinja``) renders for the same conversation, with two deliberate
differences:

- tool results are resent verbatim (``<|message|>{content}<|end|>``), as openai/harmony's
  format doc shows, instead of the template's ``content|tojson`` (a JSON-quoted string);
- the knowledge cutoff comes from the conversation (the template hard-codes ``2024-06``,
  which is also our default);
- the built-in ``python`` tool is described as Hearth runs it (its time limit, a scratch
  folder, no internet) instead of the template's Jupyter-on-a-cluster text, because the
  model acts on what the description promises; and a built-in tool's call and its result
  keep the channel the call was made on (the template only knows function calls, which
  are always on commentary).

Every piece of text that did not come from this renderer (user text, instructions,
resent model output, tool output and arguments, tool schemas, identity) goes through
:func:`neutralize` so that it can never form a control token: llama.cpp turns
``<|end|>`` and friends into control tokens even when tokenizing with ``special=False``.

The streaming parser for the model's side lives in :mod:`app.core.harmony_parser`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Sequence
from typing import Any

from app.core.conversation import Conversation, Message, ToolSpec

START = "<|start|>"
END = "<|end|>"
MESSAGE = "<|message|>"
CHANNEL = "<|channel|>"
CONSTRAIN = "<|constrain|>"
RETURN = "<|return|>"
CALL = "<|call|>"
CONTROL_TOKENS: tuple[str, ...] = (START, END, MESSAGE, CHANNEL, CONSTRAIN, RETURN, CALL)
"""The harmony control tokens a prompt or a reply is built from."""
OTHER_SPECIAL_TOKENS: tuple[str, ...] = ("<|startoftext|>", "<|endoftext|>")

ZWSP = "\u200b"
_UNSAFE = re.compile(r"<\|(?!\u200b)")


def neutralize(text: str) -> str:
    """Make ``text`` unable to form any ``<|...|>`` token.

    A zero-width space goes right after every ``<|`` not already followed by one, so
    ``<|end|>`` becomes ``<|\\u200bend|>``. Inserting the space cannot create a new
    ``<|`` pair, so afterwards every ``<|`` is followed by U+200B; applying it twice
    changes nothing more. Text without ``<|`` comes back unchanged (the same object).
    """
    if "<|" not in text:
        return text
    return _UNSAFE.sub("<|" + ZWSP, text)


def render_prompt(conv: Conversation, *, add_generation_prompt: bool = True) -> str:
    """The full harmony prompt for ``conv``, ending with ``<|start|>assistant``.

    Assistant analysis and commentary preambles are dropped, except those that lead
    to a tool call while the tool sequence is still open (no final answer anywhere
    after the call); that is the template's rule. With ``add_generation_prompt=False``
    the trailing ``<|start|>assistant`` is left out; a last final answer still ends
    with ``<|end|>`` (``<|return|>`` is a training-only form and never rendered).

    Raises ValueError for a tool message with neither a tool name nor an earlier call.
    """
    return "".join(text for _kind, text in render_parts(conv, add_generation_prompt=add_generation_prompt))


PartKind = (
    str  # "system", "developer", "user", "reasoning", "tool call", "tool result", "answer", "generation"
)


def render_parts(conv: Conversation, *, add_generation_prompt: bool = True) -> list[tuple[PartKind, str]]:
    """The prompt of :func:`render_prompt` as its messages, each named by what it is (what
    Chat → Show prompt lists, with each part's tokens). Joined, they are the prompt."""
    parts: list[tuple[PartKind, str]] = [("system", _system_message(conv))]
    if conv.instructions or conv.tools:
        body = ""
        if conv.instructions:
            body += "# Instructions\n\n" + conv.instructions + "\n\n"
        if conv.tools:
            body += "# Tools\n\n" + render_tool_namespace(conv.tools)
        parts.append(("developer", f"{START}developer{MESSAGE}{neutralize(body)}{END}"))

    kept = _kept_reasoning(conv.messages)
    last_recipient: str | None = None
    last_channel = "commentary"
    for i, msg in enumerate(conv.messages):
        if msg.role == "user":
            parts.append(("user", f"{START}user{MESSAGE}{neutralize(msg.content)}{END}"))
        elif msg.role == "tool":
            name = msg.tool_name or last_recipient
            if not name:
                raise ValueError("tool message without a tool name or an earlier call")
            parts.append(("tool result",
                          f"{START}{neutralize(name)} to=assistant{CHANNEL}{msg.channel or last_channel}"
                          f"{MESSAGE}{neutralize(msg.content)}{END}"))  # fmt: skip
        elif msg.tool_call is not None:
            call = msg.tool_call
            last_channel = msg.channel if msg.channel in ("analysis", "commentary") else "commentary"
            parts.append(("tool call",
                          f"{START}assistant to={neutralize(call.recipient)}{CHANNEL}{last_channel} "
                          f"{neutralize(call.content_type)}{MESSAGE}{neutralize(call.arguments)}{CALL}"))  # fmt: skip
            last_recipient = call.recipient
        elif _is_reasoning(msg):
            if i in kept:
                parts.append(("reasoning",
                              f"{START}assistant{CHANNEL}{msg.channel}{MESSAGE}{neutralize(msg.content)}{END}"))  # fmt: skip
        else:  # final, or an assistant message without a channel
            parts.append(("answer", f"{START}assistant{CHANNEL}final{MESSAGE}{neutralize(msg.content)}{END}"))
    if add_generation_prompt:
        parts.append(("generation", f"{START}assistant"))
    return parts


def _system_message(conv: Conversation) -> str:
    date = conv.current_date or _dt.date.today()
    body = (
        f"{conv.model_identity}\n"
        f"Knowledge cutoff: {conv.knowledge_cutoff}\n"
        f"Current date: {date.strftime('%Y-%m-%d')}\n\n"
        f"Reasoning: {conv.effort}\n\n"
        f"{_builtin_tools(conv)}"
        "# Valid channels: analysis, commentary, final. "
        "Channel must be included for every message."
    )
    if conv.tools:
        body += "\nCalls to these tools must go to the commentary channel: 'functions'."
    return f"{START}system{MESSAGE}{neutralize(body)}{END}"


_BROWSER = (
    "## browser\n\n"
    "// Tool for browsing.\n"
    "// The `cursor` appears in brackets before each browsing display: `[{cursor}]`.\n"
    "// Cite information from the tool using the following format:\n"
    "// `【{cursor}†L{line_start}(-L{line_end})?】`, for example: `【6†L9-L11】` or `【8†L3】`.\n"
    "// Do not quote more than 10 words directly from the tool output.\n"
    "// sources=the user's documents (default: the user's documents)\n"
    "namespace browser {\n\n"
    "// Searches for information related to `query` and displays `topn` results.\n"
    "type search = (_: {\n"
    "query: string,\n"
    "topn?: number, // default: 10\n"
    "source?: string,\n"
    "}) => any;\n\n"
    "// Opens the link `id` from the page indicated by `cursor` starting at line number `loc`, showing `num_lines` lines.\n"
    "// Valid link ids are displayed with the formatting: `【{id}†.*】`.\n"
    "// If `cursor` is not provided, the most recent page is implied.\n"
    "// If `id` is a string, it is treated as a fully qualified URL associated with `source`.\n"
    "// If `loc` is not provided, the viewport will be positioned at the beginning of the document or centered on the most relevant passage, if available.\n"
    "// Use this function without `id` to scroll to a new location of an opened page.\n"
    "type open = (_: {\n"
    "id?: number | string, // default: -1\n"
    "cursor?: number, // default: -1\n"
    "loc?: number, // default: -1\n"
    "num_lines?: number, // default: -1\n"
    "view_source?: boolean, // default: false\n"
    "source?: string,\n"
    "}) => any;\n\n"
    "// Finds exact matches of `pattern` in the current page, or the page given by `cursor`.\n"
    "type find = (_: {\n"
    "pattern: string,\n"
    "cursor?: number, // default: -1\n"
    "}) => any;\n\n"
    "} // namespace browser\n\n"
)


def _builtin_tools(conv: Conversation) -> str:
    """The system message's ``# Tools`` part for harmony's built-in tools, or "". The browser
    is the template's, with the user's documents as its source (it reads nothing else)."""
    if not conv.builtin_tools:
        return ""
    out = "# Tools\n\n"
    if "browser" in conv.builtin_tools:
        out += _BROWSER
    if "python" not in conv.builtin_tools:
        return out
    return out + (
        "## python\n\n"
        "Use this tool to execute Python code in your chain of thought. The code will not be "
        "shown to the user. This tool should be used for internal reasoning, but not for code "
        "that is intended to be visible to the user (e.g. when creating plots, tables, or files)."
        "\n\n"
        "When you send a message containing Python code to python, it will be executed in a "
        "stateful Jupyter notebook environment. python will respond with the output of the "
        f"execution or time out after {conv.python_timeout_s:.1f} seconds. The current folder "
        "can be used to save and persist files during this chat. Internet access for this "
        f"session is disabled.{_shared(conv.python_folders)}\n\n"
    )


def _shared(folders: tuple[str, ...]) -> str:
    if not folders:
        return ""
    listed = ", ".join(f"'{f}'" for f in folders)
    return f" The user shared these folders with it (read and write): {listed}."


def _is_reasoning(msg: Message) -> bool:
    """Analysis, or a commentary preamble (commentary without a tool call)."""
    return msg.role == "assistant" and msg.tool_call is None and msg.channel in ("analysis", "commentary")


def _kept_reasoning(messages: Sequence[Message]) -> set[int]:
    """Indices of reasoning messages that lead to a still-open tool call."""
    last_final = max(
        (
            i
            for i, m in enumerate(messages)
            if m.role == "assistant" and m.tool_call is None and not _is_reasoning(m)
        ),
        default=-1,
    )
    kept: set[int] = set()
    pending: list[int] = []
    for i, msg in enumerate(messages):
        if _is_reasoning(msg):
            pending.append(i)
            continue
        if msg.role == "assistant" and msg.tool_call is not None and i > last_final:
            kept.update(pending)
        pending = []
    return kept


# --- Tool declarations: a port of the template's render_tool_namespace macro. ---


def render_tool_namespace(tools: Sequence[ToolSpec], namespace: str = "functions") -> str:
    """The TypeScript-like ``namespace functions { ... }`` block, as the template has it.

    Not neutralized (the caller neutralizes the whole developer message body).
    """
    out = [f"## {namespace}\n\nnamespace {namespace} {{\n\n"]
    for tool in tools:
        out.append(f"// {tool.description}\ntype {tool.name} = ")
        params = tool.parameters or {}
        props = params.get("properties")
        if not props:
            out.append("() => any;\n\n")
            continue
        required = params.get("required") or []
        out.append("(_: {\n")
        for name, spec in props.items():
            if spec.get("description"):
                out.append(f"// {spec['description']}\n")
            out.append(name + ("" if name in required else "?") + ": ")
            out.append(_ts_type(spec))
            if "default" in spec:
                if spec.get("enum"):
                    out.append(f", // default: {spec['default']}")
                elif spec.get("oneOf"):
                    out.append(f"// default: {spec['default']}")
                else:
                    out.append(f", // default: {_tojson(spec['default'])}")
            out.append(",\n")
        out.append("}) => any;\n\n")
    out.append(f"}} // namespace {namespace}")
    return "".join(out)


_PRIMITIVE_ARRAYS = {
    "string": "string[]",
    "number": "number[]",
    "integer": "number[]",
    "boolean": "boolean[]",
}


def _ts_type(spec: dict[str, Any]) -> str:
    """The template's render_typescript_type, quirks (stray spaces, newlines) included."""
    kind = spec.get("type")
    null = " | null" if spec.get("nullable") else ""
    if kind == "array":
        items = spec.get("items")
        if not items:
            return "any[]" + null
        item_kind = items.get("type")
        if isinstance(item_kind, str) and item_kind in _PRIMITIVE_ARRAYS:
            return _PRIMITIVE_ARRAYS[item_kind] + null
        inner = _ts_type(items)
        if inner == "object | object" or len(inner) > 50:
            return "any[]" + null
        return inner + "[]" + null
    if isinstance(kind, (list, tuple)) and kind:
        return " | ".join(str(k) for k in kind)
    if spec.get("oneOf"):
        # The template's "object variants -> any" test never fires (a Jinja scoping
        # quirk), so every variant is rendered.
        variants = spec["oneOf"]
        out = []
        for i, variant in enumerate(variants):
            out.append(_ts_type(variant))
            if variant.get("description"):
                out.append("// " + variant["description"])
            if "default" in variant:
                out.append(" " * 20 + "// default: " + _tojson(variant["default"]))
            if i < len(variants) - 1:
                out.append(" | \n")
        return "".join(out)
    if kind == "string":
        if spec.get("enum"):
            return '"' + '" | "'.join(str(v) for v in spec["enum"]) + '"'
        return "string" + null
    if kind in ("number", "integer"):
        return "number"
    if kind == "boolean":
        return "boolean"
    if kind == "object":
        props = spec.get("properties")
        if not props:
            return "object"
        required = spec.get("required") or []
        fields = [
            name + ("" if name in required else "?") + ": \n" + " " * 16 + _ts_type(sub)
            for name, sub in props.items()
        ]
        return "{\n" + ", ".join(fields) + "}"
    return "any"


def _tojson(value: Any) -> str:
    """The ``tojson`` filter as llama-cpp-python and HF transformers install it for
    chat templates: plain ``json.dumps(value, ensure_ascii=False)`` (no key sorting, no
    HTML escaping, unlike Jinja's built-in filter)."""
    return json.dumps(value, ensure_ascii=False)
