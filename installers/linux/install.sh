#!/usr/bin/env bash
# Install Hearth for the current user from the extracted .tar.gz: no root, nothing outside $HOME.
#
#   ./install.sh             copy the app to ~/.local/opt/hearth (replacing an older copy there)
#   ./install.sh --in-place  run it from where it was extracted (keep that folder)
#
# Either way it adds the menu entry (~/.local/share/applications/org.hearth.Hearth.desktop),
# the icons (~/.local/share/icons/hicolor/…) and ~/.local/bin/hearth. ./uninstall.sh undoes it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$HERE/hearth
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
DEST=$HOME/.local/opt/hearth
APP_ID=org.hearth.Hearth

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
case ${1:-} in
    "") in_place=0 ;;
    --in-place) in_place=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac
[ -x "$SRC/hearth" ] || { echo "install.sh: no Hearth app at $SRC" >&2; exit 1; }

if [ "$in_place" = 1 ]; then
    DEST=$SRC
else
    if [ -e "$DEST" ] && [ ! -x "$DEST/hearth" ]; then
        echo "install.sh: $DEST exists and is not a Hearth install; not touching it" >&2
        exit 1
    fi
    echo "copying Hearth to $DEST"
    mkdir -p "$(dirname "$DEST")"
    rm -rf "$DEST.new"
    cp -a "$SRC" "$DEST.new"
    rm -rf "$DEST"
    mv "$DEST.new" "$DEST"
fi
RES=$DEST/_internal/resources

# Exec= quoting (Desktop Entry spec): inside double quotes escape " ` $ \ with a backslash, then
# escape every backslash once more for the string value; a literal % is written %%.
exec_path=$(printf '%s' "$DEST/hearth" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
mkdir -p "$DATA/applications"
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        Exec=*) printf 'Exec="%s" %%f\n' "$exec_path" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$RES/$APP_ID.desktop" >"$DATA/applications/$APP_ID.desktop.tmp"
mv "$DATA/applications/$APP_ID.desktop.tmp" "$DATA/applications/$APP_ID.desktop"

ICONS=$DATA/icons/hicolor
for png in "$RES"/icons/hicolor/*/apps/"$APP_ID".png; do
    [ -f "$png" ] || continue
    size=$(basename "$(dirname "$(dirname "$png")")")
    mkdir -p "$ICONS/$size/apps"
    cp "$png" "$ICONS/$size/apps/$APP_ID.png"
done
svg=$RES/icons/hicolor/scalable/apps/$APP_ID.svg
[ -f "$svg" ] || svg=$RES/$APP_ID.svg
if [ -f "$svg" ]; then
    mkdir -p "$ICONS/scalable/apps"
    cp "$svg" "$ICONS/scalable/apps/$APP_ID.svg"
fi

mkdir -p "$HOME/.local/bin"
if [ ! -e "$HOME/.local/bin/hearth" ] || [ -L "$HOME/.local/bin/hearth" ]; then
    ln -sfn "$DEST/hearth" "$HOME/.local/bin/hearth"
fi

# Refresh the menu and icon caches where the tools exist (desktop environments also notice).
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$ICONS" 2>/dev/null || true

echo "Hearth is installed: $DEST/hearth (menu entry $DATA/applications/$APP_ID.desktop)"
