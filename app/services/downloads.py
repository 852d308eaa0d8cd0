"""The download queue: one item per model variant (a 120b model's shards are one item).

Items are owned by the GUI thread; each running item is a ``Job`` whose thread asks the Hub
for exact sizes and sha256 (huggingface_hub), checks free space, then moves the bytes with
Hearth's own resumable, hashing transfer. Progress is read on a timer. The queue is saved, so
after a quit, crash or reboot the items come back and continue from the bytes on disk.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.core.catalog import Catalog, CatalogError, Variant, custom_variant
from app.core.gguf_header import human_size
from app.core.rate import RateMeter, format_eta, format_rate
from app.infra.files import write_json
from app.services.jobs import Job, JobControl

log = logging.getLogger(__name__)
ACTIVE = ("queued", "resolving", "downloading", "verifying")
TICK_MS = 400


@dataclass
class DownloadItem:
    id: str
    variant: Variant
    state: str = "queued"  # queued resolving downloading verifying paused failed done cancelled
    message: str = ""  # the sentence shown under a failed or paused item
    done: int = 0
    total: int = 0
    model_id: str | None = None
    resume_pending: bool = False  # Resume pressed while the paused job was still winding down
    files: list[str] = field(default_factory=list)  # paths in the repo, once the Hub has said
    rate: RateMeter = field(default_factory=RateMeter)
    job: Job | None = None

    @property
    def title(self) -> str:
        if self.variant.custom:
            return f"{self.variant.repo} · {self.variant.label}"
        return f"{self.variant.model} · {self.variant.label}"

    def status_text(self) -> str:
        translate = QCoreApplication.translate  # not a QObject: the context is named here
        done, total = human_size(self.done), human_size(self.total)
        if self.state == "downloading":
            of_total = translate("DownloadItem", "{done} of {total}").format(done=done, total=total)
            parts = [of_total if self.total else translate("DownloadItem", "starting…")]
            if speed := format_rate(self.rate.rate):
                parts.append(speed)
            if eta := format_eta(self.total - self.done, self.rate.rate):
                parts.append(eta)
            return " · ".join(parts)
        paused = (
            translate("DownloadItem", "Paused at {done} of {total}").format(done=done, total=total)
            if self.total
            else translate("DownloadItem", "Paused")
        )
        words = {
            "queued": translate("DownloadItem", "Waiting for the download before it"),
            "resolving": translate("DownloadItem", "Asking Hugging Face for sizes and checksums…"),
            "verifying": translate("DownloadItem", "Checking the files already on disk…"),
            "paused": paused,
            "done": translate("DownloadItem", "Downloaded and verified"),
            "cancelled": translate("DownloadItem", "Cancelled"),
        }
        text = words.get(self.state, self.state)
        return (
            f"{text}. {self.message}".strip()
            if self.message and self.state != "failed"
            else (self.message or text)
        )


class DownloadService(QObject):
    added = Signal(str)  # item id
    changed = Signal(str)  # item id: state or progress
    removed = Signal(str)
    completed = Signal(str, object)  # item id, the InstalledModel registered

    def __init__(
        self,
        work: Callable[[Variant, JobControl], Any],
        register: Callable[[Any], None],
        catalog: Callable[[], Catalog],
        state_file: Path,
        offline: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        """``work`` runs on a job thread and returns what ``register`` adds to the library."""
        super().__init__(parent)
        self._work, self._register, self._catalog = work, register, catalog
        self._state_file, self._offline = state_file, offline
        self.items: dict[str, DownloadItem] = {}
        self.max_parallel = 1
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -- commands (GUI thread) ---------------------------------------------------------------
    def enqueue(self, variant: Variant) -> DownloadItem:
        """Add a variant to the queue; raises ValueError with a sentence when it cannot be."""
        if self._offline():
            raise ValueError(self.tr("Hearth is in offline mode. Turn offline mode off to download models."))
        for item in self.items.values():
            if item.variant.id != variant.id:
                continue
            if item.job is not None and item.job.running:  # a cancelled one still letting go of its files
                raise ValueError(
                    self.tr("{download} is still stopping; try again in a moment.").format(
                        download=item.title
                    )
                )
            if item.state not in ("done", "cancelled", "failed"):
                raise ValueError(
                    self.tr("{download} is already in the download list.").format(download=item.title)
                )
        for old in [i for i in self.items.values() if i.variant.id == variant.id]:
            self._drop(old.id)
        item = DownloadItem(uuid.uuid4().hex[:12], variant)
        self.items[item.id] = item
        self.added.emit(item.id)
        self._save()
        self._schedule()
        return item

    def pause(self, item_id: str) -> None:
        item = self.items.get(item_id)
        if item is None or item.state not in ACTIVE:
            return
        # Shown at once; the job keeps its bytes and ends by itself (at the latest when a stalled
        # read times out), and Resume meanwhile is remembered rather than refused.
        if item.job is not None and item.job.running:
            item.job.cancel("pause")
        item.state, item.message, item.resume_pending = "paused", "", False
        self._changed(item)

    def resume(self, item_id: str) -> None:
        item = self.items.get(item_id)
        if item is None or item.state not in ("paused", "failed", "cancelled"):
            return
        if self._offline():
            item.message = self.tr("Offline mode is on; turn it off to continue.")
            self._changed(item)
            return
        item.state, item.message = "queued", ""
        item.resume_pending = item.job is not None and item.job.running
        self._changed(item)
        self._schedule()

    def cancel(self, item_id: str) -> None:
        """Stop and delete the partial files."""
        item = self.items.get(item_id)
        if item is None or item.state in ("done", "cancelled"):
            return
        if item.job is not None and item.job.running:
            item.job.cancel("cancel")  # the transfer deletes its part when it stops
        else:
            self._discard_parts(item)
        item.state, item.message, item.resume_pending = "cancelled", "", False
        self._changed(item)

    def remove(self, item_id: str) -> None:
        item = self.items.get(item_id)
        if item is not None and not (item.job is not None and item.job.running):
            self._drop(item_id)

    def pause_all(self) -> None:
        for item_id in list(self.items):
            self.pause(item_id)

    def shutdown(self, timeout: float = 5.0) -> None:
        """On exit: pause every download (bytes stay on disk) and join the threads."""
        self._timer.stop()
        jobs = [i.job for i in self.items.values() if i.job is not None and i.job.running]
        for job in jobs:
            job.cancel("pause")
        deadline = time.monotonic() + timeout
        for job in jobs:
            job.join(max(0.1, deadline - time.monotonic()))
        self._save(shutting_down=True)

    def restore(self) -> None:
        """Bring back the queue saved by the last run; running items continue by themselves."""
        try:
            raw = json.loads(self._state_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("download list unreadable (%s); starting empty", type(exc).__name__)
            return
        catalog = self._catalog()
        for entry in raw.get("items", []) if isinstance(raw, dict) else []:
            try:
                variant = self._variant_from(entry, catalog)
            except (CatalogError, KeyError, TypeError) as exc:
                log.warning("dropping a saved download: %s", exc)
                continue
            if variant is None:
                continue
            state = entry.get("state")
            item = DownloadItem(str(entry.get("id") or uuid.uuid4().hex[:12]), variant)
            item.done, item.total = int(entry.get("done", 0)), int(entry.get("total", 0))
            item.files = [str(f) for f in entry.get("files", []) if isinstance(f, str)]
            item.state = "queued" if state in ACTIVE and not self._offline() else "paused"
            if state == "failed":
                item.state, item.message = "failed", str(entry.get("message", ""))
            self.items[item.id] = item
            self.added.emit(item.id)
        self._schedule()

    # -- internals ---------------------------------------------------------------------------
    @staticmethod
    def _variant_from(entry: dict[str, Any], catalog: Catalog) -> Variant | None:
        if entry.get("custom"):
            return custom_variant(entry["repo"], entry["path"], entry.get("revision", "main"))
        return catalog.variant(str(entry["variant"]))

    def _save(self, shutting_down: bool = False) -> None:
        items = []
        for item in self.items.values():
            if item.state in ("done", "cancelled"):
                continue
            state = item.state
            if shutting_down and item.job is not None and item.job.running and state in ACTIVE:
                state = "downloading"  # it was running when the app quit: continue next time
            v = item.variant
            spec: dict[str, Any] = (
                {"custom": True, "repo": v.repo, "path": v.first_file, "revision": v.revision}
                if v.custom
                else {"variant": v.id}
            )
            items.append({"id": item.id, "state": state, "message": item.message, "done": item.done,
                          "total": item.total, "files": item.files, **spec})  # fmt: skip
        try:
            write_json(self._state_file, {"version": 1, "items": items})
        except OSError as exc:
            log.warning("could not save the download list: %s", exc)

    def _schedule(self) -> None:
        running = sum(1 for i in self.items.values() if i.job is not None and i.job.running)
        for item in self.items.values():
            if running >= self.max_parallel:
                break
            if item.state == "queued" and not (item.job is not None and item.job.running):
                self._start(item)
                running += 1
        if running and not self._timer.isActive():
            self._timer.start()

    def _start(self, item: DownloadItem) -> None:
        variant = item.variant
        job = Job(item.title, lambda control: self._work(variant, control), self)
        item.job, item.state, item.message = job, "resolving", ""
        item.rate.reset()
        job.succeeded.connect(lambda model, i=item: self._succeeded(i, model))
        job.failed.connect(lambda error, i=item: self._failed(i, error))
        job.start()
        self._changed(item)

    def _tick(self) -> None:
        now = time.monotonic()
        running = False
        for item in self.items.values():
            if item.job is None or not item.job.running:
                continue
            running = True
            c = item.job.control
            if c.stop_requested():
                continue  # paused or cancelled: the list already says so
            item.done, item.total = c.done, c.total
            item.files = list(c.files) or item.files
            if c.phase and c.phase != item.state:
                item.state = c.phase
                item.rate.reset()  # a resume jumps to the bytes on disk: that is not speed
            if item.state == "downloading":
                item.rate.sample(now, item.done)
            self.changed.emit(item.id)
        if not running:
            self._timer.stop()

    def _succeeded(self, item: DownloadItem, model: Any) -> None:
        if item.job is not None:
            item.files = list(item.job.control.files) or item.files
        item.state, item.message, item.job = "done", "", None
        item.done = item.total
        try:
            self._register(model)
            item.model_id = getattr(model, "id", None)
        except Exception as exc:  # the files are fine; only the registry write failed
            log.exception("registering a downloaded model failed")
            item.state = "failed"
            item.message = self.tr("The model downloaded but could not be registered: {error}").format(
                error=exc
            )
        self._changed(item)
        if item.state == "done":
            self.completed.emit(item.id, model)
        self._schedule()

    def _failed(self, item: DownloadItem, error: BaseException) -> None:
        kind = getattr(error, "kind", "")
        if item.job is not None:
            item.files = list(item.job.control.files) or item.files
        item.job = None
        if item.resume_pending and kind in ("paused", "cancelled"):
            item.state, item.message, item.resume_pending = "queued", "", False
        elif kind == "paused" or (item.state == "paused" and kind != "cancelled"):
            item.state, item.message = "paused", ""
        elif kind == "cancelled" or item.state == "cancelled":
            item.state, item.message = "cancelled", ""
            self._discard_parts(item)
        else:
            item.state = "failed"
            item.message = str(error) or self.tr("The download failed ({error}).").format(
                error=type(error).__name__
            )
            if not isinstance(error, Exception) or not hasattr(error, "kind"):
                log.error("download of %s failed", item.variant.id, exc_info=error)
        self._changed(item)
        self._schedule()

    def _discard_parts(self, item: DownloadItem) -> None:
        cancel = getattr(self._work, "discard", None)
        if cancel is not None:
            try:
                cancel(item.variant, item.files)
            except OSError as exc:
                log.warning("could not delete partial files: %s", exc)

    def _changed(self, item: DownloadItem) -> None:
        self.changed.emit(item.id)
        self._save()

    def busy_files(self) -> list[tuple[Variant, list[str]]]:
        """Every unfinished item's variant and resolved files: its parts must not be cleaned."""
        return [
            (i.variant, i.files)
            for i in self.items.values()
            if i.state != "done" or (i.job and i.job.running)
        ]

    def _drop(self, item_id: str) -> None:
        if self.items.pop(item_id, None) is not None:
            self.removed.emit(item_id)
            self._save()
