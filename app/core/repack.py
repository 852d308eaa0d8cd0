"""Which weights llama.cpp re-lays out for this CPU, and what the copies cost in RAM.

llama.cpp's CPU backend offers "extra buffer types" that hold some weight matrices in a layout
its fastest kernels want: ``AMX`` (Intel Sapphire Rapids and later, when the build has AMX) and
``CPU_REPACK`` (interleaved blocks for AVX2/AVX-512 and Arm NEON kernels). A weight that goes
there is copied out of the model file at load into anonymous memory; with mmap the original
pages stay mapped (resident until the system needs the memory: reclaimable, never read again).

The rules below follow llama.cpp as vendored in llama-cpp-python 0.3.36
(``ggml-cpu/amx/amx.cpp``, ``amx/mmq.cpp`` and ``ggml-cpu/repack.cpp``): which tensor types and
shapes each buffer type accepts, in llama.cpp's priority order (AMX before CPU_REPACK), and the
bytes each copy takes. Only matrix-multiplication weights qualify: 2-D weights (``MUL_MAT``)
and the 3-D expert stacks (``MUL_MAT_ID``); the token embedding is read by ``GET_ROWS`` and
never repacked. The features are llama.cpp's own report for the CPU backend it loaded (its
``llama_print_system_info`` line), so the rules use exactly what its kernels test.

Pure Python: tests assert these predictions against the buffers llama.cpp logs on the CPU the
tests run on, whichever CPU that is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.core.gguf_header import GGUFTensor

__all__ = ["CpuKernels", "RepackPlan", "is_expert", "layer_of", "matmul_weights", "repack_buffers",
           "repack_target"]

TENSOR_ALIGNMENT = 32  # ggml's alignment of every tensor inside a CPU buffer
# (values per block, bytes per block) of the types the rules name.
_BLOCKS = {"Q4_0": (32, 18), "Q4_1": (32, 20), "Q8_0": (32, 34), "Q4_K": (256, 144),
           "Q5_K": (256, 176), "Q6_K": (256, 210), "IQ4_XS": (256, 136), "F16": (1, 2)}  # fmt: skip
# AMX: types with AMX kernels, the row length (ne0) they need a multiple of, and the bytes the
# VNNI layout adds per block (Q8_0 keeps a compensation term, Q4_K/Q5_K and IQ4_XS extra scales).
_AMX = {"Q4_0": (32, 0), "Q4_1": (32, 0), "Q8_0": (32, 4), "Q4_K": (256, 4), "Q5_K": (256, 4),
        "Q6_K": (256, 0), "IQ4_XS": (256, 2), "F16": (16, 0)}  # fmt: skip
_AMX_ROWS = 32  # output rows (ne1) must fill whole pairs of 16-row tiles
_LAYER = re.compile(r"^blk\.(\d+)\.")
_EXPERT = re.compile(r"^blk\.\d+\.ffn_(gate|up|down)_exps\.")
_SYSINFO = re.compile(r"([A-Z][A-Z0-9_]*) = ([0-9]+)")


@dataclass(frozen=True)
class CpuKernels:
    """What llama.cpp's CPU backend offers on this machine.

    ``extra_types``: its extra buffer types in priority order ("AMX", "CPU_REPACK", …), as the
    loaded library lists them. ``features``: the CPU backend's reported features (AVX2 → "1",
    SVE_CNT → "32", …). ``enabled``: whether Hearth loads with them (False when the CPU check
    found repacking unsafe here, or after a crash).
    """

    extra_types: tuple[str, ...] = ()
    features: dict[str, str] = field(default_factory=dict)
    enabled: bool = True

    def has(self, name: str) -> bool:
        return self.features.get(name, "0") not in ("", "0")

    @classmethod
    def from_system_info(cls, text: str, extra_types: Iterable[str] = (), enabled: bool = True) -> CpuKernels:
        """Parse llama.cpp's system-info line; only the CPU backend's part counts."""
        cpu = text
        m = re.search(r"CPU\s*:(.*?)(?:\|\s*[A-Za-z][\w ]*\s*:|$)", text, re.S)
        if m:
            cpu = m.group(1)
        features = {name: value for name, value in _SYSINFO.findall(cpu)}
        return cls(tuple(extra_types), features, enabled)

    def describe(self) -> str:
        """For people: "AMX, CPU_REPACK" or "none"."""
        return ", ".join(self.extra_types) or "none"


def _pad(n: int, to: int = TENSOR_ALIGNMENT) -> int:
    return -(-n // to) * to


def matmul_weights(tensors: Iterable[GGUFTensor]) -> tuple[GGUFTensor, ...]:
    """The tensors an extra buffer type could take (what a ModelShape keeps for planning)."""
    return tuple(t for t in tensors if _is_matmul_weight(t))


def _is_matmul_weight(t: GGUFTensor) -> bool:
    """A weight llama.cpp multiplies by (so an extra buffer type may take it)."""
    if not t.name.endswith(".weight") or t.name.startswith("token_embd."):
        return False
    return len(t.shape) in (2, 3) and all(d > 0 for d in t.shape)


def _amx_size(t: GGUFTensor) -> int | None:
    """The AMX buffer's bytes for ``t``, or None when AMX does not take it."""
    rule = _AMX.get(t.type_name)
    if rule is None or len(t.shape) != 2:  # AMX has MUL_MAT kernels only, no MUL_MAT_ID
        return None
    align, extra = rule
    k, n = t.shape[0], t.shape[1]
    if n % _AMX_ROWS or k % align:
        return None
    if t.type_name == "F16":
        return t.nbytes  # copied as it is
    per, size = _BLOCKS[t.type_name]
    return n * (k // per) * (size + extra)


def _repack_ok(t: GGUFTensor, k: CpuKernels) -> bool:
    """Whether CPU_REPACK has an interleaved layout for ``t`` on this CPU (repack.cpp)."""
    rows = t.shape[1]
    neon = k.has("NEON")
    i8mm, dot = neon and k.has("MATMUL_INT8"), neon and k.has("DOTPROD")
    avx2 = k.has("AVX2")
    kind = t.type_name
    if kind == "Q4_0":
        sve = k.has("SVE") and k.has("MATMUL_INT8") and k.features.get("SVE_CNT") == "32"
        return ((avx2 or sve) and rows % 8 == 0) or ((i8mm or dot) and rows % 4 == 0)
    if kind == "Q4_K":
        return (avx2 or i8mm or dot) and rows % 8 == 0
    if kind == "Q2_K":
        return k.has("AVX512") and rows % 8 == 0
    if kind in ("Q5_K", "Q6_K"):
        return (i8mm or dot) and rows % 8 == 0
    if kind in ("IQ4_NL", "MXFP4"):
        return (avx2 and rows % 8 == 0) or (dot and rows % 4 == 0)
    if kind == "Q8_0":
        return (i8mm or dot) and rows % 4 == 0
    return False


def repack_target(t: GGUFTensor, kernels: CpuKernels) -> tuple[str, int] | None:
    """(buffer type, bytes) where llama.cpp puts weight ``t`` on this CPU, or None (plain CPU)."""
    if not kernels.enabled or not _is_matmul_weight(t):
        return None
    for buft in kernels.extra_types:
        if buft == "AMX":
            size = _amx_size(t)
            if size is not None:
                return "AMX", size
        elif buft == "CPU_REPACK" and _repack_ok(t, kernels):
            return "CPU_REPACK", t.nbytes
    return None


@dataclass(frozen=True)
class RepackPlan:
    """Per buffer type, the bytes of the re-laid-out copies and of the originals they replace."""

    copies: dict[str, int]
    originals: dict[str, int]
    tensors: int

    @property
    def copy_bytes(self) -> int:
        return sum(self.copies.values())

    @property
    def original_bytes(self) -> int:
        return sum(self.originals.values())


def repack_buffers(
    tensors: Iterable[GGUFTensor], kernels: CpuKernels | None,
    on_cpu: Callable[[GGUFTensor], bool] | None = None,
) -> RepackPlan:  # fmt: skip
    """What llama.cpp re-lays out when loading these tensors with these kernels.

    ``on_cpu``: whether a tensor stays on the CPU (None: all do). Weights on a GPU stay
    there, unrepacked; experts kept in RAM by an override (--cpu-moe) are repacked like any
    CPU weight (llama.cpp considers the extra buffer types for overrides to the CPU)."""
    copies: dict[str, int] = {}
    originals: dict[str, int] = {}
    count = 0
    if kernels is None or not kernels.enabled or not kernels.extra_types:
        return RepackPlan(copies, originals, 0)
    for t in tensors:
        if on_cpu is not None and not on_cpu(t):
            continue
        target = repack_target(t, kernels)
        if target is None:
            continue
        buft, size = target
        copies[buft] = copies.get(buft, 0) + _pad(size)
        originals[buft] = originals.get(buft, 0) + t.nbytes
        count += 1
    return RepackPlan(copies, originals, count)


def layer_of(t: GGUFTensor) -> int | None:
    """The repeating layer a tensor belongs to, or None (embedding, output)."""
    m = _LAYER.match(t.name)
    return int(m.group(1)) if m else None


def is_expert(t: GGUFTensor) -> bool:
    return bool(_EXPERT.match(t.name))
