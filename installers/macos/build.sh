#!/usr/bin/env bash
# Build Hearth.app for Apple silicon (arm64, Metal) with PyInstaller.
#
# CANNOT RUN HERE (Linux): needs macOS 11+ on an arm64 Mac, the Xcode command line tools
# (clang, for llama.cpp) and a python.org or Homebrew Python 3.11+.
#
#   installers/macos/build.sh            ->  dist/Hearth.app
#
# Then: sign_and_notarize.sh dist/Hearth.app, make_dmg.sh, sign_and_notarize.sh the .dmg
# (see installers/README.md).
#
# The spec (installers/hearth.spec) must have its darwin BUNDLE section: PyInstaller makes the
# .app only from BUNDLE(...). It has name="Hearth.app", bundle_identifier="org.hearth.Hearth",
# icon resources/icons/hearth.icns (copied to Contents/Resources/hearth.icns) and an info_plist
# with CFBundleShortVersionString = app.__version__ and LSMinimumSystemVersion 12.0.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

[[ "$(uname -s)" == Darwin ]] || { echo "build.sh: macOS only" >&2; exit 2; }
[[ "$(uname -m)" == arm64 ]] || { echo "build.sh: build on Apple silicon (arm64)" >&2; exit 2; }

python="${PYTHON:-python3.11}"
venv="build/venv-macos"
# The same minimum as the spec's LSMinimumSystemVersion, so that no compiled library needs a
# newer macOS than the app claims (PySide6's own Qt may need a newer one: check its notes).
export MACOSX_DEPLOYMENT_TARGET=12.0

# A fresh venv: the bundle contains exactly what is installed here, nothing from a dev setup.
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --upgrade pip

# llama.cpp with Metal for arm64, and without -mcpu=native (installers/gpu/build_wheel.sh
# passes -DGGML_METAL=on -DGGML_NATIVE=OFF -DLLAMA_CURL=OFF -DCMAKE_OSX_ARCHITECTURES=arm64).
PYTHON="$venv/bin/python" installers/gpu/build_wheel.sh metal
"$venv/bin/python" -m pip install dist/wheels/metal/llama_cpp_python-*.whl
# Hearth itself and PyInstaller; pip keeps the llama-cpp-python installed above (same version).
"$venv/bin/python" -m pip install . pyinstaller

rm -rf build/hearth dist/Hearth.app dist/hearth
"$venv/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  installers/hearth.spec

app="dist/Hearth.app"
[[ -d "$app" ]] || { echo "build.sh: no $app: does installers/hearth.spec have the darwin BUNDLE step?" >&2; exit 1; }

# The smoke test every artifact passes (offscreen, so it needs no logged-in display session).
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/hearth" --self-test
echo "built $app"
