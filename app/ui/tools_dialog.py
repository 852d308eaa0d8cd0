"""Chat → Tools…: which tools the model may use in this chat, and what the sandbox protects.

Each tool is a switch with its description; a tool that needs consent says so, and a tool
the person allowed "always for this chat" can be taken back here. The sandbox's protection on
this computer is stated plainly, with a warning where the system could not give all of it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.tools import ChatTools, schema_problem
from app.ui.theme import SPACE, set_type, style


class ToolsDialog(QDialog):
    def __init__(self, chat: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chat = chat
        self.setWindowTitle(self.tr("Tools for this chat"))
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE["m"])
        intro = QLabel(
            self.tr(
                "gpt-oss can call these tools while it answers. Hearth shows every call and asks before running one that needs your permission."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.switches: dict[str, QCheckBox] = {}
        self.tool_list = QWidget()
        self._tool_layout = QVBoxLayout(self.tool_list)
        self._tool_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tool_list)
        self._fill_tools()
        if chat.tools is not None:
            chat.tools.servers_changed.connect(self._fill_tools)
        if chat.tools is not None:
            self.servers_button = QPushButton(self.tr("MCP servers…"))
            self.servers_button.setToolTip(
                self.tr("Add the tools of MCP servers (the same configuration other apps use)")
            )
            self.servers_button.clicked.connect(self._servers)
            layout.addWidget(self.servers_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Folders Python may use besides its scratch folder: nothing of the person's until attached.
        self.folders_label = QLabel()
        self.folders_label.setWordWrap(True)
        self.folders_label.setTextFormat(Qt.TextFormat.PlainText)
        self.attach_button = QPushButton(self.tr("Attach a folder…"))
        self.attach_button.setToolTip(self.tr("Let this chat's Python read and write a folder of yours"))
        self.detach_button = QPushButton(self.tr("Detach all"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.attach_button)
        folder_row.addWidget(self.detach_button)
        folder_row.addStretch(1)
        layout.addWidget(self.folders_label)
        layout.addLayout(folder_row)
        self.attach_button.clicked.connect(self._choose_folder)
        self.detach_button.clicked.connect(lambda: self._set_folders(()))
        self._show_folders()
        # Answer as JSON: the final answer held to a schema; the thinking stays free.
        self.json_answer = QCheckBox(self.tr("Answer as JSON"))
        set_type(self.json_answer, "body", bold=True)
        choices = chat.chat_tools()
        self.json_answer.setChecked(choices.answer_schema is not None)
        about_json = QLabel(
            self.tr(
                "The answer is held to this JSON schema while gpt-oss thinks freely. Leave it empty for any JSON."
            )
        )
        about_json.setWordWrap(True)
        style(about_json, "muted")
        self.schema = QPlainTextEdit(choices.answer_schema or "")
        self.schema.setAccessibleName(self.tr("JSON schema for the answer"))
        self.schema.setPlaceholderText('{"type": "object", "properties": {"answer": {"type": "string"}}}')
        self.schema.setFixedHeight(self.schema.fontMetrics().lineSpacing() * 5 + SPACE["l"])
        self.schema_problem = QLabel()
        self.schema_problem.setWordWrap(True)
        self.schema_problem.setTextFormat(Qt.TextFormat.PlainText)
        style(self.schema_problem, "danger")
        for w in (self.json_answer, about_json, self.schema, self.schema_problem):
            layout.addWidget(w)
        self.json_answer.toggled.connect(self._schema_changed)
        self.schema.textChanged.connect(self._schema_changed)
        self._schema_changed()
        # Limits: how long gpt-oss may think, and how long a reply may be, per request.
        limits = QLabel(self.tr("Limits"))
        set_type(limits, "body", bold=True)
        effort = chat.current.info.effort
        reasoning_default, reply_default = ChatTools().budgets(effort)
        self.reasoning_limit = QSpinBox()
        self.reply_limit = QSpinBox()
        for box, value, default, name in (
            (
                self.reasoning_limit,
                choices.reasoning_budget,
                reasoning_default,
                self.tr("Thinking limit in tokens"),
            ),
            (self.reply_limit, choices.reply_budget, reply_default, self.tr("Reply limit in tokens")),
        ):
            box.setRange(0, 1_000_000)
            box.setSingleStep(1024)
            box.setSpecialValueText(
                self.tr("default for this effort ({tokens})").format(tokens=f"{default:,}")
            )
            box.setValue(value or 0)
            box.setAccessibleName(name)
            edit = box.lineEdit()
            if edit is not None:  # the field inside takes the focus: it says the same name
                edit.setAccessibleName(name)
            box.valueChanged.connect(self._limits_changed)
        form = QFormLayout()
        form.addRow(self.tr("Thinking, at most"), self.reasoning_limit)
        form.addRow(self.tr("Whole reply, at most"), self.reply_limit)
        about_limits = QLabel(
            self.tr(
                "Past the thinking limit gpt-oss is asked to answer at once; past the reply limit the reply stops. Both count tokens per request."
            )
        )
        about_limits.setWordWrap(True)
        style(about_limits, "muted")
        layout.addWidget(limits)
        layout.addLayout(form)
        layout.addWidget(about_limits)
        if chat.tools is not None:
            self.isolation = QLabel(chat.tools.isolation_text())
            self.isolation.setWordWrap(True)
            self.isolation.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(self.isolation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _fill_tools(self) -> None:
        """One switch per tool there is now (an MCP server that starts adds its tools)."""
        layout = self._tool_layout
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.switches = {}
        choices = self.chat.chat_tools()
        # The documents' browser follows the attached documents (Chat → Documents…), not a switch.
        tools = [
            t
            for t in (self.chat.tools.available() if self.chat.tools is not None else [])
            if t.name != "browser"
        ]
        for tool in tools:
            title = (
                tool.title
                if tool.builtin
                else self.tr("{tool} (MCP server {server})").format(tool=tool.title, server=tool.source)
            )
            box = QCheckBox(title)
            box.setAccessibleName(self.tr("Use {tool} in this chat").format(tool=title))
            box.setChecked(choices.is_on(tool))
            set_type(box, "body", bold=True)
            about = QLabel(tool.description or self.tr("No description."))
            about.setWordWrap(True)
            style(about, "muted")
            layout.addWidget(box)
            layout.addWidget(about)
            if tool.name in choices.always:
                note = QLabel(
                    self.tr("Allowed without asking in this chat. Switch it off and on to be asked again.")
                )
                note.setWordWrap(True)
                style(note, "muted")
                layout.addWidget(note)
            box.toggled.connect(lambda on, name=tool.name: self.chat.set_tool_enabled(name, on))
            self.switches[tool.name] = box
        if not tools:
            layout.addWidget(QLabel(self.tr("No tools are available.")))

    def _show_folders(self) -> None:
        folders = self.chat.chat_tools().folders
        self.folders_label.setText(
            self.tr("Python can read and write: {folders}").format(folders=", ".join(folders))
            if folders
            else self.tr("Python can use only its own scratch folder; none of your files.")
        )
        self.detach_button.setEnabled(bool(folders))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Attach a folder to Python"))
        if path:
            self.attach_folder(path)

    def attach_folder(self, path: str) -> None:
        self._set_folders((*self.chat.chat_tools().folders, path))

    def _set_folders(self, folders: tuple[str, ...]) -> None:
        self.chat.set_python_folders(folders)
        self._show_folders()

    def _limits_changed(self) -> None:
        self.chat.set_budgets(self.reasoning_limit.value() or None, self.reply_limit.value() or None)

    def _servers(self) -> None:
        from app.ui.mcp_dialog import McpDialog

        dialog = McpDialog(self.chat.tools, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.servers_dialog = dialog
        dialog.open()

    def _schema_changed(self) -> None:
        on = self.json_answer.isChecked()
        self.schema.setEnabled(on)
        text = self.schema.toPlainText()
        problem = schema_problem(text) if on else ""
        self.schema_problem.setText(problem)
        self.schema_problem.setVisible(bool(problem))
        if not problem:
            want = text if on else None
            if self.chat.chat_tools().answer_schema != want:
                self.chat.set_answer_schema(want)
