"""Download throughput and resume cost: Hearth's transfer against huggingface_hub's own download.

A ~1 GiB generated file is served by the fake Hub (in a separate process, so that server and
client do not share a GIL) over loopback, which makes the client's own costs visible:

- Hearth's ``download_file`` (sha256 while writing, fsync every 64 MiB, verify, rename) vs
  ``huggingface_hub.hf_hub_download`` (no content check, no fsync) of the same file, in one run,
  alternating which goes first, best and median of 3 (goal: ratio ≥ 0.95);
- sha256 of the finished file: Hearth's ``hash_file`` vs ``hashlib.file_digest`` (MB/s);
- bytes fetched twice per resume when the connection is cut or the download paused at random
  offsets (Hearth), and the same cuts for huggingface_hub. SIGKILLs are measured by
  tests/e2e/test_kill_download.py (at most one write block).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from app.infra.downloads.hub import configure_hub_environment
from tests.benchmarks.common import machine, table

if TYPE_CHECKING:
    from app.infra.downloads.transfer import RemoteFile

SIZE = 1 << 30
BLOCK = 4 << 20
REPS = 3
CUTS = 5  # huggingface_hub gives up after 5 retries in one call
PAUSES = 10
RESUME_THROTTLE = 50_000_000  # a fast home line (400 Mbit/s): little sits in socket buffers
REPO, NAME = "bench/download", "big.gguf"
ROOT = Path(__file__).resolve().parents[2]
SERVE = (
    "import sys; from pathlib import Path; from app.testing.fake_hub import FakeHub\n"
    "hub = FakeHub(); commit = hub.add_file(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sha256=sys.argv[4])\n"
    "print(hub.url, commit, flush=True); sys.stdin.read(); hub.close()"
)


def generate(path: Path, size: int) -> str:
    """Random-looking bytes, cheaply: one random block, each copy stamped with its index."""
    block, digest = bytearray(os.urandom(BLOCK)), hashlib.sha256()
    with open(path, "wb") as f:
        for i in range(size // BLOCK):
            block[:8] = i.to_bytes(8, "little")
            f.write(block)
            digest.update(block)
    return digest.hexdigest()


def timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


def throughput(work: Path, source: Path, sha256: str) -> dict:
    from huggingface_hub import hf_hub_download

    from app.infra.downloads.transfer import RemoteFile, download_file

    server = subprocess.Popen([sys.executable, "-c", SERVE, REPO, NAME, str(source), sha256], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert server.stdout is not None
        url, commit = server.stdout.readline().split()
        remote = RemoteFile(REPO, commit, NAME, f"{url}/{REPO}/resolve/{commit}/{NAME}", SIZE, sha256)

        def hearth() -> None:
            download_file(remote, work / "hearth" / NAME)

        def hub() -> None:
            hf_hub_download(REPO, NAME, revision=commit, cache_dir=work / "hf", endpoint=url)

        times: dict[str, list[float]] = {"hearth": [], "huggingface_hub": []}
        for rep in range(REPS):
            order = [("hearth", hearth), ("huggingface_hub", hub)]
            for name, fn in order if rep % 2 == 0 else order[::-1]:
                times[name].append(timed(fn))
                shutil.rmtree(work / ("hearth" if name == "hearth" else "hf"))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=30)
    mbps = {k: [SIZE / t / 1e6 for t in v] for k, v in times.items()}
    return {
        name: {"best_MB_s": round(max(v), 1), "median_MB_s": round(statistics.median(v), 1)}
        for name, v in mbps.items()
    } | {
        "ratio_best": round(max(mbps["hearth"]) / max(mbps["huggingface_hub"]), 3),
        "ratio_median": round(
            statistics.median(mbps["hearth"]) / statistics.median(mbps["huggingface_hub"]), 3
        ),
    }


def hashing(source: Path) -> dict:
    from app.infra.downloads.transfer import hash_file

    def plain() -> None:
        with open(source, "rb") as f:
            hashlib.file_digest(f, "sha256")

    hearth = min(timed(lambda: hash_file(source)) for _ in range(REPS))
    base = min(timed(plain) for _ in range(REPS))
    return {"hearth_MB_s": round(SIZE / hearth / 1e6), "hashlib_MB_s": round(SIZE / base / 1e6)}


def pause_at(remote: RemoteFile, dest: Path, at: int) -> None:
    """Download until ``at`` bytes are on disk, then pause."""
    from app.infra.downloads.transfer import DownloadPaused, download_file

    have = [0]

    def progress(done: int, total: int) -> None:
        have[0] = done

    with contextlib.suppress(DownloadPaused):
        download_file(
            remote, dest, on_progress=progress, should_stop=lambda: "pause" if have[0] >= at else None
        )


def refetched(work: Path) -> dict:
    """Bytes sent more than once per resume, cuts and pauses at random offsets, 64 MiB file."""
    from huggingface_hub import hf_hub_download

    from app.infra.downloads.transfer import RemoteFile, download_file
    from app.testing.fake_hub import FakeHub, Fault

    rng, size = random.Random(7), 64 << 20
    data = rng.randbytes(size)
    sha256, out = hashlib.sha256(data).hexdigest(), {}
    fast = {"backoff": lambda attempt: 0.0, "max_attempts": CUTS + 2}
    for case in ("hearth_cut", "hearth_pause", "huggingface_hub_cut"):
        with FakeHub() as hub:
            commit = hub.add_file(REPO, NAME, data)
            remote = RemoteFile(REPO, commit, NAME, f"{hub.url}/{REPO}/resolve/{commit}/{NAME}", size, sha256)
            dest = work / case / NAME
            if case.endswith("_cut"):
                for _ in range(CUTS):  # each request is cut once, after a random share of what is left
                    hub.inject(
                        Fault(cut_after=rng.randrange(1, size // CUTS), throttle=RESUME_THROTTLE, times=1)
                    )
            hub.inject(Fault(throttle=RESUME_THROTTLE))  # after the cuts: the first matching fault wins
            try:
                if case == "hearth_cut":
                    download_file(remote, dest, **fast)  # type: ignore[arg-type]
                elif case == "hearth_pause":
                    for at in sorted(rng.sample(range(size), PAUSES)):
                        pause_at(remote, dest, at)
                    download_file(remote, dest)
                else:
                    hf_hub_download(REPO, NAME, revision=commit, cache_dir=work / case, endpoint=hub.url)
                sent = sum(r.sent for r in hub.requests())
                resumes = len(hub.requests()) - 1
                out[case] = {"resumes": resumes, "refetched_per_resume": (sent - size) // max(1, resumes)}
            except Exception as exc:  # huggingface_hub may give up; that is a result too
                out[case] = {"failed": f"{type(exc).__name__}: {str(exc)[:120]}"}
        shutil.rmtree(work / case, ignore_errors=True)
    return out


def run() -> dict:
    configure_hub_environment(offline=False)  # before huggingface_hub's first import
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"  # tqdm would cost huggingface_hub time
    with tempfile.TemporaryDirectory(prefix="hearth-bench-") as tmp:
        work = Path(tmp)
        source = work / "source.gguf"
        sha256 = generate(source, SIZE)
        speed = throughput(work, source, sha256)
        hashes = hashing(source)
        resume = refetched(work)
    rows = [["measure", "hearth", "huggingface_hub", "goal"]]
    rows.append(["download best MB/s", str(speed["hearth"]["best_MB_s"]),
                 str(speed["huggingface_hub"]["best_MB_s"]), f"ratio {speed['ratio_best']} ≥ 0.95"])  # fmt: skip
    rows.append(["download median MB/s", str(speed["hearth"]["median_MB_s"]),
                 str(speed["huggingface_hub"]["median_MB_s"]), f"ratio {speed['ratio_median']}"])  # fmt: skip
    rows.append(["sha256 MB/s", str(hashes["hearth_MB_s"]), f"hashlib {hashes['hashlib_MB_s']}", ""])
    for case, value in resume.items():
        rows.append([f"re-fetched/resume {case}", str(value.get("refetched_per_resume", value.get("failed"))),
                     "", f"{value.get('resumes', '?')} resumes"])  # fmt: skip
    print(table(rows))
    return {
        "goal": {"throughput_ratio_min": 0.95},
        "measured": {"file_bytes": SIZE, "throughput": speed, "sha256": hashes, "refetched": resume},
        "machine": machine(),
    }
