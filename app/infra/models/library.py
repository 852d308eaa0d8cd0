"""The installed models: what Hearth can load, where the files are, and how sure it is they are intact.

One small JSON registry, written atomically. A registry that cannot be read (damaged, or
written by a newer Hearth) is kept aside as ``models.json.bad`` and Hearth starts with an
empty list rather than refusing to start; the model files themselves are never touched by
that, and the orphan sweep offers them back as unregistered files.

Files are "managed" when they live in Hearth's models folder (downloaded, linked or copied
there): deleting the model deletes them. Files referenced in place belong to another app;
deleting such a model only forgets it. Long operations (verify, import, move) take progress
and stop callbacks and run on a worker thread; the registry itself is guarded by a lock.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from app.core.gguf_header import human_size
from app.core.text import translate
from app.infra.models import orphans as model_orphans
from app.infra.models.files import (
    Cancelled,
    ModelFileError,
    ProgressMeter,
    check_move,
    move_files,
    prune_empty_dirs,
    safe_repo_path,
    sha256_file,
)
from app.infra.models.importer import IMPORT_MODES, check_model_files, place_files
from app.infra.models.installed import (
    SHA256_HEX,
    SOURCES,
    STATES,
    InstalledModel,
    load_registry,
    save_registry,
    state_sentence,
)
from app.infra.models.orphans import Orphan

__all__ = [
    "SOURCES",
    "STATES",
    "Cancelled",
    "InstalledModel",
    "ModelFileError",
    "ModelLibrary",
    "Orphan",
    "state_sentence",
]

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
StopCheck = Callable[[], bool]


def _identity(path: str | Path) -> tuple[int, int] | str:
    """The file's (device, inode), so hard links compare equal; its real path if it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)


def _copy(model: InstalledModel) -> InstalledModel:
    return copy.deepcopy(model)


class ModelLibrary:
    """The registry plus the file operations that must keep it true."""

    def __init__(self, registry: Path, models_dir: Path) -> None:
        self.registry = Path(registry)
        self._models_dir = Path(models_dir).absolute()
        self._lock = threading.RLock()
        self._models: dict[str, InstalledModel] = load_registry(self.registry)
        self._found: dict[Path, tuple[Orphan, Path]] = {}  # from the last find_orphans
        self._working: set[Path] = set()  # folders an import or move is writing into now
        self._reserved: set[str] = set()  # ids taken by imports still running

    @property
    def models_dir(self) -> Path:
        return self._models_dir

    # --- the registry -------------------------------------------------------------------

    def _save(self) -> None:
        save_registry(self.registry, self._models.values())

    def _require(self, model_id: str) -> InstalledModel:
        model = self._models.get(model_id)
        if model is None:
            raise ModelFileError(
                translate(
                    "ModelFiles", "No installed model is called {name}; it may have been removed already."
                ).format(name=repr(model_id[:80]))
            )
        return model

    def models(self) -> list[InstalledModel]:
        """Every installed model, with "missing" refreshed from the disk."""
        with self._lock:
            changed = False
            for model in self._models.values():
                present = all(os.path.isfile(f) for f in model.files)
                if not present and model.state != "missing":
                    model.state, changed = "missing", True
                elif present and model.state == "missing":
                    model.state, changed = "unverified", True  # back, but must be re-checked
            if changed:
                try:
                    self._save()
                except OSError as exc:  # listing must work even on a read-only data folder
                    log.warning("could not save the model registry: %s", exc)
            return sorted((_copy(m) for m in self._models.values()), key=lambda m: m.added_at)

    def get(self, model_id: str) -> InstalledModel | None:
        with self._lock:
            model = self._models.get(model_id)
            return None if model is None else _copy(model)

    def add(self, model: InstalledModel) -> None:
        """Add or replace (same id) a model, e.g. when a download finishes."""
        model.check()
        stored = _copy(model)
        # Keyed by file name, not path, so the hashes stay attached when the folder moves.
        stored.sha256 = {os.path.basename(k): v for k, v in model.sha256.items()}
        with self._lock:
            self._models[model.id] = stored
            self._save()

    def unique_id(self, base: str) -> str:
        slug = re.sub(r"[^a-z0-9._-]+", "-", base.lower()).strip("-.") or "model"
        with self._lock:
            candidate, n = slug, 2
            while candidate in self._models or candidate in self._reserved:
                candidate, n = f"{slug}-{n}", n + 1
            return candidate

    def forget(self, model_id: str) -> InstalledModel:
        """Remove from the list without touching any file."""
        with self._lock:
            model = self._require(model_id)
            del self._models[model_id]
            self._save()
            return model

    def dest_for(self, repo: str, path: str) -> Path:
        """Where a file downloaded from ``repo`` (``owner/name``) at ``path`` is kept."""
        return self._models_dir.joinpath(*safe_repo_path(repo, path).parts)

    # --- deleting and checking ----------------------------------------------------------

    def delete(self, model_id: str) -> int:
        """Forget the model and delete the files Hearth owns; returns the bytes actually freed."""
        with self._lock:
            model = _copy(self._require(model_id))
        if not model.managed:  # another app's file: never delete it
            self.forget(model_id)
            return 0
        outside = [f for f in model.files if not model_orphans.is_inside(Path(f), self._models_dir)]
        if outside:  # never delete outside Hearth's folder, and never forget a file silently
            raise ModelFileError(
                translate(
                    "ModelFiles",
                    "{file} is not in Hearth's models folder ({folder}), so Hearth did not delete it. Move it back into that folder, or delete it yourself and then remove the model from the list.",
                ).format(file=Path(outside[0]).name, folder=self._models_dir)
            )
        freed, failures = 0, []
        for name in model.files:
            path = Path(name)
            try:
                st = os.lstat(path)
                os.unlink(path)
            except FileNotFoundError:
                continue
            except OSError as exc:
                failures.append(f"{path.name} ({exc.strerror or exc})")
                continue
            # Another hard link (e.g. the other app's copy) keeps the data on disk.
            freed += st.st_size if st.st_nlink <= 1 else 0
            prune_empty_dirs(path.parent, self._models_dir)
        if failures:
            raise ModelFileError(
                translate(
                    "ModelFiles",
                    "Could not delete {files}. If the model is loaded or another program has it open, close it and try again.",
                ).format(files=", ".join(failures))
            )
        with self._lock:
            self._models.pop(model_id, None)
            self._save()
        log.info("deleted model %s, freed %s", model_id, human_size(freed))
        return freed

    def verify(
        self, model_id: str, on_progress: Progress | None = None, should_stop: StopCheck | None = None
    ) -> str:
        """Re-hash every file and record the result; returns the new state. Raises Cancelled."""
        with self._lock:
            model = _copy(self._require(model_id))
        computed: dict[str, str] = {}
        try:
            meter = ProgressMeter(sum(os.stat(f).st_size for f in model.files), on_progress, should_stop)
            for name in model.files:
                computed[os.path.basename(name)] = sha256_file(Path(name), meter)
        except FileNotFoundError:
            return self._record(model_id, "missing", {}, recorded=False)
        except OSError as exc:
            message = translate("ModelFiles", "Could not read {name}: {error}.")
            raise ModelFileError(message.format(name=model.name, error=exc.strerror or exc)) from exc
        expected = {k: model.expected_sha256(k) for k in computed}
        if any(expected[k] and expected[k] != v for k, v in computed.items()):
            return self._record(model_id, "failed", {}, recorded=model.hashes_recorded)
        unknown = {k: v for k, v in computed.items() if not expected[k]}
        if unknown:
            log.info("%s has no known sha256; recorded the computed one", model_id)
        state = "unverified" if unknown or model.hashes_recorded else "verified"
        return self._record(model_id, state, unknown, recorded=bool(unknown) or model.hashes_recorded)

    def _record(self, model_id: str, state: str, hashes: dict[str, str], recorded: bool) -> str:
        with self._lock:
            model = self._models.get(model_id)
            if model is not None:  # it may have been forgotten while we were hashing
                model.state, model.checked_at = state, time.time()
                model.sha256.update(hashes)
                model.hashes_recorded = recorded
                self._save()
        return state

    # --- import, move, orphans ----------------------------------------------------------

    def import_file(
        self,
        path: Path,
        mode: str,
        on_progress: Progress | None = None,
        should_stop: StopCheck | None = None,
        *,
        sha256: str | None = None,
        name: str | None = None,
        repo: str | None = None,
        revision: str | None = None,
    ) -> InstalledModel:
        """Check ``path`` (and its shards) and add it as ``mode``: "link", "copy" or "reference".

        ``sha256`` is a checksum the source published for a single-file model (an Ollama blob
        digest, a Hugging Face LFS oid); otherwise verify() computes one later.
        """
        path = Path(os.path.abspath(path))
        if mode not in IMPORT_MODES:
            raise ValueError(f"mode must be one of {IMPORT_MODES}, not {mode!r}")
        if sha256 is not None and not SHA256_HEX.match(sha256):
            raise ValueError("sha256 must be 64 lowercase hex digits")
        files, info = check_model_files(path)
        # The same data under another name (a hard link made by an earlier import) counts too.
        ours = {_identity(f) for f in files}
        with self._lock:
            for other in self._models.values():
                if ours & {_identity(f) for f in other.files}:
                    message = translate("ModelFiles", "{file} is already installed as {name}.")
                    raise ModelFileError(message.format(file=path.name, name=other.name))
        label = name or info.name or path.name.removesuffix(".gguf")
        with self._lock:  # reserved until added, so two imports at once never share an id
            model_id = self.unique_id(label)
            self._reserved.add(model_id)
        try:
            return self._import_as(
                model_id, label, files, mode, on_progress, should_stop, sha256, repo, revision, path
            )
        finally:
            with self._lock:
                self._reserved.discard(model_id)

    def _import_as(self, model_id: str, label: str, files: list[Path], mode: str, on_progress: Progress | None,
                   should_stop: StopCheck | None, sha256: str | None, repo: str | None, revision: str | None,
                   path: Path) -> InstalledModel:  # fmt: skip
        names = [f.name if f.name.lower().endswith(".gguf") else f"{model_id}.gguf" for f in files]
        if all(model_orphans.is_inside(f, self._models_dir) for f in files):
            # Already in Hearth's folder (an unregistered file the orphan sweep offered): adopt it.
            placed_files, source, managed, note = [str(f) for f in files], "found", True, None
        else:
            dest_dir = self._models_dir / "imported" / model_id
            total = sum(os.stat(f).st_size for f in files)
            with self._lock:
                self._working.add(dest_dir)
            try:
                placement = place_files(
                    files, names, mode, dest_dir, ProgressMeter(total, on_progress, should_stop)
                )
            finally:
                with self._lock:
                    self._working.discard(dest_dir)
            placed_files, source, managed, note = (
                placement.files,
                placement.source,
                placement.managed,
                placement.note,
            )
        model = InstalledModel(
            id=model_id,
            name=label,
            files=placed_files,
            size=sum(os.stat(f).st_size for f in placed_files),
            sha256={os.path.basename(placed_files[0]): sha256} if sha256 and len(files) == 1 else {},
            source=source,
            repo=repo,
            revision=revision,
            managed=managed,
            note=note,
        )
        self.add(model)
        log.info("imported %s as %s (%s)", path, model_id, source)
        return _copy(model)

    def move_models_dir(
        self, new_dir: Path, on_progress: Progress | None = None, should_stop: StopCheck | None = None
    ) -> Path:
        """Move every managed file to ``new_dir`` (keeping sub-folders); all or nothing.

        Downloads and imports must not be running. Files referenced in place stay where they
        are; leftovers (parts, temp files) stay in the old folder for the orphan sweep.
        """
        new_dir = Path(os.path.abspath(new_dir))
        with self._lock:
            models = [_copy(m) for m in self._models.values() if m.managed]
        sources = [Path(f) for m in models for f in m.files]
        sources = [s for s in sources if os.path.isfile(s) and model_orphans.is_inside(s, self._models_dir)]
        pairs = [(src, new_dir / os.path.relpath(src, self._models_dir)) for src in sources]
        created = not new_dir.exists()
        total = check_move(self._models_dir, new_dir, sources)
        meter = ProgressMeter(total, on_progress, should_stop)
        with self._lock:
            self._working.add(new_dir)
        try:
            leftovers = move_files(pairs, meter)
        except BaseException:
            for _, dst in pairs:  # the folders the move made; the old ones are untouched
                prune_empty_dirs(dst.parent, new_dir.parent if created else new_dir)
            raise
        finally:
            with self._lock:
                self._working.discard(new_dir)
        moved = {str(src): str(dst) for src, dst in pairs}
        old_dir = self._models_dir
        with self._lock:
            for model in self._models.values():
                model.files = [moved.get(f, f) for f in model.files]
            self._models_dir = new_dir
            self._save()
        for src in leftovers:  # copied across drives: the registry no longer points here
            try:
                os.unlink(src)
            except OSError as exc:
                log.warning("could not remove the old copy %s: %s", src, exc)
        for src in sources:
            prune_empty_dirs(src.parent, old_dir)
        return new_dir

    def find_orphans(self, extra_dirs: Iterable[Path] = (), busy: Iterable[Path] = ()) -> list[Orphan]:
        """Leftovers that can be cleaned; ``busy`` names files running downloads still own."""
        with self._lock:
            registered = {os.path.realpath(f) for m in self._models.values() for f in m.files}
            busy_all = {*busy, *self._working}
        found = model_orphans.scan(self._models_dir, registered, busy_all, extra_dirs)
        with self._lock:
            self._found = {orphan.path: (orphan, root) for orphan, root in found}
        return [orphan for orphan, _ in found]

    def clean(self, orphans: Iterable[Orphan], busy: Iterable[Path] = ()) -> int:
        """Delete orphans that find_orphans reported and that still qualify; returns bytes freed.

        ``busy`` is checked again: a download may have resumed into a part since the scan.
        """
        freed = 0
        with self._lock:  # also keeps a registry save's temp file from being swept mid-write
            registered = {os.path.realpath(f) for m in self._models.values() for f in m.files}
            busy_real = {os.path.realpath(b) for b in (*busy, *self._working)}
            for orphan in orphans:
                entry = self._found.get(orphan.path)
                if entry is None or entry[0].kind != orphan.kind:
                    log.warning("not deleting %s: it was not reported as a leftover", orphan.path)
                    continue
                st = model_orphans.still_removable(orphan, entry[1], registered, busy_real)
                if st is None:
                    continue
                try:
                    os.unlink(orphan.path)
                except OSError as exc:
                    log.warning("could not delete %s: %s", orphan.path, exc)
                    continue
                del self._found[orphan.path]
                freed += st.st_size if st.st_nlink <= 1 else 0
                if entry[1] == self._models_dir:
                    prune_empty_dirs(orphan.path.parent, self._models_dir)
        return freed
