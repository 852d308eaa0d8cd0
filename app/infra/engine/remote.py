"""A gpt-oss server elsewhere (vLLM, llama-server, Ollama, LM Studio) as Hearth's engine.

``RemoteClient`` answers the same calls as ``EngineClient`` (start, load, generate, stop,
close; requests whose events are the child's messages), so ``EngineService`` and the chat
above it do not learn which one they talk to.

- **Probe** (``probe``): ``GET /v1/models`` names the models; a few well-known extra routes
  tell which server it is (llama-server's ``/props``, Ollama's ``/api/version``, LM Studio's
  ``/api/v0/models``, vLLM's ``/version``).
- **Path** (``choose_path``): a short raw completion of Hearth's own harmony prompt; when the
  control tokens come back written out, the server keeps them and the reply is parsed by
  Hearth (``raw``: reasoning rules, effort and tool schemas are exactly Hearth's). Otherwise
  chat completions with ``reasoning_effort`` (``chat``), the server's reasoning field read apart.
- **TLS** is verified against the system's certificates. A self-signed server can be trusted by
  the SHA-256 fingerprint of its certificate, which ``probe`` reports when verification fails;
  a pinned server whose certificate changes is refused before anything is sent.
- **Stop** closes the connection: every one of these servers cancels a request whose client
  went away.
- Faults (down, slow, 401/404/429/5xx, a cut stream, an answer that is not a stream) end the
  reply with one sentence; what arrived is kept (the chat keeps a failed reply's text).

Nothing here runs without the person choosing a server; offline mode refuses to connect.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import itertools
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from app.core.conversation import Conversation
from app.core.harmony import CALL, RETURN, render_prompt
from app.core.harmony_parser import HarmonyEvent, HarmonyParser
from app.core.openai_compat import (
    ChatToHarmony,
    ControlSplitter,
    Piece,
    RemoteServer,
    chat_messages,
    chat_tools,
    read_models,
    reasoning_of,
    spaced,
    sse_data,
)
from app.infra.engine.client import EngineError, Request
from app.infra.engine.protocol import LoadSettings, SamplingSettings

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 120.0  # between two bytes of a stream (a big prompt on a busy server is slow)
MAX_ERROR_BODY = 64 * 1024
class RemoteError(EngineError):
    """One sentence for the person; ``fingerprint`` set when a certificate could be trusted."""

    def __init__(self, message: str, *, status: int = 0, fingerprint: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.fingerprint = fingerprint


@dataclass
class ProbeResult:
    kind: str
    models: list[str] = field(default_factory=list)
    tls: bool = False


def fingerprint_of(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


# -- one HTTP exchange -----------------------------------------------------------------------
class Exchange:
    """One request on its own connection; ``close()`` from any thread ends it (Stop)."""

    def __init__(self, server: RemoteServer, key: str | None, *, timeout: float | None = None) -> None:
        self.server = server
        self._key = key
        self._timeout = timeout or READ_TIMEOUT_S
        self._conn: http.client.HTTPConnection | None = None
        self.closed = False
        self.stopped = False  # Stop was pressed (close() alone is also the normal end)

    def _connect(self) -> http.client.HTTPConnection:
        parts = urlsplit(self.server.base)
        host = parts.hostname or ""
        if parts.scheme == "https":
            context = ssl.create_default_context()
            if self.server.fingerprint:
                # Pinned: the chain is not checked, the certificate itself is (below).
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, parts.port or 443, timeout=CONNECT_TIMEOUT_S, context=context)
        elif parts.scheme == "http":
            conn = http.client.HTTPConnection(host, parts.port or 80, timeout=CONNECT_TIMEOUT_S)
        else:
            raise RemoteError(f"“{self.server.url}” is not an http:// or https:// address.")
        try:
            conn.connect()
        except ssl.SSLCertVerificationError as exc:
            raise RemoteError(
                f"The certificate of {self.server.host} is not trusted ({exc.verify_message}). If this is your "
                "own server with a self-signed certificate, compare its fingerprint with the one shown and trust it.",
                fingerprint=_peer_fingerprint(host, parts.port or 443)) from None  # fmt: skip
        except ConnectionRefusedError:
            raise RemoteError(f"Nothing answers at {self.server.host}: is the server running?") from None
        except TimeoutError:
            raise RemoteError(f"{self.server.host} did not answer within {CONNECT_TIMEOUT_S:.0f} s.") from None
        except socket.gaierror:
            raise RemoteError(f"The name {host} could not be found on this network.") from None
        except (ssl.SSLError, OSError) as exc:
            raise RemoteError(f"Could not connect to {self.server.host}: {exc.strerror or exc}.") from None
        if isinstance(conn.sock, ssl.SSLSocket) and self.server.fingerprint:
            der = conn.sock.getpeercert(binary_form=True) or b""
            seen = fingerprint_of(der)
            if seen != self.server.fingerprint.replace(":", "").lower():
                conn.close()
                raise RemoteError(
                    f"The certificate of {self.server.host} changed (its fingerprint is now {spaced(seen)}); "
                    "nothing was sent. Trust the new one in Models → Servers… only if you changed it yourself.",
                    fingerprint=seen)  # fmt: skip
        assert conn.sock is not None
        conn.sock.settimeout(self._timeout)
        return conn

    def send(self, method: str, path: str, body: dict[str, Any] | None = None) -> http.client.HTTPResponse:
        path = urlsplit(self.server.base).path.rstrip("/") + path  # a server behind a path prefix
        conn = self._conn = self._connect()
        if self.stopped:
            conn.close()
            raise RemoteError("Stopped.")
        headers = {"Accept": "application/json, text/event-stream", "User-Agent": "Hearth"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
        except TimeoutError:
            self.close()
            raise RemoteError(f"{self.server.host} did not answer within {self._timeout:.0f} s.") from None
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            if self.stopped:
                raise RemoteError("Stopped.") from None
            raise RemoteError(f"The connection to {self.server.host} failed: {exc}.") from None
        if response.status >= 400:
            try:
                error_body = response.read(MAX_ERROR_BODY)
            except (OSError, http.client.HTTPException):
                error_body = b""
            self.close()
            raise status_error(self.server, path, response.status, error_body)
        return response

    def get_json(self, path: str) -> Any:
        response = self.send("GET", path)
        try:
            return json.loads(response.read(4 * 1024 * 1024).decode("utf-8"))
        except (ValueError, OSError) as exc:
            raise RemoteError(f"{self.server.host} answered {path} with something that is not JSON.") from exc
        finally:
            self.close()

    def stop(self) -> None:
        self.stopped = True
        self.close()

    def close(self) -> None:
        self.closed = True
        conn = self._conn
        if conn is not None:
            sock = conn.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked on another thread
            conn.close()


def _peer_fingerprint(host: str, port: int) -> str:
    """The certificate a TLS server presents, fetched without trusting it (to show the person)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S) as raw, \
                context.wrap_socket(raw, server_hostname=host) as tls:  # fmt: skip
            return fingerprint_of(tls.getpeercert(binary_form=True) or b"")
    except OSError:
        return ""


def status_error(server: RemoteServer, path: str, status: int, body: bytes) -> RemoteError:
    detail = _error_detail(body)
    host = server.host
    if status in (401, 403):
        text = f"{host} refused the API key ({status}). Check the key in Models → Servers…"
    elif status == 404:
        text = f"{host} has no {path}" + (f" or no model named “{server.model}”" if server.model else "") + " (404)."
    elif status == 429:
        text = f"{host} is busy (429, too many requests): try again in a moment."
    elif status == 400:
        text = f"{host} did not accept the request (400)" + (f": {detail}" if detail else ".")
    else:
        text = f"{host} failed ({status})" + (f": {detail}" if detail else ".")
    return RemoteError(text, status=status)


def _error_detail(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return " ".join(text.split())[:200] if text and "<" not in text[:1] else ""
    error = data.get("error", data) if isinstance(data, dict) else data
    message = error.get("message") if isinstance(error, dict) else error
    return " ".join(str(message).split())[:200] if message else ""


# -- probing ---------------------------------------------------------------------------------
def probe(server: RemoteServer, key: str | None) -> ProbeResult:
    """Which server this is and which models it serves; raises RemoteError with a sentence."""
    models = read_models_at(server, key)
    kind = "openai"
    if "vllm" in {o.lower() for o in models.owned_by}:
        kind = "vllm"
    else:
        for route, name in (("/props", "llama-server"), ("/api/version", "ollama"),
                            ("/api/v0/models", "lmstudio"), ("/version", "vllm")):  # fmt: skip
            try:
                Exchange(server, key, timeout=CONNECT_TIMEOUT_S).get_json(route)
            except RemoteError:
                continue
            kind = name
            break
        else:
            if "me" in models.owned_by:  # llama-cpp-python's server says so of its models
                kind = "llama-cpp-python"
    return ProbeResult(kind, models.ids, server.base.startswith("https://"))


def read_models_at(server: RemoteServer, key: str | None) -> Any:
    exchange = Exchange(server, key, timeout=CONNECT_TIMEOUT_S)
    response = exchange.send("GET", "/v1/models")
    try:
        return read_models(response.read(4 * 1024 * 1024))
    except (ValueError, OSError):
        raise RemoteError(f"{server.host} is not an OpenAI-compatible server (its /v1/models is not a list of models).") from None
    finally:
        exchange.close()


PATH_PROBE = Conversation(instructions="Answer in one word.", effort="low")


def choose_path(server: RemoteServer, key: str | None) -> str:
    """"raw" when a raw completion of a harmony prompt comes back with its control tokens
    written out (Hearth can parse it itself), else "chat"."""
    from app.core.conversation import Message

    prompt = render_prompt(PATH_PROBE.with_messages(Message.user("Say hi.")))
    body = {"model": server.model, "prompt": prompt, "max_tokens": 24, "temperature": 0,
            "stream": False, "skip_special_tokens": False, "special": True}  # fmt: skip
    exchange = Exchange(server, key, timeout=60)
    try:
        response = exchange.send("POST", "/v1/completions", body)
        data = json.loads(response.read(1024 * 1024).decode("utf-8"))
        text = data["choices"][0].get("text") or ""
    except (RemoteError, ValueError, KeyError, IndexError, TypeError, OSError):
        return "chat"
    finally:
        exchange.close()
    return "raw" if ("<|message|>" in text or "<|channel|>" in text) else "chat"


# -- the engine ------------------------------------------------------------------------------
@dataclass
class RemoteModel:
    path: str  # what the model bar names: "<model> on <host> · <kind>"
    n_ctx: int = 0


class RemoteClient:
    """``EngineClient``'s calls, answered by a server elsewhere."""

    def __init__(self, server: RemoteServer, key: str | None = None,
                 allowed: Callable[[], bool] | None = None) -> None:  # fmt: skip
        self.server = server
        self._key = key
        self._allowed = allowed or (lambda: True)  # False in offline mode: no connection at all
        self._ids = itertools.count(1)
        self._exchanges: dict[str, Exchange] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self.model: RemoteModel | None = None
        self.crash_reason: str | None = None
        self.on_idle_crash: Callable[[dict[str, Any]], None] | None = None
        self.remote = True

    @property
    def alive(self) -> bool:
        return True

    @property
    def pid(self) -> int | None:
        return None

    def start(self, timeout: float = 60.0) -> None:
        pass

    def _check_allowed(self) -> None:
        if not self._allowed():
            raise RemoteError("Offline mode is on: Hearth makes no connection, so the server cannot be used.")

    def _request(self, kind: str, work: Callable[[Request, Exchange], None]) -> Request:
        rid = f"r{next(self._ids)}"
        request = Request(self, rid, kind)  # type: ignore[arg-type]  # same calls as EngineClient
        exchange = Exchange(self.server, self._key)
        with self._lock:
            self._exchanges[rid] = exchange

        def run() -> None:
            try:
                work(request, exchange)
            except RemoteError as exc:
                if exchange.stopped and kind == "generate":
                    request._put({"type": "done", "id": rid, "finish": "stopped", "stats": {}})
                else:
                    request._put({"type": "error" if kind == "generate" else "load_failed", "id": rid,
                                  "message": str(exc)})  # fmt: skip
            except Exception as exc:  # a bug must end the request, never hang the chat
                request._put({"type": "error" if kind == "generate" else "load_failed", "id": rid,
                              "message": f"The server's answer could not be read ({type(exc).__name__})."})  # fmt: skip
            finally:
                with self._lock:
                    self._exchanges.pop(rid, None)

        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=run, daemon=True, name=f"remote-{kind}")
        self._threads.append(thread)
        thread.start()
        return request

    def load(self, path: str = "", settings: LoadSettings | None = None, **_: Any) -> Request:
        """"Loading" a remote model: check that the server answers and serves it."""
        self._check_allowed()

        def work(request: Request, exchange: Exchange) -> None:
            exchange.close()
            request._put({"type": "load_progress", "id": request.id, "fraction": 0.3})
            started = time.monotonic()
            models = read_models_at(self.server, self._key)
            if self.server.model and models.ids and self.server.model not in models.ids:
                raise RemoteError(f"{self.server.host} no longer serves “{self.server.model}” "
                                  f"(it serves {', '.join(models.ids[:5])}).")  # fmt: skip
            name = f"{self.server.model or 'gpt-oss'} {self.server.where}"
            self.model = RemoteModel(name)
            request.path = name
            n_ctx = models.context.get(self.server.model, 0)
            self.model.n_ctx = n_ctx
            request._put({"type": "loaded", "id": request.id, "path": name, "n_ctx": n_ctx,
                          "load_s": time.monotonic() - started, "settings": {"remote": self.server.base}})  # fmt: skip

        return self._request("load", work)

    def restart(self) -> Request | None:
        return self.load()

    def generate(self, prompt: str | Conversation, sampling: SamplingSettings | None = None) -> Request:
        self._check_allowed()
        sampling = sampling or SamplingSettings()
        conversation = prompt if isinstance(prompt, Conversation) else None
        raw_text = render_prompt(prompt) if isinstance(prompt, Conversation) else prompt
        use_raw = self.server.path == "raw" or conversation is None

        def work(request: Request, exchange: Exchange) -> None:
            if use_raw:
                self._stream_raw(request, exchange, raw_text, sampling)
            else:
                assert conversation is not None
                self._stream_chat(request, exchange, conversation, sampling)

        return self._request("generate", work)

    # -- the two paths ---------------------------------------------------------------------
    def _common(self, sampling: SamplingSettings) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.server.model, "stream": True, "temperature": sampling.temperature,
                                "top_p": sampling.top_p, "stream_options": {"include_usage": True}}  # fmt: skip
        if sampling.seed is not None:
            body["seed"] = sampling.seed
        if sampling.max_tokens:
            body["max_tokens"] = sampling.max_tokens
        if sampling.grammar:  # llama.cpp's servers take a GBNF grammar (tests script replies so)
            body["grammar"] = sampling.grammar
        return body

    def _stream_raw(self, request: Request, exchange: Exchange, prompt: str, sampling: SamplingSettings) -> None:
        # No stop strings: gpt-oss servers end at <|return|> and <|call|> (end-of-generation
        # tokens), and a stop list makes some servers hold back text that could begin one.
        body = {**self._common(sampling), "prompt": prompt, "skip_special_tokens": False}
        splitter = ControlSplitter()

        def pieces(chunk: dict[str, Any]) -> list[Piece]:
            choice = (chunk.get("choices") or [{}])[0]
            out = splitter.feed(choice.get("text") or "")
            if choice.get("finish_reason") == "stop" and choice.get("stop_reason") in ("<|return|>", "<|call|>") \
                    and not any(p == (choice["stop_reason"],) for p in out):  # fmt: skip
                out.append((choice["stop_reason"],))  # a server that cut the stop string off
            return out

        self._stream(request, exchange, "/v1/completions", body, pieces, splitter.finish)

    def _stream_chat(self, request: Request, exchange: Exchange, conversation: Conversation,
                     sampling: SamplingSettings) -> None:  # fmt: skip
        body = {**self._common(sampling), "messages": chat_messages(conversation),
                "reasoning_effort": conversation.effort}  # fmt: skip
        tools = chat_tools(conversation)
        if tools:
            body["tools"] = tools
        if self.server.kind == "llama-server":
            body["chat_template_kwargs"] = {"reasoning_effort": conversation.effort}
        schema = sampling.constraints.get("final")
        if schema:
            body["response_format"] = {"type": "json_schema", "json_schema": {"name": "answer",
                                       "schema": json.loads(schema) if schema != "{}" else {}}}  # fmt: skip
        harmony = ChatToHarmony()
        finish: dict[str, str] = {}

        def pieces(chunk: dict[str, Any]) -> list[Piece]:
            choice = (chunk.get("choices") or [{}])[0]
            delta = choice.get("delta") or choice.get("message") or {}
            out = harmony.reasoning(reasoning_of(delta))
            out += harmony.content(delta.get("content") or "")
            for call in delta.get("tool_calls") or ():
                if isinstance(call, dict):
                    harmony.tool_call(call)
            if choice.get("finish_reason"):
                finish["reason"] = str(choice["finish_reason"])
            return out

        self._stream(request, exchange, "/v1/chat/completions", body, pieces,
                     lambda: harmony.finish(finish.get("reason", "")))  # fmt: skip

    def _stream(self, request: Request, exchange: Exchange, path: str, body: dict[str, Any],
                pieces: Callable[[dict[str, Any]], list[Piece]], tail: Callable[[], list[Piece]]) -> None:  # fmt: skip
        """Send one streaming request and put the child's messages on ``request``: started,
        events (batched about every 30 ms, as the engine child does), then done or a RemoteError."""
        rid = request.id
        parser = HarmonyParser()
        batch: list[HarmonyEvent] = []
        last_flush = time.monotonic()

        def feed(items: list[Piece]) -> None:
            for item in items:
                batch.extend(parser.feed_text(item) if isinstance(item, str) else parser.feed_control(item[0]))

        def flush() -> None:
            nonlocal batch, last_flush
            if batch:
                request._put({"type": "events", "id": rid, "events": batch})
                batch = []
            last_flush = time.monotonic()

        sent = time.monotonic()
        response = exchange.send("POST", path, body)
        content_type = response.getheader("Content-Type", "") or ""
        if "text/event-stream" not in content_type:
            exchange.close()
            raise RemoteError(f"{self.server.host} answered with {content_type or 'no content type'}, "
                              "not a stream of tokens.")  # fmt: skip
        first: float | None = None
        chunks = 0
        usage: dict[str, Any] = {}
        finish_reason = ""
        ended = False  # [DONE] arrived
        cut: str | None = None  # why the stream ended early, if it did
        try:
            for data in sse_data(response):
                if data.strip() == "[DONE]":
                    ended = True
                    break
                try:
                    chunk = json.loads(data)
                except ValueError:
                    cut = (f"{self.server.host} sent something that is not part of an OpenAI-compatible "
                           "stream; the reply so far is kept.")  # fmt: skip
                    break
                if not isinstance(chunk, dict):
                    continue
                if "error" in chunk:
                    cut = f"{self.server.host} stopped the reply: {_error_detail(data.encode())}"
                    break
                if isinstance(chunk.get("usage"), dict):
                    usage = chunk["usage"]
                choice = (chunk.get("choices") or [{}])[0]
                if isinstance(choice, dict) and choice.get("finish_reason"):
                    finish_reason = str(choice["finish_reason"])
                items = pieces(chunk)
                if not items:
                    continue
                if first is None:
                    first = time.monotonic()
                    request._put({"type": "started", "id": rid,
                                  "prompt_tokens": int(usage.get("prompt_tokens") or 0)})  # fmt: skip
                chunks += 1
                feed(items)
                if time.monotonic() - last_flush > 0.03:
                    flush()
        except TimeoutError:
            cut = f"{self.server.host} sent nothing for {READ_TIMEOUT_S:.0f} s; the reply so far is kept."
        except (OSError, http.client.HTTPException, ValueError, AttributeError) as exc:
            # (AttributeError: http.client reading from a connection Stop has just closed.)
            cut = (f"The connection to {self.server.host} was cut before the reply ended; the reply so far "
                   f"is kept ({type(exc).__name__}).")  # fmt: skip
        exchange.close()
        flush()
        if exchange.stopped:  # Stop pressed: we closed the connection ourselves
            raise RemoteError("Stopped.")
        if cut is None and not ended and not finish_reason:
            cut = f"The connection to {self.server.host} was cut before the reply ended; the reply so far is kept."
        if cut is not None:
            raise RemoteError(cut)
        feed(tail())
        end_reason = next((e.reason for e in reversed(batch) if e.kind == "end"), None) or ""
        if not end_reason and finish_reason == "stop":
            # The server ended at the model's end token without writing it out (most do).
            feed([(CALL,) if parser.open_recipient else (RETURN,)])
            end_reason = next((e.reason for e in reversed(batch) if e.kind == "end"), None) or ""
        if not end_reason and finish_reason != "length":
            batch.extend(parser.finish())
        flush()
        done_at = time.monotonic()
        if first is None:
            request._put({"type": "started", "id": rid, "prompt_tokens": int(usage.get("prompt_tokens") or 0)})
            first = done_at
        if end_reason:
            finish = end_reason
        elif finish_reason == "length":
            finish = "length"
            batch.extend(parser.finish())
            flush()
        else:
            finish = "return"
        completion = int(usage.get("completion_tokens") or chunks)
        decode_s = done_at - first
        stats = {"prompt_tokens": int(usage.get("prompt_tokens") or 0), "generated_tokens": completion,
                 "ttft_s": first - sent, "decode_s": decode_s,
                 "tokens_per_s": (completion - 1) / decode_s if completion > 1 and decode_s > 0 else 0.0}  # fmt: skip
        messages = [{k: v for k, v in asdict(m).items() if v is not None} for m in parser.messages]
        request._put({"type": "done", "id": rid, "finish": finish, "stats": stats, "raw": parser.raw,
                      "messages": messages})  # fmt: skip

    # -- the rest of EngineClient's calls ---------------------------------------------------
    def stop(self, request: Request | None = None) -> None:
        with self._lock:
            exchanges = [self._exchanges[request.id]] if request is not None and request.id in self._exchanges \
                else ([] if request is not None else list(self._exchanges.values()))  # fmt: skip
        for exchange in exchanges:
            exchange.stop()

    def tokenize(self, text: str, *, special: bool = True, segmented: bool = False) -> list[int]:
        raise RemoteError("A remote server does not count tokens for Hearth.")

    def unload(self) -> None:
        self.model = None

    def clear_cache(self) -> None:
        pass

    def close(self, timeout: float = 5.0) -> None:
        self.stop()
        for thread in self._threads:
            thread.join(timeout=timeout)
        self._threads.clear()
        self.model = None
