"""Settings with a changed signal and one saving rule, for every part of the app that keeps one."""

from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.infra.settings import Settings

log = logging.getLogger(__name__)


class SettingsStore(QObject):
    """Typed settings with a changed signal. ``update`` is the only way to change them, and every
    update is saved at once (temp file + rename), so nothing depends on a clean exit."""

    changed = Signal(str)  # the name of the setting that changed
    save_failed = Signal(str)  # a sentence for the person

    def __init__(self, values: Settings, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values = values
        self.path = path
        self._names = {f.name for f in fields(Settings)}

    @property
    def values(self) -> Settings:
        """Read them here; change them with ``update``."""
        return self._values

    def update(self, **changes: Any) -> None:
        unknown = set(changes) - self._names
        if unknown:
            raise AttributeError(f"no such setting: {', '.join(sorted(unknown))}")
        changed = [name for name, value in changes.items() if getattr(self._values, name) != value]
        for name in changed:
            setattr(self._values, name, changes[name])
        if not changed:
            return
        self.save()
        for name in changed:
            self.changed.emit(name)

    def set_context(self, key: str, n_ctx: int) -> None:
        """The context length chosen for one model (a catalog id or a file path)."""
        self.update(model_context={**self._values.model_context, key: int(n_ctx)})

    def save(self) -> None:
        if self.path is None:
            return
        try:
            self._values.save(self.path)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
            self.save_failed.emit(f"Settings could not be saved: {exc.strerror or exc}")
