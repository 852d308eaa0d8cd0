"""Download one catalog variant: ask the Hub, check the space, move the bytes, verify them.

This is the function a download job runs on its thread. It uses huggingface_hub (through
``HubClient``) only for metadata and Hearth's own transfer for the bytes, and it returns the
``InstalledModel`` for the GUI thread to register: it never writes the registry itself.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.core.catalog import CatalogFile, Variant
from app.core.text import translate
from app.infra.downloads.hub import HubClient, HubError
from app.infra.downloads.transfer import (
    DownloadError,
    RemoteFile,
    discard_partial,
    download_file,
    hash_file,
    partial_paths,
    preflight,
)
from app.infra.models.library import InstalledModel, ModelLibrary

log = logging.getLogger(__name__)


class Control(Protocol):
    phase: str
    files: list[str]

    def report(self, done: int, total: int) -> None: ...
    def stop_requested(self) -> str | None: ...


class ChangedOnHubError(DownloadError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.kind = "changed"


class VariantFetcher:
    def __init__(self, hub: Callable[[], HubClient], library: ModelLibrary) -> None:
        self._hub, self.library = hub, library
        self.transfer_options: dict[str, object] = {}  # tests shorten timeouts and backoff

    # -- metadata ----------------------------------------------------------------------------
    def resolve(self, variant: Variant) -> list[RemoteFile]:
        """Exact URL, size, sha256 and commit of every file, checked against the catalog."""
        hub = self._hub()
        revision = variant.commit or variant.revision
        paths = [f.path for f in variant.files]
        if variant.match:
            entries = hub.list_gguf_files(variant.repo, revision)
            paths = sorted(e.path for e in entries if variant.match in e.path.rsplit("/", 1)[-1])
            if not paths:
                message = translate("Downloads", "{repo} has no GGUF file with {match} in its name.")
                raise HubError(message.format(repo=variant.repo, match=variant.match), "not_found")
        remotes = hub.resolve(variant.repo, revision, paths)
        for pinned, remote in zip(variant.files, remotes, strict=False):
            if (pinned.sha256 and pinned.sha256 != remote.sha256) or (
                pinned.size and pinned.size != remote.size
            ):
                raise ChangedOnHubError(
                    translate(
                        "Downloads",
                        "{file} on Hugging Face is not the file this catalog names (its size or checksum changed). Hearth will not download an unexpected file; refresh the catalog to review the new version.",
                    ).format(file=remote.path)
                )
        return remotes

    @staticmethod
    def catalog_file(remote: RemoteFile) -> CatalogFile:
        return CatalogFile(remote.path, remote.size, remote.sha256)

    def destinations(self, variant: Variant, paths: list[str] | None = None) -> list[Path]:
        return [self.library.dest_for(variant.repo, p) for p in (paths or [f.path for f in variant.files])]

    def part_paths(self, variant: Variant, paths: list[str] | None = None) -> set[Path]:
        """The files an unfinished download owns (``paths``: the ones the Hub listed for it)."""
        out: set[Path] = set()
        for dest in self.destinations(variant, paths):
            out.update({dest, *partial_paths(dest)})
        return out

    def discard(self, variant: Variant, paths: list[str] | None = None) -> None:
        """Delete what a cancelled download left: partial files, and finished shards of a split
        model that never became an installed model."""
        registered = {f for m in self.library.models() for f in m.files}
        for dest in self.destinations(variant, paths):
            discard_partial(dest)
            if dest.is_file() and str(dest) not in registered:
                dest.unlink()

    # -- the job -------------------------------------------------------------------------------
    def __call__(self, variant: Variant, control: Control) -> InstalledModel:
        control.phase = "resolving"
        remotes = self.resolve(variant)
        control.files = [r.path for r in remotes]
        dests = self.destinations(variant, control.files)
        total = sum(r.size for r in remotes)
        control.report(0, total)

        done = {
            i
            for i, (r, d) in enumerate(zip(remotes, dests, strict=True))
            if self._already_there(r, d, control)
        }
        have = sum(remotes[i].size for i in done)
        have += sum(_part_size(d) for i, d in enumerate(dests) if i not in done)
        preflight(dests[0].parent, total - have)

        finished = sum(remotes[i].size for i in done)
        for i, (remote, dest) in enumerate(zip(remotes, dests, strict=True)):
            if i in done:
                continue
            control.phase = "verifying"  # re-hashing a part left by an earlier run comes first
            base = finished
            dest.parent.mkdir(parents=True, exist_ok=True)

            def progress(got: int, _size: int, base: int = base) -> None:
                control.report(base + got, total)
                control.phase = "downloading"

            download_file(remote, dest, headers=self._hub().headers(), on_progress=progress,
                          should_stop=control.stop_requested, **self.transfer_options)  # type: ignore[arg-type]  # fmt: skip
            finished += remote.size
            control.report(finished, total)
        return InstalledModel(
            id=_model_id(variant),
            name=_display_name(variant),
            files=[str(d) for d in dests],
            size=total,
            sha256={str(d): r.sha256 for d, r in zip(dests, remotes, strict=True)},
            state="verified",
            checked_at=time.time(),
            source="downloaded",
            repo=variant.repo,
            revision=remotes[0].revision,
            variant_id=variant.id,
            added_at=time.time(),
            managed=True,
        )

    def _already_there(self, remote: RemoteFile, dest: Path, control: Control) -> bool:
        """A file finished by an earlier run (a shard of a split model): keep it if it verifies."""
        try:
            if dest.stat().st_size != remote.size:
                return False
        except FileNotFoundError:
            return False
        control.phase = "verifying"
        digest = hash_file(dest, control.stop_requested)
        if digest == remote.sha256:
            return True
        log.warning("%s on disk does not match its checksum; downloading it again", dest.name)
        os.unlink(dest)
        return False


def _part_size(dest: Path) -> int:
    try:
        return partial_paths(dest)[0].stat().st_size
    except FileNotFoundError:
        return 0


def _model_id(variant: Variant) -> str:
    return "hub:" + variant.id


def _display_name(variant: Variant) -> str:
    return f"{variant.repo} · {variant.label}" if variant.custom else f"{variant.model} · {variant.label}"
