"""API keys of remote servers, in the system's keyring (never in settings.json or the logs).

``keyring`` picks the platform's store: the Secret Service (GNOME Keyring, KWallet) on Linux,
the Keychain on macOS, the Credential Locker on Windows. Where there is none (a minimal Linux
desktop, a headless machine) the key is kept in memory for this run only, and ``persistent``
says so, for the window to tell the person.
"""

from __future__ import annotations

import contextlib
import logging
import threading

log = logging.getLogger(__name__)

SERVICE = "Hearth remote servers"


class KeyStoreError(Exception):
    """The keyring is there but could not be read (locked, or its service did not answer)."""


class KeyStore:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def persistent(self) -> bool:
        """True when keys survive a restart (a real keyring backend answers)."""
        try:
            import keyring
            from keyring.backends import fail

            return not isinstance(keyring.get_keyring(), fail.Keyring)
        except Exception:  # a broken backend is as good as none
            return False

    def get(self, name: str) -> str | None:
        """The key, or None when there is none; a keyring that cannot be read is None too."""
        try:
            return self.read(name)
        except KeyStoreError:
            return None

    def read(self, name: str) -> str | None:
        """The key, or None when there is none; raises KeyStoreError when the keyring could
        not be read (callers that would otherwise make a new key must not)."""
        with self._lock:
            if name in self._memory:
                return self._memory[name]
        if not self.persistent:
            return None
        try:
            import keyring

            return keyring.get_password(self.service, name)
        except Exception as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            raise KeyStoreError(str(exc) or type(exc).__name__) from None

    def set(self, name: str, key: str) -> bool:
        """Store ``key``; False when only this run will remember it."""
        if self.persistent:
            try:
                import keyring

                keyring.set_password(self.service, name, key)
                with self._lock:
                    self._memory.pop(name, None)
                return True
            except Exception as exc:
                log.warning("keyring write failed: %s", type(exc).__name__)
        with self._lock:
            self._memory[name] = key
        return False

    def delete(self, name: str) -> None:
        with self._lock:
            self._memory.pop(name, None)
        if self.persistent:
            try:
                import keyring
                from keyring.errors import PasswordDeleteError

                with contextlib.suppress(PasswordDeleteError):
                    keyring.delete_password(self.service, name)
            except Exception as exc:
                log.warning("keyring delete failed: %s", type(exc).__name__)
