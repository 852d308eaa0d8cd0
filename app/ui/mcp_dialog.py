"""Chat → Tools… → MCP servers…: add, start, stop and remove MCP servers, see their tools and
their log. Configurations are pasted in the JSON shape other desktop apps use."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import SPACE, fit_columns, style

STATE_WORDS = {  # translated where shown, in the context "McpDialog"
    "stopped": QT_TRANSLATE_NOOP("McpDialog", "Stopped"),
    "starting": QT_TRANSLATE_NOOP("McpDialog", "Starting…"),
    "running": QT_TRANSLATE_NOOP("McpDialog", "Running"),
    "failed": QT_TRANSLATE_NOOP("McpDialog", "Failed"),
}
EXAMPLE = '{"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time"]}}}'


class AddServerDialog(QDialog):
    def __init__(self, tools: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tools = tools
        self.setWindowTitle(self.tr("Add MCP servers"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Paste the servers' configuration, as Claude's desktop app, LM Studio and Jan write it. Hearth starts each command on this computer; what a server does, including connecting to the network, is up to that server."
            )
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("MCP server configuration"))
        self.text.setPlaceholderText(EXAMPLE)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        style(self.problem, "danger")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add and start"))
        buttons.accepted.connect(self._add)
        buttons.rejected.connect(self.reject)
        for w in (intro, self.text, self.problem, buttons):
            layout.addWidget(w)
        self.resize(560, 360)

    def _add(self) -> None:
        try:
            self.tools.add_servers(self.text.toPlainText())
        except ValueError as e:
            self.problem.setText(str(e))
            self.problem.show()
            return
        self.accept()


class McpDialog(QDialog):
    def __init__(self, tools: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tools = tools
        self.setWindowTitle(self.tr("MCP servers"))
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE["m"])
        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("MCP servers"))
        self.list.setHeaderLabels([self.tr("Server"), self.tr("State"), self.tr("Tools")])
        self.list.setRootIsDecorated(False)
        fit_columns(self.list)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName(self.tr("Server log"))
        self.log.setMaximumBlockCount(2000)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.start_button = QPushButton(self.tr("Start"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for b in (self.add_button, self.start_button, self.stop_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for w in (self.list, self.detail, QLabel(self.tr("Log (what the server wrote to stderr)")), self.log):
            layout.addWidget(w)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self._add)
        self.start_button.clicked.connect(lambda: self._act(self.tools.start_server))
        self.stop_button.clicked.connect(lambda: self._act(self.tools.stop_server))
        self.remove_button.clicked.connect(lambda: self._act(self.tools.remove_server))
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        tools.servers_changed.connect(self.refresh)
        self.refresh()
        self.resize(620, 480)

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def refresh(self) -> None:
        keep = self.selected()
        self.list.clear()
        for name, server in self.tools.servers.items():
            state = QCoreApplication.translate("McpDialog", STATE_WORDS.get(server.state, server.state))
            item = QTreeWidgetItem(
                [name, state, str(len(server.tools)) if server.state == "running" else "—"]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            self.list.addTopLevelItem(item)
            if name == keep or keep is None:
                self.list.setCurrentItem(item)
                keep = name
        self._show_selected()

    def _show_selected(self) -> None:
        name = self.selected()
        server = self.tools.servers.get(name) if name else None
        for b in (self.start_button, self.stop_button, self.remove_button):
            b.setEnabled(server is not None)
        if server is None:
            self.detail.setText(self.tr("No MCP servers yet. Add one to give gpt-oss its tools."))
            self.log.setPlainText("")
            return
        command = " ".join([server.config.command, *server.config.args])
        lines = [self.tr("Command: {command}").format(command=command)]
        if server.state == "failed" and server.error:
            lines.append(self.tr("It stopped: {reason}").format(reason=server.error))
        if server.state == "running":
            names = ", ".join(t.name for t in server.tools) or self.tr("none")
            lines.append(self.tr("Tools: {names}").format(names=names))
        self.detail.setText("\n".join(lines))
        self.log.setPlainText(server.log_tail())

    def _act(self, action: Any) -> None:
        name = self.selected()
        if name:
            action(name)

    def _add(self) -> None:
        dialog = AddServerDialog(self.tools, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.add_dialog = dialog
        dialog.open()
