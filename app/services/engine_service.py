"""The engine as Qt signals: the GUI calls methods, worker threads wait on the child.

Nothing here blocks the GUI thread: starting the child, loading and generating all run on
the engine's ``TaskRunner`` workers, which only emit signals (delivered queued to the GUI thread); the
widgets own every piece of state they draw. The signals carry the typed events of
``app.infra.engine.events``: no dict from the child gets past the client.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.conversation import Conversation
from app.infra.engine.client import EngineClient, EngineError, Request
from app.infra.engine.events import (
    Crashed,
    EngineFailed,
    Loaded,
    LoadFailed,
    LoadProgress,
    ReplyDelta,
    ReplyDone,
    ReplyStarted,
    typed,
)
from app.infra.engine.protocol import LoadSettings, SamplingSettings
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)


class FairGate:
    """One reply at a time on the one engine, served in the order they asked (the window's
    and the local API's alike): nobody waits behind a stream of later arrivals."""

    def __init__(self, on_change: Callable[[str | None], None] | None = None) -> None:
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self.holder: str | None = None
        self._on_change = on_change

    @property
    def waiting(self) -> int:
        with self._cond:
            return len(self._queue)

    @contextlib.contextmanager
    def turn(self, who: str) -> Iterator[None]:
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
            while self._queue[0] is not ticket or self.holder is not None:
                self._cond.wait()
            self._queue.popleft()
            self.holder = who
            if self._on_change is not None:  # told under the lock: the news keeps its order
                self._on_change(who)
        try:
            yield
        finally:
            with self._cond:
                self.holder = None
                if self._on_change is not None:
                    self._on_change(None)
                self._cond.notify_all()


class EngineService(QObject):
    load_started = Signal(str)  # the model file being loaded
    load_progress = Signal(float)
    loaded = Signal(object)  # Loaded
    load_failed = Signal(str)
    reply_started = Signal(object)  # ReplyStarted
    tokens_ready = Signal(list)  # [HarmonyEvent]: reasoning/answer deltas, tool calls, ends
    reply_finished = Signal(object)  # ReplyDone: finish reason, stats, parsed messages
    reply_failed = Signal(str)
    engine_crashed = Signal(object)  # Crashed
    api_busy = Signal(bool)  # the local API is generating with the model now

    def __init__(self, client: EngineClient | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client: Any = client or EngineClient()
        self._local: EngineClient = self.client
        # Four workers: a load, a reply waiting at the gate, a restart and a count can overlap.
        self._workers = TaskRunner("engine-worker", self, workers=4)
        self._lock = threading.Lock()
        self._loading: Request | None = None
        self._generating: Request | None = None
        self._stop_pending = False  # Stop pressed before the reply's request existed
        self._tokens: Any = None  # a TaskRunner for Show prompt's counts, made when first asked
        self.client.on_idle_crash = self._idle_crash
        self.gate = FairGate(lambda who: self.api_busy.emit(who == "api"))

    @property
    def remote(self) -> bool:
        """True while the model runs on a server elsewhere (a RemoteClient answers)."""
        return bool(getattr(self.client, "remote", False))

    def use_client(self, client: Any) -> None:
        """Talk to another engine from now on: a RemoteClient, or back to the local child.

        The reply in progress is stopped first; the local child is kept (and its model with
        it) so going back to this computer needs no new process."""
        self.stop()
        self.cancel_load()
        if self.client is not self._local and self.client is not client:
            self.client.close(timeout=1.0)
        self.client = client
        self.client.on_idle_crash = self._idle_crash

    @property
    def local_client(self) -> EngineClient:
        return self._local

    def _idle_crash(self, event: dict[str, Any]) -> None:
        crashed = typed(event)
        if isinstance(crashed, Crashed):
            self.engine_crashed.emit(crashed)  # from the client's reader thread: delivered queued

    # -- helpers ---------------------------------------------------------------------------
    def _spawn(self, target: Any, *args: Any) -> None:
        # Loads and replies stream on the engine's workers; their news goes out as signals
        # (queued to the GUI thread), so nothing is delivered back through the runner.
        self._workers.run(lambda: target(*args))

    # -- commands (GUI thread) -------------------------------------------------------------
    def load(self, path: str, settings: LoadSettings) -> None:
        """Load with exactly these settings (the session plans them: app.services.session)."""
        self.stop()  # a reply of the old model must not run on
        self.load_started.emit(path)
        self._spawn(self._load, path, settings)

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

    def count_tokens(self, texts: list[str], on_done: Any) -> None:
        """How many tokens each text is for the loaded model, heard on the GUI thread as
        ``on_done(counts)``; None when no model is loaded or the engine cannot say."""
        if self._tokens is None:
            self._tokens = TaskRunner("hearth-tokens", self)

        def count() -> list[int] | None:
            if not self.client.alive or self.client.model is None:
                return None
            try:
                return [len(self.client.tokenize(t, segmented=True)) for t in texts]
            except (EngineError, OSError, ValueError):
                return None

        self._tokens.run(count, on_done, lambda _e: on_done(None))

    def reload_after_crash(self) -> None:
        self._spawn(self._restart)

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop generation, end the child and join every worker (called on exit)."""
        self.stop()
        self.cancel_load()
        if self.client is not self._local:
            self.client.close(timeout=timeout)
        self._local.close(timeout=timeout)
        if self._tokens is not None:
            self._tokens.shutdown(timeout)
        self._workers.shutdown(timeout)

    # -- workers ---------------------------------------------------------------------------
    def _run_load(self, request: Request) -> None:
        with self._lock:
            self._loading = request
        try:
            for event in request.typed_events(timeout=600):
                match event:
                    case LoadProgress(fraction=fraction):
                        self.load_progress.emit(fraction)
                    case Loaded():
                        self.loaded.emit(event)
                    case Crashed():
                        self.engine_crashed.emit(event)
                    case LoadFailed(message=message) | EngineFailed(message=message):
                        self.load_failed.emit(message)
        except EngineError as exc:
            self.load_failed.emit(str(exc))
        except (ValueError, TypeError, KeyError) as exc:  # an answer that does not read: say so, never hang
            log.error("unreadable load event: %s", exc)
            self.load_failed.emit(f"The engine's answer could not be read ({type(exc).__name__}).")
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
            self.engine_crashed.emit(Crashed(str(exc)))
            return
        if request is not None:
            self._run_load(request)

    def _generate(self, conversation: Conversation, sampling: SamplingSettings) -> None:
        with self.gate.turn("window"):
            self._generate_now(conversation, sampling)

    def api_reply(self, conversation: Conversation, sampling: SamplingSettings) -> Iterator[Any]:
        """A reply for the local API, on a server thread: waits its turn at the gate, then
        yields the typed events; closing the generator early stops the reply."""
        with self.gate.turn("api"):
            try:
                request = self.client.generate(conversation, sampling)
            except (EngineError, OSError, ValueError) as exc:
                yield EngineFailed(str(exc))
                return
            finished = False
            try:
                for event in request.typed_events(timeout=None):
                    finished = isinstance(event, ReplyDone | EngineFailed | Crashed)
                    if isinstance(event, Crashed):
                        self.engine_crashed.emit(event)
                    yield event
                    if finished:
                        return
            finally:
                if not finished:  # the client went away: stop, and wait for the end before the next turn
                    request.stop()
                    with contextlib.suppress(EngineError, ValueError, TypeError, KeyError):
                        for _event in request.typed_events(timeout=30):
                            pass

    def _generate_now(self, conversation: Conversation, sampling: SamplingSettings) -> None:
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
            for event in request.typed_events(timeout=None):
                if isinstance(event, ReplyDelta):
                    # Already batched by the child (every ~30 ms), so one signal per message.
                    self.tokens_ready.emit(list(event.events))
                    continue
                if isinstance(event, ReplyStarted):
                    self.reply_started.emit(event)
                    continue
                if not isinstance(event, (ReplyDone, EngineFailed, Crashed)):
                    continue
                self._clear(request)  # before the GUI hears of the end: it may send again at once
                match event:
                    case ReplyDone():
                        self.reply_finished.emit(event)
                    case EngineFailed(message=message):
                        self.reply_failed.emit(message)
                    case Crashed():
                        self.engine_crashed.emit(event)
        except (ValueError, TypeError, KeyError) as exc:  # an answer that does not read: end the reply
            log.error("unreadable reply event: %s", exc)
            self._clear(request)
            request.stop()
            self.reply_failed.emit(f"The engine's answer could not be read ({type(exc).__name__}).")
        finally:
            self._clear(request)

    def _clear(self, request: Request) -> None:
        with self._lock:
            if self._generating is request:
                self._generating = None
