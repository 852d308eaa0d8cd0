"""ggml's own device list, asked through ctypes in a child process that loads llama.cpp,
as the engine child will; and the build's backends, read from the same library files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psutil

from app.infra.engine.ggml_devices import build_backends, find_llama_lib_dir

ROOT = Path(__file__).resolve().parents[2]

LIST_DEVICES = """
import json, llama_cpp
from app.infra.engine.ggml_devices import list_devices
print(json.dumps(list_devices(llama_cpp)))
"""


def ggml_devices_in_a_child() -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-c", LIST_DEVICES], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_ggml_lists_the_cpu_device_with_the_machines_ram() -> None:
    devices = ggml_devices_in_a_child()
    cpus = [d for d in devices if d["type"] == "cpu"]
    assert len(cpus) == 1, devices
    cpu = cpus[0]
    assert cpu["name"] == "CPU" and cpu["description"]
    assert cpu["total"] > 0
    # gpt-oss.md §3: on the CPU device ggml's "free" is the total RAM, not what is available,
    # which is why app.infra.hardware asks psutil for RAM instead.
    assert cpu["free"] == cpu["total"]
    assert abs(cpu["total"] - psutil.virtual_memory().total) < 64 << 20


def test_the_file_based_backend_reading_agrees_with_ggml() -> None:
    lib_dir = find_llama_lib_dir()
    assert lib_dir is not None
    backends, _evidence = build_backends(lib_dir)
    gpu_devices = [d for d in ggml_devices_in_a_child() if d["type"] in ("gpu", "igpu")]
    # A CPU-only build registers no GPU device; a GPU build registers one per visible GPU
    # (possibly none on a machine without one), so only the first direction is certain.
    if not backends:
        assert gpu_devices == []
