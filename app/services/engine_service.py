"""The engine as Qt signals: the GUI calls methods, worker threads wait on the child.

Nothing here blocks the GUI thread: starting the child, loading and generating all run on
short-lived worker threads that only emit signals (delivered queued to the GUI thread); the
widgets own every piece of state they draw.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.conversation import Conversation
from app.infra.engine_client import EngineClient, EngineError, Request
from app.infra.engine_protocol import LoadSettings, SamplingSettings


class EngineService(QObject):
    load_started = Signal(str)  # the model file being loaded
    load_progress = Signal(float)
    loaded = Signal(dict)
    load_failed = Signal(str)
    reply_started = Signal(dict)
    tokens_ready = Signal(list)  # harmony events: reasoning/answer deltas, tool calls, ends
    reply_finished = Signal(dict)  # the child's "done": finish reason, stats, parsed messages
    reply_failed = Signal(str)
    engine_crashed = Signal(str)

    def __init__(self, client: EngineClient | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client or EngineClient()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._loading: Request | None = None
        self._generating: Request | None = None
        self._stop_pending = False  # Stop pressed before the reply's request existed
        self.load_settings = LoadSettings()  # used when load() is given none

    # -- helpers ---------------------------------------------------------------------------
    def _spawn(self, target: Any, *args: Any) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=target, args=args, daemon=True, name="engine-worker")
        self._threads.append(thread)
        thread.start()

    # -- commands (GUI thread) -------------------------------------------------------------
    def load(self, path: str, settings: LoadSettings | None = None) -> None:
        self.stop()  # a reply of the old model must not run on
        self.load_started.emit(path)
        self._spawn(self._load, path, settings or self.load_settings)

    def generate(self, conversation: Conversation, sampling: SamplingSettings | None = None) -> None:
        with self._lock:
            self._stop_pending = False
        self._spawn(self._generate, conversation, sampling or SamplingSettings())

    def stop(self) -> None:
        """Stop the reply being generated (or about to be)."""
        with self._lock:
            current = self._generating
            self._stop_pending = current is None
        if current is not None:
            current.stop()

    def cancel_load(self) -> None:
        with self._lock:
            current = self._loading
        if current is not None:
            current.stop()

    def reload_after_crash(self) -> None:
        self._spawn(self._restart)

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop generation, end the child and join every worker (called on exit)."""
        self.stop()
        self.cancel_load()
        self.client.close(timeout=timeout)
        for thread in self._threads:
            thread.join(timeout=timeout)
        self._threads.clear()

    # -- workers ---------------------------------------------------------------------------
    def _run_load(self, request: Request) -> None:
        with self._lock:
            self._loading = request
        try:
            for event in request.events(timeout=600):
                kind = event["type"]
                if kind == "load_progress":
                    self.load_progress.emit(float(event["fraction"]))
                elif kind == "loaded":
                    self.loaded.emit(event)
                elif kind == "crashed":
                    self.engine_crashed.emit(event["reason"])
                elif kind in ("load_failed", "error"):
                    if event.get("cancelled"):
                        self.load_failed.emit("Loading was cancelled.")
                    else:
                        self.load_failed.emit(event.get("message", "The model could not be loaded."))
        except EngineError as exc:
            self.load_failed.emit(str(exc))
        finally:
            with self._lock:
                if self._loading is request:
                    self._loading = None

    def _load(self, path: str, settings: LoadSettings) -> None:
        try:
            if not self.client.alive:
                self.client.start()
            request = self.client.load(path, settings)
        except (EngineError, OSError) as exc:
            self.load_failed.emit(str(exc))
            return
        self._run_load(request)

    def _restart(self) -> None:
        try:
            request = self.client.restart()
        except (EngineError, OSError) as exc:
            self.engine_crashed.emit(str(exc))
            return
        if request is not None:
            self._run_load(request)

    def _generate(self, conversation: Conversation, sampling: SamplingSettings) -> None:
        try:
            request = self.client.generate(conversation, sampling)
        except (EngineError, OSError, ValueError) as exc:
            self.reply_failed.emit(str(exc))
            return
        with self._lock:
            self._generating = request
            stop_now, self._stop_pending = self._stop_pending, False
        if stop_now:
            request.stop()
        try:
            for event in request.events(timeout=None):
                kind = event["type"]
                if kind == "events":
                    # Already batched by the child (every ~30 ms), so one signal per message.
                    self.tokens_ready.emit(event["events"])
                    continue
                if kind == "started":
                    self.reply_started.emit(event)
                    continue
                self._clear(request)  # before the GUI hears of the end: it may send again at once
                if kind == "done":
                    self.reply_finished.emit(event)
                elif kind == "error":
                    self.reply_failed.emit(event["message"])
                elif kind == "crashed":
                    self.engine_crashed.emit(event["reason"])
        finally:
            self._clear(request)

    def _clear(self, request: Request) -> None:
        with self._lock:
            if self._generating is request:
                self._generating = None
