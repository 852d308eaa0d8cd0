"""The main window: the model bar, the conversation list, the open conversation and the composer.

A view of the session (app.services.session): it draws the session's state and turns people's
actions into calls on it, and keeps no state or rules of its own. What is sent, saved or
branched is decided by ChatService; what is loaded, and how, by the session.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.chat_tree import ChatTree
from app.core.conversation import EFFORTS
from app.core.gguf_header import human_size
from app.core.llama_log import running_on
from app.services.session import ModelState, ModelStatus, Session
from app.ui.chat_view import ChatView
from app.ui.safe_browser import LinkGate
from app.ui.sidebar import Sidebar
from app.ui.theme import SPACE, Theme, current, high_contrast, icon, style


class ComposerEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line; files dropped on it are attached to the chat
    (not pasted as their paths)."""

    submitted = Signal()
    files_dropped = Signal(list)  # local paths

    def canInsertFromMimeData(self, source: Any) -> bool:
        return bool(
            source.hasUrls() and any(u.isLocalFile() for u in source.urls())
        ) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: Any) -> None:
        paths = [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []
        if paths:
            self.files_dropped.emit(paths)
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


EFFORT_TEXT = {  # the reasoning-effort menu's items, by effort
    "low": QT_TRANSLATE_NOOP("MainWindow", "Low"),
    "medium": QT_TRANSLATE_NOOP("MainWindow", "Medium"),
    "high": QT_TRANSLATE_NOOP("MainWindow", "High"),
}


def _is_dark() -> bool:
    return current().name == "dark"


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.chat = session.chat
        self.links = LinkGate(self)
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1100, 760)

        # Model bar
        self.open_button = QPushButton(self.tr("Open model…"))
        self.model_label = QLabel(self.tr("No model loaded"))
        self.model_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.cancel_load_button = QPushButton(self.tr("Cancel"))
        self.model_bar = QFrame()
        self.model_bar.setObjectName("modelBar")
        style(self.model_bar, "bar")
        model_bar = QHBoxLayout(self.model_bar)
        model_bar.setContentsMargins(SPACE["l"], SPACE["s"], SPACE["l"], SPACE["s"])
        model_bar.setSpacing(SPACE["m"])
        # Shown while an app is generating through the local API (Settings → Local API).
        self.api_label = QLabel(self.tr("An app is using the model through the local API"))
        self.api_label.setTextFormat(Qt.TextFormat.PlainText)
        self.api_label.hide()
        for w in (self.open_button, self.model_label, self.progress, self.cancel_load_button):
            model_bar.addWidget(w)
        model_bar.addStretch(1)
        model_bar.addWidget(self.api_label)
        self._set_loading(False)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_icon = QLabel()
        self.reload_button = QPushButton(self.tr("Reload model"))
        style(self.reload_button, "primary")
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        # Shown with the warning that the model repeats itself while it thinks.
        self.banner_stop_button = QPushButton(self.tr("Stop the reply"))
        self.banner_stop_button.hide()
        self.banner_box = QFrame()
        self.banner_box.setObjectName("banner")
        style(self.banner_box, "banner")
        banner_row = QHBoxLayout(self.banner_box)
        banner_row.setContentsMargins(SPACE["m"], SPACE["s"], SPACE["m"], SPACE["s"])
        banner_row.setSpacing(SPACE["m"])
        banner_row.addWidget(self.banner_icon, 0, Qt.AlignmentFlag.AlignTop)
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reload_button)
        banner_row.addWidget(self.banner_stop_button)
        banner_row.addWidget(self.dismiss_button)
        self.banner_box.hide()

        # Conversation and composer
        self.view = ChatView(self.links)
        self.view.dark = self.chat.render_dark = _is_dark()
        self.input = ComposerEdit()
        self.input.setObjectName("composer")
        self.input.setPlaceholderText(self.tr("Message gpt-oss — Enter to send, Shift+Enter for a new line"))
        self.input.setMaximumHeight(120)
        self.input.setAccessibleName(self.tr("Message"))
        self.effort = QComboBox()
        self.effort.addItems([QCoreApplication.translate("MainWindow", EFFORT_TEXT.get(e, e.capitalize()))
                              for e in EFFORTS])  # fmt: skip
        self.effort.setToolTip(self.tr("Reasoning effort for the next message in this chat"))
        self.effort.setAccessibleName(self.tr("Reasoning effort"))
        self.think_harder_button = QToolButton()  # secondary: lighter than the buttons that act
        self.think_harder_button.setText(self.tr("Think harder"))
        self.think_harder_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.think_harder_button.setToolTip(self.tr("Ask the last question again at high reasoning effort"))
        self.instructions_button = QToolButton()  # secondary: lighter than the buttons that act
        self.instructions_button.setText(self.tr("Instructions…"))
        self.instructions_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.instructions_button.setToolTip(self.tr("Instructions for this chat (the developer message)"))
        # Icon only: the composer's row must still fit beside a wide sidebar in a small window.
        self.tools_button = QToolButton()
        self.tools_button.setText(self.tr("Tools…"))
        self.tools_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.tools_button.setAccessibleName(self.tr("Tools…"))
        self.tools_button.setToolTip(self.tr("Tools the model may use in this chat (Python, …)"))
        # Attach documents: icon only, stacked over Send so the options row keeps its width.
        self.attach_button = QToolButton()
        self.attach_button.setText(self.tr("Attach files…"))
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.attach_button.setAccessibleName(self.tr("Attach files…"))
        self.attach_button.setToolTip(self.tr("Attach documents to this chat (or drop files on the window)"))
        self.documents_label = QLabel()
        self.documents_label.setWordWrap(True)
        self.documents_label.setTextFormat(Qt.TextFormat.PlainText)
        self.documents_label.setAccessibleName(self.tr("Attached documents"))
        style(self.documents_label, "muted")
        self.documents_label.hide()
        self.context_label = QLabel()
        self.send_button = QPushButton(self.tr("Send"))
        style(self.send_button, "primary")
        options = QHBoxLayout()
        effort_label = QLabel(self.tr("&Reasoning:"))
        effort_label.setBuddy(self.effort)  # Alt+R reaches the effort; its name is read out
        options.addWidget(effort_label)
        style(self.context_label, "muted")
        for w in (self.effort, self.think_harder_button, self.instructions_button, self.tools_button):
            options.addWidget(w)
        options.addStretch(1)
        options.addWidget(self.context_label)
        compose = QHBoxLayout()
        compose.addWidget(self.input, 1)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignRight)
        buttons.addWidget(self.send_button)
        compose.addLayout(buttons)
        # Where messages go when the model runs on a server elsewhere (said plainly, always).
        self.remote_note = QLabel()
        self.remote_note.setWordWrap(True)
        self.remote_note.setTextFormat(Qt.TextFormat.PlainText)
        self.remote_note.setAccessibleName(self.tr("Where your messages go"))
        style(self.remote_note, "muted")
        self.remote_note.hide()
        self.context_warning = QLabel()
        self.context_warning.setWordWrap(True)
        self.context_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.context_warning.hide()
        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(SPACE["m"], 0, 0, 0)
        pane_layout.setSpacing(SPACE["s"])
        self.pane_layout = pane_layout
        pane_layout.addWidget(self.view, 1)
        pane_layout.addWidget(self.context_warning)
        pane_layout.addWidget(self.documents_label)
        pane_layout.addWidget(self.remote_note)
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
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.model_bar)
        body = QVBoxLayout()
        body.setContentsMargins(SPACE["m"], SPACE["m"], SPACE["m"], SPACE["m"])
        body.setSpacing(SPACE["s"])
        body.addWidget(self.banner_box)
        body.addWidget(self.splitter, 1)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._connect()
        self.models = None
        if session.models is not None:
            from app.ui.model_access import ModelAccess

            self.models = ModelAccess(self, session)
        self._restore_state()
        self._apply_icons()
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

        file = self.menuBar().addMenu(self.tr("&File"))
        action(file, self.tr("&Open model…"), self.choose_model, "Ctrl+O")
        action(file, self.tr("&New chat"), self.chat.new_chat, "Ctrl+N")
        file.addSeparator()
        action(
            file, self.tr("Export chat as &Markdown…"), lambda: self._export(self.chat.current.info.id, "md")
        )
        action(
            file, self.tr("Export chat as &JSON…"), lambda: self._export(self.chat.current.info.id, "json")
        )
        file.addSeparator()
        action(file, self.tr("&Quit"), self.close, "Ctrl+Q")
        chat = self.menuBar().addMenu(self.tr("&Chat"))
        action(chat, self.tr("&Send"), self._send, "Ctrl+Return")
        self.stop_action = action(chat, self.tr("S&top"), self.chat.stop, "Esc")
        self.regenerate_action = action(
            chat, self.tr("&Regenerate"), lambda: self.chat.regenerate(), "Ctrl+R"
        )
        action(chat, self.tr("Think &harder"), self.chat.think_harder, "Ctrl+Shift+R")
        action(chat, self.tr("&Instructions…"), self._edit_instructions)
        action(chat, self.tr("T&ools…"), self.edit_tools)
        action(chat, self.tr("Show &prompt"), self.show_prompt, "Ctrl+Shift+P")
        action(chat, self.tr("&Documents…"), self.edit_documents, "Ctrl+Shift+D")
        chat.addSeparator()
        action(chat, self.tr("&Focus message box"), self.input.setFocus, "Ctrl+L")
        action(chat, self.tr("Searc&h chats"), self.sidebar.focus_search, "Ctrl+F")
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self.api_action = action(settings_menu, self.tr("Local &API…"), self.edit_api)
        self.api_action.setVisible(self.session.api is not None)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.sidebar_action = action(view, self.tr("Show &conversations"), self._toggle_sidebar, "Ctrl+B")
        self.sidebar_action.setCheckable(True)
        self.sidebar_action.setChecked(True)
        appearance = view.addMenu(self.tr("&Appearance"))
        group = QActionGroup(self)
        theme = Theme.of(QApplication.instance())
        self.appearance_actions = {}
        for choice, text in (
            ("system", self.tr("Like the &system")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            act = QAction(text, self, checkable=True)
            act.setChecked(theme.appearance == choice)
            act.triggered.connect(lambda _=False, c=choice: self.set_appearance(c))
            group.addAction(act)
            appearance.addAction(act)
            self.appearance_actions[choice] = act

    @property
    def settings(self) -> Any:
        """The session's settings, to read (``session.settings.update`` changes them)."""
        return self.session.settings.values

    @property
    def model_ready(self) -> bool:
        return self.session.model.ready

    def _connect(self) -> None:
        s, c = self.session, self.chat
        self.open_button.clicked.connect(self.choose_model)
        self.cancel_load_button.clicked.connect(s.cancel_load)
        self.send_button.clicked.connect(self._send_or_stop)
        self.input.submitted.connect(self._send)
        self.reload_button.clicked.connect(self._reload)
        self.dismiss_button.clicked.connect(self.hide_banner)
        self.banner_stop_button.clicked.connect(self._stop_from_banner)
        c.reasoning_loop.connect(self._reasoning_loops)
        self.effort.activated.connect(lambda i: c.set_effort(EFFORTS[i]))
        self.think_harder_button.clicked.connect(c.think_harder)
        self.instructions_button.clicked.connect(self._edit_instructions)
        self.tools_button.clicked.connect(self.edit_tools)
        self.attach_button.clicked.connect(self._choose_documents)
        self.input.files_dropped.connect(self._files_dropped)
        c.documents_changed.connect(self._show_documents)
        c.chat_opened.connect(lambda _tree: self._show_documents())
        if s.documents is not None:
            s.documents.changed.connect(lambda _cid: self._show_documents())
        s.load_progress.connect(lambda f: self.progress.setValue(int(f * 100)))
        s.model_changed.connect(self._on_model)
        if s.api is not None:
            s.api.busy.connect(self.api_label.setVisible)
        s.notice.connect(lambda text: self.show_banner(text))
        c.chats_changed.connect(self.sidebar.set_chats)
        c.chat_opened.connect(self._on_chat_opened)
        c.turn_added.connect(self.view.append_turn)
        c.turn_updated.connect(self.view.turn_updated)
        c.reply_events.connect(self.view.append_events)
        c.tool_state.connect(self.view.tool_state)
        self.view.tool_decided.connect(c.answer_tool_call)
        self.view.source_requested.connect(self.show_source)
        c.busy_changed.connect(self._on_busy)
        c.context_usage.connect(self._on_usage)
        c.chat_deleted.connect(self.sidebar.offer_undo)
        c.search_results.connect(self.sidebar.show_results)
        c.notice.connect(lambda text: self.show_banner(text))
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
        Theme.of(QApplication.instance()).changed.connect(self._on_scheme)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self._send)

    # -- models ------------------------------------------------------------------------------
    def choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a gpt-oss model"), self.session.models_dir,
                                              self.tr("GGUF models (*.gguf)"))  # fmt: skip
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> None:
        self.session.open_model(path)

    def _set_loading(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_load_button.setVisible(on)

    def _on_model(self, status: ModelStatus) -> None:
        self._set_loading(status.state is ModelState.LOADING)
        if status.state is ModelState.LOADING:
            self.model_label.setText(self.tr("Loading {name}…").format(name=status.name))
            self.progress.setValue(0)
            self.hide_banner()
        self.remote_note.setVisible(status.ready and bool(status.remote))
        if status.ready and status.remote:
            self.model_label.setText(status.name)
            self.model_label.setToolTip(self.tr("Replies come from a server elsewhere, not from this computer."))
            self.remote_note.setText(self.tr(
                "Your messages leave this computer: they go to {where}. Models → Servers… to change."
            ).format(where=status.remote))  # fmt: skip
            self.input.setFocus()
        elif status.state is ModelState.READY and status.loaded is not None:
            loaded = status.loaded
            try:
                size = human_size(os.path.getsize(status.path))
            except OSError:
                size = "?"
            where = running_on(loaded.buffers)
            tokens = f"{loaded.n_ctx:,}"
            if where:  # which backend the weights went to: CPU, CUDA, Metal…
                text = self.tr("{name} · {size} · context {tokens} tokens · on {device}").format(
                    name=status.name, size=size, tokens=tokens, device=where
                )
            else:
                text = self.tr("{name} · {size} · context {tokens} tokens").format(
                    name=status.name, size=size, tokens=tokens
                )
            self.model_label.setText(text)
            self.model_label.setToolTip(status.path)
            self.input.setFocus()  # ready to type (the first-run panel that had focus is gone)
        elif status.state is ModelState.CRASHED:
            self.model_label.setText(self.tr("Model stopped"))
            self.show_banner(
                self.tr("The model stopped: {reason} Your conversation is kept.").format(
                    reason=status.message
                ),
                reload=True,
            )
        else:
            self.model_label.setText(self.tr("No model loaded"))
            if status.message:
                self.show_banner(status.message)
        self._update_buttons()

    def _reload(self) -> None:
        self.hide_banner()
        self.session.reload()

    def dragEnterEvent(self, event: Any) -> None:
        if self._dropped(event) != ([], None):
            event.acceptProposedAction()

    def _dropped(self, event: Any) -> tuple[list[str], str | None]:
        """(documents and folders to attach, a model to open) in what is dragged over the window."""
        from app.core.documents import is_document

        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        model = next((p for p in paths if p.lower().endswith(".gguf")), None)
        documents = [p for p in paths if is_document(p) or os.path.isdir(p)]
        return (documents if self.session.documents is not None else []), model

    def dropEvent(self, event: Any) -> None:
        documents, model = self._dropped(event)
        if not documents and not model:
            return
        self._files_dropped([model] if model else documents)
        event.acceptProposedAction()

    # -- chatting --------------------------------------------------------------------------------
    def _send_or_stop(self) -> None:
        if self.chat.busy:
            self.chat.stop()
        else:
            self._send()

    def _send(self) -> None:
        text = self.input.toPlainText().strip()
        if not text or not self.model_ready or self.chat.busy:
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
        self.send_button.setText(self.tr("Stop") if busy else self.tr("Send"))
        self.send_button.setIcon(
            icon("square" if busy else "send", None if high_contrast() else current().on_accent)
        )
        self.send_button.setEnabled(busy or self.model_ready)
        self.stop_action.setEnabled(busy)
        can_redo = self.model_ready and not busy and any(t.role == "user" for t in self.chat.current.path())
        self.regenerate_action.setEnabled(can_redo)
        self.think_harder_button.setEnabled(can_redo)
        self.open_button.setEnabled(not busy)

    def _on_chat_opened(self, tree: ChatTree) -> None:
        self.view.show_tree(tree)
        self.sidebar.set_current(tree.info.id)
        self.effort.setCurrentIndex(EFFORTS.index(tree.info.effort) if tree.info.effort in EFFORTS else 1)
        self._show_instructions_state(tree.info.instructions)
        self.setWindowTitle(
            self.tr("{title} — {app}").format(title=tree.info.title, app=APP_NAME) if tree.turns else APP_NAME
        )
        self._update_buttons()

    def _on_usage(self, used: int, n_ctx: int) -> None:
        if n_ctx:
            self.context_label.setText(
                self.tr("Context {used} / {total} tokens ({share}%)").format(
                    used=f"{used:,}", total=f"{n_ctx:,}", share=f"{100 * used / n_ctx:.0f}"
                )
            )
        else:
            self.context_label.setText("")
        warning = self.chat.context_warning(used, n_ctx)
        self.context_warning.setText(warning)
        self.context_warning.setVisible(bool(warning))
        self._update_buttons()

    def _edit_instructions(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Instructions for this chat"))
        edit = QPlainTextEdit(self.chat.current.info.instructions)
        edit.setPlaceholderText(self.tr("For example: Answer briefly. Use British spelling."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("gpt-oss reads these before every message of this chat.")))
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
        self.instructions_button.setText(self.tr("Instructions ✓") if text else self.tr("Instructions…"))

    def _files_dropped(self, paths: list[str]) -> None:
        """Files dropped on the message box: documents are attached, a model is opened."""
        from app.core.documents import is_document

        model = next((p for p in paths if p.lower().endswith(".gguf")), None)
        documents = [p for p in paths if is_document(p) or os.path.isdir(p)]
        if model:
            self.open_model(model)
        elif documents and self.session.documents is not None:
            self.chat.attach_files(documents)
        else:
            self.show_banner(
                self.tr(
                    "Hearth cannot read that kind of file. It reads PDF, Word, HTML, CSV, Markdown, text and code."
                )
            )

    def _choose_documents(self) -> None:
        from app.core.documents import file_filter

        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach documents to this chat"), "",
                                                self.tr("Documents ({kinds})").format(kinds=file_filter()))  # fmt: skip
        if paths:
            self.chat.attach_files(paths)

    def _show_documents(self) -> None:
        """The line over the composer: what is attached, and what Hearth will do with it."""
        plan = self.chat.documents_plan()
        self.documents_label.setText(plan)
        self.documents_label.setVisible(bool(plan))

    def show_source(self, citation: Any) -> None:
        from app.ui.source_dialog import SourceDialog

        dialog = SourceDialog(citation, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source_dialog = dialog
        dialog.open()

    def edit_documents(self) -> None:
        from app.ui.documents_dialog import DocumentsDialog

        if self.session.documents is None:
            return
        dialog = DocumentsDialog(self.chat, self.session.documents, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.documents_dialog = dialog
        dialog.open()

    def show_prompt(self) -> None:
        from app.ui.prompt_dialog import PromptDialog

        dialog = PromptDialog(self.chat, self.session.engine, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.prompt_dialog = dialog
        dialog.open()

    def edit_api(self) -> None:
        from app.ui.api_dialog import ApiDialog

        dialog = ApiDialog(self.session.api, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.api_dialog = dialog
        dialog.open()

    def edit_tools(self) -> None:
        from app.ui.tools_dialog import ToolsDialog

        dialog = ToolsDialog(self.chat, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.tools_dialog = dialog
        dialog.open()

    def _rename(self, chat_id: str) -> None:
        current = next((c.title for c in self.chat.chats if c.id == chat_id), "")
        title, ok = QInputDialog.getText(self, self.tr("Rename chat"), self.tr("Title:"), text=current)
        if ok:
            self.chat.rename_chat(chat_id, title)

    def _export(self, chat_id: str, fmt: str) -> None:
        if chat_id not in {c.id for c in self.chat.chats}:
            self.show_banner(self.tr("Send a message first: there is nothing to export yet."))
            return
        title = next((c.title for c in self.chat.chats if c.id == chat_id), "chat")
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip() or "chat"
        suffix = "json" if fmt == "json" else "md"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chat"), str(Path.home() / f"{safe}.{suffix}"),
                                              self.tr("JSON (*.json)") if fmt == "json" else self.tr("Markdown (*.md)"))  # fmt: skip
        if path:
            self.chat.export_chat(chat_id, Path(path), fmt)

    def _toggle_sidebar(self) -> None:
        self.sidebar.setVisible(not self.sidebar.isVisible())
        self.sidebar_action.setChecked(self.sidebar.isVisible())

    def set_appearance(self, choice: str) -> None:
        Theme.of(QApplication.instance()).set_appearance(choice)
        self.session.settings.update(appearance=choice)
        self.appearance_actions[choice].setChecked(True)

    def _apply_icons(self) -> None:
        """Icons are drawn in the theme's text colour: again when the scheme changes."""
        # The chat's own options stay text only: a narrow window keeps room for the conversations.
        for button, name in ((self.open_button, "folder-open"), (self.reload_button, "rotate-ccw"),
                             (self.tools_button, "wrench"), (self.attach_button, "file-text")):  # fmt: skip
            button.setIcon(icon(name))

    def _on_scheme(self, *_: Any) -> None:
        self._apply_icons()
        self._update_buttons()  # Send's icon is drawn there, in the new palette's ink
        self.view.dark = self.chat.render_dark = _is_dark()
        if not self.chat.busy:
            self.view.show_tree(self.chat.current)

    # -- banner, state ----------------------------------------------------------------------------
    def show_banner(self, text: str, reload: bool = False) -> None:
        """A sentence for the person; ``reload``: the model stopped, drawn as an error with the way out."""
        self.banner.setText(text)
        self.reload_button.setVisible(reload)
        self.banner_stop_button.hide()
        self.dismiss_button.setText(self.tr("Dismiss"))
        style(self.banner_box, "banner-error" if reload else "banner")
        self.banner_icon.setPixmap(icon("triangle-alert" if reload else "circle-alert").pixmap(18, 18))
        self.banner_box.show()

    def hide_banner(self) -> None:
        self.banner_box.hide()

    def _reasoning_loops(self, _turn_id: str) -> None:
        self.show_banner(
            self.tr(
                "gpt-oss seems to be repeating itself while it thinks. Stop the reply, or dismiss this to let it go on."
            )
        )
        self.dismiss_button.setText(self.tr("Let it go on"))
        self.banner_stop_button.show()

    def _stop_from_banner(self) -> None:
        self.hide_banner()
        self.chat.stop()

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

    def closeEvent(self, event: Any) -> None:
        """Closing the window ends Hearth: remember how it looked, then the session shuts down
        (once, in order; bootstrap's aboutToQuit covers the other ways an app ends)."""
        self.session.settings.update(
            window_geometry=base64.b64encode(bytes(self.saveGeometry().data())).decode(),
            window_state=base64.b64encode(bytes(self.saveState().data())).decode(),
            splitter_state=base64.b64encode(bytes(self.splitter.saveState().data())).decode(),
            sidebar_visible=self.sidebar.isVisible(),
        )
        self.hide()
        self.session.shutdown()
        super().closeEvent(event)
