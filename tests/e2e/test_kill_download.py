"""SIGKILL a real download process at random moments: nothing on disk is fetched twice.

A throttled fake Hub serves a 32 MiB file; the driver process is killed at 22 random points
and started again. After each kill the next request must ask for exactly the bytes the part
file holds, and the bytes lost with the process (sent by the server, not on disk) must be no
more than what a process can hold: the block it was gathering (< CHUNK) plus what sat in the
loopback socket buffers. At 8 MiB/s the server sends 64 KiB pieces every ~8 ms, so those
buffers hold a piece or two, a few more if the machine is busy: SLACK (32 ms of data) allows
for that, and CHUNK + SLACK is still only 1.5 % of the file, where huggingface_hub 2.4.0 would
fetch all of it again.
"""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.infra.downloads.transfer import partial_paths
from app.testing.fake_hub import FakeHub, Fault, LoggedRequest

SIZE = 32 * 1024 * 1024
CHUNK = 256 * 1024
SLACK = 256 * 1024
THROTTLE = 8 * 1024 * 1024
KILLS = 22
ROOT = Path(__file__).resolve().parents[2]


def start_driver(url: str, dest: Path, sha256: str) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "tests.e2e.download_driver", url, str(dest), str(SIZE), sha256, str(CHUNK)]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def wait_finished(hub: FakeHub, entries: list[LoggedRequest]) -> None:
    deadline = time.monotonic() + 10
    while not all(e.finished for e in entries):  # the server notices the dead peer on its next write
        assert time.monotonic() < deadline, "the fake Hub never noticed the killed client"
        time.sleep(0.01)


@pytest.mark.slow
def test_killed_downloads_resume_without_refetching(tmp_path: Path) -> None:
    rng = random.Random(20261121)
    source = tmp_path / "source.gguf"
    source.write_bytes(rng.randbytes(SIZE))
    sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    dest = tmp_path / "models" / "model.gguf"
    part = partial_paths(dest)[0]
    offsets = sorted(rng.sample(range(SIZE // 50, SIZE - SIZE // 50), KILLS))
    losses: list[int] = []
    with FakeHub() as hub:
        commit = hub.add_file("test/kill", "model.gguf", source, sha256=sha256)
        hub.inject(Fault(throttle=THROTTLE))
        url = f"{hub.url}/test/kill/resolve/{commit}/model.gguf"
        expected_start = 0
        for offset in [*offsets, None]:
            seen = len(hub.log)
            proc = start_driver(url, dest, sha256)
            assert proc.stdout is not None
            for line in proc.stdout:
                have = int(line.split()[1]) if line.startswith("progress") else -1
                if offset is not None and have >= offset and have > expected_start:  # fetched something
                    time.sleep(rng.uniform(0, 0.03))  # land anywhere, not just after a write
                    proc.send_signal(signal.SIGKILL)
                    break
            proc.stdout.close()
            code = proc.wait(timeout=60)
            gets = [e for e in hub.log[seen:] if e.method == "GET"]
            assert gets, "the driver made no request"
            assert (gets[0].range_start or 0) == expected_start  # resumed exactly at the part's end
            if code == 0:
                break
            assert code == -signal.SIGKILL
            wait_finished(hub, gets)
            on_disk = part.stat().st_size if part.exists() else 0
            last = gets[-1]
            received = on_disk - (last.range_start or 0)
            assert 0 <= received <= last.sent
            losses.append(last.sent - received)
            expected_start = on_disk
    assert code == 0, "the last run did not finish"
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == sha256
    assert not any(p.exists() for p in partial_paths(dest))
    assert len(losses) >= 20
    assert max(losses) <= CHUNK + SLACK, losses
