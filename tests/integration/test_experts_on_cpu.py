"""Keeping the experts in system RAM (llama.cpp's --cpu-moe), as the memory plan may choose
for gpt-oss-120b on a small GPU: the override reaches llama.cpp and the model still answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.infra.engine.llama_session import LlamaLog, LlamaSession
from app.infra.engine.protocol import LoadSettings
from tests.conftest import TEST_LOAD, conversation, harmony_sampling, start_engine

pytestmark = pytest.mark.engine
OVERRIDE = "tensor overrides to CPU"  # llama.cpp's own words when a buffer-type override applies


@pytest.mark.parametrize("on", [False, True])
def test_the_override_reaches_llama_cpp_only_when_asked(tiny_model: Path, on: bool) -> None:
    log = LlamaLog(maxlen=5000)
    settings = LoadSettings(n_ctx=1024, n_threads=1, n_threads_batch=1, experts_on_cpu=on)
    session = LlamaSession(str(tiny_model), settings, log)
    try:
        assert any(OVERRIDE in line for line in log.lines) is on
    finally:
        session.close()
        log.close()


def test_a_model_with_its_experts_in_ram_loads_and_answers(tiny_model: Path) -> None:
    from dataclasses import replace

    client = start_engine(tiny_model, replace(TEST_LOAD, experts_on_cpu=True))
    try:
        done = client.generate(conversation("hello"), harmony_sampling()).wait(60)
        assert done["type"] == "done" and done["stats"]["generated_tokens"] > 0
    finally:
        client.close()
