"""What the engine tells the GUI process, as types: the end of the dicts.

The engine child speaks JSON frames (``engine.protocol``) and ``EngineClient`` adds to them on
its reader thread (harmony parsing, crash notes). ``typed()`` turns each of those messages into
one of the classes below, so the services and the window never look a key up in a dict or
dispatch on a ``"type"`` string; a message that is not for them (progress of a CPU check, say)
becomes ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.conversation import Message
from app.core.export import message_from_dict
from app.core.harmony_parser import HarmonyEvent


@dataclass(frozen=True)
class LoadProgress:
    fraction: float


@dataclass(frozen=True)
class Loaded:
    """A model is loaded and ready to answer."""

    path: str
    n_ctx: int
    n_vocab: int = 0
    n_swa: int = 0
    load_s: float = 0.0
    repack: bool = False  # llama.cpp's re-laid-out weights for this CPU are in use
    memory: dict[str, Any] = field(default_factory=dict)  # llama.cpp's buffers, by device
    cpu: dict[str, Any] = field(default_factory=dict)  # the CPU backend's own report
    settings: dict[str, Any] = field(default_factory=dict)  # the LoadSettings the child used

    @property
    def buffers(self) -> dict[str, Any]:
        value = self.memory.get("buffers")
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class LoadFailed:
    message: str
    cancelled: bool = False
    kind: str = ""  # the header check's category ("io", "not_gguf", ...), when it refused


@dataclass(frozen=True)
class ReplyStarted:
    prompt_tokens: int
    cached_tokens: int = 0


@dataclass(frozen=True)
class ReplyDelta:
    """A batch of what the model wrote (the child batches about every 30 ms)."""

    events: tuple[HarmonyEvent, ...]


@dataclass(frozen=True)
class ReplyDone:
    finish: str  # "return", "call", "stopped", "length", "context_full", ...
    stats: dict[str, float] = field(default_factory=dict)
    messages: tuple[Message, ...] = ()
    raw: str = ""
    warnings: tuple[str, ...] = ()  # constraints the engine could not use, each named
    constrained: tuple[str, ...] = ()  # the parts held to a schema ("functions.x", "final")


@dataclass(frozen=True)
class EngineFailed:
    """A command failed without the child dying (a bad prompt, a reply that errored)."""

    message: str
    kind: str = ""  # "context_full": the prompt does not fit the loaded context


@dataclass(frozen=True)
class Crashed:
    reason: str
    exit_code: int | None = None
    repack_disabled: bool = False  # the crash turned re-laid-out weights off on this CPU


EngineEvent = LoadProgress | Loaded | LoadFailed | ReplyStarted | ReplyDelta | ReplyDone | EngineFailed | Crashed


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def typed(event: dict[str, Any], path: str = "") -> EngineEvent | None:
    """The typed form of one message of a load or generate request, or None for the others."""
    kind = event.get("type")
    if kind == "load_progress":
        return LoadProgress(float(event.get("fraction", 0.0)))
    if kind == "loaded":
        return Loaded(
            path=str(event.get("path") or path), n_ctx=int(event.get("n_ctx", 0)),
            n_vocab=int(event.get("n_vocab", 0)), n_swa=int(event.get("n_swa", 0)),
            load_s=float(event.get("load_s", 0.0)), repack=bool(event.get("repack", False)),
            memory=dict(event.get("memory") or {}), cpu=dict(event.get("cpu") or {}),
            settings=dict(event.get("settings") or {}),
        )  # fmt: skip
    if kind == "load_failed":
        if event.get("cancelled"):
            return LoadFailed("Loading was cancelled.", cancelled=True)
        return LoadFailed(str(event.get("message") or "The model could not be loaded."), kind=str(event.get("kind", "")))
    if kind == "started":
        return ReplyStarted(int(event.get("prompt_tokens", 0)), int(event.get("cached_tokens", 0)))
    if kind == "events":
        return ReplyDelta(tuple(event.get("events", ())))
    if kind == "done":
        stats = {k: v for k, v in (event.get("stats") or {}).items() if _number(v)}
        messages = tuple(message_from_dict(m) for m in event.get("messages", ()))
        raw_stats = event.get("stats") or {}
        return ReplyDone(str(event.get("finish", "")), stats, messages, str(event.get("raw", "")),
                         tuple(str(w) for w in raw_stats.get("warnings") or ()),
                         tuple(str(c) for c in raw_stats.get("constrained") or ()))  # fmt: skip
    if kind == "error":
        return EngineFailed(str(event.get("message") or "The engine could not do that."), str(event.get("kind") or ""))
    if kind == "crashed":
        code = event.get("exit_code")
        return Crashed(str(event.get("reason", "")), code if isinstance(code, int) else None,
                       bool(event.get("repack_disabled")))  # fmt: skip
    return None
