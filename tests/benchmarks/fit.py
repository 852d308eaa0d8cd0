"""Will it run here, at full scale: the planner against llama.cpp on the real 20b geometry.

A random-weight model with gpt-oss-20b's exact geometry and file layout (24 layers, 32 MXFP4
experts, Q8_0 attention/embeddings/output, 201,088-token vocabulary; ≈12 GB) is written once
and cached at ~/.cache/hearth/bench/. It is loaded through Hearth's engine child (two threads)
at 4k and 32k contexts, with and without mmap, and the run records:

- predicted memory (app.core.fit: weights + KV + compute, and the fixed overhead) against
  llama.cpp's logged buffers and the child's RSS growth over the load and one reply;
- decode tokens/s for 64 tokens (best of 3) against this machine's memory-bandwidth ceiling: RAM
  bandwidth measured with numpy ÷ the bytes one token reads (non-expert weights + 4/32 of
  the experts, app.core.fit_shapes.ModelShape.active_bytes).

With mmap (Hearth's default) on a CPU, llama.cpp copies the MXFP4 experts into a re-laid-out
CPU_REPACK buffer and the mapped originals stay resident as clean file pages, counted in RSS
but never read again and dropped first under memory pressure; "need" below subtracts them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from app.core.fit import CpuKernels, LoadOptions, Machine, ModelShape, plan
from app.core.gguf_header import GGUFError, read_gguf_header
from app.core.repack import repack_buffers
from app.infra.engine.client import EngineClient
from app.infra.engine.protocol import LoadSettings, SamplingSettings
from app.testing.tiny_model import write_tiny_model
from tests.benchmarks.common import machine, table

MODEL = Path.home() / ".cache" / "hearth" / "bench" / "gpt-oss-20b-random-mxfp4.gguf"
NEVER_END = {"<|return|>": -1000.0, "<|call|>": -1000.0, "<|endoftext|>": -1000.0}
MiB, GB = 1 << 20, 1e9
TOLERANCE, SHARE = 16 * MiB, 0.05  # the bound
RUNS = [(4096, True), (32768, True), (4096, False), (32768, False)]  # (n_ctx, use_mmap)
DECODE_TOKENS = 64
DECODE_REPS = 3


def ensure_model() -> Path:
    """The cached model, written again if missing, truncated or not ours (≈1–2 minutes)."""
    try:
        info = read_gguf_header(MODEL)
        if info.name == "hearth-test-20b" and info.file_size >= info.data_offset + info.tensor_bytes:
            return MODEL
    except (OSError, GGUFError):
        pass
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    print(f"writing {MODEL} (≈12 GB)…", flush=True)
    t0 = time.perf_counter()
    write_tiny_model(MODEL, "20b")
    print(f"  written in {time.perf_counter() - t0:.0f} s", flush=True)
    return MODEL


def ram_bandwidth(size: int = 1 << 30, reps: int = 5) -> float:
    """Bytes read + written per second copying a 1 GiB array (best of ``reps``)."""
    src = np.ones(size // 8, dtype=np.float64)
    dst = np.empty_like(src)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        np.copyto(dst, src)
        best = min(best, time.perf_counter() - t0)
    return 2 * size / best


def measure(model: Path, shape: ModelShape, n_ctx: int, use_mmap: bool) -> dict[str, Any]:
    settings = LoadSettings(n_ctx=n_ctx, n_threads=2, n_threads_batch=2, use_mmap=use_mmap)
    client = EngineClient()
    client.start()
    try:
        t0 = time.perf_counter()
        loaded = client.load(model, settings).wait(timeout=900)
        if loaded["type"] != "loaded":
            raise RuntimeError(f"load failed: {loaded}")
        load_s = time.perf_counter() - t0
        sampling = SamplingSettings(seed=1, max_tokens=DECODE_TOKENS, logit_bias=dict(NEVER_END))
        rates, prompt_rates = [], []
        for _ in range(DECODE_REPS):
            client.clear_cache()  # every repetition decodes the same cold prompt
            done = client.generate("the quick brown fox jumps over the lazy dog", sampling).wait(timeout=900)
            if done["type"] != "done":
                raise RuntimeError(f"generation failed: {done}")
            rates.append(done["stats"].get("gen_tps") or 0.0)
            prompt_rates.append(done["stats"].get("prompt_tps") or 0.0)
        after = client.info()["memory"]
    finally:
        client.close()
    memory = loaded["memory"]
    before = memory["process"]["before_load"]
    buffers = memory["buffers"]
    growth = after["rss"] - before["rss"]
    file_growth = after.get("rss_file", 0) - before.get("rss_file", 0)
    # The mapped originals of repacked tensors: resident, reclaimable, never read again.
    # The planner knows this CPU's re-layout kernels as Hearth does: from llama.cpp's report.
    cpu = loaded["cpu"]
    kernels = CpuKernels.from_system_info(cpu["system_info"], cpu["extra_types"], loaded["repack"])
    repack = repack_buffers(shape.matmuls, kernels)
    duplicate = min(file_growth, repack.original_bytes) if use_mmap else 0
    opts = LoadOptions(n_ctx=n_ctx)
    vm = psutil.virtual_memory()
    fit = plan(shape, Machine(ram_total=vm.total, ram_available=vm.available, cpu_cores=os.cpu_count(),
                              cpu_kernels=kernels), opts)  # fmt: skip
    predicted = sum(v for k, v in fit.parts.items() if not k.startswith("overhead"))
    need = growth - duplicate
    return {
        "n_ctx": n_ctx,
        "use_mmap": use_mmap,
        "load_s": load_s,
        "predicted": {
            "parts": fit.parts,
            "weights_kv_compute": predicted,
            "verdict": fit.verdict,
            "speed_tps": fit.speed_tps,
        },
        "llama_cpp_buffers": buffers,
        "rss": {
            "before_load": before,
            "after_load": memory["process"]["after_context"],
            "after_reply": after,
        },
        "rss_growth": growth,
        "repack": {"extra_types": cpu["extra_types"], "on": loaded["repack"], "predicted_copies": repack.copies,
                   "originals": repack.original_bytes},
        "repacked_file_pages": duplicate,
        "need": need,
        "memory_error": need - predicted,
        "memory_error_share": (need - predicted) / need,
        "within_goal": abs(need - predicted) <= max(TOLERANCE, SHARE * need),
        # Best of the repetitions: on a 2-core machine anything else running slows a 2-thread
        # decode a lot (gpt-oss.md §5.10); the best is closest to what the machine can do.
        "decode_tps": max(rates),
        "decode_tps_all": rates,
        "generated_tokens": done["stats"].get("generated_tokens"),
        "prompt_tps": max(prompt_rates),
    }


def run() -> dict:
    model = ensure_model()
    shape = ModelShape.from_gguf(read_gguf_header(model))
    print("measuring RAM bandwidth…", flush=True)
    bandwidth = ram_bandwidth()
    ceiling = bandwidth / shape.active_bytes
    runs = []
    for n_ctx, use_mmap in RUNS:
        print(f"loading at n_ctx {n_ctx}, mmap {use_mmap}…", flush=True)
        runs.append(measure(model, shape, n_ctx, use_mmap))

    def m(n: float) -> str:
        return f"{n / MiB:,.0f}"

    rows = [["n_ctx / mmap", "weights pred / llama", "re-laid out pred / llama", "KV pred / llama",
             "compute pred / llama", "pred w+KV+comp", "RSS growth", "need", "error", "decode tok/s",
             "ceiling"]]  # fmt: skip
    for r in runs:
        p, b = r["predicted"]["parts"], r["llama_cpp_buffers"]
        copies = r["repack"]["predicted_copies"]
        kinds = [t for t in ("AMX", "CPU_REPACK", "KLEIDIAI") if t in copies or f"model_buffer.{t}" in b]
        logged_copies = sum(b.get(f"model_buffer.{t}", 0) for t in kinds)
        # Mapped (mmap) or loaded (no mmap) weights: everything but the re-laid-out buffers.
        logged_weights = b.get("model_buffer", 0) - logged_copies
        relaid = ", ".join(f"{t} {m(copies.get(t, 0))} / {m(b.get(f'model_buffer.{t}', 0))}" for t in kinds)
        rows.append([
            f"{r['n_ctx'] // 1024}k / {'on' if r['use_mmap'] else 'off'}",
            # With mmap the mapped buffer spans the originals of re-laid-out weights; without it
            # they are never loaded.
            f"{m(p.get('weights_cpu', 0) + p.get('token_embd_cpu', 0) + (r['repack']['originals'] if r['use_mmap'] else 0))}"
            f" / {m(logged_weights)}",
            relaid or "none",
            f"{m(p.get('kv_cache_cpu', 0))} / {m(b.get('kv_cache', 0))}",
            f"{m(p.get('compute_cpu', 0))} / {m(b.get('compute_buffer', 0))}",
            m(r["predicted"]["weights_kv_compute"]), m(r["rss_growth"]), m(r["need"]),
            f"{r['memory_error'] / MiB:+,.0f} MiB ({100 * r['memory_error_share']:+.1f}%)",
            f"{r['decode_tps']:.2f}" if r["decode_tps"] else "n/a", f"{ceiling:.2f}",
        ])  # fmt: skip
    print(f"\nRAM bandwidth (numpy copy, read + write): {bandwidth / GB:.1f} GB/s; "
          f"active bytes per token {shape.active_bytes / GB:.2f} GB; ceiling {ceiling:.2f} tok/s")  # fmt: skip
    print("sizes in MiB; need = RSS growth less the mapped originals of re-laid-out weights (resident, never read "
          "again, dropped first under memory pressure)\n")
    print(table(rows))
    return {
        "goal": {"memory_error": "≤5% or 16 MiB"},
        "measured": {
            "model": {
                "path": str(model),
                "file_bytes": model.stat().st_size,
                "weight_bytes": shape.weight_bytes,
                "active_bytes_per_token": shape.active_bytes,
            },
            "ram_bandwidth_bytes_per_s": bandwidth,
            "decode_ceiling_tps": ceiling,
            "runs": runs,
        },
        "machine": machine(),
    }
