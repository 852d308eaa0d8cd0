"""Will it run here? The hardware report and memory plans, for the model manager and for loading.

Probing the hardware (NVML, sysfs, psutil) and reading a model's header both touch the disk or
drivers, so they run off the GUI thread and are cached; a plan itself is arithmetic and is
computed on demand. The context length is chosen per model and kept in the settings.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.catalog import Variant
from app.core.fit import FitPlan, LoadOptions, Machine, ModelShape, best_plan
from app.core.gguf_header import read_gguf_header
from app.services.settings_store import SettingsStore
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)


class FitService(QObject):
    hardware_changed = Signal(object)  # HardwareReport
    plans_changed = Signal()  # a context length changed, or a header was read

    def __init__(
        self, settings: SettingsStore, models_dir: Callable[[], Path], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._models_dir = models_dir
        self.report: Any = None  # app.infra.hardware.HardwareReport once probed
        self._shapes: dict[tuple[str, int, int], ModelShape | None] = {}
        self.tasks = TaskRunner("fit", self)

    # -- hardware --------------------------------------------------------------------------------
    def refresh_hardware(self) -> None:
        from app.infra.engine.cpu_check import shared
        from app.infra.hardware import probe

        folder = self._models_dir()

        def done(report: Any) -> None:
            self.report = report
            self.hardware_changed.emit(report)
            self.plans_changed.emit()

        self.tasks.run(
            lambda: probe(folder, cpu_check=shared().cached()),
            done,
            lambda e: log.warning("hardware probe failed: %s", e),
        )

    def machine(self) -> Machine:
        return self.report.machine if self.report is not None else Machine(ram_total=None, ram_available=None)

    # -- context length per model ------------------------------------------------------------------
    def context_for(self, key: str) -> int:
        return self.settings.values.context_for(key)

    def set_context(self, key: str, n_ctx: int) -> None:
        self.settings.set_context(key, n_ctx)
        self.plans_changed.emit()

    def options(self, key: str) -> LoadOptions:
        return LoadOptions(n_ctx=self.context_for(key))

    # -- plans -------------------------------------------------------------------------------------
    def plan_variant(self, variant: Variant) -> FitPlan | None:
        """Before download: the catalog's geometry for the two gpt-oss models, else unknown."""
        shape = ModelShape.for_catalog(variant.model, variant.size)
        return best_plan(shape, self.machine(), self.options(variant.id)) if shape is not None else None

    def shape_for(self, path: str) -> ModelShape | None:
        """The cached shape of a model file, or None until ``read_shape`` has read it."""
        key = _key(path)
        return self._shapes.get(key) if key is not None else None

    def read_shape(self, path: str, on_done: Callable[[ModelShape | None], None] | None = None) -> None:
        key = _key(path)
        if key is None:
            if on_done:
                on_done(None)
            return
        if key in self._shapes:
            if on_done:
                on_done(self._shapes[key])
            return

        def read() -> ModelShape | None:
            try:
                return ModelShape.from_gguf(read_gguf_header(path))
            except (OSError, ValueError) as exc:
                log.info("no memory plan for %s: %s", os.path.basename(path), exc)
                return None

        def done(shape: ModelShape | None) -> None:
            self._shapes[key] = shape
            self.plans_changed.emit()
            if on_done:
                on_done(shape)

        self.tasks.run(read, done, lambda e: on_done(None) if on_done else None)

    def plan_file(self, path: str, n_ctx: int | None = None) -> FitPlan | None:
        shape = self.shape_for(path)
        if shape is None:
            return None
        opts = self.options(path) if n_ctx is None else LoadOptions(n_ctx=n_ctx)
        return best_plan(shape, self.machine(), opts)

    def shutdown(self) -> None:
        self.tasks.shutdown()


def _key(path: str) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.path.realpath(path), st.st_size, int(st.st_mtime))
