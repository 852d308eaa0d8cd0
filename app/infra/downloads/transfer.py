"""Hearth's resumable, verified download of one model file.

huggingface_hub 2.4.0 neither resumes across restarts nor checks content (downloads-and-safety.md
§1), so the bytes are moved here and only metadata comes from it (see hub.py). The file grows
in ``<dest>.part`` next to a small ``<dest>.part.json`` sidecar naming what it is a part of;
every received block is written at once (a SIGKILL loses at most one block), hashed as it is
written, fsynced every 64 MiB, checked against the Hub's sha256 at the end and only then
renamed into place. After a restart the part is re-hashed once and fetched on with ``Range``.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx2

from app.core.gguf_header import human_size
from app.core.text import translate
from app.infra.downloads.errors import (
    ChecksumError,
    DiskFullError,
    DownloadCancelled,
    DownloadError,
    DownloadPaused,
    NotEnoughSpaceError,
    free_space,
    preflight,
    space_margin,
)
from app.infra.downloads.hub import RemoteFile, explain_connection_error, explain_http_status
from app.infra.files import fsync_directory, write_json

__all__ = [
    "ChecksumError", "DiskFullError", "DownloadCancelled", "DownloadError", "DownloadPaused",
    "NotEnoughSpaceError", "RemoteFile", "discard_partial", "download_file", "find_partial_downloads",
    "free_space", "partial_paths", "preflight", "space_margin",
]  # fmt: skip

MiB = 1 << 20
FSYNC_EVERY = 64 * MiB
RETRY_AFTER_CAP = 120.0  # a Retry-After longer than this is the server's problem, not the person's
_WRITEV = hasattr(os, "writev")  # POSIX; Windows writes piece by piece
_DISK_FULL = {errno.ENOSPC} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())


def partial_paths(dest: Path) -> tuple[Path, Path]:
    """Where the download of ``dest`` keeps its bytes and its sidecar until it is verified."""
    return dest.with_name(dest.name + ".part"), dest.with_name(dest.name + ".part.json")


def find_partial_downloads(directory: Path) -> list[tuple[Path, int]]:
    """Unfinished downloads (part files with a sidecar) under ``directory`` and their sizes."""
    if not directory.is_dir():
        return []
    found = [
        (p, p.stat().st_size) for p in directory.rglob("*.part") if p.with_name(p.name + ".json").is_file()
    ]
    return sorted(found)


def discard_partial(dest: Path) -> None:
    for p in partial_paths(dest):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def default_backoff(attempt: int) -> float:
    """1, 2, 4 … 60 s, jittered so that many clients do not retry in step."""
    return min(60.0, 2.0 ** (attempt - 1)) * random.uniform(0.5, 1.0)


class _Retry(Exception):
    def __init__(self, message: str, kind: str = "network", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind, self.retry_after = kind, retry_after


class _Stop(Exception):
    def __init__(self, action: str) -> None:
        super().__init__(action)
        self.action = action


class _Hasher:
    """sha256 on a helper thread, one block behind the writes, so hashing overlaps the network.

    hashlib releases the GIL for large buffers; on a fast link this is the difference between
    hashing costing a third of the throughput and costing nothing.
    """

    def __init__(self, state: Any = None) -> None:
        self._state = state or hashlib.sha256()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="hearth-sha256")
        self._pending: Future[None] | None = None

    def update(self, views: list[memoryview]) -> None:
        self.wait()  # at most one block in flight: memory stays bounded whatever the speeds
        self._pending = self._pool.submit(self._feed, views)

    def _feed(self, views: list[memoryview]) -> None:
        for view in views:
            self._state.update(view)

    def wait(self) -> None:
        if self._pending is not None:
            self._pending.result()
            self._pending = None

    def hexdigest(self) -> str:
        self.wait()
        return str(self._state.hexdigest())

    def reset(self) -> None:
        self.wait()
        self._state = hashlib.sha256()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class _Part:
    """The open ``.part`` file, how much of it is good, and the running sha256 of those bytes."""

    def __init__(self, path: Path, have: int, state: Any, size: int) -> None:
        self.path, self.have, self.size = path, have, size
        self.hasher = _Hasher(state)
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        os.lseek(self.fd, have, os.SEEK_SET)
        self._unsynced = 0

    def write(self, pieces: list[bytes]) -> bool:
        """Append what fits in the expected size; False if the server sent more than that."""
        views, room = [], self.size - self.have
        for piece in pieces:
            if room > 0:
                views.append(memoryview(piece)[:room])
                room -= len(views[-1])
        fits = sum(map(len, pieces)) <= self.size - self.have
        written: list[memoryview] = []
        while views:
            try:  # writev: the pieces go to the kernel without first being copied into one buffer
                n = os.writev(self.fd, views[:512]) if _WRITEV else os.write(self.fd, views[0])
            except OSError as exc:
                os.ftruncate(self.fd, self.have)  # a failed write must not leave stray bytes
                self.hasher.update(written)
                if exc.errno in _DISK_FULL:
                    raise DiskFullError(self._full_sentence(), needed=self.size - self.have) from exc
                message = translate("Downloads", "Could not write {file}: {error}.")
                raise DownloadError(message.format(file=self.path, error=exc.strerror), "disk") from exc
            self.have += n
            self._unsynced += n
            while n:  # the written views, whole or in part, go to the hasher in order
                take = views[0][:n]
                written.append(take)
                n -= len(take)
                views[0] = views[0][len(take) :]
                if not views[0]:
                    views.pop(0)
        self.hasher.update(written)
        if self._unsynced >= FSYNC_EVERY:
            self.sync()
        return fits

    def sync(self) -> None:
        os.fsync(self.fd)
        self._unsynced = 0

    def restart(self) -> None:
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        self.have = 0
        self.hasher.reset()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
            self.hasher.close()

    def _full_sentence(self) -> str:
        return translate(
            "Downloads",
            "The disk holding {folder} is full: {needed} more are needed to finish ({done} of {size} downloaded, kept). Free space and resume.",
        ).format(
            folder=self.path.parent,
            needed=human_size(self.size - self.have),
            done=human_size(self.have),
            size=human_size(self.size),
        )


def download_file(
    remote: RemoteFile,
    dest: Path,
    *,
    headers: dict[str, str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], str | None] | None = None,
    chunk_size: int = MiB,
    stall_timeout: float = 30.0,
    max_attempts: int = 8,
    backoff: Callable[[int], float] | None = None,
    session: httpx2.Client | None = None,
) -> Path:
    """Download ``remote`` to ``dest``, resuming a part left by an earlier run; returns ``dest``.

    ``headers`` come from HubClient.headers() (user agent, token); none means anonymous.
    ``should_stop`` returns "pause" (keep the part) or "cancel" (delete it); it is asked after
    every network read and while waiting to retry. During a stall it is next asked when the
    stall times out. ``chunk_size`` bytes are gathered before each write: a SIGKILL loses at
    most that much. ``max_attempts`` counts failed attempts in a row that brought no new
    bytes, so a flaky connection that keeps making progress is never given up on.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    stop = should_stop or (lambda: None)
    try:
        part = _open_part(remote, dest, stop)
    except _Stop as s:
        raise _stopped(s.action, remote, dest, partial_paths(dest)[0].stat().st_size) from None
    try:
        if on_progress:
            on_progress(part.have, remote.size)
        _download(
            remote,
            part,
            session,
            headers,
            chunk_size,
            stall_timeout,
            max_attempts,
            backoff,
            stop,
            on_progress,
        )
        part.sync()
        digest = part.hasher.hexdigest()
    except _Stop as s:
        if s.action != "cancel":
            part.sync()
        part.close()
        raise _stopped(s.action, remote, dest, part.have) from None
    finally:
        part.close()
    return _finish(remote, dest, digest)


def _download(remote: RemoteFile, part: _Part, session: httpx2.Client | None, headers: dict[str, str] | None,
              chunk_size: int, stall_timeout: float, max_attempts: int, backoff: Callable[[int], float] | None,
              stop: Callable[[], str | None], on_progress: Callable[[int, int], None] | None) -> None:  # fmt: skip
    """Requests until the part is complete, retrying what is worth retrying."""
    from huggingface_hub.errors import OfflineModeIsEnabled  # lazily: see hub.configure_hub_environment
    from huggingface_hub.utils import build_hf_headers, get_session

    client = session or get_session()
    base_headers = dict(headers) if headers is not None else build_hf_headers(token=False)
    base_headers["Accept-Encoding"] = "identity"  # compressed bodies would break byte offsets
    failures = 0
    while part.have < remote.size:
        before = part.have
        try:
            _check_stop(stop)
            _fetch(remote, part, client, base_headers, chunk_size, stall_timeout, stop, on_progress)
        except _Retry as retry:
            failures = 1 if part.have > before else failures + 1
            if failures >= max_attempts:
                message = translate("Downloads", "{error} (Hearth tried {count} times.)")
                raise DownloadError(message.format(error=retry, count=failures), retry.kind) from retry
            delay = (backoff or default_backoff)(failures)
            if retry.retry_after is not None:
                delay = max(delay, min(retry.retry_after, RETRY_AFTER_CAP))
            _wait(delay, stop)
        except OfflineModeIsEnabled as exc:
            raise DownloadError(
                translate(
                    "Downloads",
                    "Hearth is in offline mode, so the download did not start. Turn offline mode off to download models.",
                ),
                "network",
            ) from exc


def _stopped(action: str, remote: RemoteFile, dest: Path, have: int) -> DownloadError:
    """What a stop request becomes: a cancel deletes the part, anything else pauses."""
    if action == "cancel":
        discard_partial(dest)
        return DownloadCancelled(
            translate(
                "Downloads", "The download of {file} was cancelled and its partial file deleted."
            ).format(file=remote.path)
        )
    return DownloadPaused(
        translate(
            "Downloads",
            "The download of {file} is paused at {done} of {size}; resume it to continue where it stopped.",
        ).format(file=remote.path, done=human_size(have), size=human_size(remote.size))
    )


def _open_part(remote: RemoteFile, dest: Path, stop: Callable[[], str | None]) -> _Part:
    """Resume the part if its sidecar names the same content, else start a new one."""
    part_path, sidecar = partial_paths(dest)
    wanted = asdict(remote)
    try:
        known = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = None
    if (
        isinstance(known, dict)
        and known.get("sha256") == remote.sha256
        and known.get("size") == remote.size
        and part_path.is_file()
        and part_path.stat().st_size <= remote.size
    ):
        hasher = _hash_into(part_path, hashlib.sha256(), stop)
        if known != wanted:  # same content from another URL or commit: remember the current one
            write_json(sidecar, wanted)
        return _Part(part_path, part_path.stat().st_size, hasher, remote.size)
    with contextlib.suppress(FileNotFoundError):
        part_path.unlink()
    # The sidecar goes first: a part without one is never resumed, so a kill in between is harmless.
    write_json(sidecar, wanted)
    return _Part(part_path, 0, hashlib.sha256(), remote.size)


def _fetch(remote: RemoteFile, part: _Part, client: httpx2.Client, headers: dict[str, str],
           chunk_size: int, stall_timeout: float, stop: Callable[[], str | None],
           on_progress: Callable[[int, int], None] | None) -> None:  # fmt: skip
    """One GET from what is on disk onwards; raises _Retry for anything worth trying again."""
    request_headers = dict(headers)
    if part.have:
        request_headers["Range"] = f"bytes={part.have}-"
    buffer: list[bytes] = []
    gathered = 0

    def flush() -> bool:
        nonlocal gathered
        fits = part.write(buffer)
        buffer.clear()
        gathered = 0
        if on_progress:
            on_progress(part.have, remote.size)
        return fits

    try:
        with client.stream("GET", remote.url, headers=request_headers, timeout=httpx2.Timeout(stall_timeout),
                           follow_redirects=True) as response:  # fmt: skip
            _check_response(remote, part, response)
            try:
                for piece in response.iter_raw():
                    buffer.append(piece)
                    gathered += len(piece)
                    if gathered >= chunk_size and not flush():
                        break  # more bytes than the file has: drop them; the checksum decides
                    if (action := stop()) is not None:
                        flush()
                        raise _Stop(action)
            except httpx2.TransportError:
                flush()  # keep what arrived before the connection broke
                raise
            if buffer:
                flush()
    except httpx2.TransportError as exc:
        raise _Retry(explain_connection_error(exc, remote.url, stall_timeout)) from exc
    if part.have < remote.size:
        raise _Retry(
            translate(
                "Downloads",
                "The server closed the connection before sending all of {file} ({done} of {size}); the download resumes where it stopped.",
            ).format(file=remote.path, done=human_size(part.have), size=human_size(remote.size))
        )


def _check_response(remote: RemoteFile, part: _Part, response: httpx2.Response) -> None:
    status = response.status_code
    if status == 200:
        if part.have:  # the server ignored Range: take the whole body from byte 0
            part.restart()
        return
    if status == 206:
        first, _, total = response.headers.get("Content-Range", "").removeprefix("bytes ").partition("/")
        start = first.split("-")[0]
        if total not in ("*", "") and total != str(remote.size):
            raise DownloadError(
                translate(
                    "Downloads",
                    "The server's copy of {file} is {size} bytes, but the Hub published {published}. Hearth stopped rather than save a different file; refresh the model list and try again.",
                ).format(file=remote.path, size=total, published=remote.size),
                "server",
            )
        if start == str(part.have):
            return
        part.restart()
        raise _Retry(
            translate(
                "Downloads", "The server sent {file} from an unexpected position; starting it again."
            ).format(file=remote.path),
            "server",
        )
    if status == 416:  # it does not accept our resume point: start over
        part.restart()
        message = translate("Downloads", "The server refused to resume {file}; starting it again.")
        raise _Retry(message.format(file=remote.path), "server")
    message = explain_http_status(status, remote.repo, remote.path)
    if status in (408, 429) or status >= 500:
        raise _Retry(message, "http" if status < 500 else "server", _retry_after(response))
    raise DownloadError(message, "http")


def _retry_after(response: httpx2.Response) -> float | None:
    """Retry-After as seconds, whether sent as a number or as an HTTP date."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def hash_file(path: Path, should_stop: Callable[[], str | None] | None = None) -> str:
    """sha256 of a file on disk. ``should_stop`` returning "cancel" ends it with
    DownloadCancelled, anything else with DownloadPaused; the file is never touched."""
    try:
        return str(_hash_into(path, hashlib.sha256(), should_stop or (lambda: None)).hexdigest())
    except _Stop as s:
        stop = DownloadCancelled if s.action == "cancel" else DownloadPaused
        raise stop(
            translate("Downloads", "Stopped while checking {file}.").format(file=Path(path).name)
        ) from None


def _hash_into(path: Path, hasher: Any, stop: Callable[[], str | None]) -> Any:
    buffer = bytearray(MiB)  # one buffer reused: fresh 8 MiB reads cost a third of the speed
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buffer):
            hasher.update(view[:n])
            _check_stop(stop)  # hashing tens of GB takes a while: stay pausable
    return hasher


def _check_stop(stop: Callable[[], str | None]) -> None:
    if (action := stop()) is not None:
        raise _Stop(action)


def _wait(delay: float, stop: Callable[[], str | None]) -> None:
    """Sleep before a retry while still answering pause/cancel within a tenth of a second."""
    deadline = time.monotonic() + delay
    while (left := deadline - time.monotonic()) > 0:
        _check_stop(stop)
        time.sleep(min(0.1, left))
    _check_stop(stop)


def _finish(remote: RemoteFile, dest: Path, got: str) -> Path:
    """Check the sha256, then move the part into place durably; a mismatch deletes it."""
    expected = remote.sha256.lower()
    if got != expected:
        discard_partial(dest)
        error = ChecksumError(
            translate(
                "Downloads",
                "{file} from {repo} did not match the checksum the Hub publishes (expected {expected}…, got {actual}…). The damaged file was deleted; download it again.",
            ).format(file=remote.path, repo=remote.repo, expected=expected[:12], actual=got[:12])
        )
        error.expected, error.actual = expected, got  # type: ignore[attr-defined]
        raise error
    part_path, sidecar = partial_paths(dest)
    os.replace(part_path, dest)
    fsync_directory(dest.parent)
    with contextlib.suppress(FileNotFoundError):
        sidecar.unlink()
    return dest
