"""Talking to OpenAI-compatible servers (vLLM, llama-server, Ollama, LM Studio), pure Python.

Hearth keeps one idea of a reply: the harmony stream its parser reads. A remote server answers
in one of two shapes, and both are turned back into that stream here:

- **raw completions** (``/v1/completions`` fed Hearth's own harmony prompt): the text comes back
  with the control tokens written out (``<|channel|>``, ``<|message|>``, ...) when the server
  keeps special tokens; :class:`ControlSplitter` cuts them out of the text again, even when a
  token is split across two chunks of the stream;
- **chat completions** (``/v1/chat/completions``): the server parsed harmony itself and sends
  reasoning and answer in separate fields; :class:`ChatToHarmony` writes the equivalent
  harmony tokens so the same parser builds the same messages (reasoning, answer, tool calls).

Also here: a conversation as chat messages and tools, and the Server-Sent Events line reader.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from app.core.conversation import Conversation
from app.core.harmony import CALL, CHANNEL, CONSTRAIN, END, MESSAGE, RETURN, START

CONTROL_TOKENS = (START, END, MESSAGE, CHANNEL, CONSTRAIN, RETURN, CALL)
# Other special tokens a server may write out; recorded, never shown.
OTHER_SPECIAL = ("<|endoftext|>", "<|startoftext|>")
_ALL = CONTROL_TOKENS + OTHER_SPECIAL
_LONGEST = max(len(t) for t in _ALL)

Piece = str | tuple[str]  # text, or (control token,): what the local engine's child streams too


class ControlSplitter:
    """Splits streamed text into text pieces and whole control tokens."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, text: str) -> list[Piece]:
        data = self._held + text
        self._held = ""
        out: list[Piece] = []
        i = 0
        start = 0
        while True:
            j = data.find("<|", i)
            if j < 0:
                break
            for token in _ALL:
                if data.startswith(token, j):
                    if j > start:
                        out.append(data[start:j])
                    out.append((token,))
                    i = start = j + len(token)
                    break
            else:
                tail = data[j:]
                if len(tail) < _LONGEST and any(t.startswith(tail) for t in _ALL):
                    # Maybe the first half of a token: hold it for the next chunk.
                    if j > start:
                        out.append(data[start:j])
                    self._held = tail
                    return out
                i = j + 2
        k = data.rfind("<", start)
        if k >= 0 and len(data) - k < _LONGEST and any(t.startswith(data[k:]) for t in _ALL):
            # A lone "<" (or "<|…") at the very end may begin a token: hold it for the next chunk.
            if k > start:
                out.append(data[start:k])
            self._held = data[k:]
            return out
        if start < len(data):
            out.append(data[start:])
        return out

    def finish(self) -> list[Piece]:
        held, self._held = self._held, ""
        return [held] if held else []


class ChatToHarmony:
    """Chat-completion deltas (reasoning, content, tool calls) as the harmony pieces a model
    would have written, so :class:`app.core.harmony_parser.HarmonyParser` reads them."""

    def __init__(self) -> None:
        self._channel: str | None = None  # the message open now: "analysis", "final" or "call"
        self._calls: dict[int, dict[str, str]] = {}  # index -> id, name, arguments
        self.call_ids: list[str] = []  # the server's ids of the calls, in order

    def reasoning(self, text: str) -> list[Piece]:
        if not text:
            return []
        head = [] if self._channel == "analysis" else self._open_channel("analysis")
        return [*head, text]

    def content(self, text: str) -> list[Piece]:
        if not text:
            return []
        head = [] if self._channel == "final" else self._open_channel("final")
        return [*head, text]

    def _open_channel(self, channel: str) -> list[Piece]:
        out: list[Piece] = []
        if self._channel is not None:
            out += [(END,), (START,), "assistant"]
        self._channel = channel
        return [*out, (CHANNEL,), channel, (MESSAGE,)]

    def tool_call(self, delta: dict[str, Any]) -> list[Piece]:
        """One ``tool_calls`` entry of a delta: arguments arrive in pieces; kept until the end."""
        index = delta.get("index", len(self._calls))
        index = index if isinstance(index, int) else len(self._calls)
        call = self._calls.setdefault(index, {"id": "", "name": "", "arguments": ""})
        if isinstance(delta.get("id"), str):
            call["id"] = delta["id"]
        function = delta.get("function") or {}
        if isinstance(function.get("name"), str):
            call["name"] += function["name"]
        if isinstance(function.get("arguments"), str):
            call["arguments"] += function["arguments"]
        return []

    def finish(self, reason: str) -> list[Piece]:
        """The end of the stream: the calls (harmony ends a reply at its first call), or the
        end of the answer."""
        out: list[Piece] = []
        calls = [c for _, c in sorted(self._calls.items()) if c["name"]]
        if calls:
            call = calls[0]
            self.call_ids = [c["id"] for c in calls]
            if self._channel is not None:
                out += [(END,), (START,), "assistant"]
            name = call["name"] if "." in call["name"] else f"functions.{call['name']}"
            # As gpt-oss writes it: <|channel|>commentary to=functions.x <|constrain|>json<|message|>
            out += [(CHANNEL,), f"commentary to={name} ", (CONSTRAIN,), "json", (MESSAGE,),
                    call["arguments"] or "{}", (CALL,)]  # fmt: skip
            self._channel = None
            return out
        if self._channel is None:
            return []
        self._channel = None
        return [(RETURN,)] if reason in ("stop", "") else []


# -- the request side ------------------------------------------------------------------------
def chat_messages(conv: Conversation) -> list[dict[str, Any]]:
    """A conversation as chat-completion messages, by harmony's rules: reasoning is sent only
    while a tool sequence is open (after the last final answer it is dropped)."""
    out: list[dict[str, Any]] = []
    if conv.instructions:
        out.append({"role": "system", "content": conv.instructions})
    last_final = max((i for i, m in enumerate(conv.messages) if m.role == "assistant" and m.channel == "final"
                      ), default=-1)  # fmt: skip
    calls = 0
    pending_reasoning = ""
    for i, m in enumerate(conv.messages):
        if m.role == "user":
            out.append({"role": "user", "content": m.content})
        elif m.role == "assistant" and m.tool_call is not None:
            calls += 1
            entry: dict[str, Any] = {
                "role": "assistant", "content": "",
                "tool_calls": [{"id": f"call_{calls}", "type": "function", "function": {
                    "name": m.tool_call.function_name, "arguments": m.tool_call.arguments}}],
            }  # fmt: skip
            if pending_reasoning and i > last_final:
                entry["reasoning_content"] = pending_reasoning
            pending_reasoning = ""
            out.append(entry)
        elif m.role == "tool":
            out.append({"role": "tool", "tool_call_id": f"call_{calls}", "content": m.content})
        elif m.role == "assistant" and m.channel == "analysis":
            pending_reasoning += m.content
        elif m.role == "assistant":
            out.append({"role": "assistant", "content": m.content})
            pending_reasoning = ""
    return out


def chat_tools(conv: Conversation) -> list[dict[str, Any]]:
    return [{"type": "function", "function": {"name": t.name, "description": t.description,
             "parameters": t.parameters or {"type": "object", "properties": {}}}} for t in conv.tools]  # fmt: skip


# -- the response side -----------------------------------------------------------------------
def sse_data(lines: Iterable[bytes]) -> Iterator[str]:
    """The ``data:`` payloads of a Server-Sent Events stream, one per event (``[DONE]``
    included); comments and other fields are skipped."""
    parts: list[str] = []
    for raw in lines:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if not line:
            if parts:
                yield "\n".join(parts)
                parts = []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if name == "data":
            parts.append(value[1:] if value.startswith(" ") else value)
    if parts:
        yield "\n".join(parts)


@dataclass
class ServerModels:
    """What ``GET /v1/models`` said."""

    ids: list[str] = field(default_factory=list)
    owned_by: set[str] = field(default_factory=set)
    context: dict[str, int] = field(default_factory=dict)  # context length, where the server says


def read_models(body: bytes) -> ServerModels:
    """Parse a models list; raises ValueError when it is not one."""
    data = json.loads(body.decode("utf-8"))
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        # Ollama's native list, if that is what answered.
        items = data.get("models") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ValueError("not a list of models")
    models = ServerModels()
    for item in items:
        if isinstance(item, dict):
            ident = item.get("id") or item.get("name") or item.get("model")
            if isinstance(ident, str) and ident:
                models.ids.append(ident)
                # vLLM: max_model_len; LM Studio: max_context_length; others: context_length.
                for key in ("max_model_len", "max_context_length", "context_length"):
                    if isinstance(item.get(key), int) and item[key] > 0:
                        models.context[ident] = item[key]
                        break
            if isinstance(item.get("owned_by"), str):
                models.owned_by.add(item["owned_by"])
    return models


def reasoning_of(delta: dict[str, Any]) -> str:
    """The reasoning text of a chat delta: ``reasoning_content`` (llama-server, vLLM before
    0.10, LM Studio) or ``reasoning`` (vLLM since, Ollama, OpenRouter)."""
    for key in ("reasoning_content", "reasoning"):
        value = delta.get(key)
        if isinstance(value, str):
            return value
    return ""


# -- servers ---------------------------------------------------------------------------------
KINDS = {"vllm": "vLLM", "llama-server": "llama-server", "ollama": "Ollama", "lmstudio": "LM Studio",
         "llama-cpp-python": "llama-cpp-python", "openai": "OpenAI-compatible"}  # fmt: skip


@dataclass(frozen=True)
class RemoteServer:
    """A server the person added (Models → Servers…); the key lives in the keyring."""

    url: str  # base URL as typed, e.g. http://192.168.1.20:8000 (a trailing /v1 is accepted)
    model: str = ""
    kind: str = "openai"
    path: str = "chat"  # "raw" or "chat", chosen by choose_path
    fingerprint: str = ""  # SHA-256 of a trusted self-signed certificate, hex
    name: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc

    @property
    def base(self) -> str:
        url = self.url.strip().rstrip("/")
        if "://" not in url:
            url = "http://" + url
        return url[: -len("/v1")] if url.endswith("/v1") else url

    @property
    def kind_name(self) -> str:
        """The server's name as people know it: "vLLM", "LM Studio", ..."""
        return KINDS.get(self.kind, self.kind)

    @property
    def where(self) -> str:
        """What the model bar says: "on 192.168.1.20 · vLLM"."""
        return f"on {urlsplit(self.base).hostname or self.host} · {self.kind_name}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> RemoteServer:
        names = set(RemoteServer.__dataclass_fields__)
        return RemoteServer(**{k: str(v) for k, v in data.items() if k in names})


def spaced(fingerprint: str) -> str:
    """AB:CD:… as browsers and openssl show it."""
    return ":".join(fingerprint[i : i + 2] for i in range(0, len(fingerprint), 2)).upper()
