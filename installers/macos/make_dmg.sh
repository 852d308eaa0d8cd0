#!/usr/bin/env bash
# Wrap Hearth.app in a compressed disk image with an Applications link (drag to install).
#
# CANNOT RUN HERE (Linux): dmgbuild drives macOS's hdiutil.
#
#   installers/macos/make_dmg.sh [dist/Hearth.app]  ->  dist/hearth-<version>-macos-arm64.dmg
#
# Sign and notarize the .app before this (the image holds a copy of it), and the .dmg after.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

[[ "$(uname -s)" == Darwin ]] || { echo "make_dmg.sh: macOS only" >&2; exit 2; }

app="${1:-dist/Hearth.app}"
[[ -d "$app" ]] || { echo "make_dmg.sh: no $app (run installers/macos/build.sh)" >&2; exit 1; }
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/__init__.py)"
dmg="dist/hearth-$version-macos-arm64.dmg"

# dmgbuild is pure Python, a build-time tool only: it lives in the build venv, not in Hearth.
venv="build/venv-macos"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet dmgbuild

rm -f "$dmg"
# -D passes values to dmg_settings.py (its `defines`); the volume name is what Finder shows.
"$venv/bin/dmgbuild" -s "$here/dmg_settings.py" -D "app=$app" "Hearth $version" "$dmg"
echo "built $dmg"
