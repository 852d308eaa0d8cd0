#!/usr/bin/env bash
# Remove what install.sh added for this user: the menu entry, the icons, ~/.local/bin/hearth and
# the copy in ~/.local/opt/hearth. Conversations and models (~/.local/share/Hearth) are kept;
# delete that folder yourself to remove them too. A folder installed with --in-place is left.
set -euo pipefail

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
DEST=$HOME/.local/opt/hearth
APP_ID=org.hearth.Hearth

rm -f "$DATA/applications/$APP_ID.desktop"
rm -f "$DATA"/icons/hicolor/*/apps/"$APP_ID".png "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
if [ -L "$HOME/.local/bin/hearth" ] && [ "$(basename "$(readlink "$HOME/.local/bin/hearth")")" = hearth ]; then
    rm -f "$HOME/.local/bin/hearth"
fi
if [ -x "$DEST/hearth" ]; then
    rm -rf "$DEST"
    rmdir "$HOME/.local/opt" 2>/dev/null || true
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" 2>/dev/null || true
echo "Hearth is uninstalled (your conversations and models in $DATA/Hearth are kept)."
