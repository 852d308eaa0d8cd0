"""dmgbuild settings for Hearth's disk image (installers/macos/make_dmg.sh passes -D app=...).

dmgbuild runs this file with `defines` (the -D values) in its namespace and reads the names
below. Cannot run on Linux: dmgbuild drives macOS's hdiutil.
"""

import os.path

_defines = globals().get("defines", {})
_app = _defines.get("app", "dist/Hearth.app")
_app_name = os.path.basename(_app)

# UDZO (zlib) opens on every macOS version; ULFO/ULMO are smaller but newer formats.
format = "UDZO"
size = None  # dmgbuild measures the contents
files = [_app]
# The drag-to-install gesture: the app next to a link to /Applications.
symlinks = {"Applications": "/Applications"}
icon_locations = {_app_name: (140, 160), "Applications": (400, 160)}
window_rect = ((200, 200), (540, 360))
default_view = "icon-view"
icon_size = 112
text_size = 13
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
# The volume's own icon in Finder: the app's icon (PyInstaller's BUNDLE copies the spec's
# icon into Resources under its own file name).
_icns = os.path.join(_app, "Contents", "Resources", "hearth.icns")
icon = _icns if os.path.exists(_icns) else None
