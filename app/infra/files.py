"""Writing files the person relies on (exports, settings) so that a crash never leaves half of one.

The data goes to a temporary file in the same directory, is flushed to disk, and then renamed
over the target: readers see either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (str is written as UTF-8) all at once, durably."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # Same directory: os.replace is only atomic within one file system.
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide the mode, as for any other file the person saves.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileNotFoundError):
            # Keep the permissions of the file being replaced (e.g. a settings file made private).
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_directory(path.parent)


def write_json(path: Path, data: Any) -> None:
    """Hearth's one way to save a JSON file (settings, the model registry, the download queue,
    catalog additions, a download's sidecar, the CPU check): UTF-8 as written, indented for a
    person who opens it, its folder made if needed, and written with ``write_atomic``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False))


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` survive power loss (POSIX; a no-op on Windows)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (certain network and FUSE mounts) cannot sync a directory; the file
        # itself is already synced and renamed, so this is not worth failing the save for.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def free_space(directory: Path) -> int:
    """Free bytes on the disk that holds ``directory``, which may not exist yet (its nearest
    existing parent is asked)."""
    probe = Path(directory).absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free
