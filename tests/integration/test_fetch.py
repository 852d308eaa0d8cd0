"""One catalog variant end to end through the fetcher: a split model's finished shards are
checked and kept on a resume, a damaged one is fetched again, and a stop while checking is a
pause or a cancel as asked."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.core.catalog import custom_variant
from app.infra.downloads.fetch import VariantFetcher
from app.infra.downloads.hub import HubClient
from app.infra.downloads.transfer import DownloadCancelled, DownloadPaused, hash_file
from app.infra.models.library import ModelLibrary
from app.testing.fake_hub import FakeHub

REPO = "hearth-test/split-GGUF"
SHARDS = [f"m-0000{i}-of-00003.gguf" for i in (1, 2, 3)]


class Control:
    def __init__(self, stop: str | None = None) -> None:
        self.phase, self.files, self.done, self.total, self.stop = "", [], 0, 0, stop

    def report(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def stop_requested(self) -> str | None:
        return self.stop


@pytest.fixture
def setup(fake_hub: FakeHub, tmp_path: Path) -> tuple[FakeHub, VariantFetcher, dict[str, bytes]]:
    data = {name: os.urandom(300_000 + i) for i, name in enumerate(SHARDS)}
    for name, body in data.items():
        fake_hub.add_file(REPO, name, body)
    library = ModelLibrary(tmp_path / "models.json", tmp_path / "models")
    fetcher = VariantFetcher(lambda: HubClient(endpoint=fake_hub.url), library)
    return fake_hub, fetcher, data


def test_a_resumed_split_download_keeps_verified_shards_and_refetches_a_damaged_one(setup) -> None:  # type: ignore[no-untyped-def]
    hub, fetcher, data = setup
    variant = custom_variant(REPO, SHARDS[0])
    dests = fetcher.destinations(variant)
    dests[0].parent.mkdir(parents=True)
    dests[0].write_bytes(data[SHARDS[0]])  # finished by an earlier run
    damaged = bytearray(data[SHARDS[1]])
    damaged[10] ^= 0xFF
    dests[1].write_bytes(bytes(damaged))  # right size, wrong bytes
    model = fetcher(variant, Control())
    fetched = [r.path.rsplit("/", 1)[-1] for r in hub.requests("GET") if r.path.endswith(".gguf")]
    assert SHARDS[0] not in fetched and SHARDS[1] in fetched and SHARDS[2] in fetched
    for dest, name in zip(dests, SHARDS, strict=True):
        assert hashlib.sha256(dest.read_bytes()).digest() == hashlib.sha256(data[name]).digest()
    assert model.files == [str(d) for d in dests] and model.state == "verified"


@pytest.mark.parametrize(("how", "error"), [("pause", DownloadPaused), ("cancel", DownloadCancelled)])
def test_a_stop_while_checking_a_file_is_the_stop_that_was_asked(
    tmp_path: Path, how: str, error: type
) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(os.urandom(3 << 20))
    with pytest.raises(error):
        hash_file(path, lambda: how)
    assert path.is_file()  # checking never deletes
    assert hash_file(path) == hashlib.sha256(path.read_bytes()).hexdigest()
