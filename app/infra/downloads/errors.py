"""What can stop a download, as exceptions whose text is a sentence for the person, and the
free-space check made before the first byte is fetched."""

from __future__ import annotations

from pathlib import Path

from app.core.gguf_header import human_size
from app.core.text import translate
from app.infra.cancel import Cancelled
from app.infra.files import free_space

MiB = 1 << 20


class DownloadError(Exception):
    """A download stopped; ``str()`` is a sentence for the person, ``kind`` is for the code.

    Kinds: network, http, server, checksum, disk_full, no_space, disk, paused, cancelled.
    """

    kind = "network"

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        if kind:
            self.kind = kind


class ChecksumError(DownloadError):
    kind = "checksum"


class DownloadPaused(DownloadError):
    kind = "paused"


class DownloadCancelled(DownloadError, Cancelled):
    kind = "cancelled"


class DiskFullError(DownloadError):
    kind = "disk_full"

    def __init__(self, message: str, needed: int = 0) -> None:
        super().__init__(message)
        self.needed = needed


class NotEnoughSpaceError(DownloadError):
    kind = "no_space"

    def __init__(self, message: str, needed: int = 0, free: int = 0) -> None:
        super().__init__(message)
        self.needed, self.free, self.to_free = needed, free, max(0, needed - free)


def space_margin(nbytes: int) -> int:
    """Free space left over after a download: 512 MiB, or 2 % of it for very large files.

    A disk filled to the last byte breaks more than the download: SQLite cannot grow its WAL
    (chat history), the OS and other programs fail in odd ways. 512 MiB covers those; 2 %
    scales it for the 65 GB gpt-oss-120b (1.3 GB) without refusing small files on small disks.
    """
    return max(512 * MiB, nbytes // 50)


def preflight(directory: Path, remaining_bytes: int, margin: int | None = None) -> None:
    """Refuse to start a download that cannot fit, before any byte is fetched."""
    margin = space_margin(remaining_bytes) if margin is None else margin
    free, needed = free_space(directory), remaining_bytes + margin
    if free < needed:
        message = translate(
            "Downloads",
            "There is not enough free space on the disk holding {folder}: the download needs {needed} ({file_size} for the file and {margin} kept free so the system and your chat history keep working) and {free} is free. Free at least {to_free} and try again.",
        )
        raise NotEnoughSpaceError(
            message.format(
                folder=directory,
                needed=human_size(needed),
                file_size=human_size(remaining_bytes),
                margin=human_size(margin),
                free=human_size(free),
                to_free=human_size(needed - free),
            ),
            needed=needed,
            free=free,
        )
