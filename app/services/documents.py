"""Collections of the person's documents: kept, indexed off the GUI thread, watched, attached
to chats and browsed by the model.

A collection is a name and the files and folders it holds; its index lives in
``<data>/collections/<id>/index.sqlite3`` and goes with it. Indexing runs on one worker, one
collection at a time, reporting pages per second and time left; Pause stops it between two
files and Resume (or the next change in a watched folder) goes on where it stopped.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from app.core.text import translate
from app.infra.documents.browser import DocumentBrowser
from app.infra.documents.collection import IndexReport, Progress, index_files
from app.infra.documents.index import DocumentIndex
from app.infra.files import write_json
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
WATCH_DELAY_MS = 2_000  # a burst of changes in a watched folder is indexed once, after it settles
CHARS_PER_TOKEN = 3.5  # for "fits whole": a plain estimate, said as "about"
WHOLE_SHARE = 0.5  # documents fit whole when they take at most this share of the context
WATCH_LIMIT = 2_000  # folders watched per collection (each costs an inotify watch on Linux)


@dataclass
class CollectionInfo:
    id: str
    name: str
    roots: list[str]
    state: str = "idle"  # idle, indexing, paused, failed
    progress: dict[str, Any] = field(default_factory=dict)
    report: IndexReport | None = None
    chars: int = 0
    documents: int = 0
    pages: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "roots": self.roots}


class DocumentService(QObject):
    changed = Signal(str)  # collection id ("" : the list changed)
    progress = Signal(
        str, dict
    )  # id, {files_done, files_total, pages_done, pages_per_s, seconds_left, current}

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.file = root / "collections.json"
        self.runner = TaskRunner("hearth-index", self)
        self.collections: dict[str, CollectionInfo] = {}
        self._indexes: dict[str, DocumentIndex] = {}
        self._stop: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WATCH_DELAY_MS)
        self._timer.timeout.connect(self._reindex_pending)
        self._closed = False
        self._load()

    # -- the list ------------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = []
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                roots = [str(r) for r in item.get("roots") or []]
                self.collections[item["id"]] = CollectionInfo(item["id"], str(item.get("name") or "?"), roots)

    def _save(self) -> None:
        write_json(self.file, [c.to_json() for c in self.collections.values()])

    def start(self) -> None:
        """Bring every collection up to date (files may have changed while Hearth was closed)."""
        for cid in list(self.collections):
            self._watch(cid)
            self.reindex(cid)

    def add(self, name: str, roots: list[str]) -> str:
        cid = uuid.uuid4().hex[:12]
        self.collections[cid] = CollectionInfo(cid, name, [str(Path(r)) for r in roots])
        self._save()
        self._watch(cid)
        self.changed.emit("")
        self.reindex(cid)
        return cid

    def rename(self, cid: str, name: str) -> None:
        info = self.collections.get(cid)
        if info is not None and name.strip():
            info.name = " ".join(name.split())
            self._save()
            self.changed.emit(cid)

    def remove(self, cid: str) -> None:
        """Forget the collection and delete its index (never the person's files)."""
        info = self.collections.pop(cid, None)
        if info is None:
            return
        self.pause(cid)
        self._save()

        def drop() -> None:
            with self._lock:
                index = self._indexes.pop(cid, None)
            if index is not None:
                index.close()
            shutil.rmtree(self.root / cid, ignore_errors=True)

        self.runner.run(drop, lambda _r: self.changed.emit(""))
        self.changed.emit("")

    def _watch(self, cid: str) -> None:
        info = self.collections.get(cid)
        for root in info.roots if info else []:
            if Path(root).is_dir():
                self._watcher.addPath(root)

    def _watch_subfolders(self, cid: str) -> None:
        """Watch the folders that hold the collection's documents too (a watch is not recursive)."""
        info = self.collections.get(cid)
        if info is None or not any(Path(r).is_dir() for r in info.roots):
            return
        folders = sorted({str(Path(d.path).parent) for d in self.index_of(cid).documents()})[:WATCH_LIMIT]
        watched = set(self._watcher.directories())
        new = [f for f in folders if f not in watched and Path(f).is_dir()]
        if new:
            self._watcher.addPaths(new)

    def _folder_changed(self, folder: str) -> None:
        for cid, info in self.collections.items():
            if any(folder == r or folder.startswith(r.rstrip("/") + "/") for r in info.roots):
                self._pending.add(cid)
        self._timer.start()

    def _reindex_pending(self) -> None:
        pending, self._pending = self._pending, set()
        for cid in pending:
            if self.collections.get(cid) is not None and self.collections[cid].state != "paused":
                self.reindex(cid)

    # -- indexing ------------------------------------------------------------------------------
    def index_of(self, cid: str) -> DocumentIndex:
        with self._lock:
            index = self._indexes.get(cid)
            if index is None:
                index = DocumentIndex(self.root / cid / "index.sqlite3")
                self._indexes[cid] = index
            return index

    def reindex(self, cid: str) -> None:
        info = self.collections.get(cid)
        if info is None or self._closed:
            return
        stop = threading.Event()
        self._stop[cid] = stop
        info.state = "indexing"
        self.changed.emit(cid)

        def work() -> IndexReport:
            def progress(p: Progress) -> None:
                self.progress.emit(cid, {"files_done": p.files_done, "files_total": p.files_total,
                                         "pages_done": p.pages_done, "pages_per_s": p.pages_per_s,
                                         "seconds_left": p.seconds_left, "current": p.current})  # fmt: skip

            index = self.index_of(cid)
            return index_files(index, [Path(r) for r in info.roots], progress, stop.is_set)

        def done(report: IndexReport) -> None:
            info.report = report
            info.state = "paused" if report.stopped else "idle"
            self._count(cid)
            self._watch_subfolders(cid)
            self.changed.emit(cid)

        def failed(error: BaseException) -> None:
            log.error("indexing %s failed", cid, exc_info=error)
            info.state = "failed"
            info.report = IndexReport(problems=[("", str(error))])
            self.changed.emit(cid)

        self.runner.run(work, done, failed)

    def pause(self, cid: str) -> None:
        stop = self._stop.get(cid)
        if stop is not None:
            stop.set()

    def resume(self, cid: str) -> None:
        self.reindex(cid)

    def _count(self, cid: str) -> None:
        info = self.collections.get(cid)
        if info is None:
            return
        docs = self.index_of(cid).documents()
        info.documents = len(docs)
        info.pages = sum(d.pages for d in docs)
        info.chars = sum(d.chars for d in docs)

    # -- for a chat ----------------------------------------------------------------------------
    def browser(self, cids: tuple[str, ...]) -> DocumentBrowser:
        return DocumentBrowser([self.index_of(c) for c in cids if c in self.collections])

    def whole_text(self, cids: tuple[str, ...], limit_chars: int) -> str | None:
        """The attached documents' text, if all of it is at most ``limit_chars``; else None."""
        known = [self.collections[c] for c in cids if c in self.collections]
        if sum(i.chars for i in known) > limit_chars and all(i.state == "idle" for i in known):
            return None  # too large, known without reading a page
        parts: list[str] = []
        total = 0
        for cid in cids:
            if cid not in self.collections:
                continue
            index = self.index_of(cid)
            for doc in index.documents():
                if doc.error:
                    continue
                total += doc.chars
                if total > limit_chars:
                    return None
                pages = [index.page(doc.id, n) or "" for n in range(1, doc.pages + 1)]
                parts.append(f"## {doc.title}\n\n" + "\n".join(pages))
        return "\n\n".join(parts)

    def plan(self, cids: tuple[str, ...], n_ctx: int) -> str:
        """What Hearth will do with the attached documents, in a sentence."""
        infos = [self.collections[c] for c in cids if c in self.collections]
        if not infos:
            return ""
        if any(i.state == "indexing" for i in infos):
            return translate("Documents", "Reading the attached documents…")
        docs = sum(i.documents for i in infos)
        tokens = int(sum(i.chars for i in infos) / CHARS_PER_TOKEN)
        problems = sum(len(i.report.problems) + len(i.report.notes) for i in infos if i.report is not None)
        caveat = (
            " "
            + translate(
                "Documents", "Not everything in them could be read (see Chat → Documents…): {count}."
            ).format(count=problems)
            if problems
            else ""
        )
        return self._plan(docs, tokens, n_ctx) + caveat

    def _plan(self, docs: int, tokens: int, n_ctx: int) -> str:
        if n_ctx > 0 and tokens <= n_ctx * WHOLE_SHARE:
            return translate("Documents", "{docs} files, about {tokens} tokens: they fit whole in this chat's {ctx} context.").format(
                docs=docs, tokens=_k(tokens), ctx=_k(n_ctx))  # fmt: skip
        return translate("Documents", "{docs} files, about {tokens} tokens: too large to send whole, so gpt-oss will search them.").format(
            docs=docs, tokens=_k(tokens))  # fmt: skip

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        for stop in self._stop.values():
            stop.set()
        self.runner.shutdown()
        with self._lock:
            for index in self._indexes.values():
                index.close()
            self._indexes.clear()


def _k(n: int) -> str:
    return f"{n / 1000:.0f}k" if n >= 10_000 else f"{n:,}"
