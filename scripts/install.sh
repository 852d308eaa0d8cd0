#!/usr/bin/env bash
# Install Hearth and its test tools into .venv, building llama-cpp-python only once.
#
# llama-cpp-python is published as source only and takes ~10 minutes to compile on two
# cores, so the wheel is built once into a wheelhouse outside the clone
# (HEARTH_WHEELHOUSE, default ~/.cache/hearth/wheelhouse) and reused by every later install,
# fresh clones and CI runs included.
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_VERSION=0.3.36
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
WHEELHOUSE=${HEARTH_WHEELHOUSE:-$HOME/.cache/hearth/wheelhouse}
# No curl inside llama.cpp (Hearth never lets the engine reach the network), no tools/examples.
export CMAKE_ARGS=${HEARTH_CMAKE_ARGS:-"-DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF"}
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}

"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), "Hearth needs Python 3.11 or newer"'

if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv with $PYTHON"
    "$PYTHON" -m venv .venv
fi

mkdir -p "$WHEELHOUSE"
if ! ls "$WHEELHOUSE"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1; then
    echo "== building llama-cpp-python $LLAMA_VERSION once into $WHEELHOUSE (about 10 minutes)"
    .venv/bin/python -m pip wheel --no-deps -w "$WHEELHOUSE" "llama-cpp-python==$LLAMA_VERSION"
fi

echo "== installing Hearth into .venv"
.venv/bin/python -m pip install -q --find-links "$WHEELHOUSE" -e ".[test]"
.venv/bin/python -c 'import llama_cpp, PySide6, app; print("installed: hearth", app.__version__, "llama-cpp-python", llama_cpp.__version__)'
touch .venv/.hearth-installed
