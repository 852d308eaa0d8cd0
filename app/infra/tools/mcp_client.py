"""MCP servers over stdio, through the official ``mcp`` SDK.

A server is a command the person configured, in the shape Claude's desktop app, LM Studio's
``mcp.json`` and Jan share: ``{"mcpServers": {"name": {"command": …, "args": […], "env": {…}}}}``.
Each running server has one thread with its own asyncio loop holding the SDK's client session;
callers on other threads ask it through ``asyncio.run_coroutine_threadsafe`` with a deadline,
so a server that hangs or dies turns into an error for that call and nothing else. What the
server writes to stderr goes to a log file the window can show.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import threading
from concurrent.futures import CancelledError as FutureCancelled
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.text import translate

log = logging.getLogger(__name__)
START_TIMEOUT_S = 30.0
CALL_TIMEOUT_S = 60.0
LOG_TAIL = 64 * 1024


class McpConfigError(ValueError):
    """A configuration that cannot be used; the message says why, for a person."""


@dataclass(frozen=True)
class McpServerConfig:
    name: str
    command: str
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    cwd: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"command": self.command, "args": list(self.args)}
        if self.env:
            out["env"] = dict(self.env)
        if self.cwd:
            out["cwd"] = self.cwd
        return out


def parse_config(text: str) -> list[McpServerConfig]:
    """Servers from pasted JSON: the shared ``{"mcpServers": {…}}`` shape, or one server's
    ``{"name": …, "command": …}``. Raises McpConfigError with a sentence."""
    try:
        data = json.loads(text)
    except ValueError as e:
        raise McpConfigError(translate("Tools", "This is not valid JSON: {reason}").format(reason=e)) from e
    if isinstance(data, dict) and "command" in data and "name" in data:
        data = {"mcpServers": {str(data["name"]): data}}
    servers = data.get("mcpServers") if isinstance(data, dict) else None
    if not isinstance(servers, dict) or not servers:
        raise McpConfigError(translate("Tools", 'Expected {example}.').format(
            example='{"mcpServers": {"name": {"command": "…", "args": ["…"]}}}'))  # fmt: skip
    out = []
    for name, spec in servers.items():
        if not isinstance(spec, dict):
            raise McpConfigError(
                translate("Tools", "Server {name}: its settings must be an object.").format(name=name)
            )
        if "url" in spec and "command" not in spec:
            raise McpConfigError(
                translate(
                    "Tools",
                    "Server {name} is a remote (URL) server; Hearth runs local (command) servers only.",
                ).format(name=name)
            )
        command = spec.get("command")
        if not isinstance(command, str) or not command.strip():
            raise McpConfigError(translate("Tools", "Server {name} has no command.").format(name=name))
        args = spec.get("args") or []
        env = spec.get("env") or {}
        if not isinstance(args, list) or not isinstance(env, dict):
            raise McpConfigError(
                translate("Tools", "Server {name}: args must be a list and env an object.").format(name=name)
            )
        cwd = spec.get("cwd")
        out.append(McpServerConfig(str(name), command, tuple(str(a) for a in args),
                                   tuple((str(k), str(v)) for k, v in env.items()), str(cwd) if cwd else None))  # fmt: skip
    return out


def tool_name(server: str, tool: str) -> str:
    """The function name the model sees: ``<server>__<tool>``, letters, digits and _ only."""
    clean = re.compile(r"[^A-Za-z0-9_]+")
    return f"{clean.sub('_', server).strip('_') or 'server'}__{clean.sub('_', tool).strip('_') or 'tool'}"


@dataclass
class McpTool:
    name: str  # the server's own name for it
    description: str
    schema: dict[str, Any]


@dataclass
class McpServer:
    """One configured server and, while it runs, its session."""

    config: McpServerConfig
    log_path: Path
    state: str = "stopped"  # stopped, starting, running, failed
    error: str = ""
    tools: list[McpTool] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _session: Any = None
    _stop: asyncio.Event | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _calls: set[Future[Any]] = field(default_factory=set)  # calls waiting for an answer
    _pids: list[int] = field(default_factory=list)  # the server's process (and what it started)

    # -- life -------------------------------------------------------------------------------
    def start(self, timeout: float = START_TIMEOUT_S) -> bool:
        """Start the server and list its tools; False (with ``error`` set) if it did not."""
        if self.state == "running":
            return True
        self.stop()
        self.state, self.error, self.tools = "starting", "", []
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name=f"mcp-{self.config.name}")  # fmt: skip
        self._thread.start()
        before = _children()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop)
        ready = self._ready.wait(timeout)
        self._pids = _started_since(before, self.config.command)
        if not ready:
            self.error = translate("Tools", "It did not answer within {seconds} s.").format(
                seconds=f"{timeout:g}"
            )
            self.stop(state="failed")
            return False
        return self.state == "running"

    async def _serve(self) -> None:
        from mcp.client.session import ClientSession
        from mcp.client.stdio import StdioServerParameters, stdio_client

        c = self.config
        params = StdioServerParameters(
            command=c.command, args=list(c.args), env=dict(c.env) or None, cwd=c.cwd
        )
        self._stop = asyncio.Event()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.log_path.open("a", encoding="utf-8", errors="replace") as errlog:
                async with (
                    stdio_client(params, errlog=errlog) as (read, write),
                    ClientSession(read, write) as session,
                ):
                    await session.initialize()
                    listed = await session.list_tools()
                    self.tools = [
                        McpTool(t.name, t.description or "", dict(_schema(t))) for t in listed.tools
                    ]
                    self._session = session
                    self.state = "running"
                    self._ready.set()
                    await self._stop.wait()
        except BaseException as exc:
            if self.state != "stopped":
                self.state = "failed"
                self.error = self.error or _reason(exc)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
        finally:
            self._session = None
            if self.state == "running":
                self.state = "stopped"
            self._ready.set()

    def stop(self, state: str = "stopped") -> None:
        for future in list(self._calls):
            future.cancel()  # a caller waiting on this server hears at once, not at its deadline
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        if loop is not None:
            if self._stop is not None:
                loop.call_soon_threadsafe(self._stop.set)
            if thread is not None:
                thread.join(timeout=0.1)

            def halt() -> None:
                for task in asyncio.all_tasks(loop):
                    task.cancel()
                loop.call_later(0.5, loop.stop)

            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(halt)
            if thread is not None:
                thread.join(timeout=5)
            if thread is None or not thread.is_alive():
                loop.close()
        self._session = None
        # The SDK ends the process when the session closes cleanly; one busy in a call that
        # never returns (or one that ignores its closed stdin) is ended here, never left behind.
        _end_processes(self._pids)
        self._pids = []
        self.state = state
        if state == "stopped":
            self.error = ""  # a stop asked for is not a failure

    # -- calls -------------------------------------------------------------------------------
    def call(self, tool: str, arguments: dict[str, Any], timeout: float = CALL_TIMEOUT_S) -> tuple[str, bool]:
        """The tool's result as text, and whether it is an error. Never raises."""
        session, loop = self._session, self._loop
        if session is None or loop is None or self.state != "running":
            why = self.error or translate("Tools", "it is not running")
            return f"Error: the MCP server {self.config.name} cannot answer ({why}).", True
        future = asyncio.run_coroutine_threadsafe(session.call_tool(tool, arguments), loop)
        self._calls.add(future)
        try:
            result = future.result(timeout)
        except FutureCancelled:
            return f"Error: the MCP server {self.config.name} was stopped before it answered.", True
        except FutureTimeout:
            future.cancel()
            return f"Error: the MCP server {self.config.name} did not answer within {timeout:g} s.", True
        except Exception as exc:  # the connection broke: the server died or wrote garbage
            # (a tool's own failure comes back as a result marked as an error, not as this)
            self.error = _reason(exc)
            self.stop(state="failed")
            return f"Error: the MCP server {self.config.name} failed: {self.error}", True
        finally:
            self._calls.discard(future)
        return _result_text(result), bool(
            getattr(result, "is_error", False) or getattr(result, "isError", False)
        )

    def log_tail(self, limit: int = LOG_TAIL) -> str:
        try:
            with self.log_path.open("rb") as f:
                f.seek(0, 2)
                size = f.tell()
                f.seek(max(0, size - limit))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


def _schema(tool: Any) -> dict[str, Any]:
    schema = getattr(tool, "input_schema", None) or getattr(tool, "inputSchema", None) or {}
    return schema if isinstance(schema, dict) else {}


def _result_text(result: Any) -> str:
    parts: list[str] = []
    for block in getattr(result, "content", None) or []:
        kind = getattr(block, "type", "")
        if kind == "text":
            parts.append(str(getattr(block, "text", "")))
        elif kind == "image":
            parts.append("[an image the tool returned; Hearth does not pass images to the model]")
        elif kind == "resource":
            resource = getattr(block, "resource", None)
            parts.append(str(getattr(resource, "text", "") or f"[resource {getattr(resource, 'uri', '')}]"))
        else:
            parts.append(f"[{kind or 'unknown'} content]")
    if not parts:
        structured = getattr(result, "structured_content", None) or getattr(result, "structuredContent", None)
        if structured is not None:
            parts.append(json.dumps(structured, ensure_ascii=False))
    return "\n".join(parts)


def _reason(exc: BaseException) -> str:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    text = str(exc).strip()
    if isinstance(exc, FileNotFoundError):
        return translate("Tools", "the command was not found: {name}").format(name=exc.filename or text)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _children() -> set[int]:
    import psutil

    try:
        return {p.pid for p in psutil.Process().children()}
    except psutil.Error:
        return set()


def _started_since(before: set[int], command: str) -> list[int]:
    """Our child processes that appeared since ``before`` and run ``command``."""
    import psutil

    name = Path(command).name
    found = []
    try:
        for proc in psutil.Process().children():
            if proc.pid in before:
                continue
            with contextlib.suppress(psutil.Error):
                argv = proc.cmdline()
                if argv and (Path(argv[0]).name == name or command in argv):
                    found.append(proc.pid)
    except psutil.Error:
        pass
    return found


def _end_processes(pids: list[int], grace: float = 2.0) -> None:
    import psutil

    procs = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            proc = psutil.Process(pid)
            procs += [proc, *proc.children(recursive=True)]
    alive = []
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                proc.terminate()
                alive.append(proc)
    if alive:
        _gone, left = psutil.wait_procs(alive, timeout=grace)
        for proc in left:
            with contextlib.suppress(psutil.Error):
                proc.kill()
