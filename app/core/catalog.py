"""The models Hearth offers: variants of gpt-oss-20b and -120b, each a Hub repo and its files.

The catalog ships in ``resources/catalog.json``; what the Hub later tells us (exact sizes,
sha256, the commit) is kept apart as an overlay, so the shipped file is never rewritten and an
offline start always has something to show. Users can add any Hub repo and GGUF file by name.
Pure logic: parsing, validation and the merge; no network, no Qt.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from app.core.text import translate

_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_REVISION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$")
SHARD = re.compile(r"^(?P<stem>.+)-(?P<no>\d{5})-of-(?P<count>\d{5})\.gguf$")


class CatalogError(ValueError):
    """The catalog file, or a repo/file a user typed, cannot be used; str() says why."""


@dataclass(frozen=True)
class CatalogFile:
    path: str  # inside the repo
    size: int | None = None  # exact bytes, once known
    sha256: str | None = None


@dataclass(frozen=True)
class Variant:
    id: str
    model: str  # "gpt-oss-20b" / "gpt-oss-120b" / "custom"
    label: str
    repo: str
    revision: str = "main"
    commit: str | None = None  # pinned once known
    recommended: bool = False
    purpose: str = "chat"  # or "quantize": a full-precision source for local quantization
    layout: str = ""
    approx_size: int | None = None
    files: tuple[CatalogFile, ...] = ()
    match: str | None = None  # files are every *.gguf whose name contains this (read from the Hub)
    custom: bool = False

    @property
    def size(self) -> int | None:
        """Exact total when every file's size is known, else the catalog's estimate."""
        sizes = [f.size for f in self.files]
        if sizes and all(s is not None for s in sizes):
            return sum(s for s in sizes if s is not None)
        return self.approx_size

    @property
    def size_is_exact(self) -> bool:
        return bool(self.files) and all(f.size is not None for f in self.files)

    @property
    def verifiable(self) -> bool:
        """Every file has a published sha256 (the only kind of download Hearth finishes)."""
        return bool(self.files) and all(f.sha256 for f in self.files)

    @property
    def file_count(self) -> int:
        return len(self.files)

    @property
    def first_file(self) -> str | None:
        return self.files[0].path if self.files else None


@dataclass(frozen=True)
class ModelFamily:
    id: str
    name: str
    summary: str = ""
    parameters: int | None = None
    active_parameters: int | None = None


@dataclass
class Catalog:
    models: list[ModelFamily] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)

    def variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)

    def for_model(self, model_id: str) -> list[Variant]:
        return [v for v in self.variants if v.model == model_id]

    def recommended(self, model_id: str = "gpt-oss-20b") -> Variant | None:
        return next((v for v in self.for_model(model_id) if v.recommended), None)

    def with_overlay(self, overlay: dict[str, dict[str, Any]]) -> Catalog:
        """Apply what the Hub said (see ``overlay_entry``); bad entries are ignored."""
        variants = []
        for v in self.variants:
            entry = overlay.get(v.id)
            variants.append(_apply(v, entry) if isinstance(entry, dict) else v)
        return Catalog(list(self.models), variants)

    def add_custom(self, variant: Variant) -> Catalog:
        others = [v for v in self.variants if v.id != variant.id]
        return Catalog(list(self.models), [*others, variant])


def overlay_entry(commit: str, files: list[CatalogFile]) -> dict[str, Any]:
    """What to remember about a variant after asking the Hub."""
    return {"commit": commit, "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in files]}


def _apply(v: Variant, entry: dict[str, Any]) -> Variant:
    try:
        files = tuple(_file(f) for f in entry.get("files", []))
        commit = entry.get("commit")
        if commit is not None and not (isinstance(commit, str) and _COMMIT.match(commit)):
            return v
    except CatalogError:
        return v
    if v.files and [f.path for f in files] != [f.path for f in v.files]:
        return v  # the overlay is about other files (an older catalog): ignore it
    # A hash pinned in the shipped catalog wins over the overlay: if they differ, the Hub changed.
    merged = []
    for i, f in enumerate(files):
        pinned = v.files[i] if v.files else None
        merged.append(
            CatalogFile(f.path, (pinned and pinned.size) or f.size, (pinned and pinned.sha256) or f.sha256)
        )
    return replace(v, commit=v.commit or commit, files=tuple(merged))


def _file(raw: Any) -> CatalogFile:
    if not isinstance(raw, dict):
        raise CatalogError("a file entry is not an object")
    path = check_file_path(raw.get("path"))
    size, sha = raw.get("size"), raw.get("sha256")
    if size is not None and not (type(size) is int and size > 0):
        raise CatalogError(f"{path}: size is not a positive whole number")
    if sha is not None and not (isinstance(sha, str) and _SHA256.match(sha)):
        raise CatalogError(f"{path}: sha256 is not 64 hex digits")
    return CatalogFile(path, size, sha)


def check_repo(repo: Any) -> str:
    repo = repo.strip() if isinstance(repo, str) else repo
    if not isinstance(repo, str) or not _REPO.match(repo) or ".." in repo:
        raise CatalogError(
            translate(
                "Catalog",
                "'{repo}' is not a Hugging Face model name. Write it as owner/name, for example ggml-org/gpt-oss-20b-GGUF.",
            ).format(repo=repo)
        )
    return repo


def check_file_path(path: Any) -> str:
    path = path.strip() if isinstance(path, str) else path
    if not isinstance(path, str) or not path.lower().endswith(".gguf"):
        raise CatalogError(
            translate("Catalog", "'{path}' is not a GGUF file name; Hearth downloads .gguf files.").format(path=path)
        )
    parts = path.split("/")
    if path.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in path or len(path) > 400:
        raise CatalogError(translate("Catalog", "'{path}' is not a file path inside a repository.").format(path=path))
    return path


def custom_variant(repo: str, path: str, revision: str = "main") -> Variant:
    """A variant for a repo and GGUF file a user typed; a first shard brings its siblings."""
    repo, path = check_repo(repo), check_file_path(path)
    revision = revision.strip() or "main"
    if not _REVISION.match(revision) or ".." in revision:
        raise CatalogError(
            translate("Catalog", "'{revision}' is not a branch, tag or commit name.").format(revision=revision)
        )
    files = tuple(CatalogFile(p) for p in shard_paths(path))
    return Variant(
        id=f"{repo}:{path}@{revision}",
        model="custom",
        label=path.rsplit("/", 1)[-1],
        repo=repo,
        revision=revision,
        layout=translate("Catalog", "Added by you. Its size and checksum are read from the Hub before it downloads."),
        files=files,
        custom=True,
    )


def shard_paths(path: str) -> list[str]:
    """All shards of a split GGUF given any one of them; the path itself otherwise."""
    folder, _, name = path.rpartition("/")
    m = SHARD.match(name)
    if not m:
        return [path]
    count = int(m["count"])
    if not 1 <= count <= 999:
        raise CatalogError(translate("Catalog", "'{name}' claims {count} parts.").format(name=name, count=count))
    prefix = f"{folder}/" if folder else ""
    return [f"{prefix}{m['stem']}-{i:05d}-of-{count:05d}.gguf" for i in range(1, count + 1)]


def parse_catalog(text: str) -> Catalog:
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise CatalogError(f"the model catalog is not valid JSON ({exc})") from None
    if not isinstance(raw, dict) or raw.get("version") != 1:
        raise CatalogError("the model catalog has an unknown format version")
    models = [
        ModelFamily(
            str(m["id"]),
            str(m["name"]),
            str(m.get("summary", "")),
            m.get("parameters"),
            m.get("active_parameters"),
        )
        for m in raw.get("models", [])
    ]
    known = {m.id for m in models}
    variants: list[Variant] = []
    for r in raw.get("variants", []):
        try:
            v = Variant(
                id=str(r["id"]),
                model=str(r["model"]),
                label=str(r["label"]),
                repo=check_repo(r["repo"]),
                revision=str(r.get("revision") or "main"),
                commit=r.get("commit"),
                recommended=bool(r.get("recommended", False)),
                purpose=str(r.get("purpose", "chat")),
                layout=str(r.get("layout", "")),
                approx_size=r.get("approx_size"),
                files=tuple(_file(f) for f in r.get("files", [])),
                match=r.get("match"),
            )
        except KeyError as exc:
            raise CatalogError(f"a catalog variant lacks {exc}") from None
        if v.model not in known:
            raise CatalogError(f"variant {v.id} names an unknown model {v.model}")
        if v.commit is not None and not _COMMIT.match(str(v.commit)):
            raise CatalogError(f"variant {v.id}: commit is not 40 hex digits")
        if not v.files and not v.match:
            raise CatalogError(f"variant {v.id} lists no files")
        if any(x.id == v.id for x in variants):
            raise CatalogError(f"variant {v.id} appears twice")
        variants.append(v)
    return Catalog(models, variants)
