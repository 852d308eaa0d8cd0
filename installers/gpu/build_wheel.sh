#!/usr/bin/env bash
# Build the llama-cpp-python wheel that goes into a Hearth bundle, for one llama.cpp backend.
#
#   installers/gpu/build_wheel.sh <cpu|cuda|vulkan|metal|rocm>   ->  dist/wheels/<backend>/*.whl
#   installers/gpu/build_wheel.sh --check <backend> <wheel>       checks a wheel built elsewhere
#
# PyPI has only llama-cpp-python's source: pip compiles it, and by default for the build
# machine's own CPU (-march=native) and, for CUDA, its own GPU. A bundle must run on other
# computers, so every build here passes -DGGML_NATIVE=OFF (ggml's CPU code is compiled for a
# fixed baseline instead: on x86-64 AVX2+FMA+F16C, with AVX-512 turned off as
# installers/linux/build.sh does, so one build runs on every x86-64 CPU since 2013) and
# -DLLAMA_CURL=OFF (Hearth downloads models itself; no libcurl dependency).
#
# Environment:
#   PYTHON             the interpreter that builds (and later bundles): default .venv/bin/python
#   CUDA_ARCHITECTURES CMAKE_CUDA_ARCHITECTURES for cuda, e.g. "75-real;80-real;86-real;89-real;90"
#                      (default: llama.cpp's own list, which covers common GPUs; never "native")
#   ROCM_TARGETS       AMDGPU_TARGETS for rocm, e.g. "gfx1030;gfx1100;gfx1101"
#   EXTRA_CMAKE_ARGS   appended to CMAKE_ARGS as is
# See installers/gpu/README.md for the toolchains each backend needs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
caller="$PWD"  # a relative wheel path given to --check is relative to where it was run
cd "$root"

die() { echo "build_wheel.sh: $*" >&2; exit 2; }    # a usage or setup error
fail() { echo "build_wheel.sh: $*" >&2; exit 1; }   # the wheel is not what was asked for

python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  if [[ -x .venv/bin/python ]]; then python=.venv/bin/python; else python=python3; fi
fi

# Prove that a wheel holds the backend asked for, with the check Hearth's "This computer" tab
# uses (app/infra/engine/ggml_devices.py: build_backends reads the library files and loads nothing).
check_wheel() {
  local backend="$1" wheel="$2" unpacked found
  unpacked="$(mktemp -d)"
  "$python" -m zipfile -e "$wheel" "$unpacked"
  found="$("$python" -c 'import sys; from pathlib import Path
from app.infra.engine.ggml_devices import build_backends
print(" ".join(build_backends(Path(sys.argv[1]))[0]))' "$unpacked/llama_cpp/lib")"
  rm -rf "$unpacked"
  echo "GPU backends in $wheel: ${found:-none (CPU only)}"
  if [[ "$backend" == cpu && "$(uname -s)" == Darwin ]]; then
    :  # llama-cpp-python turns Metal on by itself on Apple silicon: a macOS "cpu" wheel has it
  elif [[ "$backend" == cpu ]]; then
    [[ -z "$found" ]] || fail "a cpu wheel with GPU backends ($found): is CMAKE_ARGS set in the environment?"
  else
    [[ " $found " == *" $backend "* ]] || fail "the $backend wheel has no $backend backend"
  fi
}

usage="usage: build_wheel.sh <cpu|cuda|vulkan|metal|rocm>  |  build_wheel.sh --check <backend> <wheel>"
if [[ "${1:-}" == --check ]]; then
  [[ $# -eq 3 ]] || die "$usage"
  wheel="$3"
  [[ "$wheel" == /* ]] || wheel="$caller/$wheel"
  [[ -f "$wheel" ]] || die "no wheel $3"
  check_wheel "$2" "$wheel"
  exit 0
fi
backend="${1:-}"

# The version Hearth pins is the one place that decides which llama.cpp is bundled.
version="$(sed -n 's/^ *"llama-cpp-python==\([^"]*\)".*/\1/p' pyproject.toml)"
[[ -n "$version" ]] || die "no llama-cpp-python==<version> pin in pyproject.toml"

cmake_args="-DGGML_NATIVE=OFF -DLLAMA_CURL=OFF"
# Only the library: llama.cpp's tests, examples, tools and server are not bundled.
cmake_args+=" -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF"
case "$(uname -m)" in
  x86_64 | amd64) cmake_args+=" -DGGML_AVX512=OFF" ;;
esac
case "$backend" in
  cpu) ;;
  cuda)
    # Needs the CUDA toolkit (nvcc) at build time; the bundle then needs only the NVIDIA
    # driver plus the CUDA runtime libraries (cudart, cublas), which the spec must collect.
    cmake_args+=" -DGGML_CUDA=on"
    if [[ -n "${CUDA_ARCHITECTURES:-}" ]]; then
      cmake_args+=" -DCMAKE_CUDA_ARCHITECTURES=${CUDA_ARCHITECTURES}"
    fi
    ;;
  vulkan)
    # Needs the Vulkan headers and loader (Debian: libvulkan-dev) and glslc (Debian: glslc)
    # to compile the shaders; at run time only the system's Vulkan loader and GPU driver.
    cmake_args+=" -DGGML_VULKAN=on"
    ;;
  metal)
    [[ "$(uname -s)" == Darwin ]] || die "metal builds only on macOS"
    # Apple silicon only; the Metal shader library is embedded in the dylib (llama.cpp's
    # default GGML_METAL_EMBED_LIBRARY), so no .metal file has to be bundled next to it.
    cmake_args+=" -DGGML_METAL=on -DCMAKE_OSX_ARCHITECTURES=arm64"
    export MACOSX_DEPLOYMENT_TARGET="${MACOSX_DEPLOYMENT_TARGET:-12.0}"  # = the spec's LSMinimumSystemVersion
    ;;
  rocm)
    # Needs ROCm (hipcc/clang, hipBLAS, rocBLAS); HIP is compiled by ROCm's clang.
    cmake_args+=" -DGGML_HIP=on"
    if [[ -n "${ROCM_TARGETS:-}" ]]; then
      cmake_args+=" -DAMDGPU_TARGETS=${ROCM_TARGETS}"
    fi
    if [[ -z "${CC:-}" && -x /opt/rocm/llvm/bin/clang ]]; then
      export CC=/opt/rocm/llvm/bin/clang CXX=/opt/rocm/llvm/bin/clang++
    fi
    ;;
  *) die "$usage" ;;
esac
if [[ -n "${EXTRA_CMAKE_ARGS:-}" ]]; then
  cmake_args+=" ${EXTRA_CMAKE_ARGS}"
fi

out="dist/wheels/$backend"
mkdir -p "$out"
# Every backend's wheel has the same file name, hence one folder per backend. A stale wheel
# in it would be picked up by the bundle build, so start empty.
rm -f "$out"/llama_cpp_python-*.whl

echo "llama-cpp-python $version, backend $backend: CMAKE_ARGS=$cmake_args"
# --no-binary: compile even if some index offers a prebuilt wheel (it would be built for
# someone else's CPU flags and backend). --no-cache-dir: pip must not reuse a wheel it
# built earlier with other CMAKE_ARGS, which it would do since the version is the same.
CMAKE_ARGS="$cmake_args" FORCE_CMAKE=1 "$python" -m pip wheel \
  --no-deps --no-binary llama-cpp-python --no-cache-dir \
  --wheel-dir "$out" "llama-cpp-python==$version"

wheel="$(ls "$out"/llama_cpp_python-*.whl)"
check_wheel "$backend" "$wheel"
