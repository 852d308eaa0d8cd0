"""Hearth's resumable, verified download against a misbehaving fake Hub over real HTTP."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.infra import files
from app.infra.downloads import transfer
from app.infra.downloads.transfer import (
    ChecksumError,
    DiskFullError,
    DownloadCancelled,
    DownloadError,
    DownloadPaused,
    NotEnoughSpaceError,
    RemoteFile,
    download_file,
    find_partial_downloads,
    partial_paths,
    preflight,
)
from app.testing.fake_hub import FakeHub, Fault

REPO = "openai/gpt-oss-test"
KiB, MiB = 1024, 1024 * 1024
# Fast retries; 64 KiB blocks so that a few hundred kB are already many writes.
FAST: dict = {"backoff": lambda attempt: 0.0, "stall_timeout": 2.0, "chunk_size": 64 * KiB, "max_attempts": 4}


def publish(hub: FakeHub, size: int, path: str = "model.gguf", seed: int = 1) -> tuple[RemoteFile, bytes]:
    data = random.Random(seed).randbytes(size)
    commit = hub.add_file(REPO, path, data)
    url = f"{hub.url}/{REPO}/resolve/{commit}/{path}"
    return RemoteFile(REPO, commit, path, url, size, hashlib.sha256(data).hexdigest()), data


def stop_after(nbytes: int, action: str) -> tuple[Callable[[int, int], None], Callable[[], str | None]]:
    """Progress and stop callbacks that ask for ``action`` once ``nbytes`` are on disk."""
    done = [0]

    def progress(have: int, total: int) -> None:
        done[0] = have

    return progress, lambda: action if done[0] >= nbytes else None


def paused_part(hub: FakeHub, remote: RemoteFile, dest: Path, at: int) -> int:
    progress, stop = stop_after(at, "pause")
    with pytest.raises(DownloadPaused, match="paused at"):
        download_file(remote, dest, on_progress=progress, should_stop=stop, **FAST)
    return partial_paths(dest)[0].stat().st_size


def assert_clean(dest: Path, data: bytes) -> None:
    assert dest.read_bytes() == data
    assert not any(p.exists() for p in partial_paths(dest))


def test_complete_download_is_verified_and_moved_into_place(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 3 * MiB + 17)
    seen: list[int] = []
    dest = tmp_path / "models" / "model.gguf"
    assert download_file(remote, dest, on_progress=lambda have, total: seen.append(have), **FAST) == dest
    assert_clean(dest, data)
    assert seen == sorted(seen) and seen[-1] == remote.size
    assert [(r.range_start, r.status) for r in fake_hub.requests()] == [(None, 200)]


def test_pause_keeps_the_part_and_resume_asks_only_for_the_rest(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 2 * MiB)
    dest = tmp_path / "model.gguf"
    have = paused_part(fake_hub, remote, dest, 700 * KiB)
    assert 700 * KiB <= have < remote.size
    assert find_partial_downloads(tmp_path) == [(partial_paths(dest)[0], have)]
    download_file(remote, dest, **FAST)
    assert_clean(dest, data)
    last = fake_hub.requests()[-1]
    assert (last.range_start, last.status, last.sent) == (have, 206, remote.size - have)


def test_a_part_of_other_content_is_started_over(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 1 * MiB)
    dest = tmp_path / "model.gguf"
    part, sidecar = partial_paths(dest)
    part.write_bytes(b"x" * 1000)
    sidecar.write_text(json.dumps({"sha256": "0" * 64, "size": remote.size}))
    download_file(remote, dest, **FAST)
    assert_clean(dest, data)
    assert [r.range_start for r in fake_hub.requests()] == [None]


def test_cancel_deletes_the_part(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, _ = publish(fake_hub, 1 * MiB)
    dest = tmp_path / "model.gguf"
    progress, stop = stop_after(200 * KiB, "cancel")
    with pytest.raises(DownloadCancelled, match="cancelled"):
        download_file(remote, dest, on_progress=progress, should_stop=stop, **FAST)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("times", [1, None], ids=["once", "every-time"])
def test_cut_connections_resume_from_the_last_byte_received(fake_hub: FakeHub, tmp_path: Path,
                                                            times: int | None) -> None:  # fmt: skip
    remote, data = publish(fake_hub, 1 * MiB + 5)
    fake_hub.inject(Fault(cut_after=300_000, times=times))
    download_file(remote, tmp_path / "m.gguf", **FAST)
    assert_clean(tmp_path / "m.gguf", data)
    starts = [r.range_start or 0 for r in fake_hub.requests()]
    # What arrived before each cut was kept: every request starts where the previous one was cut.
    assert starts == list(range(0, remote.size, 300_000))[: len(starts)]
    assert len(starts) == (2 if times else 4)


def test_ignored_range_starts_over_from_zero(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 1 * MiB)
    dest = tmp_path / "model.gguf"
    have = paused_part(fake_hub, remote, dest, 300 * KiB)
    fake_hub.inject(Fault(ignore_range=True))
    download_file(remote, dest, **FAST)
    assert_clean(dest, data)
    last = fake_hub.requests()[-1]
    assert (last.range_start, last.status, last.sent) == (have, 200, remote.size)


def test_a_stall_is_retried_where_it_stopped(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 512 * KiB)
    fake_hub.inject(Fault(stall_after=100_000, stall_for=10, times=1))
    download_file(remote, tmp_path / "m.gguf", **{**FAST, "stall_timeout": 0.3})
    assert_clean(tmp_path / "m.gguf", data)
    assert [r.range_start for r in fake_hub.requests()] == [None, 100_000]


def test_a_server_that_never_sends_fails_with_a_sentence(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, _ = publish(fake_hub, 512 * KiB)
    fake_hub.inject(Fault(stall_after=0))
    dest = tmp_path / "m.gguf"
    with pytest.raises(DownloadError, match=r"no data arrived for 0\.2 seconds.*tried 3 times") as info:
        download_file(remote, dest, **{**FAST, "stall_timeout": 0.2, "max_attempts": 3})
    assert info.value.kind == "network"
    assert len(fake_hub.requests()) == 3
    assert not dest.exists() and partial_paths(dest)[1].exists()  # resumable later


def test_throttled_download_completes(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 600 * KiB)
    fake_hub.inject(Fault(throttle=3 * MiB))
    download_file(remote, tmp_path / "m.gguf", **FAST)
    assert_clean(tmp_path / "m.gguf", data)


@pytest.mark.parametrize(
    "fault", [Fault(extra_bytes=4096), Fault(length_delta=+5000)], ids=["extra", "claims-more"]
)
def test_too_long_bodies_never_make_a_wrong_file(fake_hub: FakeHub, tmp_path: Path, fault: Fault) -> None:
    remote, data = publish(fake_hub, 300 * KiB)
    fake_hub.inject(fault)
    download_file(remote, tmp_path / "m.gguf", **FAST)
    assert_clean(tmp_path / "m.gguf", data)


def test_short_bodies_are_resumed(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 300 * KiB)
    fake_hub.inject(Fault(length_delta=-1000, times=1))
    download_file(remote, tmp_path / "m.gguf", **FAST)
    assert_clean(tmp_path / "m.gguf", data)
    assert [r.range_start for r in fake_hub.requests()] == [None, remote.size - 1000]


def test_a_server_that_always_sends_too_little_fails_clearly(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, _ = publish(fake_hub, 300 * KiB)
    fake_hub.inject(Fault(length_delta=-1000))
    dest = tmp_path / "m.gguf"
    with pytest.raises(DownloadError, match="closed the connection before sending all"):
        download_file(remote, dest, **FAST)
    assert not dest.exists()


def test_a_flipped_byte_is_caught_every_time_and_deleted(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, _ = publish(fake_hub, 1 * MiB)
    fake_hub.inject(Fault(flip_byte_at=654_321))
    for _ in range(2):
        with pytest.raises(ChecksumError, match=r"did not match the checksum the Hub publishes.*deleted"):
            download_file(remote, tmp_path / "m.gguf", **FAST)
        assert list(tmp_path.iterdir()) == []


def test_after_a_checksum_error_the_next_download_is_good(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 1 * MiB)
    fake_hub.inject(Fault(flip_byte_at=remote.size - 1, times=1))
    with pytest.raises(ChecksumError):
        download_file(remote, tmp_path / "m.gguf", **FAST)
    download_file(remote, tmp_path / "m.gguf", **FAST)
    assert_clean(tmp_path / "m.gguf", data)


def test_rate_limits_and_server_errors_are_retried(fake_hub: FakeHub, tmp_path: Path) -> None:
    remote, data = publish(fake_hub, 200 * KiB)
    fake_hub.inject(Fault(status=429, retry_after=0.3, times=1))
    fake_hub.inject(Fault(status=503, times=2))
    download_file(remote, tmp_path / "m.gguf", **FAST)
    assert_clean(tmp_path / "m.gguf", data)
    log = fake_hub.requests()
    assert [r.status for r in log] == [429, 503, 503, 200]
    assert log[1].started - log[0].started >= 0.3  # Retry-After was honoured though backoff is 0


@pytest.mark.parametrize(("status", "code", "words"), [
    (404, "EntryNotFound", "not found"),
    (401, "GatedRepo", "gated or private"),
    (403, "GatedRepo", "accept its licence"),
])  # fmt: skip
def test_refusals_are_not_retried(
    fake_hub: FakeHub, tmp_path: Path, status: int, code: str, words: str
) -> None:
    remote, _ = publish(fake_hub, 100 * KiB)
    fake_hub.inject(Fault(status=status, error_code=code))
    with pytest.raises(DownloadError, match=words) as info:
        download_file(remote, tmp_path / "m.gguf", **FAST)
    assert info.value.kind == "http"
    assert len(fake_hub.requests()) == 1


def test_an_unreachable_server_is_explained(tmp_path: Path) -> None:
    with FakeHub() as hub:
        remote, _ = publish(hub, 1000)
    with pytest.raises(DownloadError, match=r"Could not reach 127\.0\.0\.1:\d+: the connection was refused"):
        download_file(remote, tmp_path / "m.gguf", **{**FAST, "max_attempts": 2})


@pytest.mark.skipif(not hasattr(os, "writev"), reason="the fake full disk stands in for os.writev")
def test_a_full_disk_keeps_the_part_and_says_how_much_is_needed(fake_hub: FakeHub, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    remote, data = publish(fake_hub, 2 * MiB)
    dest = tmp_path / "model.gguf"
    room = [700_001]
    real_write = os.write

    def full_disk_writev(fd: int, buffers: list[memoryview]) -> int:  # short writes, then ENOSPC
        if room[0] == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, b"".join(buffers)[: room[0]])
        room[0] -= n
        return n

    monkeypatch.setattr(transfer.os, "writev", full_disk_writev)
    with pytest.raises(
        DiskFullError, match=r"is full: .* more are needed to finish .* Free space and resume"
    ) as info:
        download_file(remote, dest, **FAST)
    part, sidecar = partial_paths(dest)
    assert part.stat().st_size == 700_001 and sidecar.exists()
    assert info.value.needed == remote.size - 700_001
    monkeypatch.undo()  # space freed
    download_file(remote, dest, **FAST)
    assert_clean(dest, data)
    assert fake_hub.requests()[-1].range_start == 700_001


def test_preflight_refuses_what_cannot_fit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(files.shutil, "disk_usage", lambda p: usage._replace(free=3 * 10**9))
    preflight(tmp_path / "not" / "yet", 2 * 10**9)
    with pytest.raises(
        NotEnoughSpaceError, match=r"needs 3\.5 GB .* 3\.0 GB is free\. Free at least 536\.9 MB"
    ) as info:
        preflight(tmp_path, 3 * 10**9)
    assert info.value.kind == "no_space"
    assert info.value.to_free == 3 * 10**9 + 512 * MiB - 3 * 10**9
    monkeypatch.setattr(files.shutil, "disk_usage", lambda p: usage._replace(free=100 * 10**9))
    with pytest.raises(NotEnoughSpaceError, match=r"and 2\.0 GB kept free"):  # 2 % of a very large file
        preflight(tmp_path, 99 * 10**9)


def test_offline_mode_makes_no_request(
    fake_hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    remote, _ = publish(fake_hub, 1000)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(DownloadError, match="offline mode"):
        download_file(remote, tmp_path / "m.gguf", **FAST)
    assert fake_hub.log == []
