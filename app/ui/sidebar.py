"""The conversation list: newest first, search across every message, rename, delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.chat_tree import ChatInfo

ROLE_ID = Qt.ItemDataRole.UserRole
UNDO_SECONDS = 10


class Sidebar(QWidget):
    new_chat = Signal()
    open_chat = Signal(str)
    search = Signal(str)
    rename = Signal(str)  # chat id: the window asks for the new name
    delete = Signal(str)
    export = Signal(str, str)  # chat id, "md" | "json"
    undo_delete = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = QPushButton(self.tr("New chat"))
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(self.tr("Search chats"))
        self.search_box.setPlaceholderText(self.tr("Search all chats (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setWordWrap(True)
        self.undo_label = QLabel()
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo"))
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_box = QWidget()
        self.undo_box.setLayout(undo_row)
        self.undo_box.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.undo_box)

        self._chats: list[ChatInfo] = []
        self._current = ""
        self._deleted = ""
        self._searching = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._run_search)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.undo_box.hide)
        self.new_button.clicked.connect(self.new_chat)
        self.search_box.textChanged.connect(lambda _: self._debounce.start())
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.customContextMenuRequested.connect(self._menu)
        self.undo_button.clicked.connect(self._undo)

    # -- contents ---------------------------------------------------------------------------
    def set_chats(self, chats: list[ChatInfo]) -> None:
        self._chats = chats
        if not self._searching:
            self._fill_chats()

    def set_current(self, chat_id: str) -> None:
        self._current = chat_id
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ROLE_ID) == chat_id:
                self.list.setCurrentItem(item)
                return
        self.list.clearSelection()

    def _fill_chats(self) -> None:
        self.list.clear()
        for chat in self._chats:
            item = QListWidgetItem(chat.title)
            item.setData(ROLE_ID, chat.id)
            item.setToolTip(chat.title)
            self.list.addItem(item)
        self.set_current(self._current)

    def show_results(self, query: str, hits: list) -> None:
        if query != self.search_box.text().strip():
            return  # an older search finished after a newer one was typed
        self.list.clear()
        if not hits:
            item = QListWidgetItem(self.tr("No messages contain “{query}”").format(query=query))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        for hit in hits:
            who = self.tr("You") if hit.role == "user" else "gpt-oss"
            item = QListWidgetItem(
                self.tr("{title}\n{who}: {snippet}").format(
                    title=hit.chat_title, who=who, snippet=hit.snippet
                )
            )
            item.setData(ROLE_ID, hit.chat_id)
            self.list.addItem(item)

    def _run_search(self) -> None:
        query = self.search_box.text().strip()
        self._searching = bool(query)
        if query:
            self.search.emit(query)
        else:
            self._fill_chats()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- actions ----------------------------------------------------------------------------
    def _activated(self, item: QListWidgetItem) -> None:
        chat_id = item.data(ROLE_ID)
        if chat_id:
            self.open_chat.emit(chat_id)

    def _menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        item = self.list.itemAt(pos)
        chat_id = item.data(ROLE_ID) if item else None
        if not chat_id:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Rename…"), lambda: self.rename.emit(chat_id))
        menu.addAction(self.tr("Export as Markdown…"), lambda: self.export.emit(chat_id, "md"))
        menu.addAction(self.tr("Export as JSON…"), lambda: self.export.emit(chat_id, "json"))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), lambda: self.delete.emit(chat_id))
        menu.popup(self.list.mapToGlobal(pos))

    def offer_undo(self, chat_id: str, title: str) -> None:
        self._deleted = chat_id
        self.undo_label.setText(self.tr("Deleted “{title}”").format(title=title))
        self.undo_box.show()
        self._undo_timer.start(UNDO_SECONDS * 1000)

    def _undo(self) -> None:
        if self._deleted:
            self.undo_delete.emit(self._deleted)
        self._deleted = ""
        self.undo_box.hide()
