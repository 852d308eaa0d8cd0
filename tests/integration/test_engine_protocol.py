"""The client against misbehaving child processes (real processes, no llama.cpp)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.infra.engine.client import EngineClient, EngineError

PRELUDE = """
import json, struct, sys, time
out = sys.stdout.buffer
def send(m):
    d = json.dumps(m).encode()
    out.write(struct.pack(">I", len(d)) + d)
    out.flush()
"""


def child(tmp_path: Path, body: str) -> list[str]:
    script = tmp_path / "child.py"
    script.write_text(PRELUDE + body, encoding="utf-8")
    return [sys.executable, str(script)]


def test_corrupt_stream_is_reported_and_the_child_is_ended(tmp_path: Path) -> None:
    body = """
send({"type": "ready", "pid": 0})
sys.stdin.buffer.read(4)
out.write(b"\\xff\\xff\\xff\\xffgarbage"); out.flush()
time.sleep(60)
"""
    client = EngineClient(command=child(tmp_path, body))
    client.start()
    result = client._send("ping", {}).wait(timeout=30)
    assert result["type"] == "crashed"
    assert any("protocol error" in line for line in result["stderr"])
    assert not client.alive  # killed, not left running unread
    with pytest.raises(EngineError):
        client.generate("<|start|>assistant")
    client.close()


def test_child_that_never_gets_ready(tmp_path: Path) -> None:
    body = """
print("Traceback: something went wrong before the engine started", file=sys.stderr)
sys.exit(3)
"""
    client = EngineClient(command=child(tmp_path, body))
    with pytest.raises(EngineError, match="exit code 3"):
        client.start(timeout=30)
    client.close()


def test_child_exit_mid_request_reaches_every_open_request(tmp_path: Path) -> None:
    body = """
send({"type": "ready", "pid": 0})
sys.stdin.buffer.read(4)
print("GGML_ASSERT(ctx != nullptr) failed", file=sys.stderr, flush=True)
import os, signal
os.kill(os.getpid(), signal.SIGABRT)
"""
    client = EngineClient(command=child(tmp_path, body))
    client.start()
    first = client._send("ping", {})
    result = first.wait(timeout=30)
    assert result["type"] == "crashed"
    assert "internal error" in result["reason"] and "GGML_ASSERT(ctx != nullptr)" in result["reason"]
    client.close()
