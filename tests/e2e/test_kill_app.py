"""Kill the real app at random moments while it chats: the history is never corrupted and no
message the window showed as sent is ever lost."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.engine, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


def run_until_killed(data: Path, model: Path, delay: float) -> list[str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.e2e.chat_driver", str(data), str(model)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    started = time.monotonic()
    # Count from the moment the app is up, so the kills land while it chats.
    while "STARTED\n" not in lines and proc.poll() is None and time.monotonic() - started < 30:
        time.sleep(0.01)
    time.sleep(delay)
    proc.kill()
    proc.wait(timeout=30)
    reader.join(timeout=10)
    proc.stdout.close()  # type: ignore[union-attr]
    return [line.split(" ", 1)[1].rstrip("\n") for line in lines if line.startswith("SHOWN ")]


def test_killing_the_app_while_chatting_loses_nothing_shown(tmp_path: Path, tiny_model: Path) -> None:
    data = tmp_path / "data"
    # A returning user: this CPU was checked on an earlier start (the first load of a new
    # install spends a few seconds on it, and kills that land then would leave nothing to test).
    from app.infra.engine.cpu_check import CpuCheck

    assert CpuCheck(data / "cache" / "cpu-check.json").ensure().source == "check"
    rng = random.Random(1234)
    shown: list[str] = []
    for _ in range(KILLS):
        shown += run_until_killed(data, tiny_model, rng.uniform(0.2, 1.5))
        db = sqlite3.connect(data / "history.sqlite3")
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            saved = {row[0] for row in db.execute("SELECT text FROM turns WHERE role = 'user'")}
        finally:
            db.close()
        missing = [text for text in shown if text not in saved]
        assert not missing, f"shown as sent but not in the history: {missing}"
    assert len(shown) >= KILLS  # the kills did land while it was chatting

    # The next start marks the replies cut off by the kills as interrupted, and opens cleanly.
    from app.infra.store import HistoryStore

    store = HistoryStore.open(data / "history.sqlite3")
    try:
        store.mark_interrupted()
        chats = store.list_chats()
        statuses = {t.status for c in chats for t in store.load_chat(c.id).turns.values()}
        assert "streaming" not in statuses
        assert statuses <= {"complete", "interrupted", "stopped"}
    finally:
        store.close()
