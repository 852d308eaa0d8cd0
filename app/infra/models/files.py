"""Byte-level work on model files: hashing, copying with progress, split shards, free space.

Model files are 12–65 GB, so every long operation here reports progress, can be stopped
between 1–4 MiB reads, and never leaves a half-written file under a name llama.cpp would
load: copies go to a visible ``*.tmp`` name next to the target (so an interrupted one is found
by the orphan sweep), are fsynced, size-checked and only then renamed into place.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from app.core.gguf_header import human_size
from app.core.text import translate
from app.infra.cancel import Cancelled  # raised when the person stops; nothing is left changed
from app.infra.files import free_space, fsync_directory

__all__ = [
    "CHUNK",
    "Cancelled",
    "ModelFileError",
    "ProgressMeter",
    "check_move",
    "copy_file",
    "is_gguf_start",
    "move_files",
    "prune_empty_dirs",
    "safe_repo_path",
    "sha256_file",
    "shard_files",
    "shard_parts",
    "temp_name",
]

Progress = Callable[[int, int], None]
StopCheck = Callable[[], bool]

CHUNK = 4 << 20  # 4 MiB: large enough for full disk speed, small enough to stop promptly
_SHARD = re.compile(r"^(?P<stem>.+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.gguf$", re.IGNORECASE)


class ModelFileError(Exception):
    """Something about a model file that the person can act on; ``str(e)`` says what."""


class ProgressMeter:
    """One progress bar over several files: ``advance`` adds bytes and reports the total."""

    def __init__(self, total: int, on_progress: Progress | None, should_stop: StopCheck | None) -> None:
        self.total, self.done = total, 0
        self._on_progress, self._should_stop = on_progress, should_stop

    def advance(self, n: int) -> None:
        self.done += n
        if self._on_progress is not None:
            self._on_progress(self.done, self.total)

    def check(self) -> None:
        if self._should_stop is not None and self._should_stop():
            raise Cancelled("Stopped.")


def shard_parts(name: str) -> tuple[str, int, int] | None:
    """``gpt-oss-120b-00002-of-00003.gguf`` -> ("gpt-oss-120b", 2, 3); None if not a shard."""
    m = _SHARD.match(name)
    if m is None:
        return None
    index, count = int(m["index"]), int(m["count"])
    return (m["stem"], index, count) if 1 <= index <= count else None


def shard_files(path: Path) -> list[Path]:
    """The files of the model whose first (or only) file is ``path``, in loading order.

    llama.cpp finds shards 2..N by name next to shard 1, so they must all be present and
    named as the pattern says; anything else gets a sentence saying what is missing.
    """
    parts = shard_parts(path.name)
    if parts is None:
        return [path]
    stem, index, count = parts
    first = f"{stem}-00001-of-{count:05d}.gguf"
    if index != 1:
        raise ModelFileError(
            translate(
                "ModelFiles",
                "{file} is part {index} of {count} of a split model. Choose the first part, {first}; Hearth brings in the other parts with it.",
            ).format(file=path.name, index=index, count=count, first=first)
        )
    files = [path.with_name(f"{stem}-{i:05d}-of-{count:05d}.gguf") for i in range(1, count + 1)]
    missing = [f.name for f in files if not f.is_file()]
    if missing:
        shown = ", ".join(missing[:3])
        if len(missing) > 3:
            shown = translate("ModelFiles", "{names} and {count} more").format(
                names=shown, count=len(missing) - 3
            )
        message = (
            translate(
                "ModelFiles",
                "{file} is the first of {count} parts, but {missing} is not in {folder}. Put every part in the same folder (or finish downloading them) and try again.",
            )
            if len(missing) == 1
            else translate(
                "ModelFiles",
                "{file} is the first of {count} parts, but {missing} are not in {folder}. Put every part in the same folder (or finish downloading them) and try again.",
            )
        )
        raise ModelFileError(message.format(file=path.name, count=count, missing=shown, folder=path.parent))
    return files


def is_gguf_start(path: Path) -> bool:
    """Shards 2..N of a split GGUF carry no architecture key, so only their magic is checked."""
    with open(path, "rb") as f:
        head = f.read(8)
    return len(head) == 8 and head[:4] == b"GGUF" and int.from_bytes(head[4:], "little") in (2, 3)


def sha256_file(path: Path, meter: ProgressMeter | None = None) -> str:
    """The file's sha256, read in CHUNK pieces; raises Cancelled when asked to stop."""
    digest = hashlib.sha256()
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buf):
            digest.update(view[:n])
            if meter is not None:
                meter.advance(n)
                meter.check()
    return digest.hexdigest()


def temp_name(target: Path) -> Path:
    """A unique ``*.tmp`` next to ``target``: same file system, so the final rename is atomic."""
    return target.with_name(f"{target.name}.{secrets.token_hex(4)}.tmp")


def copy_file(src: Path, dst: Path, meter: ProgressMeter | None = None) -> None:
    """Copy ``src`` to ``dst`` durably; on any failure or Cancelled nothing is left at ``dst``."""
    tmp = temp_name(dst)
    expected = os.stat(src).st_size
    try:
        with open(src, "rb", buffering=0) as fin, open(tmp, "xb", buffering=0) as fout:
            buf = bytearray(CHUNK)
            view = memoryview(buf)
            while n := fin.readinto(buf):
                written = 0
                while written < n:  # raw writes may be partial
                    written += fout.write(view[written:n])
                if meter is not None:
                    meter.advance(n)
                    meter.check()
            os.fsync(fout.fileno())
        copied = os.stat(tmp).st_size
        if copied != expected:  # the source changed under us, or the disk lied
            raise ModelFileError(
                translate(
                    "ModelFiles",
                    "Copying {file} gave {copied} instead of {expected}; the original may be changing (is another app still downloading it?). Try again later.",
                ).format(file=src.name, copied=human_size(copied), expected=human_size(expected))
            )
        os.replace(tmp, dst)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            raise ModelFileError(
                translate(
                    "ModelFiles",
                    "The disk holding {folder} filled up while copying {file} ({size}). Free some space and try again.",
                ).format(folder=dst.parent, file=src.name, size=human_size(expected))
            ) from exc
        raise
    fsync_directory(dst.parent)


def move_files(pairs: list[tuple[Path, Path]], meter: ProgressMeter) -> list[Path]:
    """Move each ``(src, dst)``: a rename on the same file system, else a durable copy.

    All or nothing: on a failure or Cancelled, renamed files are renamed back and copies are
    removed, so the models stay usable where they were. Sources that were copied are *not*
    deleted here; they are returned so the caller deletes them only after its registry points
    at the new place (a crash in between then leaves two good copies, never none).
    """
    renamed: list[tuple[Path, Path]] = []
    copied: list[tuple[Path, Path]] = []
    try:
        for src, dst in pairs:
            meter.check()
            if os.path.lexists(dst):
                raise ModelFileError(
                    translate(
                        "ModelFiles",
                        "{folder} already has a file named {file}. Move it out of the way or choose another folder.",
                    ).format(folder=dst.parent, file=dst.name)
                )
            dst.parent.mkdir(parents=True, exist_ok=True)
            size = os.stat(src).st_size
            try:
                os.replace(src, dst)
            except OSError as exc:
                if exc.errno != errno.EXDEV:
                    raise
                copy_file(src, dst, meter)
                copied.append((src, dst))
            else:
                renamed.append((src, dst))
                meter.advance(size)
    except BaseException:
        for src, dst in reversed(renamed):
            with contextlib.suppress(OSError):
                os.replace(dst, src)
        for _, dst in copied:
            with contextlib.suppress(OSError):
                os.unlink(dst)
        raise
    for directory in {dst.parent for _, dst in pairs}:
        fsync_directory(directory)
    return [src for src, _ in copied]


def prune_empty_dirs(directory: Path, stop: Path) -> None:
    """Remove ``directory`` and its parents while empty, never ``stop`` or anything above it."""
    stop = Path(os.path.realpath(stop))
    current = Path(os.path.realpath(directory))
    while current != stop and stop in current.parents:
        try:
            current.rmdir()
        except OSError:  # not empty, or not ours to remove: either way, stop here
            return
        current = current.parent


def check_move(old_dir: Path, new_dir: Path, sources: list[Path]) -> int:
    """Refuse a move into, around or onto the old folder, or one the target drive cannot hold.

    Creates ``new_dir`` (removed again on refusal) and returns the bytes to move. Only files
    on another file system need free space; a rename on the same one needs none.
    """
    old_real, new_real = Path(os.path.realpath(old_dir)), Path(os.path.realpath(new_dir))
    if new_real == old_real or old_real in new_real.parents or new_real in old_real.parents:
        raise ModelFileError(
            translate(
                "ModelFiles", "Choose a folder that is neither {folder} nor inside it or around it."
            ).format(folder=old_dir)
        )
    created = not new_dir.exists()
    new_dir.mkdir(parents=True, exist_ok=True)
    new_dev = os.stat(new_dir).st_dev
    stats = [os.stat(src) for src in sources]
    need = sum(st.st_size for st in stats if st.st_dev != new_dev)
    free = free_space(new_dir)
    if need > free:
        if created:
            new_dir.rmdir()
        raise ModelFileError(
            translate(
                "ModelFiles",
                "Moving the models needs {needed} free in {folder}, but only {free} is free. Free {to_free} there or choose another drive.",
            ).format(
                needed=human_size(need),
                folder=new_dir,
                free=human_size(free),
                to_free=human_size(need - free),
            )
        )
    return sum(st.st_size for st in stats)


def safe_repo_path(repo: str, path: str) -> PurePosixPath:
    """``owner/name`` + a path in the repository, as a relative path that cannot escape.

    Repository and file names come from the network; ``..``, absolute paths, drive letters and
    backslashes are refused (ValueError) rather than cleaned up, because a name that needs
    cleaning is not a name the Hub would serve.
    """
    repo_parts = repo.split("/")
    if len(repo_parts) != 2:
        raise ValueError(
            translate("ModelFiles", "{repo} is not a repository name of the form owner/name.").format(
                repo=repr(repo[:100])
            )
        )
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        raise ValueError(
            translate(
                "ModelFiles", "{path} is an absolute path; expected a path inside the repository."
            ).format(path=repr(path[:100]))
        )
    parts = [*repo_parts, *path.split("/")]
    for part in parts:
        if part in ("", ".", "..") or any(c in part for c in "\\:\x00") or part != part.strip():
            raise ValueError(
                translate(
                    "ModelFiles", "{repo}/{path} has an unsafe part {part}; refusing to write it."
                ).format(repo=repo[:100], path=path[:100], part=repr(part[:40]))
            )
    return PurePosixPath(*parts)
