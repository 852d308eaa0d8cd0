"""Will it run here? A memory plan for a gpt-oss model on this machine, with the arithmetic.

total ≈ weights + KV cache + compute buffer + runtime overhead (docs/gpt-oss.md §3), placed
the way llama.cpp places it: the token embedding always in RAM, the last ``n_gpu_layers``
repeating layers (and, with one more, the output layer) on the GPU, each layer's KV cache
beside its weights, and with ``experts_on_cpu`` (llama.cpp --cpu-moe) the ffn_*_exps tensors
in RAM. The speed estimate uses the fact that decoding is memory-bandwidth bound (§7).

Rules, kept simple on purpose:
- Weights are mmap'd: weights that stay on the CPU count against RAM. The OS could page them
  back in from disk, but a model that does not fit in *available* RAM re-reads gigabytes per
  token; swap is never counted. So a plan must fit in available RAM (total RAM is shown as the
  second figure), with a small tolerance for the estimate; beyond that it is "no_fit".
- The GPU's side must fit in its free memory less a safety margin (VRAM_MARGIN).
- Apple unified memory: the GPU side is also RAM, and Metal limits it to a working set.
Pure Python: no Qt, no llama.cpp, no psutil; the machine is described by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.fit_shapes import (
    DEFAULT_GPU_BANDWIDTH,
    GB,
    ModelShape,
    cpu_bandwidth_default,
    gpu_bandwidth,
)
from app.core.gguf_header import GGUFTensor, human_size
from app.core.repack import CpuKernels, RepackPlan, is_expert, layer_of, repack_buffers
from app.core.text import translate

__all__ = ["GPU_OVERHEAD", "OVERHEAD", "CpuKernels", "Device", "FitPlan", "LoadOptions", "Machine",
           "ModelShape", "compute_buffer_bytes", "context_choices", "kv_cache_bytes", "plan",
           "repack_plan", "speed_label"]  # fmt: skip

MiB, GiB = 1 << 20, 1 << 30
# RAM of the engine process beyond the buffers llama.cpp logs: Python, the llama.cpp library,
# the 201k-token vocabulary and output buffers. Small models measured within 12 MiB of
# weights + KV + compute (docs §3); the real vocabulary and Python itself need more.
OVERHEAD = 256 * MiB
# GPU memory a backend takes before any buffer: CUDA context and cuBLAS workspace are
# 300–500 MiB on NVIDIA; the same is assumed for ROCm, Vulkan and Metal.
GPU_OVERHEAD = 512 * MiB
VRAM_MARGIN, VRAM_MARGIN_SHARE = 512 * MiB, 0.05  # kept free: whichever is larger
RAM_TOLERANCE, RAM_TOLERANCE_SHARE = (
    512 * MiB,
    0.05,
)  # allowed over "available" (an estimate): whichever is smaller
# Share of the memory bandwidth llama.cpp's decode reaches, low and high; calibrated against
# the published rates in docs §7 (Strix Halo CPU 30.5 tok/s; M2 Ultra 130/86; DGX Spark 83/59;
# RTX 3090 239; RTX PRO 6000 391) — tests/unit/test_fit.py checks each lies in range.
CPU_EFFICIENCY, GPU_EFFICIENCY = (0.3, 0.6), (0.35, 0.8)
CPU_CORE_BANDWIDTH = (
    20 * GB
)  # one core streams ~20 GB/s (a numpy copy reached 33 GB/s on one EPYC core): few cores cannot saturate RAM
_KV_TYPES = {"f32": (1, 4), "f16": (1, 2), "bf16": (1, 2), "q8_0": (32, 34), "q4_0": (32, 18)}
_SPEEDS = ((25.0, "fast"), (10.0, "usable"), (3.0, "slow"), (0.0, "very slow"))  # tok/s
_RANK = {"no_fit": 0, "cpu": 1, "partial": 2, "gpu": 3}
_BUILD_FLAGS = {"cuda": "GGML_CUDA", "metal": "GGML_METAL", "vulkan": "GGML_VULKAN", "rocm": "GGML_HIP"}


@dataclass(frozen=True)
class Device:
    """One GPU as the planner sees it; ``unified``: Apple-style memory shared with the CPU."""

    name: str
    backend: str  # "cuda" | "metal" | "vulkan" | "rocm"
    total: int | None
    free: int | None
    unified: bool = False


@dataclass(frozen=True)
class Machine:
    ram_total: int | None
    ram_available: int | None
    swap_total: int | None = None  # shown, never counted: swapping weights is unusably slow
    gpus: tuple[Device, ...] = ()
    build_backend: str = "cpu"  # what the installed llama.cpp can use
    cpu_cores: int | None = None
    memory_bandwidth: float | None = None  # bytes/s of system RAM, if known
    # What llama.cpp's CPU backend re-lays out weights into here (AMX, CPU_REPACK) and whether
    # Hearth loads with it; None: unknown (before the CPU check ran), nothing is predicted.
    cpu_kernels: CpuKernels | None = None


@dataclass(frozen=True)
class LoadOptions:
    n_ctx: int = 8192
    kv_type: str = "f16"
    swa_full: bool = False
    flash_attn: bool = True
    n_ubatch: int = 512
    n_seq: int = 1
    n_gpu_layers: int | None = None  # None: as many as fit
    experts_on_cpu: bool = False  # keep ffn_*_exps in system RAM (llama.cpp --cpu-moe)


@dataclass(frozen=True)
class FitPlan:
    """``parts``: bytes by kind ("weights", "token_embd", "kv_cache", "compute", "overhead",
    "repack": the copies of weights llama.cpp re-lays out for this CPU, whose originals then
    drop out of "weights": with mmap they stay mapped but are never read again), suffixed
    "_cpu" (system RAM) or "_gpu". ram_needed sums the _cpu parts (on unified memory the _gpu
    parts too); vram_needed sums the _gpu parts."""

    verdict: str  # "gpu" | "partial" | "cpu" | "no_fit"
    speed: str  # "fast" | "usable" | "slow" | "very slow"
    speed_tps: tuple[float, float] | None  # expected decode tokens/s, low and high
    n_gpu_layers: int  # for llama.cpp: 0 on the CPU, n_layer + 1 is everything
    experts_on_cpu: bool
    parts: dict[str, int]
    ram_needed: int
    vram_needed: int
    ram_available: int | None
    vram_available: int | None
    suggestions: tuple[str, ...]
    explanation: str


def _pad(n: int, to: int = 256) -> int:
    return -(-n // to) * to


def _layer_kv(shape: ModelShape, opts: LoadOptions) -> list[int]:
    """KV bytes per layer. llama.cpp rounds n_ctx up to 256; full-attention layers get n_ctx
    cells, sliding-window layers pad256(window × n_seq + n_ubatch) (never more than n_ctx)
    unless swa_full. A cell holds K and V, each n_head_kv × head_dim values."""
    if opts.kv_type not in _KV_TYPES:
        raise ValueError(f"unknown KV cache type {opts.kv_type!r}; expected one of {sorted(_KV_TYPES)}")
    per, size = _KV_TYPES[opts.kv_type]
    cell = 2 * (-(-shape.n_head_kv * shape.head_dim // per)) * size
    n_ctx, swa = _cells(shape, opts)
    return [(swa if shape.is_swa(i) else n_ctx) * cell for i in range(shape.n_layer)]


def _cells(shape: ModelShape, opts: LoadOptions) -> tuple[int, int]:
    """Cells of the full-attention cache and of the sliding-window cache."""
    n_ctx = _pad(max(opts.n_ctx, 1))
    swa = n_ctx
    if shape.sliding_window and not opts.swa_full:
        swa = min(n_ctx, _pad(shape.sliding_window * opts.n_seq + opts.n_ubatch))
    return n_ctx, swa


def kv_cache_bytes(shape: ModelShape, opts: LoadOptions) -> int:
    """Both caches (full and sliding-window), all sequences; reproduces docs §3's table."""
    return sum(_layer_kv(shape, opts))


def _compute_phases(shape: ModelShape, opts: LoadOptions) -> tuple[int, int]:
    """The compute buffer's two peaks: the output (logits, n_vocab × n_ubatch f32, beside the
    last hidden state) and a layer.

    With flash attention a layer holds the KQ masks (f16, n_ubatch rows for every cell of each
    cache: 1 KiB per cell at n_ubatch 512, so they grow with the context and double with
    swa_full), the MoE intermediates (gate, up, their product and the down projection for each
    used expert: 4 × n_ubatch × n_expert_used × n_ff_exp f32) and the attention output. These
    terms reproduce llama.cpp's logged compute buffer on the test models (to 0.1 MiB on the
    83 M preset across 2k–8k, swa_full on and off). Without flash attention llama.cpp
    materializes every head's scores over the whole context; "+ 2" rows for the masks and
    softmax and four hidden states were fitted to the measured 548 MiB (4k) and 4.18 GiB (32k)
    of gpt-oss-20b, within 1%."""
    hidden = shape.n_embd * opts.n_ubatch * 4
    output = shape.n_vocab * opts.n_ubatch * 4 + hidden
    if not opts.flash_attn:
        return output, 4 * hidden + _pad(max(opts.n_ctx, 1)) * opts.n_ubatch * (shape.n_head + 2) * 4
    full, swa = _cells(shape, opts)
    masks = opts.n_ubatch * (full + (swa if shape.sliding_window else 0)) * 2
    moe = 4 * opts.n_ubatch * shape.n_expert_used * shape.n_ff_exp * 4
    attention = opts.n_ubatch * shape.n_head * shape.head_dim * 4
    return output, masks + moe + attention


def compute_buffer_bytes(shape: ModelShape, opts: LoadOptions) -> int:
    """llama.cpp reuses the buffer across the graph, so its size is the larger peak."""
    return max(_compute_phases(shape, opts))


def context_choices(shape: ModelShape) -> list[int]:
    """4k, 8k, … doubling up to the trained context (which is always offered)."""
    if shape.n_ctx_train <= 4096:
        return [shape.n_ctx_train]
    out, n = [], 4096
    while n < shape.n_ctx_train:
        out.append(n)
        n *= 2
    return [*out, shape.n_ctx_train]


def _k(n: int) -> str:
    return f"{n // 1024}k" if n % 1024 == 0 else f"{n:,}"


def _an(n: int) -> bool:
    """Whether English says 'an' before this context size ('an 8k', 'an 11k', 'an 18k')."""
    return _k(n).startswith(("8", "11", "18"))


def _context(n: int) -> str:
    """'a 4k context', 'an 8k context'."""
    if _an(n):
        return translate("FitPlan", "an {size} context").format(size=_k(n))
    return translate("FitPlan", "a {size} context").format(size=_k(n))


def speed_label(speed: str) -> str:
    """A plan's ``speed`` ("fast", "usable", "slow", "very slow") in the person's language."""
    words = {
        "fast": translate("FitPlan", "fast"),
        "usable": translate("FitPlan", "usable"),
        "slow": translate("FitPlan", "slow"),
        "very slow": translate("FitPlan", "very slow"),
    }
    return words.get(speed, speed)


def _working_set(ram_total: int) -> int:
    """Metal's recommendedMaxWorkingSetSize: about 2/3 of RAM up to 36 GB, 3/4 above (as
    llama.cpp logs it on Macs; an assumption when the device does not report it)."""
    return ram_total * 2 // 3 if ram_total <= 36 * GiB else ram_total * 3 // 4


def _gpu(machine: Machine) -> Device | None:
    """The GPU llama.cpp will use: one the installed build supports, the roomiest. Splitting
    across several GPUs is not modelled (the plan is for the largest one)."""
    build = machine.build_backend
    # A Vulkan build drives any vendor's discrete GPU; the others only their own.
    usable = [
        d
        for d in machine.gpus
        if build != "cpu" and (d.backend == build or (build == "vulkan" and d.backend != "metal"))
    ]
    return max(usable, key=lambda d: d.free or d.total or 0, default=None)


def _gpu_room(dev: Device, machine: Machine) -> tuple[int | None, int]:
    """(memory shown as available, budget after the safety margin)."""
    room = dev.free if dev.free is not None else dev.total
    if dev.unified and machine.ram_total:
        limit = _working_set(machine.ram_total)
        room = limit if room is None else min(room, limit)
    if room is None:
        return None, 0
    return room, max(0, room - max(VRAM_MARGIN, int(VRAM_MARGIN_SHARE * (dev.total or room))))


@dataclass(frozen=True)
class _Eval:
    plan: FitPlan
    ram_over: int  # bytes beyond available RAM (negative: room left)
    budget: int


def repack_plan(shape: ModelShape, kernels: CpuKernels | None, k: int = 0, experts_out: bool = False) -> RepackPlan:
    """What llama.cpp re-lays out for this CPU with k layers offloaded: the weights that stay
    on the CPU (earlier layers, the output unless everything is offloaded, and the experts
    kept in RAM by --cpu-moe)."""
    first_gpu = shape.n_layer - min(k, shape.n_layer)
    output_gpu = k > shape.n_layer

    def on_cpu(t: GGUFTensor) -> bool:
        layer = layer_of(t)
        if layer is None:
            return not output_gpu
        return layer < first_gpu or (experts_out and is_expert(t))

    return repack_buffers(shape.matmuls, kernels, on_cpu)


def _place(
    shape: ModelShape, opts: LoadOptions, k: int, experts_out: bool, kernels: CpuKernels | None = None
) -> dict[str, int]:
    """Bytes per part and place for k offloaded layers (llama.cpp offloads from the last)."""
    p = dict.fromkeys(("weights_cpu", "weights_gpu", "kv_cache_cpu", "kv_cache_gpu",
                       "compute_cpu", "compute_gpu", "overhead_cpu", "overhead_gpu"), 0)  # fmt: skip
    p["token_embd_cpu"] = shape.token_embd_bytes
    kv = _layer_kv(shape, opts)
    first_gpu = shape.n_layer - min(k, shape.n_layer)
    for i in range(shape.n_layer):
        side = "gpu" if i >= first_gpu else "cpu"
        moved = shape.expert_bytes[i] if side == "gpu" and experts_out else 0
        p["weights_" + side] += shape.layer_bytes[i] - moved
        p["weights_cpu"] += moved
        p["kv_cache_" + side] += kv[i]
    output_gpu = k > shape.n_layer
    p["weights_gpu" if output_gpu else "weights_cpu"] += shape.output_bytes
    out, attn = _compute_phases(shape, opts)
    full = max(out, attn)
    if k == 0:
        p["compute_cpu"] = full
    else:  # the side with the output holds the logits; a side with layers or experts, attention
        p["compute_gpu"] = full if output_gpu else attn
        cpu_work = first_gpu > 0 or experts_out
        p["compute_cpu"] = attn if output_gpu and cpu_work else 0 if output_gpu else full
        p["overhead_gpu"] = GPU_OVERHEAD
    p["overhead_cpu"] = OVERHEAD
    repack = repack_plan(shape, kernels, k, experts_out)
    if repack.tensors:
        p["weights_cpu"] -= repack.original_bytes
        p["repack_cpu"] = repack.copy_bytes
    return {key: v for key, v in p.items() if v}


def _speed(
    shape: ModelShape, machine: Machine, dev: Device | None, k: int, experts_out: bool
) -> tuple[float, float]:
    """Decode tokens/s: each token reads the active bytes once, from wherever they live."""
    unified = next((d.name for d in machine.gpus if d.unified), None)
    cpu_bw = machine.memory_bandwidth or cpu_bandwidth_default(unified)
    if machine.cpu_cores:
        cpu_bw = min(cpu_bw, machine.cpu_cores * CPU_CORE_BANDWIDTH)
    gpu_bw: float = DEFAULT_GPU_BANDWIDTH
    if dev is not None:
        gpu_bw = gpu_bandwidth(dev.name) or (machine.memory_bandwidth if dev.unified else None) or gpu_bw
    first_gpu = shape.n_layer - min(k, shape.n_layer)
    on_gpu: float = shape.output_bytes if k > shape.n_layer else 0.0
    for i in range(first_gpu, shape.n_layer):
        on_gpu += shape.active_layer_bytes(i)
        if experts_out:
            on_gpu -= shape.active_layer_bytes(i) - (shape.layer_bytes[i] - shape.expert_bytes[i])
    on_cpu = shape.active_bytes - on_gpu

    def rate(cpu_eff: float, gpu_eff: float) -> float:
        return 1.0 / (on_cpu / (cpu_bw * cpu_eff) + on_gpu / (gpu_bw * gpu_eff))

    return rate(CPU_EFFICIENCY[0], GPU_EFFICIENCY[0]), rate(CPU_EFFICIENCY[1], GPU_EFFICIENCY[1])


def _evaluate(shape: ModelShape, machine: Machine, opts: LoadOptions) -> _Eval:
    """The plan without suggestions: placement, needs, verdict, speed and the explanation."""
    dev = _gpu(machine)
    vram_avail, budget = _gpu_room(dev, machine) if dev is not None else (None, 0)
    full = shape.n_layer + 1
    unified = dev is not None and dev.unified

    def needs(k: int) -> tuple[dict[str, int], int, int]:
        parts = _place(shape, opts, k, opts.experts_on_cpu and k > 0, machine.cpu_kernels)
        vram = sum(v for key, v in parts.items() if key.endswith("_gpu"))
        ram = sum(v for key, v in parts.items() if key.endswith("_cpu")) + (vram if unified else 0)
        return parts, ram, vram

    if dev is None:
        k = 0
    elif opts.n_gpu_layers is not None:
        k = max(0, min(opts.n_gpu_layers, full))
    else:  # as many as fit: more VRAM can only raise k
        k = next((k for k in range(full, 0, -1) if needs(k)[2] <= budget), 0)
    parts, ram, vram = needs(k)
    experts_out = opts.experts_on_cpu and k > 0
    ram_avail = machine.ram_available
    if ram_avail is None and machine.ram_total is not None:
        ram_avail = machine.ram_total * 3 // 4  # assumed: a quarter is in use by others
    tolerance = min(RAM_TOLERANCE, int(RAM_TOLERANCE_SHARE * (machine.ram_total or 0)))
    ram_over = ram - ram_avail if ram_avail is not None else -(1 << 62)
    gpu_over = k > 0 and vram > budget
    if ram_over > tolerance or gpu_over:
        verdict = "no_fit"
    else:
        verdict = "cpu" if k == 0 else "gpu" if k == full and not experts_out else "partial"
    tps = _speed(shape, machine, dev, k, experts_out) if verdict != "no_fit" else None
    mid = (tps[0] + tps[1]) / 2 if tps else 0.0
    speed = next(word for floor, word in _SPEEDS if mid >= floor)

    if ram_avail is None:
        ram_text = translate("FitPlan", "{ram} of RAM (RAM unknown)").format(ram=human_size(ram))
    elif machine.ram_total:
        ram_text = translate("FitPlan", "{ram} of RAM, {available} available ({total} in total)").format(
            ram=human_size(ram), available=human_size(ram_avail), total=human_size(machine.ram_total)
        )
    else:
        ram_text = translate("FitPlan", "{ram} of RAM, {available} available").format(
            ram=human_size(ram), available=human_size(ram_avail)
        )
    context = _context(_pad(opts.n_ctx))
    gpu_name = dev.name if dev else "GPU"
    if verdict == "no_fit" and gpu_over:
        why = translate(
            "FitPlan",
            "{layers} layers on the {gpu} need {vram} of GPU memory and {budget} is usable (free less a safety margin).",
        ).format(layers=k, gpu=gpu_name, vram=human_size(vram), budget=human_size(budget))
    elif verdict == "no_fit":
        why = translate(
            "FitPlan",
            "It needs {ram} at {context}; running from swap or re-reading the file from disk would make it unusably slow.",
        ).format(ram=ram_text, context=context)
    elif verdict == "gpu":
        why = translate(
            "FitPlan", "It runs entirely on the {gpu}: {vram} of GPU memory at {context} ({free} free); {ram}."
        ).format(gpu=gpu_name, vram=human_size(vram), context=context, free=human_size(vram_avail or 0), ram=ram_text)
    elif verdict == "partial" and experts_out and k == full:
        why = translate(
            "FitPlan", "all layers but the experts on the {gpu} ({vram} of {free} free), the rest in RAM: {ram} at {context}."
        ).format(gpu=gpu_name, vram=human_size(vram), free=human_size(vram_avail or 0), ram=ram_text, context=context)
    elif verdict == "partial":
        why = translate(
            "FitPlan", "{layers} of {total} layers on the {gpu} ({vram} of {free} free), the rest in RAM: {ram} at {context}."
        ).format(
            layers=k, total=full, gpu=gpu_name, vram=human_size(vram), free=human_size(vram_avail or 0),
            ram=ram_text, context=context,
        )  # fmt: skip
    else:
        why = translate("FitPlan", "It runs on the CPU from system memory: {ram} at {context}.").format(
            ram=ram_text, context=context
        )
    if verdict != "no_fit" and ram_over > 0:
        why += " " + translate("FitPlan", "That is a little more than is free now: close other programs first.")
    if parts.get("repack_cpu"):
        kinds = ", ".join(repack_plan(shape, machine.cpu_kernels, k, experts_out).copies)
        why += " " + translate(
            "FitPlan",
            "{size} of the weights are re-laid out for this CPU's fast kernels ({kinds}); the file's copies of them stay mapped until the system needs the memory.",
        ).format(size=human_size(parts["repack_cpu"]), kinds=kinds)
    if tps:
        why += " " + translate("FitPlan", "Expect about {low}–{high} tokens/s ({speed}).").format(
            low=f"{tps[0]:.0f}", high=f"{tps[1]:.0f}", speed=speed_label(speed)
        )
    explanation = translate("FitPlan", "{model}: {explanation}").format(model=shape.name, explanation=why)
    plan_ = FitPlan(verdict, speed, tps, k, experts_out, parts, ram, vram, ram_avail, vram_avail,
                    (), explanation)  # fmt: skip
    return _Eval(plan_, ram_over, budget)


def _better(new: FitPlan, old: FitPlan) -> bool:
    if _RANK[new.verdict] != _RANK[old.verdict]:
        return _RANK[new.verdict] > _RANK[old.verdict]
    if new.n_gpu_layers != old.n_gpu_layers and new.verdict == "partial":
        return new.n_gpu_layers > old.n_gpu_layers
    return bool(new.speed_tps and old.speed_tps and new.speed_tps[0] > 1.1 * old.speed_tps[0])


def _total(p: FitPlan) -> int:
    return sum(p.parts.values())


def _outcome(new: FitPlan) -> str:
    """What a change leads to: where the model goes and, if it runs, how fast."""
    if new.speed_tps is None or new.verdict == "no_fit":  # a plan that does not fit has no speed
        where = {
            "gpu": translate("FitPlan", "it runs fully on the GPU"),
            "partial": translate("FitPlan", "{layers} layers go on the GPU"),
            "cpu": translate("FitPlan", "it fits in RAM"),
            "no_fit": translate("FitPlan", "it still does not fit"),
        }
        return where[new.verdict].format(layers=new.n_gpu_layers)
    with_speed = {
        "gpu": translate("FitPlan", "it runs fully on the GPU, about {low}–{high} tokens/s"),
        "partial": translate("FitPlan", "{layers} layers go on the GPU, about {low}–{high} tokens/s"),
        "cpu": translate("FitPlan", "it fits in RAM, about {low}–{high} tokens/s"),
    }
    low, high = new.speed_tps
    return with_speed[new.verdict].format(layers=new.n_gpu_layers, low=f"{low:.0f}", high=f"{high:.0f}")


def _suggest(shape: ModelShape, machine: Machine, opts: LoadOptions, base: _Eval) -> list[str]:
    """Changes that make it fit or run faster, each checked by planning again with it."""
    cur, out = base.plan, []
    helped = False  # a smaller context or the experts in RAM was suggested

    def try_opts(**change: object) -> FitPlan:
        return _evaluate(shape, machine, replace(opts, **change)).plan  # type: ignore[arg-type]

    gpus = [d for d in machine.gpus if d.backend in _BUILD_FLAGS]
    if machine.build_backend == "cpu" and gpus:
        dev = max(gpus, key=lambda d: d.free or d.total or 0)
        new = _evaluate(shape, replace(machine, build_backend=dev.backend), opts).plan
        if _better(new, cur):
            command = (f'CMAKE_ARGS="-D{_BUILD_FLAGS[dev.backend]}=on" pip install --force-reinstall '
                       "--no-cache-dir llama-cpp-python==0.3.36")  # fmt: skip
            out.append(
                translate(
                    "FitPlan",
                    "Your {gpu} is not used: the installed llama.cpp was built for the CPU only. With a GPU build {outcome}. Install Hearth's GPU package, or rebuild: {command}.",
                ).format(gpu=dev.name, outcome=_outcome(new), command=command)
            )
    # (change, the suggestion, whether to offer it when it saves memory without a better plan)
    changes: tuple[tuple[dict[str, object], str, bool], ...] = (
        ({"flash_attn": True}, translate("FitPlan", "Turn on flash attention: saves {saved}; {outcome}."), True),
        ({"swa_full": False},
         translate("FitPlan", "Turn off swa_full (the full-size sliding-window cache): saves {saved}; {outcome}."),
         False),
        ({"kv_type": "q8_0"}, translate("FitPlan", "Store the KV cache as q8_0: saves {saved}; {outcome}."), False),
    )  # fmt: skip
    for change, text, always in changes:
        if all(getattr(opts, key) == value for key, value in change.items()):
            continue
        new = try_opts(**change)
        saved = _total(cur) - _total(new)
        if saved > 0 and (_better(new, cur) or always):
            out.append(text.format(saved=human_size(saved), outcome=_outcome(new)))
    smaller = [c for c in context_choices(shape) if c < _pad(opts.n_ctx)]
    for c in reversed(smaller):
        new = try_opts(n_ctx=c)
        if _better(new, cur):
            saved = _total(cur) - _total(new)
            out.append(translate("FitPlan", "Use {context}: saves {saved}; {outcome}.").format(
                context=_context(c), saved=human_size(saved), outcome=_outcome(new)
            ))  # fmt: skip
            helped = True
            break
    if _gpu(machine) is not None and not opts.experts_on_cpu and cur.verdict in ("partial", "no_fit"):
        new = try_opts(experts_on_cpu=True, n_gpu_layers=None)
        if new.verdict != "no_fit" and _better(new, cur):
            out.append(
                translate(
                    "FitPlan",
                    "Keep the experts in system RAM (llama.cpp --cpu-moe): {vram} on the GPU, {ram} in RAM; {outcome}.",
                ).format(vram=human_size(new.vram_needed), ram=human_size(new.ram_needed), outcome=_outcome(new))
            )
            helped = True
    if cur.verdict in ("gpu", "cpu") and _pad(opts.n_ctx) < shape.n_ctx_train:
        for c in reversed([c for c in context_choices(shape) if c > _pad(opts.n_ctx)]):
            new = try_opts(n_ctx=c)
            if new.verdict == cur.verdict:
                more = _total(new) - _total(cur)
                if _an(c):
                    text = translate("FitPlan", "An {size} context also fits here: {more} more.")
                else:
                    text = translate("FitPlan", "A {size} context also fits here: {more} more.")
                out.append(text.format(size=_k(c), more=human_size(more)))
                break
    if cur.verdict == "no_fit" and not helped:
        smallest = context_choices(shape)[0]
        least = try_opts(n_ctx=smallest, kv_type="q8_0", swa_full=False, flash_attn=True)
        if machine.ram_total and least.ram_needed < machine.ram_total and base.ram_over > 0:
            out.append(
                translate(
                    "FitPlan", "Close other programs: it needs {ram} of RAM at {context} and {free} is free now."
                ).format(
                    ram=human_size(least.ram_needed), context=_context(smallest),
                    free=human_size(cur.ram_available or 0),
                )
            )
        elif base.ram_over > 0:
            out.append(
                translate(
                    "FitPlan",
                    "Even at its smallest ({context}, q8_0 KV cache) it needs {ram} of RAM; this computer has {total} in total. It needs a computer with more memory or a GPU that can hold it.",
                ).format(
                    context=_context(smallest), ram=human_size(least.ram_needed),
                    total=human_size(machine.ram_total or 0),
                )
            )
        small = ModelShape.for_catalog("gpt-oss-20b") if shape.name == "gpt-oss-120b" else None
        if small is not None and (alt := _evaluate(small, machine, opts).plan).verdict != "no_fit":
            if alt.vram_needed:
                text = translate(
                    "FitPlan", "{model} fits on this computer: {ram} of RAM and {vram} of GPU memory; {outcome}."
                )
            else:
                text = translate("FitPlan", "{model} fits on this computer: {ram} of RAM; {outcome}.")
            out.append(text.format(
                model=small.name, ram=human_size(alt.ram_needed), vram=human_size(alt.vram_needed),
                outcome=_outcome(alt),
            ))  # fmt: skip
    return out


def plan(shape: ModelShape, machine: Machine, opts: LoadOptions = LoadOptions()) -> FitPlan:
    """Where the model goes, whether it fits, how fast it will be, and what would help."""
    base = _evaluate(shape, machine, opts)
    return replace(base.plan, suggestions=tuple(_suggest(shape, machine, opts, base)))


def best_plan(shape: ModelShape, machine: Machine, opts: LoadOptions = LoadOptions()) -> FitPlan:
    """The plan Hearth loads with: ``opts`` as given or, when the model does not fit a GPU
    whole, with the experts in system RAM if that places more of it on the GPU."""
    first = plan(shape, machine, opts)
    if opts.experts_on_cpu or first.verdict not in ("partial", "no_fit") or _gpu(machine) is None:
        return first
    alternative = plan(shape, machine, replace(opts, experts_on_cpu=True))
    return alternative if _better(alternative, first) else first
