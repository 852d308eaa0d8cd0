"""Bringing a GGUF file Hearth did not download into its models: check it, then link, copy or reference.

People already have 12–65 GB gpt-oss files in LM Studio's, Ollama's or the Hugging Face
cache's folders. A hard link costs no space and survives the other app deleting its copy; a
copy is independent but doubles the space; a reference uses the file where it is. A link that
the file system refuses falls back to a reference with a note — never to a silent 12 GB copy.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass
from pathlib import Path

from app.core.gguf_header import GGUFError, GGUFInfo, human_size, read_gguf_header
from app.core.text import translate
from app.infra.files import free_space, fsync_directory
from app.infra.models.files import (
    ModelFileError,
    ProgressMeter,
    copy_file,
    is_gguf_start,
    prune_empty_dirs,
    shard_files,
)

__all__ = ["IMPORT_MODES", "Placement", "check_model_files", "place_files"]

IMPORT_MODES = ("link", "copy", "reference")
_SPACE_MARGIN = 256 << 20  # leave room for the registry, logs and the OS

# Errors that mean "this file system cannot hard-link these two paths", not "something broke":
# another drive (EXDEV; Windows' ERROR_NOT_SAME_DEVICE maps to it), FAT/exFAT and some network
# shares (EPERM, EINVAL, ENOTSUP), or a file already at the link limit (EMLINK).
_NO_LINK = {
    errno.EXDEV,
    errno.EPERM,
    errno.EINVAL,
    errno.ENOTSUP,
    errno.EOPNOTSUPP,
    errno.EMLINK,
    errno.ENOSYS,
}


@dataclass
class Placement:
    """Where an imported model's files ended up, and what Hearth may do with them."""

    files: list[str]
    source: str  # "linked" | "copied" | "referenced"
    managed: bool
    note: str | None = None


def check_model_files(path: Path) -> tuple[list[Path], GGUFInfo]:
    """The model's files (all shards) and shard 1's header; raises GGUFError/ModelFileError.

    Only shard 1 carries the architecture and metadata (llama.cpp's gguf-split writes just
    ``split.*`` keys into the others), so shards 2..N are checked for the GGUF magic only.
    """
    files = shard_files(path)
    info = read_gguf_header(files[0])
    declared = info.metadata.get("split.count")
    if isinstance(declared, int) and declared not in (0, len(files)):
        raise ModelFileError(
            translate(
                "ModelFiles",
                "{file} says the model has {declared} parts, but its name says {count}. The files may have been renamed; download the model again.",
            ).format(file=files[0].name, declared=declared, count=len(files))
        )
    for i, extra in enumerate(files[1:], start=2):
        if not is_gguf_start(extra):
            raise GGUFError(
                translate(
                    "ModelFiles",
                    "{file} (part {index} of {count}) is not a GGUF file. It may be damaged or incomplete — download that part again.",
                ).format(file=extra.name, index=i, count=len(files)),
                "not_gguf",
            )
    return files, info


def _reference(sources: list[Path], note: str | None = None) -> Placement:
    return Placement([os.path.abspath(s) for s in sources], "referenced", False, note)


def place_files(
    sources: list[Path], names: list[str], mode: str, dest_dir: Path, meter: ProgressMeter
) -> Placement:
    """Put ``sources`` into ``dest_dir`` under ``names`` as ``mode`` says; undone on failure."""
    if mode not in IMPORT_MODES:
        raise ValueError(f"mode must be one of {IMPORT_MODES}, not {mode!r}")
    if mode == "reference":
        return _reference(sources)
    targets = [dest_dir / name for name in names]
    dest_dir.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    try:
        if mode == "link":
            for src, dst in zip(sources, targets, strict=True):
                os.link(src, dst)
                made.append(dst)
                meter.advance(os.stat(dst).st_size)
        else:
            need = sum(os.stat(s).st_size for s in sources)
            free = free_space(dest_dir)
            if need + _SPACE_MARGIN > free:
                raise ModelFileError(
                    translate(
                        "ModelFiles",
                        "Copying needs {needed} free in {folder}, but only {free} is free. Free {to_free} or link or use the file where it is instead.",
                    ).format(
                        needed=human_size(need + _SPACE_MARGIN),
                        folder=dest_dir.parent,
                        free=human_size(free),
                        to_free=human_size(need + _SPACE_MARGIN - free),
                    )
                )
            for src, dst in zip(sources, targets, strict=True):
                copy_file(src, dst, meter)
                made.append(dst)
    except BaseException as exc:
        for dst in made:
            with contextlib.suppress(OSError):
                os.unlink(dst)
        prune_empty_dirs(dest_dir, dest_dir.parent)
        if mode == "link" and isinstance(exc, OSError) and exc.errno in _NO_LINK:
            size = human_size(sum(os.stat(s).st_size for s in sources))
            return _reference(
                sources,
                translate(
                    "ModelFiles",
                    "Used where it is: the file system could not hard-link it into Hearth's models folder (it is probably on another drive), and copying would take another {size}. If the other app deletes or moves it, Hearth will show the model as missing.",
                ).format(size=size),
            )
        if isinstance(exc, OSError):
            message = (
                translate(
                    "ModelFiles",
                    "Could not link {file} into {folder}: {error}. Check that the folder is writable and has space, then try again.",
                )
                if mode == "link"
                else translate(
                    "ModelFiles",
                    "Could not copy {file} into {folder}: {error}. Check that the folder is writable and has space, then try again.",
                )
            )
            raise ModelFileError(
                message.format(file=sources[0].name, folder=dest_dir, error=exc.strerror or exc)
            ) from exc
        raise
    fsync_directory(dest_dir)
    return Placement([str(t) for t in targets], "linked" if mode == "link" else "copied", True)
