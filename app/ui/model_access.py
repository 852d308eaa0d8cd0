"""Everything the main window shows about models: the Models menu, the offline switch, the
first-run panel and the model manager window; it also refuses to load a file whose checksum
failed. Kept apart so the main window stays about chatting."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.infra.hub import configure_hub_environment
from app.services.models import ModelService
from app.ui.welcome import WelcomePanel


class ModelAccess(QObject):
    def __init__(self, window: Any, service: ModelService, fit: Any = None) -> None:
        super().__init__(window)
        self.window, self.service, self.fit = window, service, fit
        self.manager: Any = None
        self.welcome = WelcomePanel(service, fit)
        window.pane_layout.insertWidget(0, self.welcome)
        menu = window.menuBar().addMenu("&Models")
        self.manage_action = QAction("&Manage models…", window)
        self.manage_action.setShortcut(QKeySequence("Ctrl+M"))
        self.manage_action.triggered.connect(self.show_manager)
        menu.addAction(self.manage_action)
        self.offline_action = QAction("&Offline mode", window)
        self.offline_action.setCheckable(True)
        self.offline_action.setChecked(window.settings.offline)
        self.offline_action.setToolTip("Hearth opens no network connection at all")
        self.offline_action.toggled.connect(self.set_offline)
        menu.addAction(self.offline_action)

        self.welcome.use_model.connect(window.open_model)
        self.welcome.open_file.connect(window._choose_model)
        self.welcome.open_manager.connect(self.show_manager)
        service.notice.connect(self._notice)
        service.downloads.completed.connect(self._download_completed)
        engine = window.engine
        engine.load_started.connect(lambda _path: self.welcome.hide())
        engine.loaded.connect(lambda _info: self.welcome.hide())
        engine.load_failed.connect(lambda _msg: self._show_welcome())
        self._show_welcome()
        service.scan_for_copies()  # offers "use this copy" on first run; off the GUI thread

    def _show_welcome(self) -> None:
        self.welcome.refresh()
        self.welcome.show()

    def show_manager(self) -> None:
        if self.manager is None:
            from app.ui.model_manager import ModelManager

            self.manager = ModelManager(self.service, self.window.settings.offline,
                                        self.service.library.models_dir, self.window, self.fit)  # fmt: skip
            self.manager.use_model.connect(self._use_from_manager)
            self.manager.offline_toggled.connect(self.offline_action.setChecked)
            self.manager.folder_changed.connect(self._folder_changed)
        self.manager.show()
        self.manager.raise_()

    def _use_from_manager(self, path: str) -> None:
        self.window.open_model(path)
        self.window.activateWindow()

    def set_offline(self, on: bool) -> None:
        s = self.window.settings
        if s.offline == on:
            return
        s.offline = on
        configure_hub_environment(on)  # the environment, and huggingface_hub itself if loaded
        if on:
            self.service.downloads.pause_all()
        self.window._save_settings()
        if self.manager is not None:
            self.manager.offline_box.setChecked(on)
        self.window._show_banner("Offline mode is on: Hearth makes no network connections." if on
                                 else "Offline mode is off: Hearth connects only when you download a model.")  # fmt: skip

    def _folder_changed(self, path: str) -> None:
        self.window.settings.models_dir = path
        self.window._models_dir = path
        self.window._save_settings()

    def _download_completed(self, _item_id: str, model: Any) -> None:
        if not self.window._model_ready and not self.window.engine.client.model:
            self.window.open_model(model.files[0])

    def _notice(self, text: str) -> None:
        if self.manager is None or not self.manager.isVisible():
            self.window._show_banner(text)

    def plan_load(self, path: str, proceed: Callable[[str, Any], None]) -> None:
        """Load with the memory plan: GPU layers chosen for this machine, the context chosen for
        this model; a load that cannot fit is refused with the numbers unless the person insists."""
        fit = self.fit
        if fit is None:
            proceed(path, None)
            return
        engine = self.window.engine

        def planned(shape: Any) -> None:
            chosen = self.window.settings.model_context.get(path)
            settings = replace(engine.load_settings, n_ctx=chosen or engine.load_settings.n_ctx)
            plan = fit.plan_file(path, settings.n_ctx) if shape is not None else None
            if plan is None:
                proceed(path, settings)  # unreadable header: the engine's own check says why
                return
            settings = replace(settings, n_gpu_layers=plan.n_gpu_layers, experts_on_cpu=plan.experts_on_cpu)
            if plan.verdict == "no_fit" and not self._insist(path, plan):
                self.window._show_banner(f"{Path(path).name} was not loaded: {plan.explanation}")
                return
            proceed(path, settings)

        fit.read_shape(path, planned)

    def _insist(self, path: str, plan: Any) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from app.ui.fit_view import describe

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("This model does not fit")
        box.setText(f"{Path(path).name} needs more memory than this computer has free.")
        box.setInformativeText(describe(plan))
        load = box.addButton("Load anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is load

    def refusal(self, path: str) -> str:
        """Why a file must not be loaded (a checksum that failed), or ''."""
        target = os.path.realpath(path)
        for m in self.service.installed():
            if m.files and os.path.realpath(m.files[0]) == target and m.state == "failed":
                return (f"{Path(path).name} does not match its published checksum, so Hearth will not "
                        "load it. Delete it in Models and download it again.")  # fmt: skip
        return ""

    def shutdown(self) -> None:
        self.service.shutdown()
        if self.fit is not None:
            self.fit.shutdown()
