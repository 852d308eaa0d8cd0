"""Composition root: paths, logging, services and the window, built once and passed down."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from app import APP_ID, APP_NAME, __version__
from app.paths import Paths, resolve_paths


def configure_privacy() -> None:
    """Set before huggingface_hub is ever imported: it reads these at import time."""
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
    os.environ.pop("LLAMA_CPP_LIB_PATH", None)


def configure_logging(paths: Paths) -> None:
    # Logs record events and errors, never message text.
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.FileHandler(paths.logs / "hearth.log", encoding="utf-8")],
    )


def build_window(paths: Paths):
    """Open the history, build the services and the window; returns (app, window, engine).

    Raises StoreError when the history database cannot be used (newer, damaged, unwritable).
    """
    # Qt before anything that may load llama.cpp's libraries (a Windows crash otherwise).
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.infra.engine_protocol import LoadSettings
    from app.infra.settings import Settings
    from app.infra.store import HistoryStore
    from app.services.chat_service import ChatService
    from app.services.engine_service import EngineService
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    store = HistoryStore.open(paths.data / "history.sqlite3")
    settings_path = paths.data / "settings.json"
    settings = Settings.load(settings_path)
    engine = EngineService()
    engine.load_settings = LoadSettings(n_ctx=settings.context_length)
    chat = ChatService(engine, store)
    window = MainWindow(engine, chat, settings, settings_path, str(paths.models))
    chat.start()
    chat.new_chat()
    return app, window, engine


def run_gui(args: argparse.Namespace) -> int:
    configure_privacy()
    paths = resolve_paths(args.data_dir, args.temp_data_dir)
    configure_logging(paths)
    log = logging.getLogger(__name__)
    log.info("%s %s starting; data in %s", APP_NAME, __version__, paths.data)
    from app.infra.store import StoreError

    try:
        app, window, engine = build_window(paths)
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
