"""The CPU check's measurement, run inside a throwaway engine child (it loads llama.cpp).

Some CPUs crash in llama.cpp's re-laid-out weight kernels: the AMX backend of the vendored
llama.cpp segfaults in ``ggml_backend_amx_mul_mat`` on Q8_0 weights (the layout of every
gpt-oss file's attention). So before Hearth loads a model with those kernels on a new CPU or
llama.cpp build, a tiny model in the real gpt-oss layout (MXFP4 experts, Q8_0 attention) is
run twice: first with plain weights, then re-laid out. A crash takes only this child down; the
parent (app.infra.engine.cpu_check) reads that as "unsafe here". Both runs' logits are compared too,
so kernels that give wrong numbers count as unsafe as well.
"""

from __future__ import annotations

import ctypes
import math
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import llama_cpp.llama_cpp as C

from app.infra.engine.llama_session import LlamaLog, LlamaSession
from app.infra.engine.protocol import LoadSettings

PROMPT = "the quick brown fox jumps over the lazy dog. " * 6  # ~60 tokens: a batched matmul too
STEPS = 6  # greedy tokens after the prompt: the one-row (decode) kernels
# Logits of the plain and the re-laid-out run may differ by the activations' rounding (both
# quantize them to 8 bits); a kernel that computes the wrong thing misses by far more.
AGREE_SHARE = 0.05


def cpu_report() -> dict[str, Any]:
    """What the loaded CPU backend can re-lay out weights into here, and its features (the
    engine sends this with every load; the check with its re-laid-out stage)."""
    import llama_cpp

    from app.infra.engine.ggml_devices import cpu_extra_buffer_types

    try:
        extra = cpu_extra_buffer_types(llama_cpp)
    except (OSError, AttributeError):
        extra = []
    return {"extra_types": extra, "system_info": C.llama_print_system_info().decode("utf-8", "replace")}


def _logits(session: LlamaSession) -> list[float]:
    """The logits of the last decoded position."""
    row = ctypes.cast(C.llama_get_logits_ith(session.ctx, -1), ctypes.POINTER(ctypes.c_float))
    return list(row[: session.n_vocab])


def _run(path: Path, repack: bool, log: LlamaLog) -> dict[str, Any]:
    settings = LoadSettings(n_ctx=512, n_batch=128, n_ubatch=128, n_threads=1, n_threads_batch=1,
                            repack=repack)  # fmt: skip
    mark = log.mark()
    session = LlamaSession(str(path), settings, log)
    try:
        prompt = session.tokenize(PROMPT, special=False)
        if session._decode(prompt) != 0:
            raise RuntimeError("llama.cpp could not process the check's prompt")
        first = logits = _logits(session)
        tokens: list[int] = []
        for _ in range(STEPS):
            token = max(range(len(logits)), key=logits.__getitem__)
            tokens.append(token)
            if session._decode([token]) != 0:
                raise RuntimeError("llama.cpp could not decode during the check")
            logits = _logits(session)
        return {"logits": first, "last": logits, "tokens": tokens,
                "buffers": session.memory["buffers"], "log": log.since(mark)[-5:]}  # fmt: skip
    finally:
        session.close()


def _difference(a: list[float], b: list[float]) -> tuple[float, float, bool]:
    """(largest difference, spread of ``a``, all finite)."""
    finite = all(math.isfinite(x) for x in a) and all(math.isfinite(x) for x in b)
    if not finite:
        return math.inf, 0.0, False
    return max(abs(x - y) for x, y in zip(a, b, strict=True)), max(a) - min(a), True


def check_cpu(log: LlamaLog, progress: Callable[[str, dict[str, Any]], None]) -> dict[str, Any]:
    """Run the plain and the re-laid-out model and compare; ``progress`` names each stage
    before it starts, so a crash can be pinned on the stage it happened in."""
    from app.testing.tiny_model import write_tiny_model

    about = cpu_report()
    folder = Path(tempfile.mkdtemp(prefix="hearth-cpu-check-"))
    try:
        path = write_tiny_model(folder / "check.gguf", "check")
        progress("plain", {})
        plain = _run(path, False, log)
        progress("repacked", about)
        packed = _run(path, True, log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    diff, spread, finite = _difference(plain["logits"], packed["logits"])
    diff_last, spread_last, finite_last = _difference(plain["last"], packed["last"])
    agree = finite and finite_last and diff <= AGREE_SHARE * max(spread, 1e-6) and (
        diff_last <= AGREE_SHARE * max(spread_last, 1e-6)
    )
    return {
        **about,
        "buffers": packed["buffers"],
        "max_logit_diff": max(diff, diff_last),
        "logit_spread": spread,
        "finite": finite and finite_last,
        "agree": agree,
        "same_tokens": plain["tokens"] == packed["tokens"],
    }
