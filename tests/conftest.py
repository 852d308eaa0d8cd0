"""Shared fixtures: the tiny gpt-oss model written at test time, and real engines on it."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.conversation import Conversation, Message
from app.infra.engine.client import EngineClient
from app.infra.engine.protocol import LoadSettings, SamplingSettings
from app.testing.tiny_model import HARMONY_REPLY_GRAMMAR, write_tiny_model

# One thread each: on a busy 2-core machine a 2-thread ggml pool spin-waits (gpt-oss.md §5.10).
TEST_LOAD = LoadSettings(n_ctx=4096, n_batch=512, n_ubatch=512, n_threads=1, n_threads_batch=1)
NO_CALL = {"<|call|>": -1000.0, "<|endoftext|>": -1000.0}
NEVER_END = {"<|call|>": -1000.0, "<|endoftext|>": -1000.0, "<|return|>": -1000.0}
FIXED_DATE = datetime.date(2026, 11, 21)


def harmony_sampling(**kw: object) -> SamplingSettings:
    """A well-formed harmony reply (analysis, then final, then <|return|>)."""
    args: dict = {"grammar": HARMONY_REPLY_GRAMMAR, "logit_bias": dict(NO_CALL), "seed": 7}
    args.update(kw)
    return SamplingSettings(**args)


def conversation(*texts: str, **kw: object) -> Conversation:
    return Conversation([Message.user(t) for t in texts], current_date=FIXED_DATE, **kw)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _restore_offline_switch() -> Iterator[None]:
    """Offline mode flips process-wide state (the environment, huggingface_hub's constant);
    a test that turns it on must not leave later tests offline."""
    before = os.environ.get("HF_HUB_OFFLINE")
    yield
    from app.infra.downloads.hub import configure_hub_environment

    configure_hub_environment(before == "1")
    if before is None:
        os.environ.pop("HF_HUB_OFFLINE", None)


@pytest.fixture(scope="session", autouse=True)
def _cpu_check_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The CPU check's verdicts in a file of this test run: the first engine load of the run
    really checks this CPU (the first load a user makes does the same)."""
    from app.infra.engine import cpu_check

    path = tmp_path_factory.mktemp("cpu-check") / "cpu-check.json"
    cpu_check.configure(path)
    yield path
    cpu_check.configure(None)


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def tiny_model(model_dir: Path) -> Path:
    return write_tiny_model(model_dir / "tiny-gpt-oss.gguf")


@pytest.fixture(scope="session")
def bench_model(model_dir: Path) -> Path:
    """The ~83 M preset: slow enough to stop in the middle of things."""
    return write_tiny_model(model_dir / "bench-gpt-oss.gguf", "bench")


def start_engine(model: Path, settings: LoadSettings = TEST_LOAD) -> EngineClient:
    client = EngineClient()
    client.start()
    result = client.load(model, settings).wait(timeout=60)
    assert result["type"] == "loaded", result
    return client


@pytest.fixture(scope="module")
def engine(tiny_model: Path) -> Iterator[EngineClient]:
    """A loaded engine shared by a module's tests; tests must leave it usable."""
    client = start_engine(tiny_model)
    yield client
    client.close()


@pytest.fixture
def fresh_engine(tiny_model: Path) -> Iterator[EngineClient]:
    client = start_engine(tiny_model)
    yield client
    client.close()
