"""The model manager's controller: catalog, installed models, copies found on disk, clean-up.

Every slow step (hashing gigabytes, moving or copying files, scanning other apps' folders,
asking the Hub) runs off the GUI thread, as a ``Job`` with progress when it can take minutes or
on the short-task runner otherwise. Registry changes are made by the library under its own
lock; widgets hear about them through ``library_changed``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.catalog import Catalog, CatalogError, Variant, custom_variant, overlay_entry, parse_catalog
from app.core.gguf_header import human_size
from app.infra.files import write_json
from app.services.downloads import DownloadService
from app.services.jobs import Job, JobControl
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)


class ModelService(QObject):
    library_changed = Signal()
    catalog_changed = Signal()
    found_changed = Signal(list)  # [FoundCopy]
    orphans_changed = Signal(list)  # [Orphan]
    job_started = Signal(object)  # Job: the manager shows its progress
    notice = Signal(str)  # a sentence for the person

    def __init__(
        self,
        library: Any,  # app.infra.models.library.ModelLibrary
        fetcher: Any,  # app.infra.downloads.fetch.VariantFetcher
        shipped_catalog: Path,
        data_dir: Path,
        offline: Callable[[], bool],
        discovery_roots: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.fetcher, self._offline = library, fetcher, offline
        self._overlay_path = data_dir / "catalog-hub.json"
        self._custom_path = data_dir / "catalog-custom.json"
        self._shipped = shipped_catalog
        self._roots = discovery_roots
        self.tasks = TaskRunner("models", self)
        self.catalog = self._load_catalog()
        self.found: list[Any] = []
        self.jobs: list[Job] = []
        self._quantizing: set[Path] = set()  # output and temp files of running quantizations
        self._importing: set[str] = set()
        self.moving = False
        self.downloads = DownloadService(
            fetcher, self._register, lambda: self.catalog, data_dir / "downloads.json", offline, self
        )

    # -- catalog ------------------------------------------------------------------------------
    def _load_catalog(self) -> Catalog:
        try:
            catalog = parse_catalog(self._shipped.read_text(encoding="utf-8"))
        except (OSError, CatalogError) as exc:
            log.error("shipped catalog unusable: %s", exc)
            catalog = Catalog()
        overlay = _read_json(self._overlay_path)
        if isinstance(overlay, dict):
            catalog = catalog.with_overlay(overlay)
        for entry in _read_json(self._custom_path) or []:
            try:
                catalog = catalog.add_custom(
                    custom_variant(entry["repo"], entry["path"], entry.get("revision", "main"))
                )
            except (CatalogError, KeyError, TypeError) as exc:
                log.warning("ignoring a saved custom model: %s", exc)
        return catalog

    def refresh_catalog(self) -> None:
        """Ask the Hub for exact sizes, sha256 and commits of every variant (off the GUI thread)."""
        if self._offline():
            self.notice.emit(self.tr("Offline mode is on, so the catalog was not refreshed."))
            return
        variants = list(self.catalog.variants)

        def ask() -> tuple[dict[str, Any], list[str]]:
            overlay, problems = {}, []
            for v in variants:
                try:
                    remotes = self.fetcher.resolve(v)
                except Exception as exc:
                    problems.append(f"{v.repo}: {exc}")
                    continue
                files = [self.fetcher.catalog_file(r) for r in remotes]
                overlay[v.id] = overlay_entry(remotes[0].revision, files)
            return overlay, problems

        def done(result: tuple[dict[str, Any], list[str]]) -> None:
            overlay, problems = result
            old = _read_json(self._overlay_path)
            merged = {**(old if isinstance(old, dict) else {}), **overlay}
            try:
                write_json(self._overlay_path, merged)
            except OSError as exc:
                self.notice.emit(self.tr("Could not save what the Hub said: {error}").format(error=exc))
            self.catalog = self._load_catalog()
            self.catalog_changed.emit()
            n = len(overlay)
            text = self.tr("Refreshed {refreshed} of {total} variants from Hugging Face.").format(
                refreshed=n, total=len(variants)
            )
            self.notice.emit(text + (" " + " ".join(problems[:2]) if problems else ""))

        self.tasks.run(ask, done, lambda e: self.notice.emit(str(e)))

    def add_custom(self, repo: str, path: str, revision: str = "main") -> Variant:
        """Remember a Hub repo + GGUF file a person typed; raises CatalogError with a sentence."""
        variant = custom_variant(repo, path, revision)
        saved = _read_json(self._custom_path)
        entries = saved if isinstance(saved, list) else []
        entry = {"repo": variant.repo, "path": variant.first_file, "revision": variant.revision}
        if entry not in entries:
            entries.append(entry)
            write_json(self._custom_path, entries)
        self.catalog = self.catalog.add_custom(variant)
        self.catalog_changed.emit()
        return variant

    def download(self, variant: Variant) -> None:
        if self.moving:
            self.notice.emit(self.tr("The models folder is being moved; download when it is done."))
            return
        try:
            self.downloads.enqueue(variant)
        except ValueError as exc:
            self.notice.emit(str(exc))

    def _register(self, model: Any) -> None:
        self.library.add(model)
        self.library_changed.emit()

    # -- installed models ---------------------------------------------------------------------
    def installed(self) -> list[Any]:
        return self.library.models()

    def installed_for(self, variant: Variant) -> Any | None:
        return next((m for m in self.library.models() if m.variant_id == variant.id), None)

    def _job(self, title: str, fn: Callable[[JobControl], Any], done: Callable[[Any], None]) -> Job:
        job = Job(title, fn, self)
        self.jobs.append(job)

        def finished(result: Any) -> None:
            self.jobs.remove(job)
            done(result)
            self.library_changed.emit()

        def failed(error: BaseException) -> None:
            self.jobs.remove(job)
            if not _is_cancel(error):
                self.notice.emit(
                    str(error)
                    or self.tr("{task} failed ({error}).").format(task=title, error=type(error).__name__)
                )
            self.library_changed.emit()

        job.succeeded.connect(finished)
        job.failed.connect(failed)
        job.start()
        self.job_started.emit(job)
        return job

    def verify(self, model_id: str) -> Job:
        model = self.library.get(model_id)
        name = model.name if model else model_id

        def work(c: JobControl) -> str:
            c.phase = "verifying"
            return str(self.library.verify(model_id, c.report, c.should_stop))

        def done(state: str) -> None:
            sentences = {
                "verified": self.tr("{model} matches its checksum."),
                "failed": self.tr("{model} does NOT match its checksum: delete it and download it again."),
                "missing": self.tr("{model} is missing from disk."),
                "unverified": self.tr("{model} was hashed; no published checksum to compare with."),
            }
            sentence = sentences.get(state)
            self.notice.emit(sentence.format(model=name) if sentence is not None else f"{name} {state}.")

        return self._job(self.tr("Checking {model}").format(model=name), work, done)

    def delete(self, model_id: str) -> None:
        model = self.library.get(model_id)
        if model is None:
            return

        def done(freed: int) -> None:
            self.library_changed.emit()
            if model.managed:
                text = self.tr("Removed {model}; {size} freed.")
            else:
                text = self.tr(
                    "Removed {model}; {size} freed (the file belongs to another app and was left in place)."
                )
            self.notice.emit(text.format(model=model.name, size=human_size(freed)))

        self.tasks.run(lambda: self.library.delete(model_id), done, lambda e: self.notice.emit(str(e)))

    def move_folder(self, new_dir: Path, on_done: Callable[[Path], None]) -> Job | None:
        """Move every managed model; refused while anything else is writing model files."""
        unfinished = [
            i for i in self.downloads.items.values() if i.state not in ("done", "cancelled", "failed")
        ]
        running = [i for i in self.downloads.items.values() if i.job is not None and i.job.running]
        if unfinished or running or self.jobs:
            # A paused download's part stays where it is: moving would restart it from zero.
            self.notice.emit(
                self.tr(
                    "Finish or cancel the downloads in the list and wait for other model tasks, then move the models folder."
                )
            )
            return None
        self.moving = True

        def work(c: JobControl) -> Path:
            c.phase = "moving"
            return Path(self.library.move_models_dir(new_dir, c.report, c.should_stop))

        def done(path: Path) -> None:
            self.moving = False
            on_done(path)
            self.notice.emit(self.tr("Models are now kept in {folder}.").format(folder=path))

        job = self._job(self.tr("Moving models"), work, done)
        job.failed.connect(lambda _e: setattr(self, "moving", False))
        return job

    def import_file(self, path: Path, mode: str, sha256: str | None = None) -> Job | None:
        """Import a GGUF; with a checksum its source published (Ollama, HF cache), check it first."""
        key = str(Path(path).resolve())
        if self.moving or key in self._importing:
            self.notice.emit(self.tr("{file} is already being imported.").format(file=path.name) if key in self._importing
                             else self.tr("The models folder is being moved; import when it is done."))  # fmt: skip
            return None
        self._importing.add(key)

        def work(c: JobControl) -> Any:
            c.phase = "importing"
            kwargs = {"sha256": sha256} if sha256 else {}
            model = self.library.import_file(path, mode, c.report, c.should_stop, **kwargs)
            if sha256:  # another app's cache was never checked (huggingface_hub checks only sizes)
                c.phase = "verifying"
                self.library.verify(model.id, c.report, c.should_stop)
                model = self.library.get(model.id) or model
            return model

        def done(model: Any) -> None:
            self._importing.discard(key)
            if model.state == "failed":
                self.notice.emit(self.tr("{model} does not match the checksum {source} recorded for it, so it will not be loaded. Download a fresh copy instead.")
                                 .format(model=model.name, source=path.parent.name))  # fmt: skip
            else:
                self.notice.emit(self.tr("{model} is ready to use.").format(model=model.name))

        job = self._job(self.tr("Importing {file}").format(file=path.name), work, done)
        job.failed.connect(lambda _e: self._importing.discard(key))
        return job

    # -- quantizing --------------------------------------------------------------------------------
    def quantize_target(self, model: Any, target: str) -> Path:
        stem = Path(model.files[0]).name.removesuffix(".gguf")
        return Path(self.library.models_dir) / "quantized" / f"{stem}-{target}.gguf"

    def quantize_advice(self, model: Any, target: str, on_done: Callable[[str, bool], None]) -> None:
        """What quantizing would do (a sentence, and whether it can run), read off the GUI thread."""
        from app.infra.models.quantize import QuantizeJob

        dst = self.quantize_target(model, target)

        def ask() -> tuple[str, bool]:
            try:
                return QuantizeJob(Path(model.files[0]), dst, target).check(), True
            except Exception as exc:  # GGUFError / QuantizeError carry the sentence
                return str(exc), False

        self.tasks.run(ask, lambda r: on_done(*r), lambda e: on_done(str(e), False))

    def quantize(self, model: Any, target: str) -> Job | None:
        """Quantize an installed model in a child process; the result becomes an installed model."""
        import time

        from app.infra.models.library import InstalledModel
        from app.infra.models.quantize import QuantizeJob

        dst = self.quantize_target(model, target)
        owned = {dst, dst.with_name(dst.name + ".tmp")}
        if owned & self._quantizing:
            self.notice.emit(
                self.tr("{model} is already being quantized to {layout}.").format(
                    model=model.name, layout=target
                )
            )
            return None
        self._quantizing |= owned

        def work(c: JobControl) -> Any:
            c.phase = "quantizing"
            dst.parent.mkdir(parents=True, exist_ok=True)
            out = QuantizeJob(Path(model.files[0]), dst, target).run(c.report, c.should_stop)
            return InstalledModel(
                id=self.library.unique_id(f"quantized:{out.name}"),
                name=f"{model.name} → {target}",
                files=[str(out)],
                size=out.stat().st_size,
                source="quantized",
                added_at=time.time(),
                managed=True,
            )

        def done(new: Any) -> None:
            self._quantizing -= owned
            self.library.add(new)
            self.notice.emit(
                self.tr("{model} is ready ({size}).").format(model=new.name, size=human_size(new.size))
            )

        job = self._job(
            self.tr("Quantizing {model} to {layout}").format(model=model.name, layout=target), work, done
        )
        job.failed.connect(lambda _e: self._quantizing.difference_update(owned))
        return job

    # -- found on disk and clean-up -------------------------------------------------------------
    def scan_for_copies(self) -> None:
        from app.infra.models.discovery import discover

        def scan() -> list[Any]:
            return list(discover(self._discovery_roots()))

        def done(found: list[Any]) -> None:
            known = {f for m in self.library.models() for f in m.files}
            self.found = [c for c in found if c.path not in known]
            self.found_changed.emit(self.found)

        self.tasks.run(scan, done, lambda e: log.warning("scan for copies failed: %s", e))

    def scan_orphans(self) -> None:
        busy = self.downloads_busy_paths()

        def scan() -> list[Any]:
            hf_cache = [Path(p) for p in getattr(self._discovery_roots(), "hf_cache", [])]
            return list(self.library.find_orphans(hf_cache, busy))

        self.tasks.run(scan, self.orphans_changed.emit, lambda e: self.notice.emit(str(e)))

    def clean(self, orphans: list[Any]) -> None:
        def done(freed: int) -> None:
            self.notice.emit(self.tr("Cleaned up {size}.").format(size=human_size(freed)))
            self.scan_orphans()

        busy = self.downloads_busy_paths()  # what was idle at the scan may be working now
        self.tasks.run(lambda: self.library.clean(orphans, busy), done, lambda e: self.notice.emit(str(e)))

    def downloads_busy_paths(self) -> set[Path]:
        """Files that unfinished downloads and running quantizations own: never leftovers."""
        busy: set[Path] = set(self._quantizing)
        for variant, files in self.downloads.busy_files():
            busy.update(self.fetcher.part_paths(variant, files or None))
        return busy

    def _discovery_roots(self) -> Any:
        """Where other apps keep models (read off the GUI thread: it opens their settings)."""
        from app.infra.models.discovery import default_roots

        return self._roots if self._roots is not None else default_roots()

    def shutdown(self) -> None:
        self.downloads.shutdown()
        for job in list(self.jobs):
            job.cancel()
        for job in list(self.jobs):
            job.join(5)
        self.tasks.shutdown()


def _is_cancel(error: BaseException) -> bool:
    """A job the person cancelled: nothing to report."""
    from app.infra.cancel import Cancelled

    return isinstance(error, Cancelled)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("%s unreadable (%s)", path.name, type(exc).__name__)
        return None
