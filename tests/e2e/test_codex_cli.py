"""OpenAI's Codex CLI, in its custom-provider mode, against Hearth's API: the real ``codex``
binary (from npm; CI installs it, see .ci/run) sends its ~18k-token Responses request and prints
the answer Hearth's engine wrote (the tiny model, given a grammar as the other tests do)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.conversation import Conversation
from app.infra.api.server import ApiServer
from app.infra.engine.client import EngineClient
from app.infra.engine.protocol import LoadSettings, SamplingSettings
from app.testing.tiny_model import fixed_answer_grammar, write_tiny_model

pytestmark = pytest.mark.engine


def codex_binary() -> str | None:
    found = os.environ.get("HEARTH_CODEX") or shutil.which("codex")
    cached = Path.home() / ".cache" / "hearth" / "codex" / "node_modules" / ".bin" / "codex"
    return found or (str(cached) if cached.exists() else None)


@pytest.fixture(scope="module")
def long_engine(model_dir: Path) -> Iterator[EngineClient]:
    model = write_tiny_model(model_dir / "tiny-long-gpt-oss.gguf", "tiny-long")
    client = EngineClient()
    client.start()
    assert client.load(model, LoadSettings(n_ctx=32768, n_threads=2)).wait(timeout=120)["type"] == "loaded"
    yield client
    client.close()


def test_codex_cli_chats_through_hearths_api(long_engine: EngineClient, tmp_path: Path) -> None:
    codex = codex_binary()
    if codex is None:
        pytest.skip("the codex CLI is not installed (npm install @openai/codex; .ci/run does)")
    asked: list[Conversation] = []

    def generate(conv: Conversation, sampling: SamplingSettings) -> Iterator[Any]:
        asked.append(conv)
        scripted = dataclasses.replace(sampling, grammar=fixed_answer_grammar("Hello from Hearth"), constraints={})
        return long_engine.generate(conv, scripted).typed_events(120)

    server = ApiServer(generate, lambda: "gpt-oss-tiny", "hearth-codex-key")
    home = tmp_path / "codex-home"
    home.mkdir()
    env = {**os.environ, "CODEX_HOME": str(home), "HOME": str(home), "HEARTH_API_KEY": "hearth-codex-key"}
    provider = f'{{name="Hearth", base_url="{server.url}", env_key="HEARTH_API_KEY", wire_api="responses"}}'
    try:
        done = subprocess.run(
            [codex, "exec", "--skip-git-repo-check", "-c", 'model="gpt-oss-tiny"', "-c", 'model_provider="hearth"',
             "-c", f"model_providers.hearth={provider}", "Say hello"],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    finally:
        server.close()
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Hello from Hearth" in done.stdout + done.stderr
    # Codex's own instructions and tools reached the engine as Hearth renders them.
    assert asked and asked[0].instructions and len(asked[0].tools) >= 1
    assert asked[0].messages[-1].content.endswith("Say hello")
