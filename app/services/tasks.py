"""The one way Hearth runs work off the GUI thread: ``runner.run(fn, on_done, on_error)``.

Every background thread of the services is a ``TaskRunner`` worker: the history writer, the
model and fit probes, document indexing, tools, remote-server tests, the engine's load and
reply streams, and each long job (``app.services.jobs.Job``: downloads, copies, quantizing).

- A runner with one worker (the default) runs its tasks in the order they were given: the
  history database relies on this (a reply's updates never overtake its insert). A runner
  with more workers runs that many at once (the engine: a load can be cancelled while a
  reply stream waits for its turn).
- Results and errors are delivered by a queued signal to the thread the runner lives on (the
  GUI thread), never inside ``run()``, and never to a window or dialog deleted meanwhile.
- Workers are daemon threads: a task blocked on a dead engine child or a stalled download can
  never keep the process alive after the window closed (``shutdown`` waits a bounded time).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)
Callback = Callable[[Any], None] | None
_STOP = object()


class TaskRunner(QObject):
    _finished = Signal(object, object, object, object)  # on_done, on_error, result, error

    def __init__(self, name: str, parent: QObject | None = None, workers: int = 1) -> None:
        super().__init__(parent)
        self._name = name
        self._workers = max(1, workers)
        self._queue: queue.Queue[Any] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._busy = 0  # tasks given and not yet finished
        self._idle = threading.Condition(self._lock)
        self._closed = False
        # Always queued, even when the task finished before run() returned: a result never
        # arrives inside run().
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, fn: Callable[[], Any], on_done: Callback = None, on_error: Callback = None) -> Future[Any]:
        future: Future[Any] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError(f"the {self._name} runner has been shut down")
            self._busy += 1
            self._threads = [t for t in self._threads if t.is_alive()]
            if len(self._threads) < min(self._workers, self._busy):
                thread = threading.Thread(target=self._work, daemon=True, name=f"{self._name}-{len(self._threads)}")
                self._threads.append(thread)
                thread.start()
            # Queued under the lock: a shutdown cannot slip its stop markers in ahead of it.
            self._queue.put((future, fn, on_done, on_error))
        return future

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            future, fn, on_done, on_error = item
            if future.set_running_or_notify_cancel():
                try:
                    result, error = fn(), None
                except BaseException as exc:  # delivered to the GUI thread, which decides what it means
                    result, error = None, exc
                if error is None:
                    future.set_result(result)
                else:
                    future.set_exception(error)
                # The QObject may be gone (app closing): then nobody is listening any more.
                with contextlib.suppress(RuntimeError):
                    self._finished.emit(on_done, on_error, result, error)
            with self._lock:
                self._busy -= 1
                self._idle.notify_all()

    def _deliver(self, on_done: Callback, on_error: Callback, result: Any, error: Any) -> None:
        if self._closed:
            return  # shut down: the app is closing and whoever asked is gone
        if _receiver_gone(on_done) or _receiver_gone(on_error):
            return  # asked by a window or dialog that was closed and deleted meanwhile
        if error is not None:
            if on_error is not None:
                on_error(error)
            elif isinstance(error, Exception):
                log.error("%s task failed", self._name, exc_info=error)
            else:
                log.error("%s task died", self._name, exc_info=error)
        elif on_done is not None:
            on_done(result)

    @property
    def busy(self) -> int:
        with self._lock:
            return self._busy

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every task given so far has run (exit, tests); False on timeout."""
        with self._lock:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

    def shutdown(self, timeout: float | None = None) -> None:
        """No new tasks; let the workers finish what they hold (up to ``timeout`` each, None:
        as long as it takes) and end. Results arriving later are not delivered."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._queue.put(_STOP)
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(timeout)


def _receiver_gone(callback: Callback) -> bool:
    """True when ``callback`` is a method of a Qt object whose C++ side was deleted (a dialog
    closed while its task ran): calling it would raise "Internal C++ object already deleted"."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)
