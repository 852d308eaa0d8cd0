"""Fixtures for tests that talk HTTP: a fake Hugging Face Hub on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.testing.fake_hub import FakeHub


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """A fresh hub per test, with huggingface_hub online whatever an earlier test switched."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    with FakeHub() as hub:
        yield hub
