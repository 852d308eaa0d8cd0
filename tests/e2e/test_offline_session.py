"""Offline mode, proven: a whole session (start, model list, load, documents indexed and
searched by the model, chat) attempts no network
connection, while the same session online does (so the audit would have seen one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.infra.netaudit import ENV, read_events
from app.testing.fake_hub import FakeHub

pytestmark = [pytest.mark.engine, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def run_session(tmp_path: Path, model: Path, offline: bool, endpoint: str) -> tuple[str, list[str]]:
    audit = tmp_path / f"network-{offline}.log"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)  # no LM Studio / Ollama / HF cache of the machine's own
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", ENV: str(audit), "HF_ENDPOINT": endpoint,
           "HOME": str(home), "HF_HOME": str(home / "hf")}  # fmt: skip
    env.pop("HF_HUB_OFFLINE", None)
    proc = subprocess.run([sys.executable, "-m", "tests.e2e.session_driver", str(tmp_path / f"data-{offline}"),
                           str(model), "1" if offline else "0"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    done = [line for line in proc.stdout.splitlines() if line.startswith("DONE")]
    assert done, proc.stdout + proc.stderr[-3000:]
    return done[-1], read_events(str(audit))


def test_an_offline_session_opens_no_socket_and_an_online_one_does(tmp_path: Path, tiny_model: Path) -> None:
    with FakeHub() as hub:  # answers the online session's questions, on 127.0.0.1
        status, events = run_session(tmp_path, tiny_model, True, hub.url)
        assert status == "DONE complete"
        assert events == []
        assert hub.log == []

        status, events = run_session(tmp_path, tiny_model, False, hub.url)
    assert status == "DONE complete"
    assert any(e.split()[1] == "socket.connect" for e in events), events
