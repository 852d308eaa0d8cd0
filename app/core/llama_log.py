"""Read llama.cpp's own memory accounting out of its log lines.

llama.cpp has no API that says how much memory a loaded model and context took; it only logs
each buffer it allocates, at load time, in lines like these (llama-cpp-python 0.3.36)::

    load_tensors:   CPU_Mapped model buffer size =   105.56 MiB
    load_tensors:   CPU_REPACK model buffer size =     0.80 MiB
    llama_context:        CPU  output buffer size =     0.77 MiB
    llama_kv_cache_iswa: creating non-SWA KV cache, size = 2048 cells
    llama_kv_cache:        CPU KV buffer size =     1.00 MiB
    llama_kv_cache: size =    1.00 MiB (  2048 cells,   1 layers,  1/1 seqs), K (f16): ...
    llama_kv_cache_iswa: creating     SWA KV cache, size = 768 cells
    sched_reserve:        CPU compute buffer size =   396.52 MiB

Those are the numbers a memory estimate is checked against. Sizes are printed in MiB with two
decimals, so each parsed value is within 5 KiB of the real allocation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MIB = 1 << 20
_NUM = r"([0-9]+(?:\.[0-9]+)?) MiB"
_MODEL = re.compile(r"(\S+) model buffer size =\s*" + _NUM)
_OUTPUT = re.compile(r"(\S+)\s+output buffer size =\s*" + _NUM)
_COMPUTE = re.compile(r"(\S+) compute buffer size =\s*" + _NUM)
_KV_BUFFER = re.compile(r"(\S+) KV buffer size =\s*" + _NUM)
_KV_TOTAL = re.compile(r"llama_kv_cache\w*: size =\s*" + _NUM + r" \(\s*([0-9]+) cells")
_KV_WHICH = re.compile(r"creating\s+(non-SWA|SWA) KV cache")
# Cheap substring test first: the log of one load is ~1,500 lines, most of them irrelevant.
_KEYWORDS = ("buffer size", "KV cache", "llama_kv_cache: size")


def is_memory_line(line: str) -> bool:
    """Whether ``line`` is one that ``parse_buffer_sizes`` reads (so a log keeps it)."""
    return any(k in line for k in _KEYWORDS)


def _bytes(mib: str) -> int:
    return round(float(mib) * _MIB)


def parse_buffer_sizes(lines: Iterable[str]) -> dict[str, int]:
    """Buffer sizes in bytes from the log lines of one model load and context creation.

    Keys (present only when llama.cpp logged them):

    - ``model_buffer.<type>`` per buffer type (``CPU_Mapped``, ``CPU_REPACK``, ``CUDA0`` …)
      and their sum ``model_buffer``. With mmap on a CPU, ``CPU_Mapped`` spans the whole file
      and ``CPU_REPACK`` holds a re-laid-out copy of some tensors (MXFP4 experts): the sum
      counts those tensors twice.
    - ``kv_cache.full`` and ``kv_cache.swa`` (the sliding-window cache, absent for a model
      without one), their sum ``kv_cache``, and ``kv_cells.full`` / ``kv_cells.swa``.
    - ``kv_buffer.<device>``: the KV cache's buffers by device.
    - ``compute_buffer.<device>`` and their sum ``compute_buffer``.
    - ``output_buffer.<device>`` and their sum ``output_buffer`` (logits and embeddings).

    A line seen twice (llama.cpp re-reserving) counts once: the later value wins.
    """
    out: dict[str, int] = {}
    which = "full"  # a model without sliding-window layers logs no "creating … KV cache"
    kv: dict[str, int] = {}
    kv_buffers: dict[str, int] = {}
    for line in lines:
        if m := _KV_WHICH.search(line):
            which = "swa" if m.group(1) == "SWA" else "full"
        elif m := _KV_TOTAL.search(line):
            kv[which] = _bytes(m.group(1))
            out[f"kv_cells.{which}"] = int(m.group(2))
        elif m := _KV_BUFFER.search(line):
            # One KV buffer line per device and cache: add the caches up per device.
            key = f"{m.group(1)}:{which}"
            kv_buffers[key] = _bytes(m.group(2))
        elif m := _MODEL.search(line):
            out[f"model_buffer.{m.group(1)}"] = _bytes(m.group(2))
        elif m := _OUTPUT.search(line):
            out[f"output_buffer.{m.group(1)}"] = _bytes(m.group(2))
        elif m := _COMPUTE.search(line):
            out[f"compute_buffer.{m.group(1)}"] = _bytes(m.group(2))
    for name, size in kv.items():
        out[f"kv_cache.{name}"] = size
    if kv:
        out["kv_cache"] = sum(kv.values())
    for key, size in kv_buffers.items():
        device = key.split(":", 1)[0]
        out[f"kv_buffer.{device}"] = out.get(f"kv_buffer.{device}", 0) + size
    for group in ("model_buffer", "compute_buffer", "output_buffer"):
        parts = [v for k, v in out.items() if k.startswith(group + ".")]
        if parts:
            out[group] = sum(parts)
    return out


_DEVICE_NAMES = (("CUDA", "CUDA"), ("ROCm", "ROCm"), ("HIP", "ROCm"), ("Metal", "Metal"), ("MTL", "Metal"),
                 ("Vulkan", "Vulkan"), ("SYCL", "SYCL"), ("OpenCL", "OpenCL"), ("CPU", "CPU"))  # fmt: skip


def running_on(buffers: dict[str, int]) -> str:
    """Where the loaded model's weights went, in words: "CPU", "CUDA", "CUDA + CPU", ""."""
    places: list[str] = []
    for key, size in buffers.items():
        if not key.startswith("model_buffer.") or size <= 0:
            continue
        device = key.split(".", 1)[1]
        word = next((w for prefix, w in _DEVICE_NAMES if device.upper().startswith(prefix.upper())), device)
        if word not in places:
            places.append(word)
    gpu = [p for p in places if p != "CPU"]
    return " + ".join(gpu + (["CPU"] if "CPU" in places else []))
