"""Long background jobs with progress: downloads, re-verifying, moving, copying, quantizing.

A job is a function run on its own worker (a ``TaskRunner``, the services' one way to run work
off the GUI thread) with a ``JobControl``: it reports progress by setting
two integers (no signal per chunk) and asks ``stop_requested()`` between chunks. The GUI reads
the progress on a timer (redrawing per chunk would flood the event loop) and hears the end
through queued signals. Only the GUI thread touches the ``Job`` object's Qt side.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.services.tasks import TaskRunner

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
    """One long job on its own worker of the services' one thread helper (``TaskRunner``)."""

    succeeded = Signal(object)  # the function's result
    failed = Signal(object)  # the exception

    def __init__(self, title: str, fn: Callable[[JobControl], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.control = JobControl()
        self._fn = fn
        self._runner: TaskRunner | None = None
        self.running = False

    def start(self) -> None:
        self.running = True
        self._runner = TaskRunner(f"job-{self.title[:20]}", self)
        self._runner.run(lambda: self._fn(self.control), self._on_succeeded, self._on_failed)

    def _end_runner(self) -> None:
        if self._runner is not None:
            self._runner.shutdown(timeout=1.0)  # its worker has finished: it ends at once

    def _on_succeeded(self, result: Any) -> None:
        self.running = False
        self._end_runner()
        self.succeeded.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self.running = False
        self._end_runner()
        if not isinstance(error, Exception):
            log.error("job %s died", self.title, exc_info=error)
        self.failed.emit(error)

    def cancel(self, how: str = "cancel") -> None:
        self.control.request_stop(how)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the work to end (exit, tests); True when it ended."""
        return self._runner.wait(timeout) if self._runner is not None else True
