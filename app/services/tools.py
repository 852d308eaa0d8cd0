"""The tools a chat can offer the model, and running them off the GUI thread.

Built in: ``python`` (a confined child per chat, app.infra.tools.python_sandbox). Added by the
person: the tools of MCP servers (app.infra.tools.mcp_client), configured in
``<data>/tools/mcp.json`` in the shape other desktop apps use, offered to the model as
``functions.<server>__<tool>``. Each call runs on the tools worker; starting and stopping
servers on their own worker, so a slow server never holds up a call to another tool. Results
come back on the GUI thread as a ``ToolOutcome``.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.conversation import ToolCall, ToolSpec
from app.core.text import translate
from app.core.tools import BROWSER, PYTHON, ToolInfo, browser_tool, python_tool
from app.infra.files import write_json
from app.infra.tools.mcp_client import McpServer, McpServerConfig, parse_config, tool_name
from app.infra.tools.python_sandbox import PythonSandbox
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
PYTHON_TIMEOUT_S = 60


@dataclass(frozen=True)
class ToolOutcome:
    text: str  # what goes back to the model (before fitting to the context)
    error: bool = False
    note: str = ""  # a sentence for the person (a reset, a stop)


class ToolService(QObject):
    confinement_known = Signal(dict)  # what the python sandbox's confinement held on this computer
    servers_changed = Signal()  # an MCP server was added, removed, started, stopped or failed

    def __init__(self, scratch_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scratch_root = scratch_root
        self.python_timeout_s = PYTHON_TIMEOUT_S
        self.runner = TaskRunner("hearth-tools", self)
        self._sandboxes: dict[str, PythonSandbox] = {}
        self._lock = threading.Lock()
        self._running: tuple[str, PythonSandbox] | None = None
        self.confinement: dict[str, Any] | None = None
        self._closed = False
        self.mcp_runner = TaskRunner("hearth-mcp", self)
        self.servers: dict[str, McpServer] = {}
        self.config_path = scratch_root / "mcp.json"
        self.documents: Any = None  # DocumentService: what the browser tool reads
        self._browsers: dict[str, tuple[tuple[str, ...], Any]] = {}  # chat id -> (collections, browser)
        self.config_error = ""
        for config in self._read_config():
            self.servers[config.name] = McpServer(config, self._log_path(config.name))

    # -- MCP servers -------------------------------------------------------------------------
    def _log_path(self, name: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name) or "server"
        return self.scratch_root / "mcp-logs" / f"{safe}.log"

    def _read_config(self) -> list[McpServerConfig]:
        try:
            text = self.config_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as e:
            self.config_error = str(e)
            return []
        try:
            return parse_config(text)
        except ValueError as e:
            self.config_error = translate("Tools", "{file} could not be read: {reason}").format(
                file=self.config_path, reason=e
            )
            return []

    def _save_config(self) -> None:
        data = {"mcpServers": {name: server.config.to_json() for name, server in self.servers.items()}}
        write_json(self.config_path, data)

    def start(self) -> None:
        """Start the configured MCP servers, off the GUI thread (the window opens at once)."""
        for name in list(self.servers):
            self.start_server(name)

    def add_servers(self, text: str) -> list[str]:
        """Add (or replace) servers from pasted JSON and start them; their names. Raises
        ValueError with a sentence for a configuration that cannot be used."""
        configs = parse_config(text)
        for config in configs:
            old = self.servers.pop(config.name, None)
            if old is not None:
                self.mcp_runner.run(old.stop)
            self.servers[config.name] = McpServer(config, self._log_path(config.name))
        self._save_config()
        for config in configs:
            self.start_server(config.name)
        self.servers_changed.emit()
        return [c.name for c in configs]

    def remove_server(self, name: str) -> None:
        server = self.servers.pop(name, None)
        if server is None:
            return
        self._save_config()
        self.mcp_runner.run(server.stop, lambda _r: self.servers_changed.emit())
        self.servers_changed.emit()

    def start_server(self, name: str) -> None:
        server = self.servers.get(name)
        if server is None or self._closed:
            return
        server.state = "starting"
        self.servers_changed.emit()
        self.mcp_runner.run(server.start, lambda _ok: self.servers_changed.emit(),
                            lambda _e: self.servers_changed.emit())  # fmt: skip

    def stop_server(self, name: str) -> None:
        server = self.servers.get(name)
        if server is not None:
            self.mcp_runner.run(server.stop, lambda _r: self.servers_changed.emit())

    def _mcp_tool(self, recipient: str) -> tuple[McpServer, str] | None:
        for server in self.servers.values():
            if server.state != "running":
                continue
            for tool in server.tools:
                if f"functions.{tool_name(server.config.name, tool.name)}" == recipient:
                    return server, tool.name
        return None

    # -- what there is ------------------------------------------------------------------------
    def available(self) -> list[ToolInfo]:
        """Python, the documents' browser (when there are documents), then the tools of every
        running MCP server."""
        tools = [python_tool()]
        if self.documents is not None:
            tools.append(browser_tool())
        for server in self.servers.values():
            if server.state != "running":
                continue
            for tool in server.tools:
                name = tool_name(server.config.name, tool.name)
                spec = ToolSpec(name, tool.description, tool.schema or {"type": "object", "properties": {}})
                tools.append(ToolInfo(f"functions.{name}", tool.name, tool.description, needs_consent=True,
                                      spec=spec, source=server.config.name))  # fmt: skip
        return tools

    def find(self, name: str) -> ToolInfo | None:
        return next((t for t in self.available() if t.name == name), None)

    def isolation_text(self) -> str:
        """What the python sandbox does and does not protect against, on this system."""
        c = self.confinement
        if sys.platform.startswith("linux"):
            if c is None:
                return translate(
                    "Tools",
                    "On Linux Hearth cuts Python off the network and from your files (Landlock), where the kernel allows it; it checks the first time Python runs.",
                )
            held = []
            if c.get("network"):
                held.append(translate("Tools", "no network (its own empty network namespace)"))
            if c.get("files"):
                held.append(
                    translate("Tools", "no access to your files except this chat's scratch folder (Landlock)")
                )
            if c.get("limits"):
                held.append(translate("Tools", "limits on memory, CPU time and file size"))
            text = translate("Tools", "On this computer Python runs with: {list}.").format(
                list="; ".join(held) or "—"
            )
            if not c.get("network") or not c.get("files"):
                text += " " + translate(
                    "Tools",
                    "Warning: the kernel did not allow all of it ({problems}); code the model writes could reach what Hearth could not close off.",
                ).format(problems="; ".join(c.get("problems") or []))
            return text
        return translate(
            "Tools",
            "Warning: on this system Python runs as a separate process with time and memory limits only; code the model writes can read your files and use the network. Allow only calls you have read.",
        )

    # -- running a call -----------------------------------------------------------------------
    def run(self, chat_id: str, call: ToolCall, done: Callable[[ToolOutcome], None],
            folders: tuple[str, ...] = (), collections: tuple[str, ...] = ()) -> None:  # fmt: skip
        """Run ``call`` for ``chat_id`` off the GUI thread; ``done`` hears on the GUI thread.
        ``folders``: what the person attached to this chat's Python (read and write)."""

        def work() -> ToolOutcome:
            if call.recipient == PYTHON:
                return self._python(chat_id, call.arguments, folders)
            if call.recipient.startswith(BROWSER + "."):
                return self._browse(chat_id, call.recipient.split(".", 1)[1], call.arguments, collections)
            found = self._mcp_tool(call.recipient)
            if found is not None:
                return self._mcp(found[0], found[1], call.arguments)
            return ToolOutcome(f"Error: {call.recipient} cannot be run now.", True)

        def failed(error: BaseException) -> None:
            log.error("tool %s failed", call.recipient, exc_info=error)
            done(ToolOutcome(f"Error: the tool failed ({type(error).__name__}).", True))

        self.runner.run(work, done, failed)

    def _sandbox(self, chat_id: str, folders: tuple[str, ...] = ()) -> PythonSandbox:
        attached = tuple(Path(f) for f in folders)
        with self._lock:
            box = self._sandboxes.get(chat_id)
            if box is not None and box.attached != attached:
                box.close()  # the folders changed: a fresh child with the new rules
                box = None
            if box is None:
                folder = self.scratch_root / "python" / self._folder_name(chat_id)
                box = PythonSandbox(folder, timeout_s=self.python_timeout_s, attached=attached)
                self._sandboxes[chat_id] = box
            return box

    def _python(self, chat_id: str, code: str, folders: tuple[str, ...] = ()) -> ToolOutcome:
        box = self._sandbox(chat_id, folders)
        with self._lock:
            self._running = (chat_id, box)
        try:
            result = box.run(code)
        finally:
            with self._lock:
                self._running = None
        if box.confinement is not None and box.confinement != self.confinement:
            self.confinement = box.confinement
            self.confinement_known.emit(dict(box.confinement))
        note = translate("Tools", "Python's state for this chat was reset.") if result.reset else ""
        return ToolOutcome(result.output, result.error, note)

    def _browse(
        self, chat_id: str, function: str, arguments: str, collections: tuple[str, ...]
    ) -> ToolOutcome:
        if self.documents is None or not collections:
            return ToolOutcome("Error: no documents are attached to this chat.", True)
        with self._lock:
            held = self._browsers.get(chat_id)
            if held is None or held[0] != collections:
                held = (collections, self.documents.browser(collections))
                self._browsers[chat_id] = held
        text = held[1].call(function, arguments)
        return ToolOutcome(text, text.startswith("Error"))

    def _mcp(self, server: McpServer, tool: str, arguments: str) -> ToolOutcome:
        try:
            args = json.loads(arguments or "{}")
        except ValueError as e:
            return ToolOutcome(f"Error: the arguments are not valid JSON ({e}). Send a JSON object.", True)
        if not isinstance(args, dict):
            return ToolOutcome("Error: the arguments must be a JSON object.", True)
        text, error = server.call(tool, args)
        if server.state != "running":
            self.servers_changed.emit()  # it died during the call: the window shows it
        return ToolOutcome(text, error)

    def stop(self, chat_id: str) -> None:
        """Stop what runs for ``chat_id`` now (Stop pressed): its sandbox is ended."""
        with self._lock:
            running = self._running
        if running is not None and running[0] == chat_id:
            running[1].close()

    def prune(self, keep: set[str]) -> None:
        """Delete the scratch folders of chats that no longer exist (their bin was emptied)."""
        folder = self.scratch_root / "python"
        try:
            entries = list(folder.iterdir())
        except OSError:
            return
        keep_names = {self._folder_name(c) for c in keep}
        for entry in entries:
            if entry.is_dir() and entry.name not in keep_names and entry.name not in self._sandboxes_names():
                shutil.rmtree(entry, ignore_errors=True)

    def _sandboxes_names(self) -> set[str]:
        with self._lock:
            return {self._folder_name(c) for c in self._sandboxes}

    @staticmethod
    def _folder_name(chat_id: str) -> str:
        return "".join(ch for ch in chat_id if ch.isalnum() or ch in "-_") or "chat"

    def forget_chat(self, chat_id: str) -> None:
        """The chat was deleted for good: end its sandbox and delete its scratch folder."""
        with self._lock:
            box = self._sandboxes.pop(chat_id, None)
        if box is not None:
            box.close()
            shutil.rmtree(box.scratch, ignore_errors=True)

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._lock:
            boxes = list(self._sandboxes.values())
        for box in boxes:
            box.close()
        for server in self.servers.values():
            server.stop()
        self.runner.shutdown()
        self.mcp_runner.shutdown()
