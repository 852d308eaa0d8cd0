"""The GUI side's handle on the engine child: load, generate (streaming), stop, unload.

Pure Python (no Qt): a worker thread in the services layer iterates a request's events and
turns them into signals. Every request returns a ``Request`` whose ``events()`` yields dicts
until a terminal event. If the child dies, every open request receives a ``crashed`` event
with the reason, and ``restart()`` starts a fresh child (reloading the model it had).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.core.conversation import Conversation

# The messages of a ``done`` event come back through the same (validating) reader as saved ones;
# re-exported here for callers of the client.
from app.core.export import message_from_dict as message_from_dict
from app.core.gguf_header import GGUFError, read_gguf_header
from app.core.harmony import render_prompt
from app.core.harmony_parser import HarmonyEvent, HarmonyParser
from app.core.text import translate
from app.infra.engine.cpu_check import CpuCheck, is_code_crash
from app.infra.engine.cpu_check import shared as shared_cpu_check
from app.infra.engine.events import EngineEvent, typed
from app.infra.engine.load_errors import explain_load_failure
from app.infra.engine.protocol import (
    LoadSettings,
    SamplingSettings,
    read_frame,
    to_dict,
    write_frame,
)

TERMINAL = frozenset({"loaded", "load_failed", "done", "error", "crashed", "unloaded", "pong",
                      "tokens", "text", "info", "cleared", "cpu_checked"})  # fmt: skip


class EngineError(Exception):
    pass


def host_command() -> list[str]:
    """How to start the engine child: the frozen app itself, or this Python with -m app."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--engine-host"]
    return [sys.executable, "-m", "app", "--engine-host"]


def describe_exit(returncode: int | None, stderr_tail: list[str]) -> str:
    """One sentence on why the child ended, for a person."""
    detail = next((ln for ln in reversed(stderr_tail) if "GGML_ASSERT" in ln or "error" in ln.lower()), "")
    if returncode is None:
        text = translate("EngineClient", "The model process stopped answering.")
    elif returncode < 0:
        sig = -returncode
        name = (
            signal.Signals(sig).name
            if sig in signal.Signals._value2member_map_
            else translate("EngineClient", "signal {number}").format(number=sig)
        )
        if sig == getattr(signal, "SIGKILL", 9):
            text = translate(
                "EngineClient",
                "The model process was killed ({signal}), most often because the computer ran out of memory. Try a smaller context or close other programs, then reload.",
            ).format(signal=name)
        elif sig == getattr(signal, "SIGABRT", 6):
            text = translate("EngineClient", "llama.cpp stopped on an internal error ({signal}).").format(
                signal=name
            )
        else:
            text = translate("EngineClient", "The model process crashed ({signal}).").format(signal=name)
    else:
        text = translate("EngineClient", "The model process exited unexpectedly (exit code {code}).").format(
            code=returncode
        )
    return f"{text} {detail}".strip() if detail else text


@dataclass
class ModelInfo:
    path: str
    n_ctx: int
    n_vocab: int
    n_swa: int
    load_s: float
    repack: bool = True  # loaded with llama.cpp's re-laid-out weights for this CPU


def repack_crash_note(kinds: list[str]) -> str:
    """What a crash with re-laid-out weights changed, for the person."""
    named = ", ".join(kinds) or translate("EngineClient", "repacked weights")
    return translate(
        "EngineClient",
        "It crashed with llama.cpp's re-laid-out weights for this processor ({kinds}); Hearth now loads models without them on this computer. Reload the model to go on.",
    ).format(kinds=named)


def _not_running() -> str:
    return translate("EngineClient", "The engine is not running.")


class Request:
    """The event stream of one command."""

    def __init__(self, client: EngineClient, rid: str, kind: str,
                 on_event: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None) -> None:  # fmt: skip
        self.id = rid
        self.kind = kind
        self._client = client
        self._on_event = on_event
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue()
        self.result: dict[str, Any] | None = None
        self.path = ""  # the model file, for a load request

    def _put(self, event: dict[str, Any]) -> None:
        if self._on_event is None:
            self._queue.put(event)
            return
        for out in self._on_event(event):
            self._queue.put(out)

    def events(self, timeout: float | None = None) -> Iterator[dict[str, Any]]:
        """Yield events until the terminal one (also yielded); ``timeout`` per event."""
        while True:
            try:
                event = self._queue.get(timeout=timeout)
            except queue.Empty:
                raise EngineError(
                    translate("EngineClient", "no answer from the engine within {seconds} s").format(
                        seconds=timeout
                    )
                ) from None
            yield event
            if event["type"] in TERMINAL:
                self.result = event
                return

    def typed_events(self, timeout: float | None = None) -> Iterator[EngineEvent]:
        """The same stream as the types of ``engine.events``: what services and views read."""
        for event in self.events(timeout):
            out = typed(event, self.path)
            if out is not None:
                yield out

    def wait(self, timeout: float | None = None) -> dict[str, Any]:
        for _event in self.events(timeout):
            pass
        assert self.result is not None
        return self.result

    def stop(self) -> None:
        self._client.stop(self)


class EngineClient:
    def __init__(self, command: list[str] | None = None, env: dict[str, str] | None = None,
                 cpu_check: CpuCheck | None = None) -> None:  # fmt: skip
        self._command = command or host_command()
        self._env = env
        # Decides whether loads use llama.cpp's re-laid-out weights (LoadSettings.repack None).
        self.cpu_check = cpu_check or shared_cpu_check()
        self._replies_since_load = 0
        self._loaded_repack = False  # the model was loaded with re-laid-out weights, automatically
        self._proc: subprocess.Popen[bytes] | None = None
        self._write_lock = threading.Lock()
        self._pending: dict[str, Request] = {}
        self._pending_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._stderr: deque[str] = deque(maxlen=200)
        self._ready = threading.Event()
        self._gone = threading.Event()  # the current child's event stream has ended
        self._threads: list[threading.Thread] = []
        self._accepting = False  # requests may be registered: a live child will answer them
        self.crash_reason: str | None = None
        self.model: ModelInfo | None = None
        self._last_load: tuple[str, LoadSettings] | None = None
        # Told (on the reader thread) when the child dies holding a model while no request is
        # open, so an idle crash is known at once rather than at the next message.
        self.on_idle_crash: Callable[[dict[str, Any]], None] | None = None

    # -- process lifecycle -----------------------------------------------------------------
    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self, timeout: float = 60.0) -> None:
        if self.alive:
            return
        dead = self._proc  # a child that crashed: let go of its pipe before the next one starts
        if dead is not None and dead.stdin is not None:
            with contextlib.suppress(OSError):
                dead.stdin.close()
        env = dict(os.environ if self._env is None else self._env)
        env.pop("LLAMA_CPP_LIB_PATH", None)  # never load native code from an inherited path
        env["PYTHONUNBUFFERED"] = "1"
        root = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else root
        self._ready.clear()
        self._gone.clear()
        self.crash_reason = None
        self._stderr.clear()
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window on Windows
        self._proc = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, env=env, creationflags=flags)  # fmt: skip
        proc = self._proc
        with self._pending_lock:
            self._accepting = True
        stderr_reader = threading.Thread(
            target=self._read_stderr, args=(proc,), name="engine-stderr", daemon=True
        )
        self._threads = [
            threading.Thread(
                target=self._read_events, args=(proc, stderr_reader), name="engine-events", daemon=True
            ),
            stderr_reader,
        ]
        for thread in self._threads:
            thread.start()
        ready = self._ready.wait(timeout)  # also set when the stream ends: no waiting on the dead
        if not ready or self._gone.is_set():
            if proc.poll() is None:
                proc.kill()
            try:
                code = proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                code = None
            self._threads[1].join(timeout=1.0)
            raise EngineError(describe_exit(code, list(self._stderr)))

    def _read_stderr(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stderr is not None
        with proc.stderr:
            for line in proc.stderr:
                self._stderr.append(line.decode("utf-8", "replace").rstrip())

    def _read_events(self, proc: subprocess.Popen[bytes], stderr_reader: threading.Thread) -> None:
        assert proc.stdout is not None
        broken = False
        try:
            while True:
                msg = read_frame(proc.stdout)
                if msg is None:
                    break
                if msg.get("type") == "ready":
                    self._ready.set()
                    continue
                with self._pending_lock:
                    req = self._pending.get(str(msg.get("id")))
                    if req is not None and msg["type"] in TERMINAL:
                        del self._pending[req.id]
                if req is not None:
                    req._put(msg)
        except Exception as exc:  # a corrupt stream or a failing event hook: treat as a crash
            broken = True
            self._stderr.append(f"protocol error: {type(exc).__name__}: {exc}")
        finally:
            proc.stdout.close()
            if proc is self._proc:
                self._gone.set()
                self._ready.set()
        # However the stream ended, this child is finished: make sure of it, so no later
        # request is sent to a process nobody reads from.
        if broken and proc.poll() is None:
            proc.kill()
        try:
            code = proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        stderr_reader.join(timeout=1.0)  # its last lines say why the child ended
        if proc is not self._proc:
            return
        reason = describe_exit(code, list(self._stderr))
        self.crash_reason = reason
        had_model, self.model = self.model is not None, None
        with self._pending_lock:
            self._accepting = False
            pending, self._pending = list(self._pending.values()), {}
        for req in pending:
            req._put({"type": "crashed", "id": req.id, "reason": reason, "exit_code": code,
                      "stderr": list(self._stderr)[-20:]})  # fmt: skip
        if not pending and had_model and self.on_idle_crash is not None:
            with contextlib.suppress(Exception):  # the listener is gone (app closing): no one to tell
                self.on_idle_crash({"type": "crashed", "reason": reason, "exit_code": code})

    def close(self, timeout: float = 5.0) -> None:
        """Ask the child to exit; kill it if it does not; no thread or process is left."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.poll() is None and proc.stdin:
                with self._write_lock:
                    write_frame(proc.stdin, {"cmd": "stop"})
                    write_frame(proc.stdin, {"cmd": "shutdown"})
                proc.stdin.close()
            proc.wait(timeout=timeout)
        except (OSError, subprocess.TimeoutExpired, ValueError):
            proc.kill()
            proc.wait()
        finally:
            if proc.stdin:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
        for thread in self._threads:
            thread.join(timeout)
        self.model = None
        with self._pending_lock:
            self._accepting = False
            pending, self._pending = list(self._pending.values()), {}
        for req in pending:
            req._put(
                {
                    "type": "crashed",
                    "id": req.id,
                    "reason": translate("EngineClient", "The engine was shut down."),
                }
            )

    def restart(self) -> Request | None:
        """A fresh child; reloads the last model if there was one."""
        self.close(timeout=2.0)
        self.start()
        if self._last_load is not None:
            path, settings = self._last_load
            return self.load(path, settings)
        return None

    # -- commands --------------------------------------------------------------------------
    def _send(self, kind: str, payload: dict[str, Any],
              on_event: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None) -> Request:  # fmt: skip
        if not self.alive:
            raise EngineError(self.crash_reason or _not_running())
        req = Request(self, str(next(self._ids)), kind, on_event)
        with self._pending_lock:
            if not self._accepting:  # the child's end was already announced
                raise EngineError(self.crash_reason or _not_running())
            self._pending[req.id] = req
        try:
            assert self._proc is not None and self._proc.stdin is not None
            with self._write_lock:
                write_frame(self._proc.stdin, {"cmd": kind, "id": req.id, **payload})
        except (OSError, ValueError):
            with self._pending_lock:
                self._pending.pop(req.id, None)
            raise EngineError(self.crash_reason or _not_running()) from None
        return req

    def _failed(self, kind: str, event: dict[str, Any]) -> Request:
        req = Request(self, "local", kind)
        req._put(event)
        return req

    def load(self, path: str | os.PathLike[str], settings: LoadSettings | None = None,
             *, expected_architecture: str | None = "gpt-oss") -> Request:  # fmt: skip
        """Check the file's header here (milliseconds, nothing loaded), then load in the child."""
        path = os.fspath(path)
        settings = settings or LoadSettings()
        try:
            header = read_gguf_header(path, expected_architecture=expected_architecture)
        except (GGUFError, OSError) as exc:
            msg = (
                str(exc)
                if isinstance(exc, GGUFError)
                else translate("EngineClient", "{file} cannot be read: {error}.").format(
                    file=Path(path).name, error=exc.strerror or exc
                )
            )
            return self._failed("load", {"type": "load_failed", "message": msg, "log": [],
                                         "kind": getattr(exc, "kind", "io")})  # fmt: skip
        if header.context_length and settings.n_ctx > header.context_length:
            settings = LoadSettings(**{**to_dict(settings), "n_ctx": header.context_length})
        asked = settings  # kept for reloads: "as the CPU check says" is decided again each time
        if settings.repack is None:
            verdict = self.cpu_check.ensure(self._command, self._env)
            settings = LoadSettings(**{**to_dict(settings), "repack": verdict.repack_safe})

        def on_event(event: dict[str, Any]) -> list[dict[str, Any]]:
            kind = event["type"]
            if kind in ("load_failed", "error", "crashed"):
                self.model = None  # the child lets go of the old model before loading
                self._last_load = None if kind != "crashed" else self._last_load
            if kind == "crashed" and settings.repack and asked.repack is None and is_code_crash(event):
                event = self._repack_crashed(event)
            if kind == "loaded":
                self._last_load = (path, asked)
                self._replies_since_load = 0
                repacked = bool(event.get("repack", settings.repack is not False))
                self._loaded_repack = repacked and asked.repack is None
                self.model = ModelInfo(
                    path, event["n_ctx"], event["n_vocab"], event["n_swa"], event["load_s"], repacked
                )
            elif kind == "load_failed" and not event.get("cancelled"):
                message = explain_load_failure(path, event.get("log", []), event.get("message", ""))
                event = {**event, "message": message}
            return [event]

        request = self._send("load", {"path": path, "settings": to_dict(settings)}, on_event)
        request.path = path
        return request

    def _repack_crashed(self, event: dict[str, Any]) -> dict[str, Any]:
        """A crash with re-laid-out weights on: remember it for this CPU and say so — only
        where the check showed that the plain path works here (else the crash says nothing
        about the re-laid-out kernels: the device run of issue 11 crashed in the tokenizer)."""
        verdict = self.cpu_check.cached()
        if verdict is None or verdict.source != "check":
            return event
        # The check's verdict names this CPU's extra buffer types; the new one keeps them.
        kinds = self.cpu_check.record_crash(event.get("reason", "")).extra_types
        note = repack_crash_note(kinds)
        return {**event, "reason": f"{event.get('reason', '')} {note}".strip(), "repack_disabled": True}

    def check_cpu(self) -> Request:
        """Run the CPU check's tiny-model runs in this child (app.infra.engine.cpu_probe)."""
        return self._send("check_cpu", {})

    def generate(self, prompt: str | Conversation, sampling: SamplingSettings | None = None) -> Request:
        """Stream a reply. ``prompt`` is a conversation (rendered to harmony here) or a
        prompt string that already is harmony (tests, benchmarks)."""
        text = render_prompt(prompt) if isinstance(prompt, Conversation) else prompt
        parser = HarmonyParser()
        # The first reply after a load with re-laid-out weights is where their kernels first
        # run on a whole prompt: a crash there is theirs (issue: AMX on Q8_0).
        first_repacked = self._replies_since_load == 0 and self._loaded_repack
        self._replies_since_load += 1

        def on_event(event: dict[str, Any]) -> list[dict[str, Any]]:
            # The child streams text and control markers; harmony is parsed here, on the
            # reader thread, so the engine's decode loop stays as lean as a raw loop.
            kind = event["type"]
            if kind == "crashed" and first_repacked and is_code_crash(event):
                return [self._repack_crashed(event)]
            if kind == "pieces":
                events: list[HarmonyEvent] = []
                for item in event["items"]:
                    events += (
                        parser.feed_text(item) if isinstance(item, str) else parser.feed_control(item[0])
                    )
                return (
                    [{"type": "events", "id": event["id"], "events": events}]
                    if events
                    else []
                )
            if kind == "done":
                out = []
                if event["finish"] not in ("return", "call"):
                    tail = parser.finish()
                    if tail:
                        out.append(
                            {"type": "events", "id": event["id"], "events": tail}
                        )
                messages = [{k: v for k, v in asdict(m).items() if v is not None} for m in parser.messages]
                out.append({**event, "raw": parser.raw, "messages": messages})
                return out
            return [event]

        return self._send(
            "generate", {"prompt": text, "sampling": to_dict(sampling or SamplingSettings())}, on_event
        )

    def stop(self, request: Request | None = None) -> None:
        """Stop the given (or current) generation or load now; safe to call any time."""
        if not self.alive or self._proc is None or self._proc.stdin is None:
            return
        try:
            with self._write_lock:
                write_frame(self._proc.stdin, {"cmd": "stop", "id": request.id if request else None})
        except (OSError, ValueError):
            pass

    def unload(self) -> None:
        if self.alive:
            self._send("unload", {}).wait(timeout=30)
        self.model = None
        self._last_load = None

    def clear_cache(self) -> None:
        """Drop the cached conversation: the next prompt is processed from the start."""
        self._send("clear_cache", {}).wait(timeout=30)

    def tokenize(self, text: str, *, special: bool = True, segmented: bool = False) -> list[int]:
        """Tokens of ``text``; ``segmented`` uses the engine's cached prompt tokenizer."""
        result = self._send("tokenize", {"text": text, "special": special, "segmented": segmented}).wait(
            timeout=30
        )
        if result["type"] != "tokens":
            raise EngineError(result.get("message") or result.get("reason") or "tokenize failed")
        return list(result["tokens"])

    def control_tokens(self) -> dict[int, str]:
        result = self._send("tokenize", {"text": "", "special": True}).wait(timeout=30)
        return {int(k): v for k, v in result.get("control", {}).items()}

    def detokenize(self, tokens: list[int]) -> dict[str, Any]:
        return self._send("detokenize", {"tokens": tokens}).wait(timeout=30)

    def info(self) -> dict[str, Any]:
        """Where libllama was loaded from, its version and the CPU features it uses."""
        return self._send("info", {}).wait(timeout=30)

    def library_path(self) -> str:
        return str(self.info().get("lib", ""))

    def ping(self, timeout: float = 10.0) -> bool:
        try:
            return self._send("ping", {}).wait(timeout=timeout)["type"] == "pong"
        except EngineError:
            return False
