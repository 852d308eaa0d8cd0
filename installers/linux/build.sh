#!/usr/bin/env bash
# Build Hearth's Linux artifacts from a clean clone, offline after the first run:
#
#   dist/hearth/                                the frozen one-folder app (PyInstaller)
#   dist/hearth-<version>-linux-x86_64.tar.gz   that folder + install.sh/uninstall.sh (per user)
#   dist/hearth_<version>_amd64.deb             /opt/hearth, desktop entry and icons system-wide
#
# Steps: (1) a portable llama-cpp-python wheel, built once into HEARTH_WHEELHOUSE_PORTABLE
# (default ~/.cache/hearth/wheelhouse-portable; ~10 minutes on two cores); (2) a clean build
# venv under build/; (3) PyInstaller with installers/hearth.spec; (4) the .tar.gz; (5) the .deb;
# (6) sizes and timings. Smoke-test the result with installers/linux/smoke.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

LLAMA_VERSION=0.3.36
PYINSTALLER_VERSION=6.22.3
HOOKS_CONTRIB_VERSION=2026.9
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
WHEELHOUSE=${HEARTH_WHEELHOUSE_PORTABLE:-$HOME/.cache/hearth/wheelhouse-portable}
BUILD=$ROOT/build
DIST=$ROOT/dist
VENV=$BUILD/venv
# Portable: no -march=native. ggml's x86 baseline with GGML_NATIVE=OFF is AVX2+FMA+F16C+BMI2
# (Haswell, 2013, and every x86-64 CPU since; AVX-512 is left off so that one build runs on all
# of them). GGML_BACKEND_DL/GGML_CPU_ALL_VARIANTS is not used: llama-cpp-python 0.3.36 never
# calls ggml_backend_load_all_from_path, so the CPU backend would not be found (see report).
PORTABLE_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF"
# The system libraries Qt's xcb platform plugin needs on a real display (PyInstaller does not
# bundle them; docs/packaging.md). Debian 12/13 and Ubuntu 22.04+ names.
DEB_DEPENDS="libstdc++6, libgcc-s1, libgomp1, libfontconfig1, libfreetype6, libdbus-1-3, \
libglib2.0-0t64 | libglib2.0-0, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, \
libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, \
libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, libegl1, libgl1, libopengl0"

t_all=$(date +%s)
step() { echo; echo "== $*"; }
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), "Hearth needs Python 3.11 or newer"'
for tool in dpkg-deb tar; do
    command -v "$tool" >/dev/null || { echo "build.sh needs $tool (apt-get install dpkg tar)" >&2; exit 1; }
done

# -- (1) the portable llama-cpp-python wheel, once -------------------------------------------
mkdir -p "$WHEELHOUSE"
t=$(date +%s)
if ! ls "$WHEELHOUSE"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1 \
    || [ "$(cat "$WHEELHOUSE/CMAKE_ARGS" 2>/dev/null)" != "$PORTABLE_CMAKE_ARGS" ]; then
    step "building a portable llama-cpp-python $LLAMA_VERSION into $WHEELHOUSE (about 10 minutes, once)"
    rm -f "$WHEELHOUSE"/llama_cpp_python-*.whl "$WHEELHOUSE/CMAKE_ARGS"
    [ -x "$BUILD/wheel-venv/bin/python" ] || "$PYTHON" -m venv "$BUILD/wheel-venv"
    CMAKE_ARGS="$PORTABLE_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)} \
        "$BUILD/wheel-venv/bin/python" -m pip wheel --no-deps --no-cache-dir -w "$WHEELHOUSE" \
        "llama-cpp-python==$LLAMA_VERSION"
    echo "$PORTABLE_CMAKE_ARGS" >"$WHEELHOUSE/CMAKE_ARGS"
fi
WHEELS=("$WHEELHOUSE"/llama_cpp_python-"$LLAMA_VERSION"-*.whl)
WHEEL=${WHEELS[0]}
t_wheel=$(( $(date +%s) - t ))

# -- (2) a clean build venv: Hearth (not editable), the portable wheel, PyInstaller -----------
step "build venv in $VENV"
t=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
# Hearth from a copy of its sources: setuptools builds in place, and would leave build/lib and
# egg-info behind in the checkout.
rm -rf "$BUILD/src"
mkdir -p "$BUILD/src"
cp -a app pyproject.toml README.md "$BUILD/src/"
find "$BUILD/src" -name __pycache__ -prune -exec rm -rf {} +
# --only-binary: never compile llama-cpp-python here (that would be a -march=native build).
"$VENV/bin/python" -m pip install -q --find-links "$WHEELHOUSE" --only-binary llama-cpp-python \
    "$WHEEL" "$BUILD/src" "pyinstaller==$PYINSTALLER_VERSION" "pyinstaller-hooks-contrib==$HOOKS_CONTRIB_VERSION"
VERSION=$("$VENV/bin/python" -c 'import app; print(app.__version__)')
# The wheel must load, and say which CPU features its ggml CPU backend was compiled for.
"$VENV/bin/python" - <<'PY'
import llama_cpp
import llama_cpp.llama_cpp as C
info = C.llama_print_system_info().decode()
print("llama-cpp-python", llama_cpp.__version__, "from", C._lib._name)
print("ggml:", info.strip())
assert "AVX512 = 1" not in info, "not a portable build: AVX-512 compiled in"
assert "AMX_INT8 = 1" not in info, "not a portable build: AMX compiled in (installers/README.md says why not)"
PY
t_venv=$(( $(date +%s) - t ))

# -- (3) PyInstaller --------------------------------------------------------------------------
step "PyInstaller (installers/hearth.spec) -> dist/hearth"
t=$(date +%s)
rm -rf "$DIST/hearth"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" installers/hearth.spec
BUNDLE=$DIST/hearth
INTERNAL=$BUNDLE/_internal
# ctypes opens lib<name>.so and the dynamic linker the SONAME lib<name>.so.0: one file, two
# names (wheels cannot hold symlinks, so the package had full copies).
for so in "$INTERNAL"/llama_cpp/lib/lib*.so; do
    if [ -f "$so.0" ] && cmp -s "$so" "$so.0"; then
        ln -sf "$(basename "$so").0" "$so"
    fi
done
[ -x "$BUNDLE/hearth" ] || { echo "no executable in $BUNDLE" >&2; exit 1; }
t_freeze=$(( $(date +%s) - t ))

# -- (4) the .tar.gz with a per-user install script -------------------------------------------
step "dist/hearth-$VERSION-linux-x86_64.tar.gz"
t=$(date +%s)
NAME=hearth-$VERSION-linux-x86_64
STAGE=$BUILD/tar/$NAME
rm -rf "$BUILD/tar"
mkdir -p "$STAGE"
cp -a "$BUNDLE" "$STAGE/hearth"
install -m 0755 installers/linux/install.sh installers/linux/uninstall.sh "$STAGE/"
TARBALL=$DIST/$NAME.tar.gz
tar -C "$BUILD/tar" --owner=0 --group=0 --numeric-owner -czf "$TARBALL" "$NAME"
t_tar=$(( $(date +%s) - t ))

# -- (5) the .deb -----------------------------------------------------------------------------
step "dist/hearth_${VERSION}_amd64.deb"
t=$(date +%s)
PKG=$BUILD/deb/root
rm -rf "$BUILD/deb"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/metainfo"
cp -a "$BUNDLE" "$PKG/opt/hearth"
ln -s /opt/hearth/hearth "$PKG/usr/bin/hearth"
sed 's|^Exec=.*|Exec=/opt/hearth/hearth %f|' resources/org.hearth.Hearth.desktop \
    >"$PKG/usr/share/applications/org.hearth.Hearth.desktop"
ICONS=resources/icons/hicolor
if [ -d "$ICONS" ]; then
    for png in "$ICONS"/*/apps/org.hearth.Hearth.png; do
        size=$(basename "$(dirname "$(dirname "$png")")")
        install -D -m 0644 "$png" "$PKG/usr/share/icons/hicolor/$size/apps/org.hearth.Hearth.png"
    done
else
    echo "warning: no $ICONS (PNG icons); only the scalable icon is installed" >&2
fi
svg=resources/icons/hicolor/scalable/apps/org.hearth.Hearth.svg
[ -f "$svg" ] || svg=resources/org.hearth.Hearth.svg
install -D -m 0644 "$svg" "$PKG/usr/share/icons/hicolor/scalable/apps/org.hearth.Hearth.svg"
if [ -f resources/org.hearth.Hearth.metainfo.xml ]; then
    install -m 0644 resources/org.hearth.Hearth.metainfo.xml "$PKG/usr/share/metainfo/"
else
    echo "warning: no resources/org.hearth.Hearth.metainfo.xml; the .deb ships none" >&2
    rmdir "$PKG/usr/share/metainfo"
fi
# The icon cache and desktop database are refreshed by the dpkg triggers of hicolor-icon-theme
# and desktop-file-utils; no maintainer scripts needed.
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
# The newest glibc symbol version anything in the bundle needs (the build machine's libraries
# come along, so this is about the build machine's glibc); without objdump, the build's glibc.
GLIBC_MIN=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name hearth \) -exec objdump -T {} + 2>/dev/null \
    | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n1 || true)
[ -n "$GLIBC_MIN" ] || GLIBC_MIN=$(ldd --version | sed -n 1p | grep -o '[0-9]*\.[0-9]*$')
cat >"$PKG/DEBIAN/control" <<CONTROL
Package: hearth
Version: $VERSION
Architecture: amd64
Maintainer: Hearth developers <hearth@users.noreply.github.com>
Installed-Size: $INSTALLED_KB
Depends: libc6 (>= $GLIBC_MIN), $DEB_DEPENDS
Section: utils
Priority: optional
Homepage: https://github.com/hearth-app/hearth
Description: private, offline chat with OpenAI's gpt-oss models
 Hearth runs OpenAI's open-weight gpt-oss models on your own computer through
 llama.cpp. Conversations never leave the machine; with offline mode on, Hearth
 opens no network connection at all.
CONTROL
DEB=$DIST/hearth_${VERSION}_amd64.deb
find "$PKG" -type d -exec chmod 0755 {} +
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null
t_deb=$(( $(date +%s) - t ))

# -- (6) numbers ------------------------------------------------------------------------------
step "sizes"
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "bundle dist/hearth unpacked: $(mib "$(du -sb "$BUNDLE" | cut -f1)")"
echo "$(basename "$TARBALL"): $(mib "$(stat -c %s "$TARBALL")")"
echo "$(basename "$DEB"): $(mib "$(stat -c %s "$DEB")")"
echo "largest parts of the bundle:"
(cd "$INTERNAL" && du -sb -- * | sort -rn | sed -n 1,12p | while read -r b p; do printf '  %10s  %s\n' "$(mib "$b")" "$p"; done)
step "timings (s)"
echo "wheel $t_wheel (0 when cached), venv $t_venv, freeze $t_freeze, tar $t_tar, deb $t_deb, total $(( $(date +%s) - t_all ))"
echo
echo "next: installers/linux/smoke.sh   (self-test of the bundle, the .tar.gz and the .deb)"
