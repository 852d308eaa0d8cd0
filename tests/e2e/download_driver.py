"""A download in its own process, for tests that kill it: ``python -m tests.e2e.download_driver``.

Arguments: URL DEST SIZE SHA256 [CHUNK]. Prints ``progress <on disk> <total>`` after every write
and ``done`` at the end; on a DownloadError prints ``error <kind> <sentence>`` and exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.infra.downloads.hub import configure_hub_environment


def main(argv: list[str]) -> int:
    configure_hub_environment(offline=False)  # before huggingface_hub is imported
    from app.infra.downloads.transfer import DownloadError, RemoteFile, download_file

    url, dest, size, sha256 = argv[0], Path(argv[1]), int(argv[2]), argv[3]
    chunk = int(argv[4]) if len(argv) > 4 else 1 << 20
    remote = RemoteFile("test/kill", "0" * 40, dest.name, url, size, sha256)

    def progress(have: int, total: int) -> None:
        sys.stdout.write(f"progress {have} {total}\n")
        sys.stdout.flush()

    try:
        download_file(remote, dest, on_progress=progress, chunk_size=chunk, stall_timeout=10)
    except DownloadError as exc:
        print(f"error {exc.kind} {exc}", flush=True)
        return 1
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
