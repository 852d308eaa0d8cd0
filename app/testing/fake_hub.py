"""A fake Hugging Face Hub: real HTTP on 127.0.0.1 with switches that make it misbehave.

It answers the way huggingface_hub 2.4.0 expects (docs/downloads-and-safety.md §2), so tests run
the real client and Hearth's transfer code against it instead of mocking either. Faults (cut
connections, ignored Range, flipped bytes, stalls, throttling, wrong lengths, error statuses)
are switched on at runtime with ``hub.inject(Fault(...))``; ``hub.log`` records every request.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PIECE = 64 * 1024


@dataclass
class Fault:
    """What goes wrong. ``times=None`` applies it to every matching request, else to the next N.

    A fault with ``status`` answers that status to every matching request (HEAD, GET, API);
    the others only change file bodies sent to GET. Offsets count bytes of one response body.
    """

    times: int | None = None
    status: int | None = None
    error_code: str | None = None  # X-Error-Code, e.g. "GatedRepo"
    retry_after: float | None = None
    cut_after: int | None = None  # close the connection after this many body bytes
    ignore_range: bool = False  # answer 200 with the whole file
    flip_byte_at: int | None = None  # file offset whose byte is inverted (same size)
    stall_after: int | None = None
    stall_for: float | None = None  # None: until the server shuts down
    throttle: int | None = None  # bytes per second
    extra_bytes: int = 0  # junk appended to the body (and counted in Content-Length)
    length_delta: int = 0  # Content-Length lies by this much; the body is the real one


@dataclass
class LoggedRequest:
    method: str
    path: str
    range_start: int | None
    status: int = 0
    sent: int = 0  # body bytes the socket accepted
    started: float = field(default_factory=time.monotonic)
    finished: bool = False  # the handler is done with it: ``sent`` is final


@dataclass
class _File:
    source: bytes | Path
    size: int
    etag: str  # sha256 for LFS files, the git blob id otherwise
    lfs: bool


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client hanging up is normal here
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class FakeHub:
    """``with FakeHub() as hub: hub.add_file("org/repo", "m.gguf", b"...")``; ``hub.url`` is the endpoint."""

    def __init__(self) -> None:
        self.log: list[LoggedRequest] = []
        self._faults: list[tuple[str | None, str | None, Fault]] = []
        self._branches: dict[str, dict[str, str]] = {}  # repo -> revision name -> commit
        self._files: dict[tuple[str, str], dict[str, _File]] = {}  # (repo, commit) -> path -> file
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.hub = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-hub", daemon=True
        )
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._closing.set()  # releases stalls that wait "forever"
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def add_file(self, repo: str, path: str, data: bytes | Path, revision: str = "main", *,
                 sha256: str | None = None, lfs: bool = True) -> str:  # fmt: skip
        """Publish a file; a Path is served from disk. Returns the commit the revision points to."""
        commit = revision if _is_commit(revision) else hashlib.sha1(f"{repo}@{revision}".encode()).hexdigest()
        size = len(data) if isinstance(data, bytes) else data.stat().st_size
        if lfs:
            etag = sha256 or _hash(hashlib.sha256(), data)
        else:  # what the Hub sends for small files kept in git: the blob id, not a sha256
            etag = _hash(hashlib.sha1(f"blob {size}\0".encode()), data)
        with self._lock:
            self._branches.setdefault(repo, {})[revision] = commit
            self._files.setdefault((repo, commit), {})[path] = _File(data, size, etag, lfs)
        return commit

    def inject(self, fault: Fault, *, repo: str | None = None, path: str | None = None) -> Fault:
        """Switch a fault on for one repo/file or (both None) for everything; the first match wins."""
        with self._lock:
            self._faults.append((repo, path, fault))
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def requests(self, method: str = "GET") -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.log if r.method == method]

    # -- used by the handler --

    def take_fault(self, repo: str, path: str | None, body: bool) -> Fault | None:
        with self._lock:
            for f_repo, f_path, fault in self._faults:
                if f_repo not in (None, repo) or f_path not in (None, path):
                    continue
                if fault.status is None and not body:
                    continue
                if fault.times is not None:
                    if fault.times <= 0:
                        continue
                    fault.times -= 1
                return fault
        return None

    def find(self, repo: str, revision: str) -> tuple[str, dict[str, _File]] | int:
        """(commit, files) or the 404 error code."""
        with self._lock:
            if repo not in self._branches:
                return 404
            commit = self._branches[repo].get(revision, revision)
            if (repo, commit) not in self._files:
                return 410  # marker for RevisionNotFound
            return commit, dict(self._files[(repo, commit)])


def _is_commit(revision: str) -> bool:
    return len(revision) == 40 and all(c in "0123456789abcdef" for c in revision)


def _hash(hasher: hashlib._Hash, data: bytes | Path) -> str:
    if isinstance(data, bytes):
        hasher.update(data)
    else:
        with open(data, "rb") as f:
            while block := f.read(8 << 20):
                hasher.update(block)
    return hasher.hexdigest()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real Hub; faults that break framing close
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        hub: FakeHub = self.server.hub  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        parts = url.path.split("/")
        range_start = None
        if (rng := self.headers.get("Range", "")).startswith("bytes="):
            range_start = int(rng[6:].split("-")[0])
        entry = LoggedRequest(self.command, unquote(url.path), range_start)
        with hub._lock:
            hub.log.append(entry)
        try:
            if len(parts) >= 6 and parts[3] == "resolve":
                repo, rev, path = f"{parts[1]}/{parts[2]}", unquote(parts[4]), unquote("/".join(parts[5:]))
                self._resolve(hub, entry, repo, rev, path, body)
            elif len(parts) >= 7 and parts[1:3] == ["api", "models"] and parts[5] in ("revision", "tree"):
                repo, rev = f"{parts[3]}/{parts[4]}", unquote(parts[6])
                self._api(hub, entry, repo, rev, parts[5], parse_qs(url.query), body)
            else:
                self._error(entry, 404, "RepoNotFound")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away (or was killed): nothing to answer
        finally:
            entry.finished = True

    def _start(self, entry: LoggedRequest, status: int, headers: dict[str, str | int]) -> None:
        entry.status = status
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, str(value))
        self.end_headers()

    def _error(
        self, entry: LoggedRequest, status: int, code: str | None, retry_after: float | None = None
    ) -> None:
        headers: dict[str, str | int] = {"Content-Length": 0}
        if code:
            headers["X-Error-Code"] = code
        if retry_after is not None:
            headers["Retry-After"] = f"{retry_after:g}"
        self._start(entry, status, headers)

    def _lookup(self, hub: FakeHub, entry: LoggedRequest, repo: str, rev: str, path: str | None,
                body: bool) -> tuple[str, dict[str, _File], Fault | None] | None:  # fmt: skip
        fault = hub.take_fault(repo, path, body)
        if fault and fault.status is not None:
            self._error(entry, fault.status, fault.error_code, fault.retry_after)
            return None
        found = hub.find(repo, rev)
        if isinstance(found, int):
            self._error(entry, 404, "RepoNotFound" if found == 404 else "RevisionNotFound")
            return None
        return found[0], found[1], fault

    def _api(self, hub: FakeHub, entry: LoggedRequest, repo: str, rev: str, kind: str,
             query: dict[str, list[str]], body: bool) -> None:  # fmt: skip
        if not (found := self._lookup(hub, entry, repo, rev, None, body=False)):
            return
        commit, files, _ = found
        if kind == "revision":
            doc: object = {"id": repo, "sha": commit, "siblings": [{"rfilename": p} for p in sorted(files)]}
        else:
            recursive = query.get("recursive", ["false"])[0].lower() == "true"
            doc = [_tree_entry(p, f) for p, f in sorted(files.items()) if recursive or "/" not in p]
            if not recursive:
                dirs = sorted({p.split("/")[0] for p in files if "/" in p})
                doc += [{"type": "directory", "path": d, "oid": "0" * 40} for d in dirs]  # type: ignore[operator]
        payload = json.dumps(doc).encode()
        self._start(entry, 200, {"Content-Type": "application/json", "Content-Length": len(payload)})
        if body:
            self.wfile.write(payload)
            entry.sent = len(payload)

    def _resolve(
        self, hub: FakeHub, entry: LoggedRequest, repo: str, rev: str, path: str, body: bool
    ) -> None:
        if not (found := self._lookup(hub, entry, repo, rev, path, body)):
            return
        commit, files, fault = found
        if (file := files.get(path)) is None:
            self._error(entry, 404, "EntryNotFound")
            return
        fault = fault or Fault()
        quoted = f'"{file.etag}"'
        headers: dict[str, str | int] = {"X-Repo-Commit": commit, "ETag": quoted, "Accept-Ranges": "bytes"}
        if file.lfs:
            headers |= {"X-Linked-Etag": quoted, "X-Linked-Size": file.size}
        start = entry.range_start if body and not fault.ignore_range else None
        if start is not None and start >= file.size > 0:
            self._start(entry, 416, {"Content-Range": f"bytes */{file.size}", "Content-Length": 0})
            return
        status, first = (206, start) if start is not None else (200, 0)
        if status == 206:
            headers["Content-Range"] = f"bytes {first}-{file.size - 1}/{file.size}"
        length = file.size - first
        if not body:
            self._start(entry, 200, headers | {"Content-Length": file.size})
            return
        wrong_framing = bool(fault.extra_bytes or fault.length_delta or fault.cut_after is not None)
        if wrong_framing:
            headers["Connection"] = "close"
            self.close_connection = True
        self._start(
            entry, status, headers | {"Content-Length": length + fault.extra_bytes + fault.length_delta}
        )
        self._send_body(hub, entry, file, first, fault)

    def _send_body(self, hub: FakeHub, entry: LoggedRequest, file: _File, first: int, fault: Fault) -> None:
        began = time.monotonic()
        stalled = False
        for offset, piece in _pieces(file, first, fault):
            if fault.flip_byte_at is not None and offset <= fault.flip_byte_at < offset + len(piece):
                i = fault.flip_byte_at - offset
                piece = piece[:i] + bytes([piece[i] ^ 0xFF]) + piece[i + 1 :]
            if fault.cut_after is not None and entry.sent + len(piece) >= fault.cut_after:
                piece = piece[: fault.cut_after - entry.sent]
            if not stalled and fault.stall_after is not None and entry.sent + len(piece) > fault.stall_after:
                k = fault.stall_after - entry.sent
                self._write(entry, piece[:k])
                piece, stalled = piece[k:], True
                if hub._closing.wait(fault.stall_for):
                    return
            self._write(entry, piece)
            if fault.cut_after is not None and entry.sent >= fault.cut_after:
                self.connection.shutdown(socket.SHUT_RDWR)  # abrupt: the client sees a short body
                return
            if fault.throttle:
                ahead = entry.sent / fault.throttle - (time.monotonic() - began)
                if ahead > 0 and hub._closing.wait(ahead):
                    return
        if fault.extra_bytes:
            self._write(entry, os.urandom(fault.extra_bytes))

    def _write(self, entry: LoggedRequest, data: bytes) -> None:
        self.wfile.write(data)
        entry.sent += len(data)


def _pieces(file: _File, first: int, fault: Fault) -> Iterator[tuple[int, bytes]]:
    """The file from ``first`` in small pieces (a 50th of a second's worth when throttled)."""
    step = max(1, min(PIECE, fault.throttle // 50)) if fault.throttle else PIECE
    if isinstance(file.source, bytes):
        view = memoryview(file.source)
        for offset in range(first, file.size, step):
            yield offset, bytes(view[offset : offset + step])
        return
    with open(file.source, "rb") as f:
        f.seek(first)
        offset = first
        while block := f.read(step):
            yield offset, block
            offset += len(block)


def _tree_entry(path: str, file: _File) -> dict[str, object]:
    entry: dict[str, object] = {"type": "file", "path": path, "size": file.size, "oid": "0" * 40}
    if file.lfs:
        entry["lfs"] = {"oid": file.etag, "size": file.size, "pointerSize": 134}
    else:
        entry["oid"] = file.etag
    return entry
