"""The real app started as a process: ``hearth --self-test`` must pass and say so in JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_app(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=180)  # fmt: skip


def test_self_test_passes_end_to_end(tmp_path: Path) -> None:
    # A data folder with spaces and non-ASCII characters, and an empty HOME.
    data = tmp_path / "données de test"
    home = tmp_path / "home"
    home.mkdir()
    result = run_app("--self-test", "--data-dir", str(data), env={"HOME": str(home)})
    last = result.stdout.strip().splitlines()[-1]
    report = json.loads(last)
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["ok"] is True
    assert all(report["checks"].values()), report["checks"]
    assert set(report["checks"]) >= {"window_grab", "model_loaded", "reply_streamed", "stop_works",
                                     "history_saved", "database_ok", "hostile_markdown_inert",
                                     "no_harmony_tokens_shown", "libllama_from_package",
                                     "injection_neutralized", "offline_no_network", "download_verified",
                                     "hardware_probed", "memory_plan_matches_engine",
                                     "session_model_state", "shutdown_clean", "math_drawn"}  # fmt: skip
    assert report["reply_stats"]["generated_tokens"] > 0
    assert (data / "cache" / "self-test-window.png").stat().st_size > 1000


def test_version_and_help() -> None:
    from app import __version__

    assert run_app("--version").stdout.strip() == f"Hearth {__version__}"
    assert "--self-test" in run_app("--help").stdout
