"""The Windows, macOS and GPU-wheel build scripts in installers/: they run only on their own
platforms, so here they are syntax-checked, and the NSIS script is compiled with Debian's
makensis (package `nsis`) against a stand-in bundle (installers/windows/check_nsis.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"
SCRIPTS = sorted(p for d in ("windows", "macos", "gpu") for p in (INSTALLERS / d).glob("*.sh"))


def test_the_scripts_are_there() -> None:
    names = {p.relative_to(INSTALLERS).as_posix() for p in SCRIPTS}
    assert names == {
        "windows/check_nsis.sh",
        "macos/build.sh",
        "macos/make_dmg.sh",
        "macos/sign_and_notarize.sh",
        "gpu/build_wheel.sh",
    }


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(INSTALLERS).as_posix())
def test_shell_script_parses_and_is_strict(script: Path) -> None:
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in text
    assert os.access(script, os.X_OK), f"{script} is not executable"


def test_every_wheel_build_is_portable() -> None:
    """No build that goes into a bundle may compile llama.cpp for the build machine's CPU."""
    for script in (INSTALLERS / "gpu" / "build_wheel.sh", INSTALLERS / "windows" / "build.ps1"):
        text = script.read_text(encoding="utf-8")
        assert "-DGGML_NATIVE=OFF -DLLAMA_CURL=OFF" in text, script


def test_build_wheel_rejects_an_unknown_backend() -> None:
    result = subprocess.run(
        ["bash", str(INSTALLERS / "gpu" / "build_wheel.sh"), "opengl"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "usage: build_wheel.sh <cpu|cuda|vulkan|metal|rocm>" in result.stderr


def fake_wheel(path: Path, *libs: str) -> Path:
    with zipfile.ZipFile(path, "w") as whl:
        for name in libs:
            whl.writestr(f"llama_cpp/lib/{name}", b"\x7fELF stand-in")
    return path


@pytest.mark.parametrize(
    ("libs", "backend", "code"),
    [
        (("libllama.so", "libggml.so", "libggml-cpu.so"), "cpu", 0),
        (("libllama.so", "libggml.so", "libggml-cuda.so"), "cuda", 0),
        (("libllama.so", "libggml.so", "libggml-cuda.so"), "cpu", 1),
        (("libllama.so", "libggml.so", "libggml-vulkan.so"), "cuda", 1),
        (("libllama.so", "libggml-hip.so"), "rocm", 0),
    ],
)
def test_build_wheel_check_finds_the_backend_as_hearth_does(
    tmp_path: Path, libs: tuple[str, ...], backend: str, code: int
) -> None:
    """`build_wheel.sh --check` reads the wheel's libraries with app.infra.engine.ggml_devices, the
    code behind the "llama.cpp build" line of the model manager's "This computer" tab."""
    wheel = fake_wheel(tmp_path / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl", *libs)
    result = subprocess.run(
        ["bash", str(INSTALLERS / "gpu" / "build_wheel.sh"), "--check", backend, str(wheel)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == code, result.stdout + result.stderr


def test_entitlements_plist_is_well_formed_and_minimal() -> None:
    root = ET.parse(INSTALLERS / "macos" / "entitlements.plist").getroot()
    assert root.tag == "plist"
    (entries,) = list(root)
    assert entries.tag == "dict"
    children = list(entries)
    keys = [k.text for k in children[0::2]]
    assert all(k.tag == "key" for k in children[0::2])
    assert all(v.tag == "true" for v in children[1::2])
    assert keys == ["com.apple.security.cs.allow-unsigned-executable-memory"]


def test_dmg_settings_put_the_app_next_to_applications() -> None:
    path = INSTALLERS / "macos" / "dmg_settings.py"
    namespace: dict = {"defines": {"app": "/build/dist/Hearth.app"}}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    assert namespace["files"] == ["/build/dist/Hearth.app"]
    assert namespace["symlinks"] == {"Applications": "/Applications"}
    assert set(namespace["icon_locations"]) == {"Hearth.app", "Applications"}


def test_nsis_script_compiles_to_a_windows_installer(tmp_path: Path) -> None:
    if shutil.which("makensis") is None:
        pytest.skip("makensis is not installed (Debian package nsis)")
    out = tmp_path / "hearth-check.exe"
    result = subprocess.run(
        ["bash", str(INSTALLERS / "windows" / "check_nsis.sh"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = out.read_bytes()
    assert data[:2] == b"MZ"
    assert b"Nullsoft" in data  # the NSIS stub's manifest
