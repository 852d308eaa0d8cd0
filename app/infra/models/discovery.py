"""Finding gpt-oss GGUF files other apps already downloaded, so nobody fetches 12–65 GB twice.

Looks where LM Studio, Ollama and the Hugging Face cache keep models, in their own layouts,
and keeps only files whose header says gpt-oss. Those folders are someone else's and may be
huge, half-written or hostile, so the walk is bounded (depth and number of entries), never
follows a folder symlink, reads at most a small JSON manifest and a bounded GGUF header per
candidate, and treats every permission error, broken link or malformed manifest as "not here".
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.core.gguf_header import GGUFError, read_gguf_header
from app.core.text import translate
from app.infra.models.files import shard_parts
from app.infra.models.orphans import is_inside, walk_files

__all__ = ["DiscoveryRoots", "FoundCopy", "default_roots", "discover"]

log = logging.getLogger(__name__)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_OLLAMA_MODEL = "application/vnd.ollama.image.model"
_MAX_JSON = 1 << 20  # manifests and LM Studio's settings are a few kB


@dataclass(frozen=True)
class FoundCopy:
    path: str  # the file llama.cpp would load: the only file, or shard 1
    files: tuple[str, ...]
    origin: str  # "LM Studio" | "Ollama" | "Hugging Face cache"
    label: str
    size: int
    sha256: str | None  # published by the source (Ollama digest, HF LFS oid) when known
    header_ok: bool
    reason: str | None = None  # why it cannot be used, when header_ok is False
    repo: str | None = None  # "owner/name" on Hugging Face, when the layout says so
    revision: str | None = None


@dataclass(frozen=True)
class DiscoveryRoots:
    lmstudio: tuple[Path, ...] = ()
    ollama: tuple[Path, ...] = ()
    hf_cache: tuple[Path, ...] = ()


def _read_json(path: Path) -> object:
    """Parsed JSON of a small regular file, or None for anything else."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_JSON:
            return None
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def default_roots(
    home: Path | None = None, environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> DiscoveryRoots:
    """Where each app keeps models on this machine, honouring the apps' own overrides."""
    env = os.environ if environ is None else environ
    home = Path.home() if home is None else home

    def from_env(name: str, *tail: str) -> list[Path]:
        value = env.get(name)
        return [Path(value).expanduser().joinpath(*tail)] if value else []

    lmstudio = [home / ".lmstudio" / "models", home / ".cache" / "lm-studio" / "models"]
    settings = _read_json(home / ".lmstudio" / "settings.json")
    if isinstance(settings, dict) and isinstance(settings.get("downloadsFolder"), str):
        lmstudio.insert(0, Path(settings["downloadsFolder"]).expanduser())

    ollama = [*from_env("OLLAMA_MODELS"), home / ".ollama" / "models"]
    if platform.startswith("linux"):  # the system service's home when installed by the script
        ollama.append(Path("/usr/share/ollama/.ollama/models"))
    if platform == "win32":
        ollama += from_env("USERPROFILE", ".ollama", "models")

    xdg = env.get("XDG_CACHE_HOME")
    hf = [
        *from_env("HF_HUB_CACHE"),
        *from_env("HUGGINGFACE_HUB_CACHE"),
        *from_env("HF_HOME", "hub"),
        (Path(xdg) if xdg else home / ".cache") / "huggingface" / "hub",
    ]

    def unique(paths: list[Path]) -> tuple[Path, ...]:
        return tuple(dict.fromkeys(paths))

    return DiscoveryRoots(unique(lmstudio), unique(ollama), unique(hf))


def _group_shards(files: list[Path]) -> Iterator[tuple[Path, list[Path], str | None]]:
    """(first file, all its files, the first missing part's name) for each model among ``files``
    of one folder."""
    names = {f.name for f in files}
    for f in files:
        parts = shard_parts(f.name)
        if parts is None:
            yield f, [f], None
            continue
        stem, index, count = parts
        if index != 1:
            continue  # listed with its shard 1
        group = [f.with_name(f"{stem}-{i:05d}-of-{count:05d}.gguf") for i in range(1, count + 1)]
        missing = [g.name for g in group if g.name not in names]
        yield f, [g for g in group if g.name in names], missing[0] if missing else None


def _check(first: Path, files: list[Path], missing: str | None) -> tuple[bool, str | None] | None:
    """(usable, reason) for a gpt-oss file; None when it is not a gpt-oss file at all."""
    try:
        read_gguf_header(first)
    except GGUFError as exc:
        if exc.kind == "wrong_architecture" and "'gptoss'" in str(exc):
            # Ollama's own gpt-oss conversion: same weights, a layout llama.cpp cannot load.
            return False, translate(
                "ModelFiles", "It is Ollama's own gpt-oss format ('gptoss'), which llama.cpp cannot load."
            )
        if exc.kind == "truncated" and "gpt-oss" in str(first).lower():
            return False, str(exc)  # worth saying: the other app's download is unfinished
        log.info("discovery: skipping %s: %s", first, exc)
        return None
    except OSError as exc:
        log.info("discovery: cannot read %s: %s", first, exc)
        return None
    if missing:
        message = translate("ModelFiles", "{file} is split into parts and part {part} is missing.")
        return False, message.format(file=first.name, part=missing)
    return True, None


def _sizes(files: list[Path]) -> int:
    total = 0
    for f in files:
        with contextlib.suppress(OSError):
            total += os.stat(f).st_size
    return total


def _gguf_files(root: Path, budget: list[int], depth: int) -> dict[Path, list[Path]]:
    """GGUF files under ``root`` (regular files or links to them), grouped by folder."""
    by_dir: dict[Path, list[Path]] = {}
    for path, st in _walk_with_links(root, budget, depth):
        if path.name.lower().endswith(".gguf") and stat.S_ISREG(st.st_mode):
            by_dir.setdefault(path.parent, []).append(path)
    return by_dir


def _walk_with_links(root: Path, budget: list[int], depth: int) -> Iterator[tuple[Path, os.stat_result]]:
    """Like walk_files, plus symlinks to files (the HF cache's snapshots are all symlinks)."""
    level = [root]
    for _ in range(depth + 1):
        deeper: list[Path] = []
        for directory in level:
            try:
                with os.scandir(directory) as entries:
                    for entry in entries:
                        budget[0] -= 1
                        if budget[0] < 0:
                            return
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                deeper.append(Path(entry.path))
                            elif entry.is_file(follow_symlinks=True):
                                yield Path(entry.path), os.stat(entry.path)
                        except OSError:  # broken link, vanished, no permission
                            continue
            except OSError as exc:
                log.info("discovery: skipping %s: %s", directory, exc.strerror or exc)
        level = deeper


def _lmstudio(root: Path, budget: list[int], depth: int) -> Iterator[FoundCopy]:
    for folder, files in sorted(_gguf_files(root, budget, depth).items()):
        rel = folder.relative_to(root).as_posix()
        for first, group, missing in _group_shards(sorted(files)):
            checked = _check(first, group, missing)
            if checked is not None:
                repo = rel if rel.count("/") == 1 else None
                label = f"{rel} · {first.name}" if rel != "." else first.name
                yield FoundCopy(
                    str(first),
                    tuple(map(str, group)),
                    "LM Studio",
                    label,
                    _sizes(group),
                    None,
                    *checked,
                    repo,
                )


def _ollama(root: Path, budget: list[int]) -> Iterator[FoundCopy]:
    manifests = root / "manifests"
    found: dict[Path, tuple[list[str], str]] = {}
    for path, _st in walk_files(manifests, budget, max_depth=4):
        rel = path.relative_to(manifests).parts
        if len(rel) != 4:  # <registry>/<namespace>/<model>/<tag>
            continue
        manifest = _read_json(path)
        layers = manifest.get("layers") if isinstance(manifest, dict) else None
        for layer in layers if isinstance(layers, list) else []:
            if not isinstance(layer, dict) or layer.get("mediaType") != _OLLAMA_MODEL:
                continue
            digest = layer.get("digest")
            hexdigest = digest[7:] if isinstance(digest, str) and digest.startswith("sha256:") else ""
            if not _HEX64.match(hexdigest):  # e.g. "sha256:../../etc/passwd"
                log.warning("discovery: ignoring manifest %s with a malformed digest", path)
                continue
            blob = root / "blobs" / f"sha256-{hexdigest}"
            if not blob.is_file() or not is_inside(blob, root / "blobs"):
                continue
            registry, namespace, model, tag = rel
            name = f"{model}:{tag}" if namespace == "library" else f"{namespace}/{model}:{tag}"
            if registry != "registry.ollama.ai":
                name = f"{registry}/{name}"
            found.setdefault(blob, ([], hexdigest))[0].append(name)
    for blob, (names, hexdigest) in sorted(found.items()):
        checked = _check(blob, [blob], None)
        if checked is not None:
            label = "ollama " + ", ".join(sorted(names))
            yield FoundCopy(str(blob), (str(blob),), "Ollama", label, _sizes([blob]), hexdigest, *checked)


def _hf_cache(root: Path, budget: list[int], depth: int) -> Iterator[FoundCopy]:
    try:
        repos = sorted(p for p in root.iterdir() if p.name.startswith("models--"))
    except OSError:
        return
    for repo_dir in repos[:10_000]:
        org, _, name = repo_dir.name.removeprefix("models--").partition("--")
        repo = f"{org}/{name}" if name else org
        blobs = repo_dir / "blobs"
        for folder, files in sorted(_gguf_files(repo_dir / "snapshots", budget, depth).items()):
            rev_and_path = folder.relative_to(repo_dir / "snapshots").parts
            revision = rev_and_path[0] if rev_and_path else None
            for first, group, missing in _group_shards(sorted(files)):
                # Every snapshot entry must be a link into this repo's own blobs folder.
                if not all(is_inside(Path(os.path.realpath(f)), blobs) for f in group):
                    log.warning("discovery: %s points outside its cache folder; skipped", first)
                    continue
                checked = _check(first, group, missing)
                if checked is None:
                    continue
                blob_name = Path(os.path.realpath(first)).name
                in_repo = "/".join((*rev_and_path[1:], first.name))
                yield FoundCopy(
                    str(first),
                    tuple(map(str, group)),
                    "Hugging Face cache",
                    f"{repo} · {in_repo}",
                    _sizes(group),
                    blob_name if len(group) == 1 and _HEX64.match(blob_name) else None,
                    *checked,
                    repo,
                    revision,
                )


def discover(roots: DiscoveryRoots, max_depth: int = 6, max_entries: int = 20_000) -> list[FoundCopy]:
    """Every gpt-oss copy under ``roots``, each file once (first place found wins)."""
    budget = [max_entries]
    copies: list[FoundCopy] = []
    seen: set[str] = set()
    sources: list[Iterator[FoundCopy]] = [
        *(_lmstudio(r, budget, max_depth) for r in roots.lmstudio),
        *(_ollama(r, budget) for r in roots.ollama),
        *(_hf_cache(r, budget, max_depth) for r in roots.hf_cache),
    ]
    for source in sources:
        for copy in source:
            real = os.path.realpath(copy.path)
            if real not in seen:  # e.g. two HF revisions sharing one blob
                seen.add(real)
                copies.append(copy)
    return copies
