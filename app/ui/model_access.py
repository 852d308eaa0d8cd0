"""Everything the main window shows about models: the Models menu, the offline switch, the
first-run panel, the model manager window and the question before a load that cannot fit.
A view of the session like the window: kept apart so the main window stays about chatting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.services.session import ModelState, ModelStatus, Session
from app.ui.welcome import WelcomePanel


class ModelAccess(QObject):
    def __init__(self, window: Any, session: Session) -> None:
        super().__init__(window)
        self.window, self.session = window, session
        self.service, self.fit = session.models, session.fit
        self.manager: Any = None
        self.welcome = WelcomePanel(self.service, self.fit)
        window.pane_layout.insertWidget(0, self.welcome)
        menu = window.menuBar().addMenu(self.tr("&Models"))
        self.manage_action = QAction(self.tr("&Manage models…"), window)
        self.manage_action.setShortcut(QKeySequence("Ctrl+M"))
        self.manage_action.triggered.connect(self.show_manager)
        menu.addAction(self.manage_action)
        self.servers_action = QAction(self.tr("&Servers…"), window)
        self.servers_action.setToolTip(self.tr("Chat through a gpt-oss server on another machine"))
        self.servers_action.triggered.connect(self.show_servers)
        self.servers_action.setVisible(session.remote is not None)
        menu.addAction(self.servers_action)
        self.servers_dialog: Any = None
        self.offline_action = QAction(self.tr("&Offline mode"), window)
        self.offline_action.setCheckable(True)
        self.offline_action.setChecked(session.offline)
        self.offline_action.setToolTip(self.tr("Hearth opens no network connection at all"))
        self.offline_action.toggled.connect(session.set_offline)
        menu.addAction(self.offline_action)

        self.welcome.use_model.connect(window.open_model)
        self.welcome.open_file.connect(window.choose_model)
        self.welcome.open_manager.connect(self.show_manager)
        self.service.notice.connect(self._notice)
        session.offline_changed.connect(self._offline_changed)
        session.model_changed.connect(self._on_model)
        session.fit_refused.connect(self._fit_refused)
        self._show_welcome()
        self.service.scan_for_copies()  # offers "use this copy" on first run; off the GUI thread

    def _show_welcome(self) -> None:
        self.welcome.refresh()
        self.welcome.show()

    def _on_model(self, status: ModelStatus) -> None:
        if status.state is ModelState.IDLE:
            self._show_welcome()
        else:
            self.welcome.hide()

    def show_manager(self) -> None:
        if self.manager is None:
            from app.ui.model_manager import ModelManager

            self.manager = ModelManager(self.service, self.session.offline,
                                        self.service.library.models_dir, self.window, self.fit)  # fmt: skip
            self.manager.use_model.connect(self._use_from_manager)
            self.manager.offline_toggled.connect(self.session.set_offline)
            self.manager.folder_changed.connect(self.session.set_models_dir)
        self.manager.show()
        self.manager.raise_()

    def show_servers(self) -> None:
        from PySide6.QtCore import Qt

        from app.ui.servers_dialog import ServersDialog

        dialog = ServersDialog(self.session, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.servers_dialog = dialog
        dialog.open()

    def _use_from_manager(self, path: str) -> None:
        self.window.open_model(path)
        self.window.activateWindow()

    def _offline_changed(self, on: bool) -> None:
        self.offline_action.setChecked(on)
        if self.manager is not None:
            self.manager.offline_box.setChecked(on)

    def _notice(self, text: str) -> None:
        if self.manager is None or not self.manager.isVisible():
            self.window.show_banner(text)

    def _fit_refused(self, path: str, plan: Any) -> None:
        if self._insist(path, plan):
            self.session.open_model(path, insist=True)
        else:
            self.window.show_banner(
                self.tr("{file} was not loaded: {reason}").format(
                    file=Path(path).name, reason=plan.explanation
                )
            )

    def _insist(self, path: str, plan: Any) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from app.ui.fit_view import describe

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("This model does not fit"))
        box.setText(
            self.tr("{file} needs more memory than this computer has free.").format(file=Path(path).name)
        )
        box.setInformativeText(describe(plan))
        load = box.addButton(self.tr("Load anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is load
