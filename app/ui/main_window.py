"""The main window: the model bar, the conversation list, the open conversation and the composer.

It wires widgets to the services it is given and keeps no rules of its own: what is sent,
saved or branched is decided by ChatService; loading is EngineService's.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.chat_tree import ChatTree
from app.core.conversation import EFFORTS
from app.core.gguf_header import human_size
from app.core.llama_log import running_on
from app.infra.settings import Settings
from app.services.chat_service import ChatService
from app.services.engine_service import EngineService
from app.ui.chat_view import ChatView
from app.ui.safe_browser import LinkGate
from app.ui.sidebar import Sidebar


class ComposerEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def _is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class MainWindow(QMainWindow):
    def __init__(self, engine: EngineService, chat: ChatService, settings: Settings,
                 settings_path: Path | None = None, models_dir: str = "", models: Any = None,
                 fit: Any = None) -> None:  # fmt: skip
        super().__init__()
        self.engine = engine
        self.chat = chat
        self.settings = settings
        self._settings_path = settings_path
        self._models_dir = models_dir
        self._model_ready = False
        self._loading_path = ""
        self.links = LinkGate(self)
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1100, 760)

        # Model bar
        self.open_button = QPushButton("Open model…")
        self.model_label = QLabel("No model loaded")
        self.model_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.cancel_load_button = QPushButton("Cancel")
        model_bar = QHBoxLayout()
        for w in (self.open_button, self.model_label, self.progress, self.cancel_load_button):
            model_bar.addWidget(w)
        model_bar.addStretch(1)
        self._set_loading(False)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.reload_button = QPushButton("Reload model")
        self.dismiss_button = QPushButton("Dismiss")
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reload_button)
        banner_row.addWidget(self.dismiss_button)
        self.banner_box = QWidget()
        self.banner_box.setLayout(banner_row)
        self.banner_box.hide()

        # Conversation and composer
        self.view = ChatView(self.links)
        self.view.dark = self.chat.render_dark = _is_dark()
        self.input = ComposerEdit()
        self.input.setPlaceholderText("Message gpt-oss — Enter to send, Shift+Enter for a new line")
        self.input.setMaximumHeight(120)
        self.effort = QComboBox()
        self.effort.addItems([e.capitalize() for e in EFFORTS])
        self.effort.setToolTip("Reasoning effort for the next message in this chat")
        self.think_harder_button = QPushButton("Think harder")
        self.think_harder_button.setToolTip("Ask the last question again at high reasoning effort")
        self.instructions_button = QPushButton("Instructions…")
        self.instructions_button.setToolTip("Instructions for this chat (the developer message)")
        self.context_label = QLabel()
        self.send_button = QPushButton("Send")
        options = QHBoxLayout()
        options.addWidget(QLabel("Reasoning:"))
        for w in (self.effort, self.think_harder_button, self.instructions_button):
            options.addWidget(w)
        options.addStretch(1)
        options.addWidget(self.context_label)
        compose = QHBoxLayout()
        compose.addWidget(self.input, 1)
        compose.addWidget(self.send_button)
        self.context_warning = QLabel()
        self.context_warning.setWordWrap(True)
        self.context_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.context_warning.hide()
        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        self.pane_layout = pane_layout
        pane_layout.addWidget(self.view, 1)
        pane_layout.addWidget(self.context_warning)
        pane_layout.addLayout(options)
        pane_layout.addLayout(compose)

        self.sidebar = Sidebar()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 840])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(model_bar)
        layout.addWidget(self.banner_box)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._connect()
        self.models = None
        if models is not None:
            from app.ui.model_access import ModelAccess

            self.models = ModelAccess(self, models, fit)
        self._restore_state()
        self._update_buttons()

    # -- construction ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        def action(menu: Any, text: str, slot: Any, shortcut: str | None = None) -> QAction:
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        file = self.menuBar().addMenu("&File")
        action(file, "&Open model…", self._choose_model, "Ctrl+O")
        action(file, "&New chat", self.chat.new_chat, "Ctrl+N")
        file.addSeparator()
        action(file, "Export chat as &Markdown…", lambda: self._export(self.chat.current.info.id, "md"))
        action(file, "Export chat as &JSON…", lambda: self._export(self.chat.current.info.id, "json"))
        file.addSeparator()
        action(file, "&Quit", self.close, "Ctrl+Q")
        chat = self.menuBar().addMenu("&Chat")
        action(chat, "&Send", self._send, "Ctrl+Return")
        self.stop_action = action(chat, "S&top", self.chat.stop, "Esc")
        self.regenerate_action = action(chat, "&Regenerate", lambda: self.chat.regenerate(), "Ctrl+R")
        action(chat, "Think &harder", self.chat.think_harder, "Ctrl+Shift+R")
        action(chat, "&Instructions…", self._edit_instructions)
        chat.addSeparator()
        action(chat, "&Focus message box", self.input.setFocus, "Ctrl+L")
        action(chat, "Searc&h chats", self.sidebar.focus_search, "Ctrl+F")
        view = self.menuBar().addMenu("&View")
        self.sidebar_action = action(view, "Show &conversations", self._toggle_sidebar, "Ctrl+B")
        self.sidebar_action.setCheckable(True)
        self.sidebar_action.setChecked(True)

    def _connect(self) -> None:
        e, c = self.engine, self.chat
        self.open_button.clicked.connect(self._choose_model)
        self.cancel_load_button.clicked.connect(self.engine.cancel_load)
        self.send_button.clicked.connect(self._send_or_stop)
        self.input.submitted.connect(self._send)
        self.reload_button.clicked.connect(self._reload)
        self.dismiss_button.clicked.connect(self._hide_banner)
        self.effort.activated.connect(lambda i: c.set_effort(EFFORTS[i]))
        self.think_harder_button.clicked.connect(c.think_harder)
        self.instructions_button.clicked.connect(self._edit_instructions)
        e.load_progress.connect(lambda f: self.progress.setValue(int(f * 100)))
        e.loaded.connect(self._on_loaded)
        e.load_failed.connect(self._on_load_failed)
        e.engine_crashed.connect(self._on_crashed)
        c.chats_changed.connect(self.sidebar.set_chats)
        c.chat_opened.connect(self._on_chat_opened)
        c.turn_added.connect(self.view.append_turn)
        c.turn_updated.connect(self.view.turn_updated)
        c.reply_events.connect(self.view.append_events)
        c.busy_changed.connect(self._on_busy)
        c.context_usage.connect(self._on_usage)
        c.chat_deleted.connect(self.sidebar.offer_undo)
        c.search_results.connect(self.sidebar.show_results)
        c.notice.connect(lambda text: self._show_banner(text))
        c.message_returned.connect(self._give_back)
        self.view.branch_requested.connect(c.switch_branch)
        self.view.edit_submitted.connect(c.edit_and_resend)
        self.view.regenerate_requested.connect(lambda: c.regenerate())
        self.sidebar.new_chat.connect(c.new_chat)
        self.sidebar.open_chat.connect(c.open_chat)
        self.sidebar.search.connect(c.search)
        self.sidebar.rename.connect(self._rename)
        self.sidebar.delete.connect(c.delete_chat)
        self.sidebar.export.connect(self._export)
        self.sidebar.undo_delete.connect(c.undo_delete)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self._send)

    # -- models ------------------------------------------------------------------------------
    def _choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a gpt-oss model", self._models_dir,
                                              "GGUF models (*.gguf)")  # fmt: skip
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> None:
        refusal = self.models.refusal(path) if self.models is not None else ""
        if refusal:
            self._show_banner(refusal)
            return
        if self.models is not None:  # the memory plan picks GPU layers, or asks before a load that cannot fit
            self.models.plan_load(path, self._load)
        else:
            self._load(path, None)

    def _load(self, path: str, settings: Any) -> None:
        self._loading_path = path
        self._model_ready = False
        self.model_label.setText(f"Loading {Path(path).name}…")
        self.progress.setValue(0)
        self._set_loading(True)
        self._hide_banner()
        self._update_buttons()
        self.engine.load(path, settings)

    def _set_loading(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_load_button.setVisible(on)

    def _on_loaded(self, info: dict[str, Any]) -> None:
        self._set_loading(False)
        model = self.engine.client.model
        path = model.path if model else self._loading_path
        try:
            size = human_size(os.path.getsize(path))
        except OSError:
            size = "?"
        where = running_on(((info.get("memory") or {}).get("buffers")) or {})
        on = f" · on {where}" if where else ""  # which backend the weights went to: CPU, CUDA, Metal…
        self.model_label.setText(f"{Path(path).name} · {size} · context {info['n_ctx']:,} tokens{on}")
        self.model_label.setToolTip(path)
        self.chat.model_name = Path(path).stem
        self._model_ready = True
        self.input.setFocus()  # ready to type (the first-run panel that had focus is gone)
        self.settings.last_model = path
        self._save_settings()
        self._update_buttons()

    def _on_load_failed(self, message: str) -> None:
        self._set_loading(False)
        self._model_ready = False
        self.model_label.setText("No model loaded")
        self._show_banner(message)
        self._update_buttons()

    def _on_crashed(self, reason: str) -> None:
        self._set_loading(False)
        self._model_ready = False
        self.model_label.setText("Model stopped")
        self._show_banner(f"The model stopped: {reason} Your conversation is kept.", reload=True)
        self._update_buttons()

    def _reload(self) -> None:
        self._hide_banner()
        self.model_label.setText("Reloading…")
        self._set_loading(True)
        self.engine.reload_after_crash()

    def dragEnterEvent(self, event: Any) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".gguf"):
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.open_model(urls[0].toLocalFile())
            event.acceptProposedAction()

    # -- chatting --------------------------------------------------------------------------------
    def _send_or_stop(self) -> None:
        if self.chat.busy:
            self.chat.stop()
        else:
            self._send()

    def _send(self) -> None:
        text = self.input.toPlainText().strip()
        if not text or not self._model_ready or self.chat.busy:
            return
        self.input.clear()
        self.chat.send(text)

    def _give_back(self, text: str) -> None:
        if not self.input.toPlainText().strip():
            self.input.setPlainText(text)

    def _on_busy(self, busy: bool) -> None:
        self.view.set_busy(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.chat.busy
        self.send_button.setText("Stop" if busy else "Send")
        self.send_button.setEnabled(busy or self._model_ready)
        self.stop_action.setEnabled(busy)
        can_redo = self._model_ready and not busy and any(t.role == "user" for t in self.chat.current.path())
        self.regenerate_action.setEnabled(can_redo)
        self.think_harder_button.setEnabled(can_redo)
        self.open_button.setEnabled(not busy)

    def _on_chat_opened(self, tree: ChatTree) -> None:
        self.view.show_tree(tree)
        self.sidebar.set_current(tree.info.id)
        self.effort.setCurrentIndex(EFFORTS.index(tree.info.effort) if tree.info.effort in EFFORTS else 1)
        self._show_instructions_state(tree.info.instructions)
        self.setWindowTitle(f"{tree.info.title} — {APP_NAME}" if tree.turns else APP_NAME)
        self._update_buttons()

    def _on_usage(self, used: int, n_ctx: int) -> None:
        if n_ctx:
            self.context_label.setText(f"Context {used:,} / {n_ctx:,} tokens ({100 * used / n_ctx:.0f}%)")
        else:
            self.context_label.setText("")
        warning = self.chat.context_warning(used, n_ctx)
        self.context_warning.setText(warning)
        self.context_warning.setVisible(bool(warning))
        self._update_buttons()

    def _edit_instructions(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Instructions for this chat")
        edit = QPlainTextEdit(self.chat.current.info.instructions)
        edit.setPlaceholderText("For example: Answer briefly. Use British spelling.")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel("gpt-oss reads these before every message of this chat."))
        layout.addWidget(edit)
        layout.addWidget(buttons)
        dialog.resize(520, 300)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        text = edit.toPlainText().strip()
        dialog.deleteLater()
        if accepted:
            self.chat.set_instructions(text)
            self._show_instructions_state(self.chat.current.info.instructions)

    def _show_instructions_state(self, text: str) -> None:
        self.instructions_button.setText("Instructions ✓" if text else "Instructions…")

    def _rename(self, chat_id: str) -> None:
        current = next((c.title for c in self.chat.chats if c.id == chat_id), "")
        title, ok = QInputDialog.getText(self, "Rename chat", "Title:", text=current)
        if ok:
            self.chat.rename_chat(chat_id, title)

    def _export(self, chat_id: str, fmt: str) -> None:
        if chat_id not in {c.id for c in self.chat.chats}:
            self._show_banner("Send a message first: there is nothing to export yet.")
            return
        title = next((c.title for c in self.chat.chats if c.id == chat_id), "chat")
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip() or "chat"
        suffix = "json" if fmt == "json" else "md"
        path, _ = QFileDialog.getSaveFileName(self, "Export chat", str(Path.home() / f"{safe}.{suffix}"),
                                              "JSON (*.json)" if fmt == "json" else "Markdown (*.md)")  # fmt: skip
        if path:
            self.chat.export_chat(chat_id, Path(path), fmt)

    def _toggle_sidebar(self) -> None:
        self.sidebar.setVisible(not self.sidebar.isVisible())
        self.sidebar_action.setChecked(self.sidebar.isVisible())

    def _on_scheme(self, *_: Any) -> None:
        self.view.dark = self.chat.render_dark = _is_dark()
        if not self.chat.busy:
            self.view.show_tree(self.chat.current)

    # -- banner, state ----------------------------------------------------------------------------
    def _show_banner(self, text: str, reload: bool = False) -> None:
        self.banner.setText(text)
        self.reload_button.setVisible(reload)
        self.banner_box.show()

    def _hide_banner(self) -> None:
        self.banner_box.hide()

    def _restore_state(self) -> None:
        s = self.settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(s.window_geometry)))
        if s.window_state:
            self.restoreState(QByteArray(base64.b64decode(s.window_state)))
        if s.splitter_state:
            self.splitter.restoreState(QByteArray(base64.b64decode(s.splitter_state)))
        self.sidebar.setVisible(s.sidebar_visible)
        self.sidebar_action.setChecked(s.sidebar_visible)

    def _save_settings(self) -> None:
        if self._settings_path is None:
            return
        try:
            self.settings.save(self._settings_path)
        except OSError as exc:
            self._show_banner(f"Settings could not be saved: {exc.strerror or exc}")

    def closeEvent(self, event: Any) -> None:
        s = self.settings
        s.window_geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode()
        s.window_state = base64.b64encode(bytes(self.saveState().data())).decode()
        s.splitter_state = base64.b64encode(bytes(self.splitter.saveState().data())).decode()
        s.sidebar_visible = self.sidebar.isVisible()
        self._save_settings()
        self.hide()
        # Stop first so the child exits at once; then the last second of the reply is saved.
        self.chat.stop()
        if self.models is not None:
            self.models.shutdown()  # downloads pause and keep their bytes
        self.engine.shutdown()
        self.chat.shutdown()
        super().closeEvent(event)
