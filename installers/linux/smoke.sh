#!/usr/bin/env bash
# Smoke test of the Linux artifacts that installers/linux/build.sh made: every one must pass
# `hearth --self-test` from a folder whose path has spaces and non-ASCII characters, with an
# empty HOME and a hostile LLAMA_CPP_LIB_PATH (which must be ignored).
#
#   installers/linux/smoke.sh           the .tar.gz (offscreen and on Xvfb, install.sh and
#                                       uninstall.sh), the .deb (control data, file list, and
#                                       the self-test from a throwaway root made by dpkg -x)
#   installers/linux/smoke.sh --quick   only dist/hearth, offscreen (and on Xvfb when installed)
#
# Without Xvfb and Qt's xcb libraries, the full run installs them with apt-get (as root; CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DIST=$ROOT/dist
QUICK=0
[ "${1:-}" = --quick ] && QUICK=1

# What Qt's xcb platform plugin needs on a real display, plus Xvfb itself (docs/packaging.md).
APT_PACKAGES="xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libopengl0 libfontconfig1 \
libdbus-1-3 libx11-xcb1 fonts-dejavu-core desktop-file-utils"

fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hearth smoke ünïcode XXXXXX")
trap 'rm -rf "$WORK"' EXIT
EMPTY_HOME="$WORK/empty home"
mkdir -p "$EMPTY_HOME"

have_xvfb() { command -v xvfb-run >/dev/null && command -v Xvfb >/dev/null && command -v xauth >/dev/null; }
ensure_xvfb() {
    have_xvfb && ldconfig -p | grep libxcb-cursor.so.0 >/dev/null && return 0  # no grep -q: SIGPIPE
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n"
    echo "== installing Xvfb and Qt's xcb libraries with apt-get"
    $sudo apt-get update -qq || true
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
}

# self_test NAME EXECUTABLE [xvfb]: run it, check the JSON line, print its numbers.
self_test() {
    local name=$1 exe=$2 mode=${3:-offscreen} out rc t0 t1
    local bundle
    bundle=$(dirname "$exe")
    echo "== self-test: $name ($mode) from $bundle"
    out=$WORK/out-$name-$mode.txt
    t0=$(date +%s.%N)
    set +e
    if [ "$mode" = xcb ]; then
        env -u WAYLAND_DISPLAY HOME="$EMPTY_HOME" LLAMA_CPP_LIB_PATH=/nonexistent/evil QT_QPA_PLATFORM=xcb \
            xvfb-run -a -s "-screen 0 1280x800x24" "$exe" --self-test >"$out" 2>"$out.err"
    else
        env -u DISPLAY -u WAYLAND_DISPLAY HOME="$EMPTY_HOME" LLAMA_CPP_LIB_PATH=/nonexistent/evil \
            QT_QPA_PLATFORM=offscreen "$exe" --self-test >"$out" 2>"$out.err"
    fi
    rc=$?
    set -e
    t1=$(date +%s.%N)
    python3 - "$out" "$bundle" "$rc" "$t0" "$t1" <<'PY' || { tail -n 40 "$out.err" >&2; fail "$name ($mode)"; }
import json, os, sys
out, bundle, rc, t0, t1 = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
lines = [l for l in open(out, encoding="utf-8").read().splitlines() if l.strip()]
r = json.loads(lines[-1]) if lines else {}
lib = os.path.realpath(r.get("libllama") or "/")
inside = lib.startswith(os.path.realpath(bundle) + os.sep)
bad = sorted(k for k, v in r.get("checks", {}).items() if not v)
print(f"   ok={r.get('ok')} rc={rc} wall={t1 - t0:.1f}s elapsed={r.get('elapsed_s')}s "
      f"window_shown={r.get('window_shown_s')}s load={r.get('load_s')}s reply={r.get('reply_s')}s")
print(f"   libllama: {lib} ({'inside' if inside else 'OUTSIDE'} the bundle)")
if bad or r.get("error"):
    print(f"   failed checks: {bad} error: {r.get('error')}")
sys.exit(0 if rc == 0 and r.get("ok") is True and r["checks"].get("libllama_from_package") and inside else 1)
PY
}

# check_depends BUNDLE DEPENDS: the system libraries Qt's xcb plugin links, checked against Depends.
check_depends() {
    local bundle=$1 control=$2
    command -v readelf >/dev/null && command -v dpkg >/dev/null || { echo "   (no readelf/dpkg: Depends not cross-checked)"; return 0; }
    local missing="" lib path pkg
    for lib in $(find "$bundle/_internal/PySide6" \( -name 'libqxcb*.so' -o -name 'libQt6XcbQpa.so*' -o -name 'libqxcb-*-integration.so' \) \
                 -exec readelf -d {} + 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort -u); do
        [ -e "$bundle/_internal/$lib" ] && continue  # bundled
        path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ && !p { print $NF; p = 1 }')  # no exit: SIGPIPE
        [ -n "$path" ] || { missing="$missing $lib(not-installed)"; continue; }
        pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | sed -n '1s/:.*//p') || pkg=""
        [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | sed -n '1s/:.*//p') || true
        if [ -n "$pkg" ] && ! grep -q -E "(^|[ ,|])$pkg([ ,(]|$)" <<<"$control"; then
            missing="$missing $lib($pkg)"
        fi
    done
    [ -z "$missing" ] || fail ".deb Depends lacks what Qt's xcb plugin links:$missing"
    echo "   Depends covers every system library Qt's xcb plugin links"
}

if [ "$QUICK" = 1 ]; then
    [ -x "$DIST/hearth/hearth" ] || fail "no dist/hearth; run installers/linux/build.sh"
    cp -a "$DIST/hearth" "$WORK/hearth"
    self_test bundle "$WORK/hearth/hearth"
    if have_xvfb; then self_test bundle "$WORK/hearth/hearth" xcb; else echo "   (no Xvfb: xcb run skipped)"; fi
    echo "SMOKE OK (quick)"
    exit 0
fi

TARBALL=$DIST/hearth-$VERSION-linux-x86_64.tar.gz
DEB=$DIST/hearth_${VERSION}_amd64.deb
[ -f "$TARBALL" ] || fail "no $TARBALL; run installers/linux/build.sh"
[ -f "$DEB" ] || fail "no $DEB; run installers/linux/build.sh"
ensure_xvfb || fail "Xvfb and Qt's xcb libraries are missing and could not be installed"

# -- the .tar.gz ------------------------------------------------------------------------------
echo "== $(basename "$TARBALL")"
mkdir -p "$WORK/tar"
tar -C "$WORK/tar" -xzf "$TARBALL"
TOP=$WORK/tar/hearth-$VERSION-linux-x86_64
[ -x "$TOP/hearth/hearth" ] && [ -x "$TOP/install.sh" ] && [ -x "$TOP/uninstall.sh" ] || fail "tarball layout"
self_test tarball "$TOP/hearth/hearth"
self_test tarball "$TOP/hearth/hearth" xcb

INSTALL_HOME="$WORK/install home"
echo "== install.sh / uninstall.sh with HOME=$INSTALL_HOME"
mkdir -p "$INSTALL_HOME"
HOME="$INSTALL_HOME" XDG_DATA_HOME="" "$TOP/install.sh" >/dev/null
desktop=$INSTALL_HOME/.local/share/applications/org.hearth.Hearth.desktop
[ -f "$desktop" ] || fail "install.sh wrote no desktop entry"
grep -qxF "Exec=\"$INSTALL_HOME/.local/opt/hearth/hearth\" %f" "$desktop" || fail "desktop Exec: $(grep ^Exec "$desktop")"
ls "$INSTALL_HOME"/.local/share/icons/hicolor/*/apps/org.hearth.Hearth.* >/dev/null 2>&1 || fail "install.sh wrote no icons"
[ -x "$INSTALL_HOME/.local/opt/hearth/hearth" ] || fail "install.sh copied no app"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop" || fail "desktop-file-validate"; fi
self_test installed "$INSTALL_HOME/.local/opt/hearth/hearth"
HOME="$INSTALL_HOME" XDG_DATA_HOME="" "$TOP/uninstall.sh" >/dev/null
[ ! -e "$desktop" ] && [ ! -e "$INSTALL_HOME/.local/opt/hearth" ] && [ ! -e "$INSTALL_HOME/.local/bin/hearth" ] \
    || fail "uninstall.sh left files behind"
! ls "$INSTALL_HOME"/.local/share/icons/hicolor/*/apps/org.hearth.Hearth.* >/dev/null 2>&1 || fail "uninstall.sh left icons"
echo "   install.sh and uninstall.sh OK"

# -- the .deb ---------------------------------------------------------------------------------
echo "== $(basename "$DEB")"
control=$(dpkg-deb --field "$DEB")
for field in Package Version Architecture Maintainer Installed-Size Depends Description; do
    grep -q "^$field: ." <<<"$control" || fail ".deb control has no $field"
done
[ "$(dpkg-deb --field "$DEB" Version)" = "$VERSION" ] || fail ".deb version"
[ "$(dpkg-deb --field "$DEB" Architecture)" = amd64 ] || fail ".deb architecture"
for lib in libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3; do
    grep -q -E "^Depends:.*[ ,]$lib([ ,(]|$)" <<<"$control" || fail ".deb Depends lacks $lib"
done
contents=$(dpkg-deb --contents "$DEB" | awk '{ print $6, $7, $8 }')
for path in ./opt/hearth/hearth ./opt/hearth/_internal/resources/catalog.json ./usr/bin/hearth \
            ./usr/share/applications/org.hearth.Hearth.desktop \
            ./usr/share/icons/hicolor/scalable/apps/org.hearth.Hearth.svg \
            ./usr/share/icons/hicolor/256x256/apps/org.hearth.Hearth.png; do
    grep -q -E "^$path( |$)" <<<"$contents" || fail ".deb lacks $path"
done
grep -q -F "./usr/bin/hearth -> /opt/hearth/hearth" <<<"$contents" || fail "/usr/bin/hearth is not a link to /opt/hearth/hearth"
grep -q -E "^\./(home|root|tmp|work)/" <<<"$contents" && fail ".deb holds build paths"
echo "   control data and file list OK ($(wc -l <<<"$contents") entries)"
DEBROOT="$WORK/deb root"
dpkg -x "$DEB" "$DEBROOT"  # a throwaway root: never dpkg -i on the build machine
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$DEBROOT/usr/share/applications/org.hearth.Hearth.desktop" || fail "desktop-file-validate (.deb)"
fi
check_depends "$DEBROOT/opt/hearth" "$(dpkg-deb --field "$DEB" Depends)"
self_test deb "$DEBROOT/opt/hearth/hearth"
self_test deb "$DEBROOT/opt/hearth/hearth" xcb
echo "SMOKE OK"
