"""Indexing a collection: find its files, extract the ones that changed, write them to the
index one by one, and forget the ones that are gone.

Folders are walked without following symbolic links to folders (a link loop cannot trap the
walk, and nothing outside the folder the person chose is read); a linked file inside the
folder is read only if it resolves to a place under that folder.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.text import translate
from app.infra.documents.extract import extract, supported
from app.infra.documents.index import DocumentIndex


@dataclass
class Progress:
    files_total: int = 0
    files_done: int = 0
    pages_done: int = 0
    started: float = field(default_factory=time.monotonic)
    current: str = ""

    @property
    def pages_per_s(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.pages_done / elapsed if elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        if not self.files_done:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.files_done * (self.files_total - self.files_done)


@dataclass
class IndexReport:
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # path, sentence
    notes: list[tuple[str, str]] = field(default_factory=list)  # path, sentence (read, with a caveat)
    stopped: bool = False


def scan(paths: list[Path]) -> list[Path]:
    """The supported files under ``paths`` (files, or folders walked without following links)."""
    out: list[Path] = []
    for root in paths:
        if root.is_file():
            if supported(root):
                out.append(root)
            continue
        base = root.resolve()
        for folder, dirs, files in os.walk(root, followlinks=False, onerror=lambda _e: None):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith(".") or not supported(path):
                    continue
                if path.is_symlink():
                    try:
                        target = path.resolve(strict=True)
                    except (OSError, RuntimeError):
                        continue  # a broken link, or a loop
                    if not target.is_relative_to(base) or not target.is_file():
                        continue
                out.append(path)
    return out


def index_files(
    index: DocumentIndex,
    roots: list[Path],
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> IndexReport:
    """Bring ``index`` up to date with the files under ``roots``; resumable at any file."""
    report = IndexReport()
    files = scan(roots)
    state = Progress(files_total=len(files))
    present = {str(p) for p in files}
    gone = index.paths() - present
    if gone:
        index.remove(gone)
        report.removed = len(gone)
    for path in files:
        if should_stop():
            report.stopped = True
            break
        state.current = str(path)
        try:
            st = path.stat()
        except OSError:
            report.problems.append((str(path), translate("Documents", "The file is gone.")))
            index.remove([str(path)])
            state.files_done += 1
            continue
        if index.is_current(path, st.st_size, st.st_mtime):
            report.unchanged += 1
        else:
            got = extract(path)
            if got.error:
                report.problems.append((str(path), got.error))
            report.notes += [(str(path), note) for note in got.notes]
            if got.gone:
                index.remove([str(path)])
            else:
                index.put(path, st.st_size, st.st_mtime, got.title, got.pages, got.error, got.notes)
                report.indexed += 1
                state.pages_done += len(got.pages)
        state.files_done += 1
        if progress is not None:
            progress(state)
    return report
