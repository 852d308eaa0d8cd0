"""Re-laid-out weights on this CPU: what they cost, what they buy, and what Hearth chose.

A random-weight model with gpt-oss-20b's layer geometry, vocabulary and file layout (MXFP4
experts, Q8_0 attention and output) but only HEARTH_REPACK_LAYERS layers (default 2, ≈2.1 GB)
is loaded through Hearth's engine child twice: as llama.cpp does by default (its extra buffer
types on: AMX and/or CPU_REPACK, whatever this CPU and build offer) and with them off. Each run
records llama.cpp's buffers, the planner's prediction of them (app.core.repack), the RSS, and
prompt (512 tokens) and decode (64 tokens) speeds, best of 3. The CPU check's verdict for this
machine says which of the two Hearth loads with.

A crash of the default run is recorded as such: that is the finding on CPUs where llama.cpp's
kernels are unsafe (the engine child dies, the benchmark goes on).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from app.core.fit import CpuKernels, LoadOptions, Machine, ModelShape, plan
from app.core.gguf_header import read_gguf_header
from app.core.repack import repack_buffers
from app.infra.engine.client import EngineClient
from app.infra.engine.cpu_check import CpuCheck
from app.infra.engine.protocol import LoadSettings, SamplingSettings
from app.testing.tiny_model import PRESETS, TinyModelSpec, random_text, write_tiny_model
from tests.benchmarks.common import machine, table

MiB = 1 << 20
NEVER_END = {"<|return|>": -1000.0, "<|call|>": -1000.0, "<|endoftext|>": -1000.0}
REPS = 3


def _model(folder: Path) -> Path:
    layers = int(os.environ.get("HEARTH_REPACK_LAYERS", "2"))
    spec: TinyModelSpec = PRESETS["20b"]
    PRESETS["20b-cut"] = TinyModelSpec(**{**spec.__dict__, "n_layer": layers})
    path = folder / f"gpt-oss-20b-{layers}layers-random.gguf"
    if not path.exists():
        print(f"writing {path.name}…", flush=True)
        write_tiny_model(path, "20b-cut")
    return path


def _run(model: Path, shape: ModelShape, repack: bool, check: CpuCheck) -> dict[str, Any]:
    threads = max(1, min(16, (os.cpu_count() or 2)))
    settings = LoadSettings(n_ctx=4096, n_threads=threads, n_threads_batch=threads, repack=repack)
    client = EngineClient(cpu_check=check)
    client.start()
    out: dict[str, Any] = {"repack": repack}
    try:
        loaded = client.load(model, settings).wait(timeout=900)
        if loaded["type"] != "loaded":
            return {**out, "failed": loaded.get("message") or loaded.get("reason")}
        cpu = loaded["cpu"]
        kernels = CpuKernels.from_system_info(cpu["system_info"], cpu["extra_types"], repack)
        predicted = repack_buffers(shape.matmuls, kernels)
        fit = plan(shape, Machine(ram_total=None, ram_available=None, cpu_kernels=kernels), LoadOptions(n_ctx=4096))
        prompt = random_text(400)
        sampling = SamplingSettings(seed=1, max_tokens=64, logit_bias=dict(NEVER_END))
        pp, tg = [], []
        for _ in range(REPS):
            client.clear_cache()
            done = client.generate(prompt, sampling).wait(timeout=900)
            if done["type"] != "done":
                return {**out, "failed": done.get("message") or done.get("reason"), "crashed": done["type"] == "crashed"}
            pp.append(done["stats"].get("prompt_tps") or 0.0)
            tg.append(done["stats"].get("gen_tps") or 0.0)
        after = client.info()["memory"]
        before = loaded["memory"]["process"]["before_load"]
        return {
            **out,
            "extra_types": cpu["extra_types"],
            "buffers": loaded["memory"]["buffers"],
            "predicted_copies": predicted.copies,
            "predicted_ram": sum(v for k, v in fit.parts.items() if k.endswith("_cpu") and not k.startswith("overhead")),
            "rss_growth": after["rss"] - before["rss"],
            "rss_anon_growth": after.get("rss_anon", 0) - before.get("rss_anon", 0),
            "prompt_tokens": done["stats"]["prompt_tokens"],
            "prompt_tps": max(pp),
            "decode_tps": max(tg),
            "threads": threads,
        }
    finally:
        client.close()


def run() -> dict:
    folder = Path(os.environ.get("HEARTH_BENCH_DIR") or Path.home() / ".cache" / "hearth" / "bench")
    folder.mkdir(parents=True, exist_ok=True)
    model = _model(folder)
    shape = ModelShape.from_gguf(read_gguf_header(model))
    check = CpuCheck(Path(tempfile.mkdtemp(prefix="hearth-bench-")) / "cpu-check.json")
    verdict = check.ensure()
    print(f"CPU check: repacking {'safe' if verdict.repack_safe else 'unsafe'} — {verdict.reason}", flush=True)
    runs = [_run(model, shape, True, check), _run(model, shape, False, check)]
    rows = [["llama.cpp extra buffers", "buffers logged (MiB)", "predicted (MiB)", "RSS growth", "prompt tok/s",
             "decode tok/s"]]  # fmt: skip
    for r in runs:
        if "failed" in r:
            rows.append(["on (llama.cpp default)" if r["repack"] else "off", f"FAILED: {r['failed']}", "", "", "", ""])
            continue
        b = r["buffers"]
        logged = ", ".join(f"{t} {b[f'model_buffer.{t}'] / MiB:,.1f}" for t in ("AMX", "CPU_REPACK")
                           if f"model_buffer.{t}" in b) or "none"  # fmt: skip
        pred = ", ".join(f"{t} {v / MiB:,.1f}" for t, v in r["predicted_copies"].items()) or "none"
        rows.append([("on: " + ", ".join(r["extra_types"])) if r["repack"] else "off", logged, pred,
                     f"{r['rss_growth'] / MiB:,.0f}", f"{r['prompt_tps']:.1f}", f"{r['decode_tps']:.2f}"])  # fmt: skip
    print(f"\nmodel: {model.name} ({shape.weight_bytes / MiB:,.0f} MiB of weights); Hearth loads with "
          f"repacking {'on' if verdict.repack_safe else 'off'} here\n")  # fmt: skip
    print(table(rows))
    return {
        "goal": {"repack": "never crash; predicted extra buffers within 8 KiB of llama.cpp's; Hearth's choice no slower "
                 "than llama.cpp's default where that default runs"},
        "measured": {"model": model.name, "weight_bytes": shape.weight_bytes, "verdict": verdict.__dict__,
                     "runs": runs},
        "machine": machine(),
    }
