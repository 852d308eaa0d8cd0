"""The CPU check (app.infra.engine.cpu_check): real runs on this CPU, and the crash paths.

The crash the check exists for (llama.cpp's AMX kernels on Q8_0 weights) only happens on some
Intel Xeons. On every CPU these tests run the real check and the real engine; the crash itself
is played by a child that dies the way llama.cpp does there (SIGSEGV), at the same moment:
in the check's re-laid-out run, or on the first reply of a model loaded with re-laid-out
weights (HEARTH_FAULT=crash-repacked-reply makes the real engine child do that).
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

import pytest

from app.infra.engine.client import EngineClient
from app.infra.engine.cpu_check import CpuCheck, CpuCheckResult
from app.infra.engine.protocol import LoadSettings
from tests.conftest import TEST_LOAD, harmony_sampling

pytestmark = pytest.mark.engine


def test_the_check_runs_once_on_this_cpu_and_agrees_with_what_llama_cpp_loads(
    tmp_path: Path, tiny_model: Path
) -> None:
    check = CpuCheck(tmp_path / "cpu-check.json")
    assert check.cached() is None
    result = check.ensure()
    assert result.source == "check", result
    assert result.key == check.key() and result.checked_at
    assert "CPU" in result.system_info
    # Kept: a second ask reads the file, it does not run the check again.
    saved = (tmp_path / "cpu-check.json").read_text("utf-8")
    again = check.ensure()
    assert again == result and (tmp_path / "cpu-check.json").read_text("utf-8") == saved
    # The check's findings match a real load on this CPU through the same client.
    client = EngineClient(cpu_check=check)
    client.start()
    try:
        loaded = client.load(tiny_model, TEST_LOAD).wait(timeout=60)
        assert loaded["type"] == "loaded", loaded
        assert loaded["cpu"]["extra_types"] == result.extra_types
        assert loaded["repack"] is result.repack_safe
        assert client.model is not None and client.model.repack is result.repack_safe
    finally:
        client.close()
    if result.repack_safe:
        assert result.detail["finite"] and result.detail["max_logit_diff"] <= 0.05 * result.detail["logit_spread"]
        if result.extra_types:
            # The check's own model really was re-laid out (else it proved nothing).
            assert any(f"model_buffer.{t}" in result.detail["buffers"] for t in result.extra_types)


def _fake_child(tmp_path: Path, body: str) -> list[str]:
    """An engine child speaking the real protocol, scripted by ``body``."""
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent("""
        import os, signal, sys
        from app.infra.engine.protocol import read_frame, write_frame
        out = os.fdopen(os.dup(1), "wb")
        def send(m): write_frame(out, m)
        send({"type": "ready", "pid": os.getpid()})
        msg = read_frame(sys.stdin.buffer)
    """) + textwrap.dedent(body))  # fmt: skip
    return [sys.executable, str(script)]


def test_a_crash_in_the_relaid_out_run_turns_repacking_off(tmp_path: Path) -> None:
    body = """
    send({"type": "check_stage", "id": msg["id"], "stage": "plain"})
    send({"type": "check_stage", "id": msg["id"], "stage": "repacked", "extra_types": ["AMX", "CPU_REPACK"],
          "system_info": "CPU : AVX2 = 1 | AVX512 = 1 | AMX_INT8 = 1 | REPACK = 1 |"})
    os.kill(os.getpid(), signal.SIGSEGV)
    """
    check = CpuCheck(tmp_path / "cpu-check.json")
    result = check.ensure(_fake_child(tmp_path, body))
    assert not result.repack_safe and result.source == "check"
    assert result.extra_types == ["AMX", "CPU_REPACK"]
    assert "crashed a test model" in result.reason
    assert "SIGSEGV" in result.detail["reason"]
    assert CpuCheck(tmp_path / "cpu-check.json").cached() == result  # kept for the next start
    assert result.kernels().enabled is False


def test_a_crash_before_the_relaid_out_run_is_not_blamed_on_it(tmp_path: Path) -> None:
    body = """
    send({"type": "check_stage", "id": msg["id"], "stage": "plain"})
    os.kill(os.getpid(), signal.SIGSEGV)
    """
    check = CpuCheck(tmp_path / "cpu-check.json")
    result = check.ensure(_fake_child(tmp_path, body))
    assert result.repack_safe and result.source == "unchecked"
    assert check.cached() is None  # checked again next time


def test_different_numbers_turn_repacking_off(tmp_path: Path) -> None:
    body = """
    send({"type": "cpu_checked", "id": msg["id"], "extra_types": ["CPU_REPACK"], "system_info": "",
          "buffers": {}, "max_logit_diff": 4.0, "logit_spread": 6.0, "finite": True, "agree": False,
          "same_tokens": False})
    read_frame(sys.stdin.buffer)
    """
    result = CpuCheck(tmp_path / "cpu-check.json").ensure(_fake_child(tmp_path, body))
    assert not result.repack_safe and "different numbers" in result.reason


def test_a_crash_on_the_first_reply_turns_repacking_off_and_the_reload_works(
    tmp_path: Path, tiny_model: Path
) -> None:
    path = tmp_path / "cpu-check.json"
    check = CpuCheck(path)
    env = {**os.environ, "HEARTH_FAULT": "crash-repacked-reply"}
    # As on a CPU whose check passed (whatever this CPU's real verdict): loads use re-laid-out
    # weights. Where they really crash (AMX on Q8_0) the reply dies the same way as the fault.
    check._save(CpuCheckResult(check.key(), True, "seeded", "check", ["CPU_REPACK"], "CPU : AVX2 = 1 |"))
    client = EngineClient(env=env, cpu_check=check)
    client.start()
    try:
        loaded = client.load(tiny_model, TEST_LOAD).wait(timeout=60)
        assert loaded["type"] == "loaded" and loaded["repack"] is True
        crashed = client.generate("<|start|>user<|message|>hi<|end|><|start|>assistant", harmony_sampling()).wait(60)
        assert crashed["type"] == "crashed", crashed
        assert crashed["repack_disabled"] is True
        assert "SIGSEGV" in crashed["reason"] and "without them" in crashed["reason"]
        verdict = json.loads(path.read_text("utf-8"))["verdicts"][check.key()]
        assert verdict["repack_safe"] is False and verdict["source"] == "reply-crash"
        assert verdict["extra_types"] == ["CPU_REPACK"]  # kept from the check's verdict
        assert "(CPU_REPACK)" in crashed["reason"]
        # The next load (here the crash banner's Reload) goes without: the reply then comes.
        reload = client.restart()
        assert reload is not None
        reloaded = reload.wait(timeout=60)
        assert reloaded["type"] == "loaded" and reloaded["repack"] is False, reloaded
        done = client.generate("<|start|>user<|message|>hi<|end|><|start|>assistant", harmony_sampling()).wait(60)
        assert done["type"] == "done", done
    finally:
        client.close()


def test_an_explicit_setting_wins_over_the_check(tmp_path: Path, tiny_model: Path) -> None:
    check = CpuCheck(tmp_path / "cpu-check.json")
    client = EngineClient(cpu_check=check)
    client.start()
    try:
        off = LoadSettings(**{**TEST_LOAD.__dict__, "repack": False})
        loaded = client.load(tiny_model, off).wait(timeout=60)
        assert loaded["repack"] is False
        assert not any(k in loaded["memory"]["buffers"] for k in ("model_buffer.AMX", "model_buffer.CPU_REPACK"))
        assert check.cached() is None  # no check needed for an explicit choice
    finally:
        client.close()


def test_a_crash_is_not_blamed_on_repacking_when_the_plain_path_was_never_shown_to_work(
    tmp_path: Path, tiny_model: Path
) -> None:
    """Seen on a VM whose llama.cpp build crashed loading any model: the check could not
    finish, so a later crash must not be read as the re-laid-out kernels' fault."""
    path = tmp_path / "cpu-check.json"
    check = CpuCheck(path)
    body = """
    send({"type": "check_stage", "id": msg["id"], "stage": "plain"})
    os.kill(os.getpid(), signal.SIGSEGV)
    """
    assert check.ensure(_fake_child(tmp_path, body)).source == "unchecked"
    env = {**os.environ, "HEARTH_FAULT": "crash-repacked-reply"}
    client = EngineClient(env=env, cpu_check=check)
    client.start()
    try:
        # The real check, run now by the load, works on this machine: make it "unchecked" again.
        check.ensure = lambda *a, **k: check._run(_fake_child(tmp_path, body), None)  # type: ignore[method-assign]
        loaded = client.load(tiny_model, TEST_LOAD).wait(timeout=60)
        assert loaded["type"] == "loaded" and loaded["repack"] is True  # llama.cpp's default kept
        crashed = client.generate("<|start|>user<|message|>hi<|end|><|start|>assistant", harmony_sampling()).wait(60)
        assert crashed["type"] == "crashed" and "repack_disabled" not in crashed
        assert "without them" not in crashed["reason"]
        assert check.cached() is None
    finally:
        client.close()
