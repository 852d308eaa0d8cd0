"""The app's front door: one object that owns Hearth's state, built by bootstrap, held by the UI.

The window and the model manager are views of it. What they used to keep or decide themselves
lives here, once:

- **settings**, with a ``changed`` signal and one saving rule (every change is written at once,
  atomically; a failure becomes a notice, never an exception in a slot);
- **offline mode**, and what turning it on does (the Hub library told, downloads paused);
- **the model state**, idle → loading → ready, or crashed, with the engine's report when ready;
  the chat asks this object, not a copy of its own;
- **load planning**: a file whose checksum failed is refused, the memory plan picks the GPU
  layers and the context, and a load that cannot fit asks the person first;
- **ordered shutdown**: stop the reply, pause downloads, stop background probes, end the
  engine child, then finish the history writes; once, however the app ends.

Tools, documents and remote engines plug in here too: each is one more service the session
builds and shuts down in order.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.fit import FitPlan
from app.infra.downloads.hub import configure_hub_environment
from app.infra.engine.events import Crashed, Loaded
from app.infra.engine.protocol import LoadSettings
from app.infra.store import HistoryStore
from app.services.chat_service import ChatService
from app.services.engine_service import EngineService
from app.services.settings_store import SettingsStore

log = logging.getLogger(__name__)


class ModelState(Enum):
    IDLE = "idle"
    LOADING = "loading"
    READY = "ready"
    CRASHED = "crashed"


@dataclass(frozen=True)
class ModelStatus:
    """Where the model stands: the one copy of it in the app."""

    state: ModelState = ModelState.IDLE
    path: str = ""  # the file being loaded, loaded, or that stopped
    loaded: Loaded | None = None  # the engine's report, when ready
    message: str = ""  # why loading failed, or why the model stopped
    remote: str = ""  # where the model runs when not here: "192.168.1.20:8000 (vLLM)"

    @property
    def ready(self) -> bool:
        return self.state is ModelState.READY

    @property
    def name(self) -> str:
        if self.remote:
            return self.path  # "<model> on <host> · <kind>", as the remote engine named it
        return Path(self.path).name if self.path else ""


class Session(QObject):
    model_changed = Signal(object)  # ModelStatus
    load_progress = Signal(float)
    offline_changed = Signal(bool)
    notice = Signal(str)  # a sentence for the person (a refusal, a failed save, offline mode)
    fit_refused = Signal(str, object)  # path, FitPlan: it cannot fit; load only if the person insists

    def __init__(
        self,
        settings: SettingsStore,
        engine: EngineService,
        store: HistoryStore,
        models: Any = None,  # ModelService (None: a chat-only session, as in some tests)
        fit: Any = None,  # FitService (None: loads go unplanned)
        parent: QObject | None = None,
        tools: Any = None,  # ToolService (None: the model is offered no tools)
        documents: Any = None,  # DocumentService (None: no documents can be attached)
        remote: Any = None,  # RemoteService (None: no servers elsewhere)
        api: Any = None,  # ApiService (None: no local API)
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.engine = engine
        self.models = models
        self.fit = fit
        self.model = ModelStatus()
        self.load_defaults = LoadSettings(n_ctx=settings.values.context_length)
        self._closed = False
        self._extra_steps: list[Callable[[], None]] = []
        self._last_ready: ModelStatus | None = None
        # The session hears of the engine before the chat does (connected first): when the chat
        # reacts to a crash, the model is already not ready, so nothing is sent to a dead engine.
        engine.load_started.connect(lambda path: self._set_model(ModelStatus(ModelState.LOADING, path)))
        engine.load_progress.connect(self.load_progress)
        engine.loaded.connect(self._on_loaded)
        engine.load_failed.connect(self._on_load_failed)
        engine.engine_crashed.connect(self._on_crashed)
        self.tools = tools
        self.documents = documents
        self.remote = remote
        if remote is not None:
            self.add_shutdown_step(remote.shutdown)
        self.api = api
        if api is not None:
            self.add_shutdown_step(api.shutdown)  # before the engine: no reply is left half-served
            api.notice.connect(self.notice)
        if tools is not None:
            tools.documents = documents
        self.chat = ChatService(
            engine, store, lambda: self.model.ready, self, tools=tools, documents=documents
        )
        if tools is not None:
            self.add_shutdown_step(tools.shutdown)
        if documents is not None:
            self.add_shutdown_step(documents.shutdown)
        settings.save_failed.connect(self.notice)
        if models is not None:
            models.downloads.completed.connect(self._download_completed)

    # -- start -----------------------------------------------------------------------------------
    def start(self) -> None:
        """What a fresh window needs: the hardware probed, interrupted downloads listed, the
        history opened (replies cut off by a crash marked) and an empty chat to type into."""
        if self.fit is not None:
            self.fit.refresh_hardware()
        if self.models is not None:
            self.models.downloads.restore()
        self.chat.start()
        self.chat.new_chat()
        if self.tools is not None:
            self.tools.start()
        if self.documents is not None:
            self.documents.start()
        if self.api is not None:
            self.api.start()

    def open_on_start(self, path: str | None = None) -> None:
        """The model named on the command line, else the one open when Hearth last closed
        (a server, when one was in use and offline mode is off)."""
        last = self.settings.values.last_model
        remote = self.remote.find(self.settings.values.remote) if self.remote is not None and \
            self.settings.values.remote else None  # fmt: skip
        if path:
            self.open_model(path)
        elif remote is not None and not self.offline:
            self.use_remote(remote)
        elif last and os.path.isfile(last):
            self.open_model(last)

    # -- the model -------------------------------------------------------------------------------
    @property
    def offline(self) -> bool:
        return self.settings.values.offline

    @property
    def models_dir(self) -> str:
        if self.models is not None:
            return str(self.models.library.models_dir)
        return self.settings.values.models_dir

    def _set_model(self, status: ModelStatus) -> None:
        self.model = status
        if self.api is not None:  # what /v1/models names; None: the API answers 503
            server = getattr(self.engine.client, "server", None) if status.remote else None
            self.api.model_name = (server.model if server is not None else Path(status.path).stem) \
                if status.ready else None  # fmt: skip
        self.model_changed.emit(status)

    def _on_loaded(self, loaded: Loaded) -> None:
        server = getattr(self.engine.client, "server", None) if self.engine.remote else None
        if server is not None:
            self.chat.model_loaded(server.model or "gpt-oss", loaded.n_ctx)
            where = f"{server.host} ({server.kind_name})"
            self._last_ready = ModelStatus(ModelState.READY, loaded.path, loaded, remote=where)
            self._set_model(self._last_ready)
            self.settings.update(remote=server.url)
            return
        self.chat.model_loaded(Path(loaded.path).stem, loaded.n_ctx)
        self._last_ready = ModelStatus(ModelState.READY, loaded.path, loaded)
        self._set_model(self._last_ready)
        self.settings.update(last_model=loaded.path, remote="")

    # -- remote engines ---------------------------------------------------------------------
    def use_remote(self, server: Any) -> None:
        """Chat through ``server`` (a RemoteServer) from now on: the engine service talks to it
        instead of the local child, and the window says where messages go."""
        from app.infra.engine.remote import RemoteClient

        if self.offline:
            self.notice.emit(self.tr("Offline mode is on: Hearth makes no connection. Turn it off in Models to use a server."))
            return
        key = self.remote.key(server.url) if self.remote is not None else None
        self.engine.use_client(RemoteClient(server, key, allowed=lambda: not self.offline))
        self.engine.load(f"{server.model or 'gpt-oss'} {server.where}", self.load_defaults)

    def use_local(self) -> None:
        """Back to the model on this computer (reopened if it was loaded before)."""
        if not self.engine.remote:
            return
        self.engine.use_client(self.engine.local_client)
        self.settings.update(remote="")
        local = self.engine.client.model
        if local is not None:
            self.open_model(local.path)
        else:
            self._last_ready = None
            self._set_model(ModelStatus())

    def _on_load_failed(self, message: str) -> None:
        kept = self.engine.client.model
        last = self._last_ready
        if kept is not None and last is not None and kept.path == last.path:
            # Refused before it reached the engine (a file that is not a model): the model that
            # was open still is. Say why, and keep chatting with it.
            self._set_model(last)
            self.notice.emit(message)
            return
        self._last_ready = None
        self._set_model(ModelStatus(ModelState.IDLE, message=message))

    def _on_crashed(self, crashed: Crashed) -> None:
        self._last_ready = None
        self._set_model(ModelStatus(ModelState.CRASHED, self.model.path, message=crashed.reason))

    def refusal(self, path: str) -> str:
        """Why a file must not be loaded (its checksum failed), or ''."""
        if self.models is None:
            return ""
        target = os.path.realpath(path)
        for m in self.models.installed():
            if m.files and os.path.realpath(m.files[0]) == target and m.state == "failed":
                return self.tr(
                    "{file} does not match its published checksum, so Hearth will not load it. Delete it in Models and download it again."
                ).format(file=Path(path).name)
        return ""

    def open_model(self, path: str, insist: bool = False) -> None:
        """Load a model with the memory plan: GPU layers chosen for this machine and the context
        chosen for this model. A load that cannot fit emits ``fit_refused`` instead, unless the
        person already said to go ahead (``insist``)."""
        refusal = self.refusal(path)
        if refusal:
            self.notice.emit(refusal)
            return
        chosen = self.settings.values.model_context.get(path)
        settings = replace(self.load_defaults, n_ctx=chosen or self.load_defaults.n_ctx)
        fit = self.fit
        if fit is None:
            self.load(path, settings)
            return

        def planned(shape: Any) -> None:
            plan: FitPlan | None = fit.plan_file(path, settings.n_ctx) if shape is not None else None
            if plan is None:
                self.load(path, settings)  # unreadable header: the engine's own check says why
                return
            planned_settings = replace(
                settings, n_gpu_layers=plan.n_gpu_layers, experts_on_cpu=plan.experts_on_cpu
            )
            if plan.verdict == "no_fit" and not insist:
                self.fit_refused.emit(path, plan)
                return
            self.load(path, planned_settings)

        fit.read_shape(path, planned)

    def load(self, path: str, settings: LoadSettings | None = None) -> None:
        """Load exactly as given (no plan); ``open_model`` is what people's actions call.
        Opening a file while a server elsewhere is in use comes back to this computer."""
        if self.engine.remote:
            self.engine.use_client(self.engine.local_client)
            self.settings.update(remote="")
        self.engine.load(path, settings or self.load_defaults)

    def cancel_load(self) -> None:
        self.engine.cancel_load()

    def reload(self) -> None:
        """A fresh engine after a crash, loading the model that stopped, planned again (a crash
        during the first load has no earlier load to repeat; one during a switch from model A to
        B reloads B, the one the window names)."""
        if self.engine.remote:  # a server that failed to answer: ask it again
            self.engine.load("", self.load_defaults)
            return
        if self.model.path:
            self.open_model(self.model.path)
        else:
            self.engine.reload_after_crash()

    def _download_completed(self, _item_id: str, model: Any) -> None:
        # A first download is the model people want to talk to: open it, unless one is in use.
        if self.model.state in (ModelState.IDLE, ModelState.CRASHED) and not self.engine.client.model:
            self.open_model(model.files[0])

    # -- settings with rules ----------------------------------------------------------------------
    def set_offline(self, on: bool) -> None:
        if self.settings.values.offline == on:
            return
        configure_hub_environment(on)  # the environment, and huggingface_hub itself if loaded
        if on and self.models is not None:
            self.models.downloads.pause_all()
        self.settings.update(offline=on)
        self.offline_changed.emit(on)
        if on and self.engine.remote and self.model.ready:
            self.chat.stop()
            self._last_ready = None
            self._set_model(ModelStatus(ModelState.IDLE, message=self.tr(
                "Offline mode is on, so the server is not used: open a model on this computer, or turn offline mode off.")))  # fmt: skip
        self.notice.emit(self.tr("Offline mode is on: Hearth makes no network connections.") if on
                         else self.tr("Offline mode is off: Hearth connects only when you download a model."))  # fmt: skip

    def set_models_dir(self, path: str) -> None:
        self.settings.update(models_dir=path)

    def set_context(self, key: str, n_ctx: int) -> None:
        self.settings.set_context(key, n_ctx)

    # -- the end -----------------------------------------------------------------------------------
    def add_shutdown_step(self, step: Callable[[], None]) -> None:
        """Something that must end before the engine does (a tool's sandbox, a document index)."""
        self._extra_steps.append(step)

    def shutdown(self) -> None:
        """Stop the reply (its last second is still saved), pause downloads (they keep their
        bytes), stop background probes, end the engine child and join its threads, then let
        the history writer finish. Safe to call more than once; only the first call acts."""
        if self._closed:
            return
        self._closed = True
        self.chat.stop()
        for step in self._extra_steps:
            try:
                step()
            except Exception:  # one failing step must not leave the engine child running
                log.exception("shutdown step failed")
        if self.models is not None:
            self.models.shutdown()
        self.engine.shutdown()  # before the probes: one may wait seconds on a driver tool
        if self.fit is not None:
            self.fit.shutdown()
        self.chat.shutdown()

    @property
    def closed(self) -> bool:
        return self._closed
