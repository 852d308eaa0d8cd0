"""The engine child process: owns llama.cpp, so a crash or an out-of-memory kill takes only
this process down, never the window or the conversation.

Started by ``EngineClient`` as ``python -m app --engine-host`` (or the frozen app with the same
flag). It reads commands from stdin and writes events to the original stdout; fd 1 is then
pointed at stderr so nothing native can corrupt the protocol stream. A reader thread handles
``stop`` at once (a flag that the decode loop and llama.cpp's abort callback both check); the
main thread runs loads and generations one at a time.
"""

from __future__ import annotations

import codecs
import os
import queue
import sys
import threading
import time
from dataclasses import asdict
from typing import IO, Any

from app.infra.engine.protocol import (
    LoadSettings,
    SamplingSettings,
    from_dict,
    read_frame,
    write_frame,
)


class HostError(Exception):
    """A refusal whose message is meant for a person, sent as it is."""


FLUSH_INTERVAL_S = 0.03  # batch token events for the GUI; the first one always goes out at once


class EngineHost:
    def __init__(self, inp: IO[bytes], out: IO[bytes]) -> None:
        from app.infra.engine.llama_session import LlamaLog  # loads libllama: child only

        self._in = inp
        self._out = out
        self._write_lock = threading.Lock()
        self._commands: queue.Queue[dict[str, Any]] = queue.Queue()
        self._current: str | None = None  # id of the request being worked on
        self._stop = threading.Event()
        self._cancelled: set[str] = set()  # stops that arrived before their request began
        self._state_lock = threading.Lock()
        self.log = LlamaLog()
        self.session: Any = None

    # -- plumbing --------------------------------------------------------------------------
    def send(self, message: dict[str, Any]) -> None:
        with self._write_lock:
            write_frame(self._out, message)

    def _reader(self) -> None:
        while True:
            try:
                msg = read_frame(self._in)
            except Exception:
                msg = None
            if msg is None:
                self._stop.set()
                self._commands.put({"cmd": "shutdown"})
                return
            if msg.get("cmd") == "stop":
                rid = msg.get("id")
                with self._state_lock:
                    if rid is None or rid == self._current:
                        self._stop.set()
                    else:
                        self._cancelled.add(rid)
                continue
            self._commands.put(msg)

    def _should_stop(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        threading.Thread(target=self._reader, name="engine-reader", daemon=True).start()
        self.send({"type": "ready", "pid": os.getpid()})
        while True:
            msg = self._commands.get()
            cmd = msg.get("cmd")
            rid = msg.get("id")
            with self._state_lock:
                self._current = rid
                self._stop.clear()
                if rid in self._cancelled:
                    self._cancelled.discard(rid)
                    self._stop.set()
            try:
                if cmd == "shutdown":
                    self._unload()
                    return
                handler = getattr(self, f"_cmd_{cmd}", None)
                if handler is None:
                    self.send({"type": "error", "id": rid, "message": f"unknown command {cmd!r}"})
                else:
                    handler(msg)
            except HostError as exc:
                self.send({"type": "error", "id": rid, "message": str(exc)})
            except Exception as exc:  # a bug: report it with its type, keep serving
                self.send({"type": "error", "id": rid, "message": f"{type(exc).__name__}: {exc}"})
            finally:
                with self._state_lock:
                    self._current = None

    # -- commands --------------------------------------------------------------------------
    def _cmd_ping(self, msg: dict[str, Any]) -> None:
        self.send({"type": "pong", "id": msg.get("id")})

    def _cmd_info(self, msg: dict[str, Any]) -> None:
        import llama_cpp
        import llama_cpp.llama_cpp as C

        from app.infra.engine.llama_session import process_memory

        # "memory": the child's RSS now, so a caller can see what use (not just loading) costs.
        self.send({"type": "info", "id": msg.get("id"), "lib": getattr(C._lib, "_name", ""),
                   "version": llama_cpp.__version__,
                   "system": C.llama_print_system_info().decode("utf-8", "replace"),
                   "memory": process_memory()})  # fmt: skip

    def _unload(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def _cmd_unload(self, msg: dict[str, Any]) -> None:
        self._unload()
        self.send({"type": "unloaded", "id": msg.get("id")})

    def _cmd_load(self, msg: dict[str, Any]) -> None:
        from app.infra.engine.cpu_probe import cpu_report
        from app.infra.engine.llama_session import LlamaSession, LoadError

        rid = msg.get("id")
        self._unload()
        settings = from_dict(LoadSettings, msg.get("settings"))
        last = [0.0]

        def progress(fraction: float) -> None:
            now = time.perf_counter()
            if now - last[0] > 0.05 or fraction >= 1.0:
                last[0] = now
                self.send({"type": "load_progress", "id": rid, "fraction": fraction})

        mark = self.log.mark()
        t0 = time.perf_counter()
        try:
            self.session = LlamaSession(msg["path"], settings, self.log, self._should_stop, progress)
        except LoadError as exc:
            lines = self.log.since(mark) or exc.log
            self.send({"type": "load_failed", "id": rid, "message": str(exc), "log": lines[-40:],
                       "cancelled": self._should_stop()})  # fmt: skip
            return
        s = self.session
        load_s = time.perf_counter() - t0
        memory = dict(s.memory)
        memory["devices"] = _devices()
        self.send({
            "type": "loaded", "id": rid, "load_s": load_s, "n_ctx": s.n_ctx,
            "n_vocab": s.n_vocab, "n_swa": s.n_swa, "settings": asdict(settings), "memory": memory,
            "repack": settings.repack is not False, "cpu": cpu_report(),
        })  # fmt: skip

    def _cmd_check_cpu(self, msg: dict[str, Any]) -> None:
        """The CPU check (app.infra.engine.cpu_probe): if this child dies during it, the parent
        knows from the last ``check_stage`` which run crashed."""
        from app.infra.engine.cpu_probe import check_cpu

        rid = msg.get("id")
        self._unload()
        result = check_cpu(
            self.log, lambda stage, about: self.send({"type": "check_stage", "id": rid, "stage": stage, **about})
        )
        self.send({"type": "cpu_checked", "id": rid, **result})

    def _require_session(self) -> Any:
        if self.session is None:
            raise HostError("No model is loaded: open a model first.")
        return self.session

    def _cmd_clear_cache(self, msg: dict[str, Any]) -> None:
        """Forget the KV cache (a new chat, or a cold measurement)."""
        self._require_session().reuse_prefix([])
        self.send({"type": "cleared", "id": msg.get("id")})

    def _cmd_tokenize(self, msg: dict[str, Any]) -> None:
        s = self._require_session()
        if msg.get("segmented"):
            ids = s.tokenize_prompt(msg["text"])
        else:
            ids = s.tokenize(msg["text"], special=bool(msg.get("special", True)))
        self.send({"type": "tokens", "id": msg.get("id"), "tokens": ids,
                   "control": {str(k): v for k, v in s.control.items()}})  # fmt: skip

    def _cmd_detokenize(self, msg: dict[str, Any]) -> None:
        """Run tokens through the same incremental detokenizer generation uses."""
        s = self._require_session()
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        pieces = [decoder.decode(s.piece(t)) for t in msg["tokens"]]
        pieces.append(decoder.decode(b"", final=True))
        raw = [len(s.piece(t)) for t in msg["tokens"]]
        self.send({"type": "text", "id": msg.get("id"), "pieces": pieces, "piece_bytes": raw})

    def _cmd_generate(self, msg: dict[str, Any]) -> None:
        """Stream the reply as text pieces and control-token markers; the client parses
        harmony, so this loop does as little as possible between two tokens."""
        from app.infra.engine.llama_session import GenerationError

        rid = msg.get("id")
        s = self._require_session()
        if s.settings.repack is not False and os.environ.get("HEARTH_FAULT") == "crash-repacked-reply":
            # Tests: behave as llama.cpp's AMX kernels do on the CPUs where they crash, on any CPU.
            import signal

            os.kill(os.getpid(), signal.SIGSEGV)
        sampling = from_dict(SamplingSettings, msg.get("sampling"))
        constraints, warnings = _grammars(s, sampling.constraints)
        prompt = s.tokenize_prompt(msg["prompt"])
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        decode, piece, control = decoder.decode, s.piece, s.control
        stats: dict[str, Any] = {}
        pending: list[Any] = []  # str: text; [name]: a control token
        last_flush = 0.0
        tokens: list[int] = []

        def prompt_progress(done: int, total: int) -> None:
            self.send({"type": "prompt_progress", "id": rid, "done": done, "total": total})

        try:
            for token in s.generate(prompt, sampling, stats, prompt_progress, constraints):
                if not tokens:
                    self.send({"type": "started", "id": rid, "prompt_tokens": len(prompt),
                               "cached_tokens": stats.get("cached_tokens", 0)})  # fmt: skip
                tokens.append(token)
                name = control.get(token)
                if name is not None:
                    # Bytes of an unfinished character cannot continue past a control token.
                    flushed = decode(b"", final=True)
                    if flushed:
                        pending.append(flushed)
                    pending.append([name])
                else:
                    text = decode(piece(token))
                    if not text:
                        continue
                    if pending and type(pending[-1]) is str:
                        pending[-1] += text
                    else:
                        pending.append(text)
                now = time.perf_counter()
                if now - last_flush >= FLUSH_INTERVAL_S:
                    self.send({"type": "pieces", "id": rid, "items": pending})
                    pending = []
                    last_flush = now
        except GenerationError as exc:
            if pending:
                self.send({"type": "pieces", "id": rid, "items": pending})
            self.send({"type": "error", "id": rid, "message": str(exc), "kind": exc.kind})
            return
        tail = decode(b"", final=True)
        if tail:
            pending.append(tail)
        if pending:
            self.send({"type": "pieces", "id": rid, "items": pending})
        finish = stats.get("finish", "stopped")
        if finish == "eog":
            finish = {"<|return|>": "return", "<|call|>": "call"}.get(stats.get("eog_token", ""), "eos")
        gen = stats.get("generated_tokens", 0)
        prompt_eval = stats.get("prompt_tokens", 0) - stats.get("cached_tokens", 0)
        stats["prompt_tps"] = prompt_eval / stats["prompt_s"] if stats.get("prompt_s") else None
        decode_s = stats.get("decode_s") or 0.0
        stats["gen_tps"] = (gen - 1) / decode_s if gen > 1 and decode_s > 0 else None
        if warnings:
            stats["warnings"] = warnings
        self.send({"type": "done", "id": rid, "finish": finish, "stats": stats, "tokens": tokens})


# The converter's rule for a character of a JSON string, and the same without raw control
# characters (GBNF escapes; the escaped forms \n, \t, \u0001 stay allowed by its other branch).
_FREE_CHAR = r'char ::= [^"\\]'
_TEXT_CHAR = r'char ::= [^"\\\x00-\x1F]'


def _grammars(session: Any, schemas: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """JSON schemas → checked GBNF grammars (llama.cpp's own converter); a schema that cannot
    be converted or a grammar llama.cpp refuses is left out and named, never sampled."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    grammars: dict[str, str] = {}
    warnings: list[str] = []
    for target, schema in schemas.items():
        try:
            # The converter lets a string hold raw control characters, which JSON forbids: a
            # "valid" call could still fail to parse. Keep them out (escaped forms stay allowed).
            grammar = json_schema_to_gbnf(schema or "{}").replace(_FREE_CHAR, _TEXT_CHAR, 1)
        except Exception as exc:  # the converter asserts on what it does not know
            warnings.append(f"{target}: the schema cannot be turned into a grammar ({exc or type(exc).__name__})")
            continue
        problem = session.check_grammar(grammar)
        if problem:
            warnings.append(f"{target}: {problem}")
            continue
        grammars[target] = grammar
    return grammars, warnings


def _devices() -> list[dict[str, Any]] | None:
    """ggml's devices and their free memory after the load, or None where that is unknown."""
    try:
        import llama_cpp

        from app.infra.engine.ggml_devices import list_devices

        return [dict(d) for d in list_devices(llama_cpp)]
    except Exception:  # an older library or a missing symbol: the report just lacks devices
        return None


def main() -> int:
    # Keep the real stdout for the protocol and point fd 1 at stderr, so prints from native
    # code or libraries can never interleave with frames.
    proto_out = os.fdopen(os.dup(1), "wb")  # buffered: short writes are retried for us
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
    host = EngineHost(proto_in, proto_out)
    try:
        host.run()
    finally:
        host.log.close()  # llama.cpp must not call into a Python that is shutting down
    return 0
