"""One installed model as the registry records it, the registry file, and what a state means.

Kept apart from the library so the download, quantize and UI code can build and show these
records without pulling in the file operations. The registry is one small JSON file written
atomically; a damaged one (or one from a newer Hearth) is copied to ``*.bad`` and whatever
entries can still be read are kept, so Hearth always starts.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app.core.text import translate
from app.infra.files import write_atomic, write_json

__all__ = [
    "REGISTRY_VERSION",
    "SHA256_HEX",
    "SOURCES",
    "STATES",
    "InstalledModel",
    "load_registry",
    "save_registry",
    "state_sentence",
]

log = logging.getLogger(__name__)
REGISTRY_VERSION = 1

STATES = ("verified", "unverified", "failed", "missing")
SOURCES = ("downloaded", "linked", "copied", "referenced", "quantized", "found")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class InstalledModel:
    id: str
    name: str
    files: list[str]  # absolute; files[0] is what llama.cpp loads, the rest are its shards
    size: int
    # file name (a full path is accepted and stored as its name) -> expected sha256
    sha256: dict[str, str | None] = field(default_factory=dict)
    state: str = "unverified"
    checked_at: float | None = None
    source: str = "downloaded"
    repo: str | None = None
    revision: str | None = None
    variant_id: str | None = None
    added_at: float = field(default_factory=time.time)
    managed: bool = True
    # True when the sha256 values were computed by Hearth from the file, not published by its
    # source: matching them shows the file has not changed, not that it is the right file.
    hashes_recorded: bool = False
    note: str | None = None  # a sentence for the person, e.g. why a link became a reference

    @property
    def path(self) -> str:
        return self.files[0]

    def expected_sha256(self, file: str) -> str | None:
        return self.sha256.get(os.path.basename(file)) or self.sha256.get(file)

    @classmethod
    def from_json(cls, raw: object) -> InstalledModel:
        """Rebuild from the registry, refusing anything of the wrong shape (ValueError)."""
        if not isinstance(raw, dict):
            raise ValueError("entry is not an object")
        known = {f.name for f in fields(cls)}
        model = cls(**{k: v for k, v in raw.items() if k in known})
        model.check()
        return model

    def check(self) -> None:
        def ok(value: object, *types: type) -> bool:
            return type(value) in types  # exact: a bool is not a size, an int is not a flag

        text_or_none = ("repo", "revision", "variant_id", "note")
        valid = (
            ok(self.id, str) and bool(self.id) and ok(self.name, str) and ok(self.size, int)
            and ok(self.files, list) and bool(self.files)
            and all(ok(f, str) and os.path.isabs(f) for f in self.files)
            and ok(self.sha256, dict)
            and all(ok(k, str) and (v is None or (ok(v, str) and SHA256_HEX.match(v))) for k, v in self.sha256.items())
            and self.state in STATES and self.source in SOURCES
            and (self.checked_at is None or ok(self.checked_at, float, int))
            and ok(self.added_at, float, int) and ok(self.managed, bool) and ok(self.hashes_recorded, bool)
            and all(getattr(self, k) is None or ok(getattr(self, k), str) for k in text_or_none)
        )  # fmt: skip
        if not valid:
            raise ValueError(f"entry {str(self.id)[:80]!r} has a field of the wrong type")


def state_sentence(model: InstalledModel) -> str:
    """What the model's state means, in words for the person."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(model.checked_at)) if model.checked_at else None
    if model.state == "verified":
        return translate(
            "ModelFiles", "Intact: its contents match the published sha256 (checked {when})."
        ).format(when=when)
    if model.state == "failed":
        return translate(
            "ModelFiles", "Damaged: its contents do not match the expected sha256. Download it again."
        )
    if model.state == "missing":
        return translate(
            "ModelFiles", "Missing: {file} is no longer there. Put it back or remove the model."
        ).format(file=model.path)
    if model.hashes_recorded:
        return translate(
            "ModelFiles",
            "Not verified: no published checksum was known, so Hearth recorded the file's sha256 when it checked it; later checks can tell whether the file has changed.",
        )
    return translate(
        "ModelFiles", "Not verified yet: check it to compare its contents with the expected sha256."
    )


def load_registry(registry: Path) -> dict[str, InstalledModel]:
    """The registry's models by id; a damaged file is copied to ``*.bad`` and what can be read is kept."""
    try:
        data = registry.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning("model registry %s unreadable (%s); starting empty", registry, exc)
        return {}
    models: dict[str, InstalledModel] = {}
    problem = None
    try:
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("version") != REGISTRY_VERSION:
            raise ValueError("not a version 1 registry (damaged, or from a newer Hearth)")
        if not isinstance(raw.get("models"), list):
            raise ValueError("no list of models")
        for entry in raw["models"]:
            try:  # one bad entry costs that entry, not the whole list
                model = InstalledModel.from_json(entry)
                models[model.id] = model
            except (ValueError, TypeError) as exc:
                problem = str(exc)
    except (ValueError, TypeError, RecursionError) as exc:
        problem = str(exc)
    if problem is not None:
        bad = registry.with_name(registry.name + ".bad")
        log.warning("model registry %s is damaged (%s); kept a copy as %s", registry, problem, bad)
        try:
            write_atomic(bad, data)
        except OSError as save_exc:
            log.warning("could not keep a copy of the damaged registry: %s", save_exc)
    return models


def save_registry(registry: Path, models: Iterable[InstalledModel]) -> None:
    payload = {"version": REGISTRY_VERSION, "models": [asdict(m) for m in models]}
    write_json(registry, payload)
