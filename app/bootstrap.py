"""Composition root: paths, logging, services and the window, built once and passed down."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from app import APP_ID, APP_NAME, __version__
from app.paths import Paths, resolve_paths, resources_dir


def configure_privacy(offline: bool = False) -> None:
    """Set before huggingface_hub is ever imported: it reads these at import time."""
    from app.infra.hub import configure_hub_environment

    configure_hub_environment(offline)
    os.environ.pop("LLAMA_CPP_LIB_PATH", None)


def configure_logging(paths: Paths) -> None:
    # Logs record events and errors, never message text.
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.FileHandler(paths.logs / "hearth.log", encoding="utf-8")],
    )


def build_window(paths: Paths, offline: bool | None = None):
    """Open the history, build the services and the window; returns (app, window, engine).

    Raises StoreError when the history database cannot be used (newer, damaged, unwritable).
    """
    # Qt before anything that may load llama.cpp's libraries (a Windows crash otherwise).
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.infra import cpu_check
    from app.infra.engine_protocol import LoadSettings
    from app.infra.fetch import VariantFetcher
    from app.infra.hub import HubClient
    from app.infra.model_library import ModelLibrary
    from app.infra.settings import Settings
    from app.infra.store import HistoryStore
    from app.services.chat_service import ChatService
    from app.services.engine_service import EngineService
    from app.services.fit_service import FitService
    from app.services.models import ModelService
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    if icon.is_file():  # Windows and macOS take the icon from the window; Linux from the .desktop
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    store = HistoryStore.open(paths.data / "history.sqlite3")
    settings_path = paths.data / "settings.json"
    settings = Settings.load(settings_path)
    if offline is not None:
        settings.offline = offline
    configure_privacy(settings.offline)
    # Whether llama.cpp's re-laid-out weights are safe on this CPU is checked once per CPU and
    # llama.cpp build; the verdict lives in the cache folder.
    cpu_check.configure(paths.cache / "cpu-check.json")
    engine = EngineService()
    engine.load_settings = LoadSettings(n_ctx=settings.context_length)
    chat = ChatService(engine, store)
    models_dir = Path(settings.models_dir) if settings.models_dir else paths.models
    library = ModelLibrary(paths.data / "models.json", models_dir)
    # HF_ENDPOINT (a mirror, or the self-test's local fake Hub) is read at each request.
    fetcher = VariantFetcher(
        lambda: HubClient(endpoint=os.environ.get("HF_ENDPOINT") or None, offline=settings.offline), library
    )
    models = ModelService(
        library, fetcher, resources_dir() / "catalog.json", paths.data, lambda: settings.offline
    )
    fit = FitService(settings, lambda: Path(models.library.models_dir))
    window = MainWindow(engine, chat, settings, settings_path, str(models_dir), models, fit)
    fit.refresh_hardware()
    models.downloads.restore()
    chat.start()
    chat.new_chat()
    return app, window, engine


def run_gui(args: argparse.Namespace) -> int:
    # HF_HUB_OFFLINE=1 in the environment is a person asking for offline mode too.
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        args.offline = True
    configure_privacy(args.offline)
    paths = resolve_paths(args.data_dir, args.temp_data_dir)
    configure_logging(paths)
    log = logging.getLogger(__name__)
    log.info("%s %s starting; data in %s", APP_NAME, __version__, paths.data)
    from app.infra.store import StoreError

    try:
        app, window, engine = build_window(paths, True if args.offline else None)
    except StoreError as exc:
        from PySide6.QtWidgets import QApplication, QMessageBox

        QApplication.instance() or QApplication(sys.argv[:1])
        log.error("history unusable: %s", exc)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window.show()
    last = window.settings.last_model
    if args.model:
        window.open_model(args.model)
    elif last and os.path.isfile(last):
        window.open_model(last)
    try:
        return app.exec()
    finally:
        engine.shutdown()
        window.chat.shutdown()
        paths.cleanup()
