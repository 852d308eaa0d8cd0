"""The hardware probe: fake machines (/proc and /sys trees, NVML, sysctl, llama.cpp builds)
and a real probe of this one. Every probe degrades to a note, never an exception."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from app.infra.engine.ggml_devices import build_backends, find_llama_lib_dir
from app.infra.hardware import HardwareReport, measure_memory_bandwidth, probe

GIB = 1 << 30
ROOT = Path(__file__).resolve().parents[2]


def fake_psutil(total: int = 64 * GIB, available: int = 40 * GIB, physical: int = 8) -> Any:
    return SimpleNamespace(
        virtual_memory=lambda: SimpleNamespace(total=total, available=available),
        swap_memory=lambda: SimpleNamespace(total=2 * GIB),
        cpu_count=lambda logical=True: 2 * physical if logical else physical,
    )


def commands(outputs: dict[str, str] | None = None) -> Any:
    """A run_command that answers by program name; unknown programs are "not installed"."""

    def run(argv: Sequence[str]) -> str | None:
        return (outputs or {}).get(argv[0])

    return run


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def llama_build(tmp_path: Path, *backend_libs: str, libggml: bytes = b"\x7fELF cpu only") -> Path:
    lib = tmp_path / "llama_cpp_lib"
    write(lib / "libllama.so", b"\x7fELF libllama")
    write(lib / "libggml.so", libggml)
    write(lib / "libggml-cpu.so", b"\x7fELF cpu")
    for name in backend_libs:
        write(lib / name, b"\x7fELF backend")
    return lib


class FakeNVMLError(Exception):
    pass


class FakeNVML:
    """The part of pynvml the probe uses; `fail_at` names the call that raises."""

    def __init__(self, gpus: list[tuple[bytes, int, int]], fail_at: str | None = None) -> None:
        self.gpus, self.fail_at, self.shut_down = gpus, fail_at, False

    def _check(self, call: str) -> None:
        if call == self.fail_at:
            raise FakeNVMLError("Driver Not Loaded")

    def nvmlInit(self) -> None:
        self._check("init")

    def nvmlShutdown(self) -> None:
        self.shut_down = True

    def nvmlSystemGetDriverVersion(self) -> str:
        return "550.54.15"

    def nvmlDeviceGetCount(self) -> int:
        return len(self.gpus)

    def nvmlDeviceGetHandleByIndex(self, i: int) -> int:
        return i

    def nvmlDeviceGetName(self, handle: int) -> bytes:
        return self.gpus[handle][0]

    def nvmlDeviceGetMemoryInfo(self, handle: int) -> Any:
        self._check("memory")
        return SimpleNamespace(total=self.gpus[handle][1], free=self.gpus[handle][2], used=0)


RTX_4090 = (b"NVIDIA GeForce RTX 4090", 24 * GIB, 23 * GIB)


def linux_probe(tmp_path: Path, root: Path | None = None, **kw: Any) -> HardwareReport:
    args: dict[str, Any] = {
        "root": root or tmp_path / "root",
        "nvml": False,
        "environ": {},
        "platform": "linux",
        "llama_lib_dir": llama_build(tmp_path),
        "run_command": commands(),
        "psutil_module": fake_psutil(),
    }
    return probe(tmp_path / "models", **{**args, **kw})


def cpu_only_notes(report: HardwareReport) -> list[str]:
    return [n for n in report.notes if "built for the CPU only" in n]


def test_x86_cpuinfo_gives_name_and_llama_cpp_instruction_sets(tmp_path: Path) -> None:
    root = tmp_path / "root"
    flags = "fpu sse2 pni ssse3 fma avx f16c avx2 bmi2 avx512f avx512bw avx512_vnni avx512_bf16 amx_tile sme"
    write(root / "proc/cpuinfo", f"processor\t: 0\nmodel name\t: AMD Ryzen 9 7950X\nflags\t\t: {flags}\n")
    report = linux_probe(tmp_path, root)
    assert report.cpu_name == "AMD Ryzen 9 7950X"
    assert report.cpu_features == (
        "SSE3", "SSSE3", "AVX", "AVX2", "F16C", "FMA", "BMI2",
        "AVX512F", "AVX512BW", "AVX512_VNNI", "AVX512_BF16", "AMX",
    )  # fmt: skip
    # x86's "sme" is Secure Memory Encryption, not ARM's matrix extension.
    assert "SME" not in report.cpu_features
    assert (report.cpu_cores_physical, report.cpu_cores_logical, report.machine.cpu_cores) == (8, 16, 8)
    assert report.notes == ()


def test_arm_cpuinfo_features(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(
        root / "proc/cpuinfo",
        "processor\t: 0\nFeatures\t: fp asimd asimdhp asimddp i8mm sve\nCPU part\t: 0xd4f\n",
    )
    report = linux_probe(tmp_path, root)
    assert report.cpu_features == ("NEON", "FP16_VA", "DOTPROD", "MATMUL_INT8", "SVE")
    assert report.cpu_name is None


def amd_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    card = root / "sys/class/drm/card1/device"
    write(card / "vendor", "0x1002\n")
    write(card / "mem_info_vram_total", f"{16 * GIB}\n")
    write(card / "mem_info_vram_used", f"{1 * GIB}\n")
    write(card / "product_name", "Radeon RX 7800 XT\n")
    (card / "driver").symlink_to(tmp_path / "bus/pci/drivers/amdgpu")
    write(root / "sys/class/drm/card0/device/vendor", "0x8086\n")  # an Intel iGPU: not probed
    (root / "sys/class/drm/card1-DP-1").mkdir()  # a connector, not a card
    return root


def test_amd_gpu_from_sysfs_and_the_cpu_only_build_note(tmp_path: Path) -> None:
    report = linux_probe(tmp_path, amd_root(tmp_path))
    (gpu,) = report.gpus
    assert (gpu.name, gpu.vendor, gpu.total, gpu.free) == ("Radeon RX 7800 XT", "AMD", 16 * GIB, 15 * GIB)
    assert (gpu.driver, gpu.source) == ("amdgpu", "sysfs")
    assert report.machine.gpus[0].backend == "rocm"
    (note,) = cpu_only_notes(report)
    assert "Radeon RX 7800 XT (17.2 GB) is not used" in note
    assert "-DGGML_HIP=on" in note and "-DGGML_VULKAN=on" in note


def test_amd_gpu_with_a_vulkan_build(tmp_path: Path) -> None:
    lib = llama_build(tmp_path, "libggml-vulkan.so")
    report = linux_probe(tmp_path, amd_root(tmp_path), llama_lib_dir=lib)
    assert report.build_backend == "vulkan" and report.machine.build_backend == "vulkan"
    assert report.machine.gpus[0].backend == "vulkan"
    assert report.notes == ()


def test_nvidia_through_nvml_on_a_cpu_only_build(tmp_path: Path) -> None:
    nvml = FakeNVML([RTX_4090])
    report = linux_probe(tmp_path, nvml=nvml)
    (gpu,) = report.gpus
    assert (gpu.name, gpu.total, gpu.free, gpu.driver, gpu.source) == (
        "NVIDIA GeForce RTX 4090", 24 * GIB, 23 * GIB, "550.54.15", "nvml",
    )  # fmt: skip
    assert nvml.shut_down
    (note,) = report.notes
    assert note.startswith(
        "Hearth's llama.cpp was built for the CPU only, so your NVIDIA GeForce RTX 4090 (25.8 GB) is not used."
    )
    assert 'CMAKE_ARGS="-DGGML_CUDA=on"' in note and "llama-cpp-python==0.3.36" in note


def test_nvidia_with_a_cuda_build(tmp_path: Path) -> None:
    lib = llama_build(tmp_path, "libggml-cuda.so")
    report = linux_probe(tmp_path, nvml=FakeNVML([RTX_4090]), llama_lib_dir=lib)
    assert report.build_backend == "cuda" and report.build_backends == ("cuda",)
    assert "libggml-cuda.so" in report.build_note
    assert report.machine.gpus[0] == report.machine.gpus[0].__class__(
        "NVIDIA GeForce RTX 4090", "cuda", 24 * GIB, 23 * GIB
    )
    assert report.notes == ()


def test_cuda_visible_devices_hiding_the_gpus_is_said(tmp_path: Path) -> None:
    lib = llama_build(tmp_path, "libggml-cuda.so")
    report = linux_probe(
        tmp_path, nvml=FakeNVML([RTX_4090]), llama_lib_dir=lib, environ={"CUDA_VISIBLE_DEVICES": ""}
    )
    assert any("CUDA_VISIBLE_DEVICES" in n for n in report.notes)


def nvidia_on_pci(root: Path) -> Path:
    write(root / "sys/bus/pci/devices/0000:01:00.0/class", "0x030000\n")
    write(root / "sys/bus/pci/devices/0000:01:00.0/vendor", "0x10de\n")
    return root


def test_failing_nvml_with_an_nvidia_card_says_the_driver_is_missing(tmp_path: Path) -> None:
    root = nvidia_on_pci(tmp_path / "root")
    report = linux_probe(tmp_path, root, nvml=FakeNVML([RTX_4090], fail_at="init"))
    assert any(n.startswith("NVIDIA driver not found (Driver Not Loaded)") for n in report.notes)
    (gpu,) = report.gpus  # known to exist, memory unknown
    assert (gpu.vendor, gpu.total, gpu.source) == ("NVIDIA", None, "sysfs")


def test_failing_nvml_without_an_nvidia_card_is_silent(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "sys/bus/pci/devices/0000:00:02.0/class", "0x030000\n")
    write(root / "sys/bus/pci/devices/0000:00:02.0/vendor", "0x8086\n")
    report = linux_probe(tmp_path, root, nvml=FakeNVML([RTX_4090], fail_at="init"))
    assert report.gpus == () and report.notes == ()


def test_nvml_failing_halfway_shuts_down_and_notes(tmp_path: Path) -> None:
    nvml = FakeNVML([RTX_4090], fail_at="memory")
    report = linux_probe(tmp_path, nvidia_on_pci(tmp_path / "root"), nvml=nvml)
    assert nvml.shut_down
    assert any("through NVML (Driver Not Loaded)" in n for n in report.notes)


def test_nvidia_smi_when_nvml_is_not_installed(tmp_path: Path) -> None:
    smi = "NVIDIA H100 80GB HBM3, 81559, 80000, 570.86.15\n"
    report = linux_probe(tmp_path, run_command=commands({"nvidia-smi": smi}))
    (gpu,) = report.gpus
    assert (gpu.name, gpu.total, gpu.free, gpu.source) == (
        "NVIDIA H100 80GB HBM3",
        81559 << 20,
        80000 << 20,
        "nvidia-smi",
    )


SYSCTL_M2_MAX = """hw.memsize: 68719476736
machdep.cpu.brand_string: Apple M2 Max
hw.optional.arm64: 1
hw.optional.AdvSIMD: 1
hw.optional.arm.FEAT_FP16: 1
hw.optional.arm.FEAT_DotProd: 1
hw.optional.arm.FEAT_I8MM: 1
hw.optional.arm.FEAT_BF16: 0
"""


def mac_probe(tmp_path: Path, sysctl: str, **kw: Any) -> HardwareReport:
    args: dict[str, Any] = {"platform": "darwin", "run_command": commands({"sysctl": sysctl})}
    return linux_probe(tmp_path, **{**args, **kw})


def test_apple_silicon_unified_memory_estimate(tmp_path: Path) -> None:
    lib = llama_build(tmp_path, "libggml-metal.dylib")
    report = mac_probe(tmp_path, SYSCTL_M2_MAX, llama_lib_dir=lib)
    assert report.cpu_name == "Apple M2 Max"
    assert report.cpu_features == ("NEON", "FP16_VA", "DOTPROD", "MATMUL_INT8")
    (gpu,) = report.gpus
    # 64 GB is above 36 GB: about 3/4 of it; free is bounded by the RAM available (40 GiB).
    assert (gpu.name, gpu.total, gpu.free, gpu.unified, gpu.source) == (
        "Apple M2 Max GPU", 48 * GIB, 40 * GIB, True, "metal",
    )  # fmt: skip
    device = report.machine.gpus[0]
    assert (device.backend, device.unified) == ("metal", True)
    (note,) = report.notes
    assert "an estimate" in note and "51.5 GB" in note


def test_small_mac_gets_two_thirds_and_ram_from_sysctl_without_psutil(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psutil", None)  # "not installed"
    sysctl = SYSCTL_M2_MAX.replace("68719476736", str(18 * GIB))
    report = mac_probe(tmp_path, sysctl, psutil_module=None)
    assert report.machine.ram_total == 18 * GIB
    assert report.gpus[0].total == 12 * GIB
    assert any(n.startswith("psutil is not installed") for n in report.notes)
    assert any("built for the CPU only" in n and "-DGGML_METAL=on" in n for n in report.notes)


def test_intel_mac(tmp_path: Path) -> None:
    sysctl = (
        "hw.memsize: 17179869184\nmachdep.cpu.brand_string: Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz\n"
        "hw.optional.avx1_0: 1\nhw.optional.avx2_0: 1\nmachdep.cpu.features: FPU SSE3 AVX1.0 F16C FMA\n"
        "machdep.cpu.leaf7_features: BMI1 AVX2 BMI2\n"
    )
    report = mac_probe(tmp_path, sysctl)
    assert report.cpu_features == ("AVX", "AVX2", "F16C", "FMA")
    assert report.gpus == () and report.notes == ()


def test_windows(tmp_path: Path) -> None:
    env = {"PROCESSOR_IDENTIFIER": "Intel64 Family 6 Model 183 Stepping 1, GenuineIntel"}
    report = linux_probe(tmp_path, platform="win32", environ=env)
    assert report.cpu_name == env["PROCESSOR_IDENTIFIER"]
    assert report.cpu_features == ()
    assert any("not probed on Windows" in n for n in report.notes)
    assert any("AMD and Intel GPUs are not detected on Windows" in n for n in report.notes)


def test_container_memory_limit(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "sys/fs/cgroup/memory.max", f"{8 * GIB}\n")
    write(root / "sys/fs/cgroup/memory.current", f"{2 * GIB}\n")
    report = linux_probe(tmp_path, root)
    assert (report.machine.ram_total, report.machine.ram_available) == (8 * GIB, 6 * GIB)
    assert report.notes == ("Hearth runs in a container limited to 8.6 GB of RAM.",)
    write(root / "sys/fs/cgroup/memory.max", "max\n")
    assert linux_probe(tmp_path, root).machine.ram_total == 64 * GIB


@pytest.mark.parametrize(
    ("libggml", "expected"),
    [
        (b"\x7fELF ... ggml_backend_cuda_reg ... libcudart.so.12", ("cuda",)),
        (b"\x7fELF ... ggml_backend_cuda_reg ... libamdhip64.so.6", ("rocm",)),
        (b"\x7fELF ... ggml_backend_vk_reg ... ggml_backend_metal_reg", ("metal", "vulkan")),
        (b"\x7fELF cpu only", ()),
    ],
)
def test_backends_linked_into_libggml_are_found(tmp_path: Path, libggml: bytes, expected: tuple) -> None:
    backends, evidence = build_backends(llama_build(tmp_path, libggml=libggml))
    assert backends == expected
    assert ("libggml.so in" in evidence) == bool(expected)


def test_cuda_build_without_an_nvidia_gpu(tmp_path: Path) -> None:
    report = linux_probe(tmp_path, llama_lib_dir=llama_build(tmp_path, "ggml-cuda.dll"))
    assert report.notes == (
        "Hearth's llama.cpp was built for CUDA but no NVIDIA GPU was found; models run on the CPU.",
    )


class BrokenPsutil:
    def __getattr__(self, name: str) -> Any:
        raise PermissionError("/proc is not mounted")


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32", "freebsd14"])
def test_nothing_raises_when_everything_is_missing(tmp_path: Path, platform: str) -> None:
    report = probe(
        tmp_path / "no" / "such" / "models",
        root=tmp_path / "empty",
        nvml=FakeNVML([], fail_at="init"),
        environ={},
        platform=platform,
        llama_lib_dir=tmp_path / "no-llama",
        run_command=commands(),
        psutil_module=BrokenPsutil(),
    )
    assert report.machine.ram_total is None and report.machine.build_backend == "cpu"
    assert report.build_backends == () and "cannot be read" in report.build_note
    assert report.disk_free is not None  # the nearest existing folder's disk
    assert any("Could not read RAM" in n for n in report.notes)


def test_real_probe_of_this_machine(tmp_path: Path) -> None:
    report = probe(tmp_path)
    assert report.machine.ram_total and report.machine.ram_total > 0
    assert report.machine.ram_available and report.machine.ram_available > 0
    assert report.cpu_cores_logical and report.cpu_cores_logical > 0
    assert report.machine.cpu_cores and report.machine.cpu_cores > 0
    assert report.disk_free and report.disk_free > 0
    lib_dir = find_llama_lib_dir()
    assert lib_dir is not None and (lib_dir.glob("*llama*"))
    gpu_libs = [p for p in lib_dir.iterdir() if any(b in p.name for b in ("cuda", "hip", "metal", "vulkan"))]
    if not gpu_libs:  # this project's default build (scripts/install.sh)
        assert report.build_backend == "cpu" and report.machine.build_backend == "cpu"
        assert "built for the CPU only" in report.build_note
    # The CPU-only advice appears exactly when there is a GPU it leaves idle.
    assert bool(cpu_only_notes(report)) == (report.build_backend == "cpu" and bool(report.gpus))
    assert all(n.strip() for n in report.notes)


def test_probing_does_not_load_llama_cpp() -> None:
    code = (
        "import sys; from pathlib import Path; from app.infra.hardware import probe;"
        "probe(Path('.')); print('llama_cpp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_memory_bandwidth_measure() -> None:
    bandwidth = measure_memory_bandwidth(seconds=0.01)
    assert 1e8 < bandwidth < 1e14  # bytes per second: between 0.1 GB/s and 100 TB/s
