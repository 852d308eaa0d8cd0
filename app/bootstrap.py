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
    from app.infra.downloads.hub import configure_hub_environment

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
    """Open the history, build the session and the window; returns (app, window, session).

    Raises StoreError when the history database cannot be used (newer, damaged, unwritable).
    """
    # Qt before anything that may load llama.cpp's libraries (a Windows crash otherwise).
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.infra.downloads.fetch import VariantFetcher
    from app.infra.downloads.hub import HubClient
    from app.infra.engine import cpu_check
    from app.infra.models.library import ModelLibrary
    from app.infra.settings import Settings
    from app.infra.store import HistoryStore
    from app.services.api import ApiService
    from app.services.documents import DocumentService
    from app.services.engine_service import EngineService
    from app.services.fit_service import FitService
    from app.services.models import ModelService
    from app.services.remote import RemoteService
    from app.services.session import Session
    from app.services.settings_store import SettingsStore
    from app.services.tools import ToolService
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    from app.ui import i18n
    from app.ui.theme import Theme

    i18n.install(app)  # the system's language (or HEARTH_LANG), before any widget is built
    theme = Theme.of(app)  # one per application, parented to it; follows the system
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    if icon.is_file():  # Windows and macOS take the icon from the window; Linux from the .desktop
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    store = HistoryStore.open(paths.data / "history.sqlite3")
    values = Settings.load(paths.data / "settings.json")
    settings = SettingsStore(values, paths.data / "settings.json")
    if offline is not None:
        settings.update(offline=offline)  # --offline is kept for later starts, like the menu's switch
    theme.set_appearance(values.appearance)
    configure_privacy(values.offline)
    # Whether llama.cpp's re-laid-out weights are safe on this CPU is checked once per CPU and
    # llama.cpp build; the verdict lives in the cache folder.
    cpu_check.configure(paths.cache / "cpu-check.json")
    models_dir = Path(values.models_dir) if values.models_dir else paths.models
    library = ModelLibrary(paths.data / "models.json", models_dir)
    # HF_ENDPOINT (a mirror, or the self-test's local fake Hub) is read at each request.
    fetcher = VariantFetcher(
        lambda: HubClient(endpoint=os.environ.get("HF_ENDPOINT") or None, offline=settings.values.offline),
        library,
    )
    models = ModelService(
        library, fetcher, resources_dir() / "catalog.json", paths.data, lambda: settings.values.offline
    )
    fit = FitService(settings, lambda: Path(models.library.models_dir))
    engine = EngineService()
    session = Session(settings, engine, store, models, fit, tools=ToolService(paths.data / "tools"),
                      documents=DocumentService(paths.data / "collections"),
                      remote=RemoteService(settings), api=ApiService(settings, engine))  # fmt: skip
    window = MainWindow(session)
    session.start()
    return app, window, session


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
        app, window, session = build_window(paths, True if args.offline else None)
    except StoreError as exc:
        from PySide6.QtWidgets import QApplication, QMessageBox

        QApplication.instance() or QApplication(sys.argv[:1])
        log.error("history unusable: %s", exc)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window.show()
    session.open_on_start(args.model)
    # However the event loop ends (the window closed, the session logged out, a signal), the
    # session shuts down once, in order, before the data folder may go.
    app.aboutToQuit.connect(session.shutdown)
    try:
        return app.exec()
    finally:
        session.shutdown()  # no-op when aboutToQuit already ran it
        paths.cleanup()
