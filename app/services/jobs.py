"""Long background jobs with progress: downloads, re-verifying, moving, copying, quantizing.

A job is a function run on its own thread with a ``JobControl``: it reports progress by setting
two integers (no signal per chunk) and asks ``stop_requested()`` between chunks. The GUI reads
the progress on a timer (redrawing per chunk would flood the event loop) and hears the end
through queued signals. Only the GUI thread touches the ``Job`` object's Qt side.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class JobControl:
    """What the worker thread sees: progress out, stop requests in."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.phase = ""  # a word for the list: "downloading", "verifying", ...
        self.files: list[str] = []  # what the job found it works on (a download's files)
        self._stop: str | None = None

    def report(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def request_stop(self, how: str = "cancel") -> None:
        self._stop = how

    def stop_requested(self) -> str | None:
        """None, "pause" or "cancel"."""
        return self._stop

    def should_stop(self) -> bool:
        return self._stop is not None


class Job(QObject):
    succeeded = Signal(object)  # the function's result
    failed = Signal(object)  # the exception
    _ended = Signal(object, object)

    def __init__(self, title: str, fn: Callable[[JobControl], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.control = JobControl()
        self._fn = fn
        self._thread: threading.Thread | None = None
        self.running = False
        self._ended.connect(self._on_ended)

    def start(self) -> None:
        self.running = True
        self._thread = threading.Thread(target=self._work, daemon=True, name=f"job-{self.title[:20]}")
        self._thread.start()

    def _work(self) -> None:
        try:
            result, error = self._fn(self.control), None
        except BaseException as exc:  # delivered to the GUI thread, which decides what it means
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the QObject is gone: the app is closing
            self._ended.emit(result, error)

    def _on_ended(self, result: Any, error: Any) -> None:
        self.running = False
        if error is None:
            self.succeeded.emit(result)
        else:
            if not isinstance(error, Exception):
                log.error("job %s died", self.title, exc_info=error)
            self.failed.emit(error)

    def cancel(self, how: str = "cancel") -> None:
        self.control.request_stop(how)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread (exit, tests); True when it ended."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True
