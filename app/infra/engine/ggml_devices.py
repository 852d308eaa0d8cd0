"""What the installed llama.cpp can compute on: its GPU backends, read from the library
files without loading them (any process), and ggml's own device list (engine child only).

Only a process that has loaded llama.cpp can ask ggml which devices it will use and how
much memory each has free (gpt-oss.md §3). The engine child calls `list_devices(llama_cpp)`
with the module it already imported; this module never imports llama_cpp itself, so the
GUI process can import it without loading libllama.

On the CPU device ggml reports "free" as the machine's total RAM, not what is available;
use psutil (app.infra.hardware) for RAM and this report for GPU memory.
"""

from __future__ import annotations

import ctypes
import importlib
import importlib.util
import os
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, TypedDict

from app.core.text import translate

# enum ggml_backend_dev_type, in the order of ggml-backend.h (llama-cpp-python 0.3.36).
_DEVICE_TYPES = ("cpu", "gpu", "igpu", "accel", "meta")


class GgmlDevice(TypedDict):
    """One entry of ggml's device registry; sizes in bytes."""

    name: str
    description: str
    type: str
    free: int
    total: int


def _ggml_libraries(llama_cpp: ModuleType) -> list[Any]:
    """The loaded libraries that may hold the ggml_backend_dev_* symbols, best first.

    The registry functions (count, get) live in libggml and the device accessors (name,
    memory) in libggml-base. dlsym on Linux and macOS searches a library's dependencies too,
    but GetProcAddress on Windows does not, so libggml-base is opened by name as well.
    """
    libs: list[Any] = []
    try:
        ggml_module = getattr(llama_cpp, "_ggml", None) or importlib.import_module(
            f"{llama_cpp.__name__}._ggml"
        )
        libs.append(ggml_module.libggml)
    except (ImportError, OSError, AttributeError):
        pass
    inner = getattr(llama_cpp, "llama_cpp", llama_cpp)
    if getattr(inner, "_lib", None) is not None:
        libs.append(inner._lib)
    lib_dir = Path(getattr(llama_cpp, "__file__", "") or ".").parent / "lib"
    names: tuple[str, ...] = ("libggml-base.so", "libggml-base.dylib")
    if sys.platform == "win32":
        names = ("ggml-base.dll", "libggml-base.dll")
    for name in names:
        if (lib_dir / name).exists():
            try:
                libs.append(ctypes.CDLL(str(lib_dir / name)))
            except OSError:
                continue
            break
    return libs


def _bind(libs: list[Any], name: str, restype: Any, argtypes: list[Any]) -> Any:
    for lib in libs:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            continue
        fn.restype, fn.argtypes = restype, argtypes
        return fn
    raise LookupError(f"llama.cpp's libraries do not export {name}")


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


def list_devices(llama_cpp: ModuleType) -> list[GgmlDevice]:
    """Every device ggml registered (CPU first on a CPU-only build), with its memory.

    Raises LookupError when the loaded llama.cpp lacks the device API (older builds); the
    caller reports "unknown" rather than guessing.
    """
    libs = _ggml_libraries(llama_cpp)
    dev_t = ctypes.c_void_p
    count = _bind(libs, "ggml_backend_dev_count", ctypes.c_size_t, [])
    get = _bind(libs, "ggml_backend_dev_get", dev_t, [ctypes.c_size_t])
    name = _bind(libs, "ggml_backend_dev_name", ctypes.c_char_p, [dev_t])
    description = _bind(libs, "ggml_backend_dev_description", ctypes.c_char_p, [dev_t])
    memory = _bind(
        libs,
        "ggml_backend_dev_memory",
        None,
        [dev_t, ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_size_t)],
    )
    dev_type = _bind(libs, "ggml_backend_dev_type", ctypes.c_int, [dev_t])

    devices: list[GgmlDevice] = []
    for i in range(count()):
        dev = get(i)
        if not dev:
            continue
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        memory(dev, ctypes.byref(free), ctypes.byref(total))
        kind = dev_type(dev)
        devices.append(
            GgmlDevice(
                name=_text(name(dev)),
                description=_text(description(dev)),
                type=_DEVICE_TYPES[kind] if 0 <= kind < len(_DEVICE_TYPES) else f"type {kind}",
                free=int(free.value),
                total=int(total.value),
            )
        )
    return devices


# Backend libraries llama-cpp-python installs next to libllama when built with
# -DGGML_<X>=on, best first; the marker strings find backends linked into libggml instead.
_BACKEND_FILES = (
    ("cuda", "ggml-cuda"), ("rocm", "ggml-hip"), ("metal", "ggml-metal"),
    ("vulkan", "ggml-vulkan"), ("sycl", "ggml-sycl"), ("opencl", "ggml-opencl"),
)  # fmt: skip
_BACKEND_MARKERS = (
    ("cuda", b"ggml_backend_cuda_reg"), ("metal", b"ggml_backend_metal_reg"),
    ("vulkan", b"ggml_backend_vk_reg"), ("sycl", b"ggml_backend_sycl_reg"),
    ("opencl", b"ggml_backend_opencl_reg"),
)  # fmt: skip
_HIP_MARKERS = (b"amdhip64", b"hipblas", b"rocblas")  # HIP builds reuse the CUDA symbol names
_SCAN_BYTES = 16 << 20  # head and tail: ELF's .dynstr sits near the start, Mach-O's near the end


def find_llama_lib_dir() -> Path | None:
    """The folder of llama-cpp-python's shared libraries, found without importing it."""
    try:
        spec = importlib.util.find_spec("llama_cpp")
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent / "lib" if spec and spec.origin else None


def _scan(path: Path) -> bytes:
    """A bounded read: a CUDA libggml can be hundreds of MB and this runs at start-up."""
    try:
        with path.open("rb") as f:
            head = f.read(_SCAN_BYTES)
            size = f.seek(0, os.SEEK_END)
            f.seek(max(len(head), size - _SCAN_BYTES))
            return head + f.read(_SCAN_BYTES)
    except OSError:
        return b""


def build_backends(lib_dir: Path) -> tuple[tuple[str, ...], str]:
    """The GPU backends of the llama.cpp build in lib_dir, best first, and the evidence
    (which files say so), without loading the libraries. () means a CPU-only build."""
    try:
        names = sorted(p.name for p in lib_dir.iterdir() if p.is_file())
    except OSError as e:
        return (), translate("Hardware", "{folder} cannot be read: {error}").format(
            folder=lib_dir, error=e.strerror
        )
    found = {backend: name for backend, stem in _BACKEND_FILES for name in names if stem in name}
    if not found:  # a static or single-library build: look inside libggml / libllama
        seen_sizes: set[int] = set()
        for lib in (n for n in names if re.match(r"(lib)?(ggml|llama)\b", n)):
            size = (lib_dir / lib).stat().st_size
            if size in seen_sizes:  # wheels ship libggml.so, .so.0 and .so.0.25.3 as copies
                continue
            seen_sizes.add(size)
            blob = _scan(lib_dir / lib)
            for backend, marker in _BACKEND_MARKERS:
                if marker in blob:
                    hip = backend == "cuda" and any(m in blob for m in _HIP_MARKERS)
                    found.setdefault("rocm" if hip else backend, lib)
    order = [backend for backend, _ in _BACKEND_FILES]
    backends = tuple(sorted(found, key=order.index))
    if not backends:
        return (), translate("Hardware", "no GPU backend library in {folder}").format(folder=lib_dir)
    files = ", ".join(found[b] for b in backends)
    return backends, translate("Hardware", "{files} in {folder}").format(files=files, folder=lib_dir)


def cpu_extra_buffer_types(llama_cpp: ModuleType) -> list[str]:
    """The names of the CPU backend's extra buffer types, in llama.cpp's priority order:
    where it can re-lay out weights for this CPU ("AMX", "CPU_REPACK", "KLEIDIAI" …).

    Engine child only (asks the loaded library). [] when the backend offers none or the
    library lacks the API.
    """
    libs = _ggml_libraries(llama_cpp)
    ptr = ctypes.c_void_p
    try:
        by_type = _bind(libs, "ggml_backend_dev_by_type", ptr, [ctypes.c_int])
        dev_reg = _bind(libs, "ggml_backend_dev_backend_reg", ptr, [ptr])
        proc = _bind(libs, "ggml_backend_reg_get_proc_address", ptr, [ptr, ctypes.c_char_p])
        buft_name = _bind(libs, "ggml_backend_buft_name", ctypes.c_char_p, [ptr])
    except LookupError:
        return []
    dev = by_type(_DEVICE_TYPES.index("cpu"))
    reg = dev_reg(dev) if dev else None
    address = proc(reg, b"ggml_backend_dev_get_extra_bufts") if reg else None
    if not address:
        return []
    get_extra = ctypes.CFUNCTYPE(ctypes.POINTER(ptr), ptr)(address)
    array = get_extra(dev)
    names: list[str] = []
    i = 0
    while array and array[i] and i < 64:
        names.append(_text(buft_name(array[i])))
        i += 1
    return names
