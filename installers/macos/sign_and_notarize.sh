#!/usr/bin/env bash
# Sign Hearth.app (or the .dmg) with a Developer ID, notarize it with Apple and staple the
# ticket, so that Gatekeeper opens it on a double-click without a warning, even offline.
#
# CANNOT RUN HERE (Linux): needs macOS with Xcode's codesign, notarytool and stapler.
#
#   installers/macos/sign_and_notarize.sh dist/Hearth.app
#   installers/macos/make_dmg.sh
#   installers/macos/sign_and_notarize.sh dist/hearth-<version>-macos-arm64.dmg
#
# Environment:
#   HEARTH_SIGN_IDENTITY   "Developer ID Application: Name (TEAMID)" (in the login keychain)
#   HEARTH_TEAM_ID         the Apple Developer team ID (10 characters)
#   HEARTH_NOTARY_PROFILE  a notarytool keychain profile, made once with
#                          xcrun notarytool store-credentials <profile> --apple-id ... --team-id ...
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: sign_and_notarize.sh <Hearth.app|hearth.dmg>}"
identity="${HEARTH_SIGN_IDENTITY:?set HEARTH_SIGN_IDENTITY}"
team="${HEARTH_TEAM_ID:?set HEARTH_TEAM_ID}"
profile="${HEARTH_NOTARY_PROFILE:?set HEARTH_NOTARY_PROFILE}"
entitlements="$here/entitlements.plist"

[[ "$(uname -s)" == Darwin ]] || { echo "sign_and_notarize.sh: macOS only" >&2; exit 2; }
[[ -e "$target" ]] || { echo "sign_and_notarize.sh: no $target" >&2; exit 1; }

# --options runtime: the hardened runtime, which notarization requires. --timestamp: a secure
# timestamp, also required, so signatures stay valid after the certificate expires.
sign() { codesign --force --timestamp --options runtime --sign "$identity" "$@"; }

if [[ -d "$target" ]]; then
  app="$target"
  # Inside-out: a signature covers what is nested in it, so every library is signed before
  # the framework or app that contains it. Not `codesign --deep`, which Apple advises
  # against: it signs nested code without per-item options and misses code in Resources.
  # 1. Every Mach-O file that is not a bundle's main executable (.dylib, .so, Qt's framework
  #    binaries, helper executables), deepest paths first.
  while IFS= read -r f; do
    if file -b "$f" | grep -q 'Mach-O'; then
      sign "$f"
    fi
  done < <(find "$app/Contents" -type f ! -path "$app/Contents/MacOS/*" \
    | awk -F/ '{ print NF "\t" $0 }' | sort -rn | cut -f2-)
  # 2. Nested bundles (PySide6's Qt*.framework, any .app helper), deepest first.
  while IFS= read -r b; do
    sign "$b"
  done < <(find "$app/Contents" -depth -type d \( -name '*.framework' -o -name '*.app' \))
  # 3. The executables in Contents/MacOS (the entitlements belong to the process), then the
  #    app itself, which seals Info.plist and Resources.
  for exe in "$app"/Contents/MacOS/*; do
    sign --entitlements "$entitlements" "$exe"
  done
  sign --entitlements "$entitlements" "$app"
  codesign --verify --strict --deep --verbose=2 "$app"

  # notarytool takes a .zip, .pkg or .dmg; ditto keeps the bundle's symlinks and metadata.
  zip="$(mktemp -d)/Hearth.zip"
  ditto -c -k --keepParent "$app" "$zip"
  xcrun notarytool submit "$zip" --keychain-profile "$profile" --team-id "$team" --wait
  rm -f "$zip"
else
  # A disk image: signed as a whole (no entitlements), then notarized as is.
  codesign --force --timestamp --sign "$identity" "$target"
  xcrun notarytool submit "$target" --keychain-profile "$profile" --team-id "$team" --wait
fi

# The ticket inside the app or image lets Gatekeeper check it without asking Apple (offline).
xcrun stapler staple "$target"
xcrun stapler validate "$target"
# Gatekeeper's own verdict, as a person downloading it would get it.
if [[ -d "$target" ]]; then
  spctl --assess --type execute --verbose "$target"
else
  spctl --assess --type open --context context:primary-signature --verbose "$target"
fi
echo "signed, notarized and stapled: $target"
