"""What the GUI process and the engine child say to each other, and how it is framed.

Frames are a 4-byte big-endian length followed by UTF-8 JSON: no pickle, so a confused or
compromised child cannot make the parent run code. Settings travel as plain dicts of the
dataclasses below, which both sides share without importing llama.cpp.
"""

from __future__ import annotations

import dataclasses
import json
import struct
from dataclasses import dataclass, field
from typing import IO, Any

MAX_FRAME = 64 * 1024 * 1024  # a frame past this means the stream is corrupt
_HEADER = struct.Struct(">I")


class ProtocolError(Exception):
    pass


def write_frame(stream: IO[bytes], message: dict[str, Any]) -> None:
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: IO[bytes]) -> dict[str, Any] | None:
    """The next message, or None at end of stream."""
    head = _read_exact(stream, _HEADER.size)
    if head is None:
        return None
    (size,) = _HEADER.unpack(head)
    if size > MAX_FRAME:
        raise ProtocolError(f"frame of {size} bytes is larger than the limit")
    body = _read_exact(stream, size)
    if body is None:
        return None
    message = json.loads(body)
    if not isinstance(message, dict):
        raise ProtocolError("frame is not an object")
    return message


@dataclass
class LoadSettings:
    """How to load a model. Defaults follow gpt-oss.md §3 and §5."""

    n_ctx: int = 8192
    n_batch: int = 512
    n_ubatch: int = 512
    n_threads: int | None = None
    n_threads_batch: int | None = None
    n_gpu_layers: int = 0
    flash_attn: bool = True  # llama-cpp-python defaults to False; always on for gpt-oss
    swa_full: bool = False  # half the KV memory; prefix reuse uses SWA checkpoints instead
    kv_type: str = "f16"
    use_mmap: bool = True
    experts_on_cpu: bool = False  # keep ffn_*_exps in system RAM (llama.cpp's --cpu-moe)
    # Re-laid-out weights for this CPU's fast kernels (llama.cpp's extra buffer types: AMX,
    # CPU_REPACK; off is its --no-repack). None: as the CPU check decided for this CPU and
    # llama.cpp build (app.infra.engine.cpu_check); the engine child treats None as on.
    repack: bool | None = None


@dataclass
class SamplingSettings:
    """OpenAI's recommended sampling for gpt-oss: temperature 1.0, top_p 1.0."""

    temperature: float = 1.0
    top_p: float = 1.0
    top_k: int = 0
    min_p: float = 0.0
    seed: int | None = None
    max_tokens: int | None = None  # None: until the model ends or the context is full
    # At most this many tokens of reasoning (analysis) per request; past it the engine closes
    # the analysis and opens the final answer for the model. None: no limit.
    reasoning_budget: int | None = None
    grammar: str | None = None  # GBNF for the whole reply (tests script the tiny model with it)
    # Parts of the reply held to a JSON schema (JSON text; "{}" is any JSON value): a function
    # call's arguments under its recipient ("functions.get_weather"), the answer under "final".
    # The engine child turns each into a grammar that applies from that message's <|message|>
    # to its end, so the analysis stays free; one it cannot use is named in stats["warnings"].
    constraints: dict[str, str] = field(default_factory=dict)
    logit_bias: dict[str, float] = field(default_factory=dict)  # token text or id -> bias


def to_dict(obj: Any) -> dict[str, Any]:
    return dataclasses.asdict(obj)


def from_dict(cls: type, data: dict[str, Any] | None) -> Any:
    """Build ``cls`` from ``data``, ignoring unknown keys (an older or newer peer)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in (data or {}).items() if k in names})
