"""Settings → Local API: Hearth's loaded model for other apps on this computer (or the LAN).

Off by default. When on, an OpenAI-compatible server (``app.infra.api.server``) listens on
127.0.0.1 — on every interface only when the person opens it to the LAN — and answers only
with the bearer key generated here, kept in the system keyring and shown once. Its replies and
the window's share the one engine through the engine service's fair gate; the window hears
``busy`` while the API is generating.
"""

from __future__ import annotations

import logging
import secrets
import socket

from PySide6.QtCore import QObject, Signal

from app.infra.api.server import ApiServer
from app.infra.secrets import KeyStore, KeyStoreError
from app.services.engine_service import EngineService
from app.services.settings_store import SettingsStore

log = logging.getLogger(__name__)
KEY_NAME = "local-api"


def lan_addresses() -> tuple[str, ...]:
    """This machine's IPv4 addresses on its networks (what another computer would type)."""
    found: set[str] = set()
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            found.add(s.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    return tuple(sorted(a for a in found if not a.startswith("127.")))


class ApiService(QObject):
    changed = Signal()  # started, stopped, or the key changed
    busy = Signal(bool)  # the API is generating with the model
    notice = Signal(str)

    def __init__(self, settings: SettingsStore, engine: EngineService, keys: KeyStore | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.settings = settings
        self.engine = engine
        self.keys = keys or KeyStore()
        self.server: ApiServer | None = None
        self.model_name: str | None = None  # set on the GUI thread; read by the server's threads
        self.fresh_key: str | None = None  # a key made this run, shown once until the dialog read it
        engine.api_busy.connect(self.busy)

    @property
    def running(self) -> bool:
        return self.server is not None

    @property
    def address(self) -> str:
        if self.server is None:
            return ""
        if self.settings.values.api_lan:
            hosts = lan_addresses()
            return f"http://{hosts[0] if hosts else '0.0.0.0'}:{self.server.port}/v1"
        return self.server.url

    def key(self) -> str:
        """The key, made (and kept in the keyring) the first time. Raises KeyStoreError when
        the keyring cannot be read: a new key then would lock out every app set up with it."""
        key = self.keys.read(KEY_NAME)
        if not key:
            key = self.new_key(restart=False)
        return key

    def new_key(self, restart: bool = True) -> str:
        key = "hearth-" + secrets.token_urlsafe(32)
        if not self.keys.set(KEY_NAME, key):
            self.notice.emit(self.tr(
                "This computer has no keyring, so the API key lasts only until Hearth quits."))  # fmt: skip
        self.fresh_key = key
        if restart and self.server is not None:
            self.stop()
            self.start()
        self.changed.emit()
        return key

    def set_enabled(self, on: bool, lan: bool | None = None, port: int | None = None) -> None:
        changes: dict[str, object] = {"api_enabled": on}
        if lan is not None:
            changes["api_lan"] = lan
        if port is not None:
            changes["api_port"] = port
        self.settings.update(**changes)
        self.stop()
        if on:
            self.start()
        self.changed.emit()

    def start(self) -> None:
        if self.server is not None or not self.settings.values.api_enabled:
            return
        values = self.settings.values
        lan = values.api_lan
        try:
            self.server = ApiServer(self.engine.api_reply, lambda: self.model_name, self.key(),
                                    host="0.0.0.0" if lan else "127.0.0.1", port=values.api_port,
                                    lan_hosts=lan_addresses() if lan else ())  # fmt: skip
        except OSError as exc:
            self.notice.emit(self.tr("The local API could not start on port {port}: {reason}. Choose another port in Settings → Local API.")
                             .format(port=values.api_port, reason=exc.strerror or exc))  # fmt: skip
            return
        except KeyStoreError:
            self.notice.emit(self.tr(
                "The local API stays off: the system keyring, which holds its key, could not be read (is it locked?)."))  # fmt: skip
            return
        log.info("local API on %s (lan=%s)", self.server.url, lan)

    def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def shutdown(self) -> None:
        self.stop()
