"""Run a function off the GUI thread and hear back on it: ``runner.run(fn, on_done, on_error)``.

Each runner is one worker thread, so the tasks given to it run in the order they were given:
the history database relies on this (a reply's updates never overtake its insert). Results are
delivered by a queued signal to the thread the runner lives on (the GUI thread).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)
Callback = Callable[[Any], None] | None


class TaskRunner(QObject):
    _finished = Signal(object, object, object, object)  # on_done, on_error, result, error

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._pool: ThreadPoolExecutor | None = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        # Always queued, even when the task finished before run() returned (its done-callback
        # then fires on the calling thread): a result never arrives inside run().
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, fn: Callable[[], Any], on_done: Callback = None, on_error: Callback = None) -> Future[Any]:
        if self._pool is None:
            raise RuntimeError(f"the {self._name} runner has been shut down")
        future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._report(f, on_done, on_error))
        return future

    def _report(self, future: Future[Any], on_done: Callback, on_error: Callback) -> None:
        error = future.exception()
        # The QObject may be gone (app closing): then nobody is listening any more.
        with contextlib.suppress(RuntimeError):
            self._finished.emit(on_done, on_error, None if error else future.result(), error)

    def _deliver(self, on_done: Callback, on_error: Callback, result: Any, error: Any) -> None:
        if self._pool is None:
            return  # shut down: the app is closing and whoever asked is gone
        if _receiver_gone(on_done) or _receiver_gone(on_error):
            return  # asked by a window or dialog that was closed and deleted meanwhile
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("%s task failed", self._name, exc_info=error)
        elif on_done is not None:
            on_done(result)

    def wait(self, timeout: float | None = None) -> None:
        """Block until every task given so far has run (exit, tests)."""
        if self._pool is not None:
            self._pool.submit(lambda: None).result(timeout)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def _receiver_gone(callback: Callback) -> bool:
    """True when ``callback`` is a method of a Qt object whose C++ side was deleted (a dialog
    closed while its task ran): calling it would raise "Internal C++ object already deleted"."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)
