#!/usr/bin/env bash
# Compile installers/windows/hearth.nsi with makensis (Debian: apt-get install nsis) against a
# stand-in for the frozen bundle, to prove on Linux that the script compiles: the real bundle
# can only be built on Windows (installers/windows/build.ps1). The installer it writes is a
# real Windows executable, but the files inside it are dummies: never ship it.
#
# Usage: installers/windows/check_nsis.sh [OUTPUT.exe]   (default: a temporary file, removed)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

command -v makensis >/dev/null || { echo "makensis not found (apt-get install nsis)" >&2; exit 2; }

# The version the real build passes, read from the one place it is defined.
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/app/__init__.py")"
[[ -n "$version" ]] || { echo "no __version__ in app/__init__.py" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The shape of a PyInstaller 6 one-folder bundle: the exe and _internal\ next to it. A space and
# a non-ASCII letter in the folder name catch quoting mistakes in the script.
bundle="$work/stand-in bündle/hearth"
mkdir -p "$bundle/_internal/PySide6/plugins/platforms" "$bundle/_internal/llama_cpp/lib"
printf 'MZ stand-in, not a program\n' >"$bundle/hearth.exe"
printf 'stand-in\n' >"$bundle/_internal/python311.dll"
printf 'stand-in\n' >"$bundle/_internal/base_library.zip"
printf 'stand-in\n' >"$bundle/_internal/PySide6/plugins/platforms/qwindows.dll"
printf 'stand-in\n' >"$bundle/_internal/llama_cpp/lib/llama.dll"

# A stand-in for signtool: proves the signing hooks run on both the installer and the
# uninstaller, by writing down what it was given.
signed="$work/signed.txt"
cat >"$work/fake-sign.sh" <<'SIGN'
#!/usr/bin/env bash
set -euo pipefail
head -c 2 "$1" | grep -q MZ  # an executable, as signtool would be given
echo "$1" >>"$(dirname "$0")/signed.txt"
SIGN
chmod +x "$work/fake-sign.sh"

out="${1:-$work/hearth-$version-windows-x64-setup.exe}"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"  # makensis runs in the script's folder

# -WX: warnings are errors, so this is also a lint. -V2: warnings and errors only
# (NSIS_VERBOSITY=4 lists every file packed, to check what a real bundle would include).
# -INPUTCHARSET UTF8: the script is UTF-8 whatever the build machine's locale is.
makensis -V${NSIS_VERBOSITY:-2} -WX -INPUTCHARSET UTF8 \
  "-DVERSION=$version" "-DSOURCE_DIR=$bundle" "-DOUTFILE=$out" "-DSIGN_COMMAND=$work/fake-sign.sh" \
  "$here/hearth.nsi"

# One signature for the uninstaller, one for the installer (which must be the last).
[[ "$(wc -l <"$signed")" -eq 2 && "$(tail -n 1 "$signed")" == "$out" ]] || {
  echo "the signing hooks did not run as expected:" >&2; cat "$signed" >&2; exit 1
}

echo "compiled: $out ($(stat -c %s "$out") bytes)"
