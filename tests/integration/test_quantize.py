"""Quantizing with llama.cpp's real quantizer in its child process, then chatting with the result."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import namedtuple
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.gguf_header import GGUFError, read_gguf_header
from app.core.quant_plan import FTYPES, plan_tensors, predict_quantized_size
from app.infra import files
from app.infra.models.quantize import QuantizeCancelled, QuantizeError, QuantizeJob, quantize_host_command
from app.testing.tiny_model import write_tiny_model
from tests.conftest import conversation, harmony_sampling, start_engine

pytestmark = pytest.mark.engine


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def quantize_checked(src: Path, dst: Path, target: str, threads: int = 1) -> list[tuple[int, int]]:
    """Quantize through QuantizeJob and check the output against the plan; returns progress."""
    source = read_gguf_header(src)
    progress: list[tuple[int, int]] = []
    job = QuantizeJob(src, dst, target, threads=threads)
    assert job.run(lambda i, n: progress.append((i, n))) == dst
    assert progress[-1] == (source.tensor_count, source.tensor_count)
    assert [i for i, _ in progress] == list(range(1, source.tensor_count + 1))
    assert leftovers(dst.parent) == [dst.name]
    out = read_gguf_header(dst)
    assert out.file_type == FTYPES[target]
    assert {t.name: t.type_name for t in out.tensors} == {
        p.name: p.target_type for p in plan_tensors(source.tensors, target)
    }
    actual = os.path.getsize(dst)
    assert job.predicted_bytes == predict_quantized_size(source, target)
    assert abs(job.predicted_bytes - actual) <= 64, (job.predicted_bytes, actual)  # header padding
    return progress


@pytest.mark.parametrize("target", ["MXFP4_MOE", "Q8_0"])
def test_tiny_f32_model_quantizes_and_the_result_chats(tiny_model: Path, tmp_path: Path, target: str) -> None:
    dst = tmp_path / f"tiny-{target}.gguf"
    quantize_checked(tiny_model, dst, target)
    types = read_gguf_header(dst).tensor_bytes_by_type
    assert set(types) == ({"MXFP4", "Q8_0", "F32"} if target == "MXFP4_MOE" else {"Q8_0", "F32"})
    client = start_engine(dst)
    try:
        done = client.generate(conversation("What is 2 + 2?"), harmony_sampling()).wait(timeout=60)
        assert done["type"] == "done" and done["finish"] == "return", done
        assert [m["channel"] for m in done["messages"]] == ["analysis", "final"]
        assert done["messages"][1]["content"]
    finally:
        client.close()


@pytest.mark.slow
def test_f16_bench_model_quantizes_to_the_official_layout(bench_model: Path, tmp_path: Path) -> None:
    quantize_checked(bench_model, tmp_path / "bench-mxfp4.gguf", "MXFP4_MOE", threads=2)


def test_quantized_output_is_refused_as_input_before_a_child_starts(tiny_model: Path, tmp_path: Path) -> None:
    mxfp4 = tmp_path / "made" / "tiny-mxfp4.gguf"
    mxfp4.parent.mkdir()
    QuantizeJob(tiny_model, mxfp4, "MXFP4_MOE", threads=1).run()
    same = QuantizeJob(mxfp4, tmp_path / "again.gguf", "MXFP4_MOE")
    with pytest.raises(QuantizeError, match="already in the MXFP4_MOE layout"):
        same.run()
    with pytest.raises(QuantizeError, match=r"already quantized \(MXFP4\).*F16 or BF16 original"):
        QuantizeJob(mxfp4, tmp_path / "q8.gguf", "Q8_0").run()
    assert same.pid is None and leftovers(tmp_path) == ["made"]
    # The child alone, asked anyway: llama.cpp refuses and the child says so in a sentence.
    child = subprocess.run([*quantize_host_command(), str(mxfp4), str(tmp_path / "x.tmp"), "Q8_0", "1"],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert child.returncode == 1
    last = child.stdout.splitlines()[-1]
    assert last.startswith("ERROR tiny-mxfp4.gguf already holds MXFP4 tensors"), child.stdout
    (tmp_path / "x.tmp").unlink(missing_ok=True)  # llama.cpp opens its output first; a job removes it


def test_child_rejects_bad_arguments_with_a_line(tmp_path: Path) -> None:
    child = subprocess.run([*quantize_host_command(), "a.gguf", "b.tmp", "Q4_K_M"],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert child.returncode == 2 and child.stdout.startswith("ERROR Usage: --quantize-host")


def first_progress_then(action: Callable[[], object]) -> tuple[Callable[[int, int], None], threading.Event]:
    """An on_progress that runs ``action`` once, on the first progress line."""
    fired = threading.Event()

    def on_progress(i: int, n: int) -> None:
        if not fired.is_set():
            fired.set()
            action()

    return on_progress, fired


def test_should_stop_kills_the_child_and_leaves_nothing(bench_model: Path, tmp_path: Path) -> None:
    job = QuantizeJob(bench_model, tmp_path / "out.gguf", "MXFP4_MOE", threads=1)
    stop = threading.Event()
    on_progress, fired = first_progress_then(stop.set)
    with pytest.raises(QuantizeCancelled):
        job.run(on_progress, stop.is_set)
    assert fired.is_set() and leftovers(tmp_path) == []
    assert job._proc is not None and job._proc.poll() is not None


def test_cancel_from_another_thread(bench_model: Path, tmp_path: Path) -> None:
    job = QuantizeJob(bench_model, tmp_path / "out.gguf", "Q8_0", threads=1)
    on_progress, fired = first_progress_then(lambda: None)
    canceller = threading.Thread(target=lambda: fired.wait(30) and job.cancel())
    canceller.start()
    with pytest.raises(QuantizeCancelled):
        job.run(on_progress)
    canceller.join()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_child_killed_by_a_signal_is_a_sentence(bench_model: Path, tmp_path: Path) -> None:
    job = QuantizeJob(bench_model, tmp_path / "out.gguf", "MXFP4_MOE", threads=1)
    on_progress, _ = first_progress_then(lambda: os.kill(job.pid or 0, signal.SIGKILL))
    with pytest.raises(QuantizeError, match=r"quantizer was killed \(SIGKILL\).*out of memory"):
        job.run(on_progress)
    assert leftovers(tmp_path) == []


def test_llama_cpp_abort_in_the_child_is_a_sentence(tmp_path: Path) -> None:
    # Without expert_count llama.cpp fails a GGML_ASSERT while reading the settings: SIGABRT.
    (tmp_path / "src").mkdir()
    src = write_tiny_model(tmp_path / "src" / "no-experts.gguf", drop_keys=("gpt-oss.expert_count",))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QuantizeError) as info:
        QuantizeJob(src, out / "q.gguf", "Q8_0", threads=1).run()
    message = str(info.value)
    if sys.platform != "win32":
        assert message.startswith("The quantizer crashed (SIGABRT) while quantizing no-experts.gguf")
    assert "GGML_ASSERT(n_expert_used_max <= hparams.n_expert)" in message
    assert leftovers(out) == []


def test_missing_setting_reported_from_llama_cpp_log(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    src = write_tiny_model(tmp_path / "src" / "old.gguf", drop_keys=("gpt-oss.expert_feed_forward_length",))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QuantizeError, match=r"old.gguf is missing a setting gpt-oss needs \(key not found"):
        QuantizeJob(src, out / "q.gguf", "Q8_0", threads=1).run()
    assert leftovers(out) == []


def test_truncated_source_is_refused_from_its_header(tiny_model: Path, tmp_path: Path) -> None:
    data = tiny_model.read_bytes()
    src = tmp_path / "src" / "cut.gguf"
    src.parent.mkdir()
    src.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(GGUFError, match=r"cut\.gguf is incomplete") as info:
        QuantizeJob(src, out / "q.gguf", "MXFP4_MOE").run()
    assert info.value.kind == "truncated" and leftovers(out) == []
    with pytest.raises(QuantizeError, match=r"missing\.gguf could not be read"):
        QuantizeJob(tmp_path / "missing.gguf", out / "q.gguf", "MXFP4_MOE").run()


def test_not_enough_disk_space_is_refused_with_numbers(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(files.shutil, "disk_usage", lambda _p: usage(10**12, 10**12 - 5_000_000, 5_000_000))
    job = QuantizeJob(tiny_model, tmp_path / "q.gguf", "Q8_0")
    with pytest.raises(QuantizeError, match=r"needs about 100.5 MB free .* but only 5.0 MB is free"):
        job.run()
    assert job.pid is None and leftovers(tmp_path) == []


def test_existing_destination_and_stale_temp_file(tiny_model: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken.gguf"
    taken.write_bytes(b"keep me")
    with pytest.raises(QuantizeError, match=r"taken\.gguf already exists"):
        QuantizeJob(tiny_model, taken, "Q8_0").run()
    assert taken.read_bytes() == b"keep me"
    with pytest.raises(QuantizeError, match="would replace its source"):
        QuantizeJob(tiny_model, tiny_model, "Q8_0").run()
    # A temporary file from a run that died with the app is ours: replaced, then renamed away.
    (tmp_path / "q.gguf.tmp").write_bytes(b"stale")
    QuantizeJob(tiny_model, tmp_path / "q.gguf", "Q8_0", threads=1).run()
    assert leftovers(tmp_path) == ["q.gguf", "taken.gguf"]


def test_frozen_app_starts_itself_as_the_quantizer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert quantize_host_command() == [sys.executable, "--quantize-host"]
