"""What this computer has, as the fit planner needs it: RAM, swap, disk, CPU, GPUs, and
which backends the installed llama.cpp was built with.

Every probe degrades to None or "unknown" and, where the user can do something about it,
adds a sentence to `notes`; `probe()` never raises. Paths are read relative to `root` and
external commands go through `run_command`, so tests can fake a whole machine.

llama.cpp itself is not imported here (only the engine child may load it): the build's
backends are read from the library files llama-cpp-python ships (see
app.infra.engine.ggml_devices for ggml's own device list, asked inside the child).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import os
import platform as platform_module
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.fit import Device, Machine
from app.core.gguf_header import human_size
from app.core.text import translate
from app.infra.engine.cpu_check import CpuCheckResult
from app.infra.engine.ggml_devices import build_backends, find_llama_lib_dir

CommandRunner = Callable[[Sequence[str]], str | None]

GIB = 1 << 30
LLAMA_VERSION = "0.3.36"  # what pyproject pins; used in rebuild instructions

# /proc/cpuinfo words -> the names llama.cpp's system_info prints, in its order. x86 lists
# them under "flags", ARM under "Features"; kept apart because x86's "sme" is AMD's Secure
# Memory Encryption, not ARM's matrix extension.
_X86_FLAGS = {
    "pni": "SSE3", "ssse3": "SSSE3", "avx": "AVX", "avx_vnni": "AVX_VNNI", "avx2": "AVX2",
    "f16c": "F16C", "fma": "FMA", "bmi2": "BMI2", "avx512f": "AVX512F", "avx512bw": "AVX512BW",
    "avx512_vbmi": "AVX512_VBMI", "avx512_vnni": "AVX512_VNNI", "avx512_bf16": "AVX512_BF16",
    "amx_tile": "AMX", "amx_int8": "AMX_INT8", "amx_bf16": "AMX_BF16",
}  # fmt: skip
_ARM_FLAGS = {
    "asimd": "NEON", "asimdhp": "FP16_VA", "asimddp": "DOTPROD", "i8mm": "MATMUL_INT8",
    "bf16": "BF16", "sve": "SVE", "sve2": "SVE2", "sme": "SME",
}  # fmt: skip
# macOS: hw.optional.* keys set to 1, and words of machdep.cpu.features / leaf7_features.
_DARWIN_FLAGS = {
    "hw.optional.neon": "NEON", "hw.optional.AdvSIMD": "NEON", "hw.optional.neon_fp16": "FP16_VA",
    "hw.optional.arm.FEAT_FP16": "FP16_VA", "hw.optional.arm.FEAT_DotProd": "DOTPROD",
    "hw.optional.arm.FEAT_I8MM": "MATMUL_INT8", "hw.optional.arm.FEAT_BF16": "BF16",
    "hw.optional.arm.FEAT_SME": "SME", "hw.optional.avx1_0": "AVX", "hw.optional.avx2_0": "AVX2",
    "hw.optional.avx512f": "AVX512F", "hw.optional.avx512bw": "AVX512BW",
    "hw.optional.avx512vnni": "AVX512_VNNI", "AVX1.0": "AVX", "AVX2": "AVX2", "F16C": "F16C",
    "FMA": "FMA", "AVX512F": "AVX512F",
}  # fmt: skip
_FEATURE_ORDER = list(dict.fromkeys([*_X86_FLAGS.values(), *_ARM_FLAGS.values(), *_DARWIN_FLAGS.values()]))

_NATIVE_BACKEND = {"NVIDIA": "cuda", "AMD": "rocm", "Apple": "metal"}
_REBUILD_FLAGS = {
    "NVIDIA": "-DGGML_CUDA=on",
    "AMD": '-DGGML_HIP=on" (ROCm) or CMAKE_ARGS="-DGGML_VULKAN=on',
    "Apple": "-DGGML_METAL=on",
}


def _rebuild_needs(vendor: str) -> str:
    """What to install before rebuilding llama.cpp for the vendor's GPUs."""
    if vendor == "NVIDIA":
        return translate("Hardware", "the CUDA toolkit")
    if vendor == "AMD":
        return translate("Hardware", "ROCm or the Vulkan SDK")
    return translate("Hardware", "Xcode's command line tools")


@dataclass(frozen=True)
class GpuInfo:
    """One GPU as the probes saw it; sizes in bytes, None when a probe could not tell."""

    name: str
    vendor: str  # "NVIDIA" | "AMD" | "Apple"
    total: int | None
    free: int | None
    driver: str | None = None
    source: str = "unknown"  # "nvml" | "nvidia-smi" | "sysfs" | "metal"
    unified: bool = False  # shares system RAM (Apple Silicon)


@dataclass(frozen=True)
class HardwareReport:
    machine: Machine
    os: str
    cpu_name: str | None
    cpu_cores_physical: int | None
    cpu_cores_logical: int | None
    cpu_features: tuple[str, ...]
    disk_free: int | None
    disk_path: str
    gpus: tuple[GpuInfo, ...]
    build_backend: str
    build_backends: tuple[str, ...]
    build_note: str
    notes: tuple[str, ...]
    # The CPU check's verdict on llama.cpp's re-laid-out weights (app.infra.engine.cpu_check), or
    # None before the first load checked this CPU and build.
    cpu_check: CpuCheckResult | None = None


def _read(path: Path, limit: int = 1 << 20) -> str | None:
    try:
        with path.open("rb") as f:
            return f.read(limit).decode("utf-8", "replace")
    except OSError:
        return None


def _read_int(path: Path) -> int | None:
    text = _read(path, 64)
    try:
        return int(text.strip(), 0) if text else None
    except ValueError:
        return None


def _safe(notes: list[str], failed: str, fn: Callable[[], Any], default: Any) -> Any:
    """Run one probe; an unexpected failure becomes a note (``failed``, a sentence with an
    ``{error}`` placeholder), never a crash at start-up."""
    try:
        return fn()
    except Exception as e:
        notes.append(failed.format(error=f"{type(e).__name__}: {e}"))
        return default


def run_command(argv: Sequence[str]) -> str | None:
    """stdout of a short command, or None; sysctl exits non-zero on an unknown key but still
    prints the ones it knows, so the exit status is not a failure here."""
    if shutil.which(argv[0]) is None:
        return None
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout or None


def _sysctl(run: CommandRunner) -> dict[str, str]:
    keys = ["hw.memsize", "machdep.cpu.brand_string", "hw.optional", "machdep.cpu.features"]
    out = run(["sysctl", *keys, "machdep.cpu.leaf7_features"]) or ""
    return dict(
        (k.strip(), v.strip()) for k, sep, v in (line.partition(":") for line in out.splitlines()) if sep
    )


def _cpu_linux(root: Path) -> tuple[str | None, set[str]]:
    text = _read(root / "proc/cpuinfo") or ""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields.setdefault(key.strip().lower(), value.strip())
    name = fields.get("model name") or fields.get("hardware") or fields.get("cpu model")
    found = {_X86_FLAGS[w] for w in fields.get("flags", "").split() if w in _X86_FLAGS}
    found |= {_ARM_FLAGS[w] for w in fields.get("features", "").split() if w in _ARM_FLAGS}
    return name or None, found


def _cpu_darwin(info: Mapping[str, str]) -> tuple[str | None, set[str]]:
    found = {v for k, v in _DARWIN_FLAGS.items() if info.get(k) == "1"}
    words = (info.get("machdep.cpu.features", "") + " " + info.get("machdep.cpu.leaf7_features", "")).split()
    found |= {_DARWIN_FLAGS[w] for w in words if w in _DARWIN_FLAGS and not w.startswith("hw.")}
    return info.get("machdep.cpu.brand_string") or None, found


def _cgroup_limit(root: Path) -> tuple[int | None, int | None]:
    """A container's memory limit and usage (cgroup v2); psutil reports the host's RAM."""
    limit = _read_int(root / "sys/fs/cgroup/memory.max")  # "max" (no limit) reads as None
    return limit, _read_int(root / "sys/fs/cgroup/memory.current")


def _pci_vendors(root: Path) -> set[str] | None:
    """Vendor ids of the display controllers on the PCI bus (Linux); None where unreadable."""
    base = root / "sys/bus/pci/devices"
    if not base.is_dir():
        return None
    vendors = set()
    for dev in base.iterdir():
        if (_read(dev / "class", 64) or "").startswith("0x03"):
            vendors.add((_read(dev / "vendor", 64) or "").strip().lower())
    return vendors


def _nvidia_nvml(nvml: Any) -> tuple[list[GpuInfo], str | None]:
    def text(value: Any) -> str:
        return value.decode() if isinstance(value, bytes) else str(value)

    gpus = []
    try:
        nvml.nvmlInit()
    except Exception as e:  # NVMLError when the driver is missing; any failure means "unknown"
        return [], translate(
            "Hardware",
            "NVIDIA driver not found ({error}): if this computer has an NVIDIA GPU, install its driver.",
        ).format(error=e)
    try:
        driver = text(nvml.nvmlSystemGetDriverVersion())
        for i in range(nvml.nvmlDeviceGetCount()):
            handle = nvml.nvmlDeviceGetHandleByIndex(i)
            mem = nvml.nvmlDeviceGetMemoryInfo(handle)
            name = text(nvml.nvmlDeviceGetName(handle))
            gpus.append(GpuInfo(name, "NVIDIA", int(mem.total), int(mem.free), driver, "nvml"))
    except Exception as e:
        return gpus, translate(
            "Hardware", "Could not read the NVIDIA GPUs' memory through NVML ({error})."
        ).format(error=e)
    finally:
        with contextlib.suppress(Exception):
            nvml.nvmlShutdown()
    return gpus, None


def _nvidia_smi(run: CommandRunner) -> list[GpuInfo]:
    query = "--query-gpu=name,memory.total,memory.free,driver_version"
    out = run(["nvidia-smi", query, "--format=csv,noheader,nounits"]) or ""
    gpus = []
    for line in out.splitlines():
        parts = [p.strip() for p in line.split(",")]
        if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
            mib = 1 << 20  # nvidia-smi reports MiB
            gpus.append(
                GpuInfo(parts[0], "NVIDIA", int(parts[1]) * mib, int(parts[2]) * mib, parts[3], "nvidia-smi")
            )
    return gpus


def _amd_sysfs(root: Path) -> list[GpuInfo]:
    gpus = []
    drm = root / "sys/class/drm"
    cards = sorted(p for p in drm.glob("card*") if re.fullmatch(r"card\d+", p.name)) if drm.is_dir() else []
    for card in cards:
        dev = card / "device"
        if (_read(dev / "vendor", 64) or "").strip().lower() != "0x1002":
            continue
        total, used = _read_int(dev / "mem_info_vram_total"), _read_int(dev / "mem_info_vram_used")
        name = (_read(dev / "product_name", 256) or "").strip() or f"AMD GPU ({card.name})"
        driver = os.path.basename(os.readlink(dev / "driver")) if (dev / "driver").is_symlink() else None
        free = total - used if total is not None and used is not None else None
        gpus.append(GpuInfo(name, "AMD", total, free, driver, "sysfs"))
    return gpus


def _apple_gpu(info: Mapping[str, str], ram_total: int | None, ram_available: int | None) -> GpuInfo | None:
    brand = info.get("machdep.cpu.brand_string", "")
    if info.get("hw.optional.arm64") != "1" and not brand.startswith("Apple"):
        return None
    memsize = int(info["hw.memsize"]) if info.get("hw.memsize", "").isdigit() else ram_total
    # Metal's recommendedMaxWorkingSetSize needs PyObjC to ask; Apple's observed rule:
    # about 2/3 of RAM on machines up to 36 GB, 3/4 above.
    total = None if memsize is None else memsize * 2 // 3 if memsize <= 36 * GIB else memsize * 3 // 4
    free = total if total is None or ram_available is None else min(total, ram_available)
    return GpuInfo(f"{brand or 'Apple Silicon'} GPU", "Apple", total, free, None, "metal", unified=True)


def _cpu_only_note(gpu: GpuInfo) -> str:
    flags = _REBUILD_FLAGS[gpu.vendor]
    size = f" ({human_size(gpu.total)})" if gpu.total else ""
    command = (
        f'CMAKE_ARGS="{flags}" python -m pip install --force-reinstall --no-deps --no-cache-dir '
        f"llama-cpp-python=={LLAMA_VERSION}"
    )
    return translate(
        "Hardware",
        "Hearth's llama.cpp was built for the CPU only, so your {gpu}{size} is not used. To use it, install {needs} and rebuild llama-cpp-python in Hearth's environment: {command}, then restart Hearth.",
    ).format(gpu=gpu.name, size=size, needs=_rebuild_needs(gpu.vendor), command=command)


def _os_name(platform: str) -> str:
    if platform != sys.platform:  # a test describing another machine
        return platform
    if platform == "darwin" and (mac := platform_module.mac_ver()[0]):
        return f"macOS {mac}"
    return f"{platform_module.system()} {platform_module.release()}".strip() or platform


@dataclass
class _Memory:
    ram_total: int | None = None
    ram_available: int | None = None
    swap_total: int | None = None
    cores_physical: int | None = None
    cores_logical: int | None = os.cpu_count()


def _memory(ps: Any, root: Path, linux: bool, notes: list[str]) -> _Memory:
    mem = _Memory()
    if ps is None:
        try:
            ps = importlib.import_module("psutil")
        except ImportError:
            notes.append(
                translate(
                    "Hardware", "psutil is not installed, so RAM and CPU cores are unknown; reinstall Hearth."
                )
            )
            return mem
    try:
        vm = ps.virtual_memory()
        mem.ram_total, mem.ram_available = int(vm.total), int(vm.available)
        mem.swap_total = int(ps.swap_memory().total)
        mem.cores_physical, mem.cores_logical = ps.cpu_count(logical=False), ps.cpu_count(logical=True)
    except Exception as e:  # psutil raises its own errors on odd /proc layouts
        notes.append(translate("Hardware", "Could not read RAM and CPU cores ({error}).").format(error=e))
    limit, used = _cgroup_limit(root) if linux else (None, None)
    if limit is not None and (mem.ram_total is None or limit < mem.ram_total):
        mem.ram_total = limit
        if used is not None:
            mem.ram_available = max(0, min(mem.ram_available or limit, limit - used))
        notes.append(
            translate("Hardware", "Hearth runs in a container limited to {size} of RAM.").format(
                size=human_size(limit)
            )
        )
    return mem


def _disk_free(models_dir: Path, notes: list[str]) -> int | None:
    try:
        disk_dir = models_dir
        while not disk_dir.exists() and disk_dir.parent != disk_dir:
            disk_dir = disk_dir.parent  # the models folder may not exist yet; its disk does
        return shutil.disk_usage(disk_dir).free
    except OSError as e:
        notes.append(
            translate(
                "Hardware", "Could not read the free space where models are kept ({folder}): {error}."
            ).format(folder=models_dir, error=e.strerror or e)
        )
        return None


def _nvidia(nvml: Any, root: Path, linux: bool, run: CommandRunner, notes: list[str]) -> list[GpuInfo]:
    vendors = (
        _safe(
            notes,
            translate("Hardware", "Could not list the PCI devices ({error})."),
            lambda: _pci_vendors(root),
            None,
        )
        if linux
        else None
    )
    if nvml is None:
        try:
            nvml = importlib.import_module("pynvml")  # optional: the "gpu" extra (nvidia-ml-py)
        except ImportError:
            nvml = None
    gpus, nvml_note = _nvidia_nvml(nvml) if nvml else ([], None)
    gpus = gpus or _safe(
        notes, translate("Hardware", "Could not run nvidia-smi ({error})."), lambda: _nvidia_smi(run), []
    )
    # Where the PCI bus shows no NVIDIA card, a missing NVIDIA driver is no news.
    if nvml_note and (gpus or vendors is None or "0x10de" in vendors):
        notes.append(nvml_note)
    if not gpus and vendors and "0x10de" in vendors:
        gpus = [GpuInfo("NVIDIA GPU", "NVIDIA", None, None, None, "sysfs")]
        notes.append(
            translate(
                "Hardware",
                "An NVIDIA GPU is present but its memory is unknown: install its driver and nvidia-ml-py.",
            )
        )
    return gpus


def probe(
    models_dir: Path,
    *,
    root: Path = Path("/"),
    nvml: Any = None,
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    llama_lib_dir: Path | None = None,
    run_command: CommandRunner = run_command,
    psutil_module: Any = None,
    cpu_check: CpuCheckResult | None = None,
) -> HardwareReport:
    """Probe this machine, or the fake one the arguments describe (`root` for /proc and
    /sys, `run_command` for sysctl and nvidia-smi, `nvml` (False: none) and `psutil_module`
    for those modules, `llama_lib_dir` for the llama.cpp build). Never raises."""
    env = os.environ if environ is None else environ
    notes: list[str] = []
    linux, darwin = platform.startswith("linux"), platform == "darwin"
    mem = _memory(psutil_module, root, linux, notes)

    info = (
        _safe(
            notes, translate("Hardware", "Could not run sysctl ({error})."), lambda: _sysctl(run_command), {}
        )
        if darwin
        else {}
    )
    cpu_name: str | None = None
    features: set[str] = set()
    if linux:
        failed = translate("Hardware", "Could not read /proc/cpuinfo ({error}).")
        cpu_name, features = _safe(notes, failed, lambda: _cpu_linux(root), (None, set()))
    elif darwin:
        cpu_name, features = _cpu_darwin(info)
        if mem.ram_total is None and info.get("hw.memsize", "").isdigit():
            mem.ram_total = int(info["hw.memsize"])
    elif platform == "win32":
        cpu_name = env.get("PROCESSOR_IDENTIFIER") or platform_module.processor() or None
        notes.append(
            translate(
                "Hardware", "CPU instruction sets are not probed on Windows; llama.cpp picks them itself."
            )
        )

    nvidia = _nvidia(nvml, root, linux, run_command, notes)
    gpus = list(nvidia)
    if linux:
        failed = translate("Hardware", "Could not read AMD GPU memory from sysfs ({error}).")
        gpus += _safe(notes, failed, lambda: _amd_sysfs(root), [])
    if darwin and (apple := _apple_gpu(info, mem.ram_total, mem.ram_available)):
        gpus.append(apple)
        if apple.total:
            notes.append(
                translate(
                    "Hardware",
                    "The GPU may use about {size} of the unified memory: an estimate, since macOS tells only Metal programs the exact limit.",
                ).format(size=human_size(apple.total))
            )
    if platform == "win32" and not gpus:
        notes.append(
            translate("Hardware", "No NVIDIA GPU found; AMD and Intel GPUs are not detected on Windows yet.")
        )
    if nvidia and env.get("CUDA_VISIBLE_DEVICES", "x").strip() in ("", "-1"):
        notes.append(
            translate(
                "Hardware", "CUDA_VISIBLE_DEVICES hides the NVIDIA GPUs from llama.cpp; unset it to use them."
            )
        )

    lib_dir = llama_lib_dir or find_llama_lib_dir()
    backends: tuple[str, ...] = ()
    if lib_dir is None:
        build_backend, build_note = "unknown", translate("Hardware", "llama-cpp-python is not installed")
        notes.append(
            translate(
                "Hardware",
                "llama-cpp-python is not installed, so Hearth cannot run models; reinstall Hearth.",
            )
        )
    else:
        failed = translate("Hardware", "Could not inspect llama.cpp's libraries ({error}).")
        unreadable = translate("Hardware", "unreadable")
        backends, evidence = _safe(notes, failed, lambda: build_backends(lib_dir), ((), unreadable))
        build_backend = backends[0] if backends else "cpu"
        try:
            version = f"llama-cpp-python {importlib.metadata.version('llama-cpp-python')}"
        except importlib.metadata.PackageNotFoundError:
            version = "llama.cpp"
        build_note = translate("Hardware", "{version} built for {backends} ({evidence})").format(
            version=version,
            backends=", ".join(backends) or translate("Hardware", "the CPU only"),
            evidence=evidence,
        )
    if build_backend == "cpu" and gpus:
        notes.append(_cpu_only_note(max(gpus, key=lambda g: g.total or 0)))
    if "cuda" in backends and not nvidia:
        notes.append(
            translate(
                "Hardware",
                "Hearth's llama.cpp was built for CUDA but no NVIDIA GPU was found; models run on the CPU.",
            )
        )

    def device(g: GpuInfo) -> Device:
        native = _NATIVE_BACKEND[g.vendor]
        # The backend this build would drive the GPU with: its own, else Vulkan if built in.
        backend = "vulkan" if native not in backends and "vulkan" in backends else native
        return Device(g.name, backend, g.total, g.free, unified=g.unified)

    machine = Machine(
        ram_total=mem.ram_total,
        ram_available=mem.ram_available,
        swap_total=mem.swap_total,
        gpus=tuple(device(g) for g in gpus),
        build_backend="cpu" if build_backend == "unknown" else build_backend,  # plan conservatively
        cpu_cores=mem.cores_physical or mem.cores_logical,
        cpu_kernels=cpu_check.kernels() if cpu_check is not None else None,
    )
    return HardwareReport(
        machine=machine,
        os=_os_name(platform),
        cpu_name=cpu_name,
        cpu_cores_physical=mem.cores_physical,
        cpu_cores_logical=mem.cores_logical,
        cpu_features=tuple(f for f in _FEATURE_ORDER if f in features),
        disk_free=_disk_free(models_dir, notes),
        disk_path=str(models_dir),
        gpus=tuple(gpus),
        build_backend=build_backend,
        build_backends=backends,
        build_note=build_note,
        notes=tuple(notes),
        cpu_check=cpu_check,
    )


def measure_memory_bandwidth(seconds: float = 0.2) -> float:
    """System RAM copy bandwidth in bytes per second, measured by copying a 256 MB buffer
    for about `seconds` (for benchmarks; too slow for start-up). Counts read + write."""
    import numpy as np

    src = np.ones(256 << 20, dtype=np.uint8)
    dst = np.empty_like(src)
    np.copyto(dst, src)  # touch every page first so the timing excludes page faults
    copies, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds or copies == 0:
        np.copyto(dst, src)
        copies += 1
    return 2 * src.nbytes * copies / elapsed
