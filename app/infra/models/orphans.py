"""Finding and removing what interrupted work left behind in model folders.

A killed download leaves ``*.part`` plus its ``*.part.json`` sidecar, an interrupted copy or
quantization a ``*.tmp``, and huggingface_hub a ``*.incomplete`` blob it never resumes
(downloads-and-safety.md §1) — each can be gigabytes. GGUF files in Hearth's folder that the
registry does not know are offered too, but only ever deleted when the person chooses them.

Deleting is the dangerous half, so it is narrow: only regular files this module reported,
re-checked at deletion time to still be inside the allowed root (symlinks are never followed,
in the walk or at the end) and still to look like the same kind of leftover.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ORPHAN_KINDS",
    "Orphan",
    "classify",
    "is_busy",
    "is_inside",
    "owner_of",
    "scan",
    "still_removable",
    "walk_files",
]

log = logging.getLogger(__name__)

# kind -> what to call it in the interface
ORPHAN_KINDS = {
    "partial": "unfinished download",
    "sidecar": "unfinished download's notes",
    "temporary": "leftover from an interrupted copy",
    "unregistered": "model file Hearth does not list",
    "incomplete": "Hugging Face cache leftover",
}
MAX_DEPTH = 8
MAX_ENTRIES = 50_000


@dataclass(frozen=True)
class Orphan:
    path: Path
    size: int
    kind: str  # a key of ORPHAN_KINDS


def classify(name: str, in_hf_blobs: bool) -> str | None:
    """The orphan kind a file name suggests, or None for files that are nobody's leftovers."""
    lower = name.lower()
    if in_hf_blobs:
        return "incomplete" if lower.endswith(".incomplete") else None
    if lower.endswith(".part.json"):
        return "sidecar"
    if lower.endswith(".part"):
        return "partial"
    if lower.endswith(".tmp"):
        return "temporary"
    if lower.endswith(".gguf"):
        return "unregistered"
    return None


def owner_of(path: Path) -> Path:
    """The file a leftover belongs to: ``x.gguf.part.json`` and ``x.gguf.part`` -> ``x.gguf``;
    a ``x.gguf.1a2b3c4d.tmp`` from a copy -> ``x.gguf``."""
    name = path.name
    for suffix in (".json", ".part", ".tmp"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            if suffix == ".tmp" and "." in name:  # drop the random part of the temp name
                head, _, tail = name.rpartition(".")
                if len(tail) == 8 and all(c in "0123456789abcdef" for c in tail):
                    name = head
    return path.with_name(name)


def is_inside(path: Path, root: Path) -> bool:
    """True when ``path``'s folder, with every symlink resolved, lies within ``root``'s."""
    real_root = Path(os.path.realpath(root))
    real_parent = Path(os.path.realpath(path.parent))
    return real_parent == real_root or real_root in real_parent.parents


def is_busy(path: Path, busy_real: set[str]) -> bool:
    """Whether running work owns ``path``: it, the file it belongs to, that file's ``.part``,
    or a folder around it is in ``busy_real`` (real paths)."""
    real = os.path.realpath(path)
    candidates = {real, os.path.realpath(owner_of(path)), *map(str, Path(real).parents)}
    candidates |= {c + ".part" for c in list(candidates)}
    return bool(candidates & busy_real)


def walk_files(
    root: Path, budget: list[int], max_depth: int = MAX_DEPTH
) -> Iterator[tuple[Path, os.stat_result]]:
    """Regular files under ``root``, breadth first, never through a symlink.

    ``budget[0]`` is the number of directory entries still allowed to be looked at, shared
    between calls so a scan of several roots stays bounded as a whole.
    """
    level: list[Path] = [root]
    for _depth in range(max_depth + 1):
        deeper: list[Path] = []
        for directory in level:
            try:
                entries = os.scandir(directory)
            except OSError as exc:  # permission, vanished, not a folder
                log.info("skipping %s: %s", directory, exc.strerror or exc)
                continue
            with entries:
                for entry in entries:
                    budget[0] -= 1
                    if budget[0] < 0:
                        log.warning("stopped scanning %s: too many files", root)
                        return
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if stat.S_ISDIR(st.st_mode):
                        deeper.append(Path(entry.path))
                    elif stat.S_ISREG(st.st_mode):
                        yield Path(entry.path), st
        level = deeper


def scan(
    models_dir: Path,
    registered: set[str],
    busy: Iterable[Path],
    extra_dirs: Iterable[Path],
) -> list[tuple[Orphan, Path]]:
    """Leftovers in ``models_dir`` and in the HF caches ``extra_dirs``, each with its root.

    ``registered`` holds the real paths of every file the registry lists; ``busy`` the paths
    (final names, ``.part`` or ``.tmp`` names, or folders) that running work owns.
    """
    busy_real = {os.path.realpath(b) for b in busy}

    def owned(path: Path) -> bool:
        return is_busy(path, busy_real)

    found: list[tuple[Orphan, Path]] = []
    budget = [MAX_ENTRIES]
    for path, st in walk_files(models_dir, budget):
        kind = classify(path.name, in_hf_blobs=False)
        if kind is None or owned(path):
            continue
        if kind == "unregistered" and os.path.realpath(path) in registered:
            continue
        found.append((Orphan(path, st.st_size, kind), models_dir))
    for cache in extra_dirs:
        repos = [cache] if (cache / "blobs").is_dir() else []
        try:
            repos += sorted(p for p in cache.iterdir() if p.name.startswith("models--"))
        except OSError:
            continue
        for repo in repos[:10_000]:
            blobs = repo / "blobs"
            if blobs.is_symlink() or not blobs.is_dir():
                continue
            for path, st in walk_files(blobs, budget, max_depth=0):
                if classify(path.name, in_hf_blobs=True) and not owned(path):
                    found.append((Orphan(path, st.st_size, "incomplete"), blobs))
    return sorted(found, key=lambda item: str(item[0].path))


def still_removable(
    orphan: Orphan, root: Path, registered: set[str], busy_real: set[str]
) -> os.stat_result | None:
    """The file's stat if it may still be deleted now, else None (and a log line why)."""
    try:
        st = os.lstat(orphan.path)
    except OSError:
        return None
    reason = None
    if not stat.S_ISREG(st.st_mode):
        reason = "is no longer a plain file"
    elif not is_inside(orphan.path, root):
        reason = f"is not inside {root}"
    elif classify(orphan.path.name, orphan.kind == "incomplete") != orphan.kind:
        reason = "no longer looks like a leftover"
    elif orphan.kind == "unregistered" and os.path.realpath(orphan.path) in registered:
        reason = "is now an installed model"
    elif is_busy(orphan.path, busy_real):
        reason = "is in use by a running download or copy"
    if reason:
        log.warning("not deleting %s: it %s", orphan.path, reason)
        return None
    return st
