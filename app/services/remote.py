"""Remote gpt-oss servers: the list the person keeps, testing one, and the key of each.

The servers live in settings (``Settings.servers``), their API keys in the system keyring
(``app.infra.secrets``). Testing a server (which models, which kind, which path) makes network
requests, so it runs on a worker thread and is refused in offline mode. Using one is the
session's business (``Session.use_remote``): this service only knows about servers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.infra.engine.remote import RemoteError, RemoteServer, choose_path, probe
from app.infra.secrets import KeyStore
from app.services.settings_store import SettingsStore
from app.services.tasks import TaskRunner


class RemoteService(QObject):
    servers_changed = Signal()
    # (RemoteServer with kind/path filled in, [model ids]) or (None, RemoteError)
    tested = Signal(object, object)

    def __init__(self, settings: SettingsStore, keys: KeyStore | None = None,
                 offline: Any = None, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.settings = settings
        self.keys = keys or KeyStore()
        self._offline = offline or (lambda: settings.values.offline)
        self.runner = TaskRunner("hearth-remote", self)

    # -- the list --------------------------------------------------------------------------
    def servers(self) -> list[RemoteServer]:
        out = []
        for item in self.settings.values.servers:
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                out.append(RemoteServer.from_dict(item))
        return out

    def find(self, url: str) -> RemoteServer | None:
        return next((s for s in self.servers() if s.url == url), None)

    def save(self, server: RemoteServer, key: str | None = None) -> bool:
        """Add or replace (by URL); ``key`` None keeps the stored one, "" removes it. Returns
        False when the key could only be kept for this run (no system keyring)."""
        kept = [s.to_dict() for s in self.servers() if s.url != server.url]
        self.settings.update(servers=[*kept, server.to_dict()])
        persistent = True
        if key is not None:
            if key:
                persistent = self.keys.set(server.url, key)
            else:
                self.keys.delete(server.url)
        self.servers_changed.emit()
        return persistent

    def remove(self, url: str) -> None:
        self.settings.update(servers=[s.to_dict() for s in self.servers() if s.url != url])
        self.keys.delete(url)
        self.servers_changed.emit()

    def key(self, url: str) -> str | None:
        return self.keys.get(url)

    # -- testing ---------------------------------------------------------------------------
    def test(self, server: RemoteServer, key: str | None) -> None:
        """Probe the server off the GUI thread; heard as ``tested``."""
        if self._offline():
            self.tested.emit(None, RemoteError(self.tr(
                "Offline mode is on: Hearth makes no connection. Turn it off in Models to use a server.")))  # fmt: skip
            return

        def work() -> tuple[RemoteServer, list[str]]:
            found = probe(server, key)
            model = server.model if server.model in found.models else (found.models[0] if found.models else "")
            chosen = replace(server, kind=found.kind, model=model)
            return replace(chosen, path=choose_path(chosen, key) if model else "chat"), found.models

        self.runner.run(work, lambda result: self.tested.emit(*result),
                        lambda error: self.tested.emit(None, error if isinstance(error, RemoteError)
                                                       else RemoteError(str(error))))  # fmt: skip

    def shutdown(self) -> None:
        self.runner.shutdown()
