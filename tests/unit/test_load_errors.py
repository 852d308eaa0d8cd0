"""llama.cpp's log lines become sentences a person can act on."""

from __future__ import annotations

import pytest

from app.infra.engine.load_errors import explain_load_failure

CASES = [
    ("llama_model_load: error loading model: tensor 'blk.3.ffn_up_exps.weight' data is not within the file bounds, "
     "model is corrupted or incomplete", "incomplete"),
    ("llama_model_load: error loading model: error loading model architecture: unknown model architecture: 'gpt-oss2'",
     "architecture"),
    ("llama_model_load: error loading model: error loading model hyperparameters: key not found in model: "
     "gpt-oss.expert_count", "missing a setting"),
    ("llama_model_load: error loading model: done_getting_tensors: wrong number of tensors; expected 100, got 90",
     "tensor layout"),
    ("ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer of size 12000000000", "not enough memory"),
]  # fmt: skip


@pytest.mark.parametrize("line,phrase", CASES)
def test_known_failures_are_explained(line: str, phrase: str) -> None:
    message = explain_load_failure(
        "/models/gpt-oss-20b-mxfp4.gguf", ["llama_model_loader: loaded meta data", line]
    )
    assert "gpt-oss-20b-mxfp4.gguf" in message
    assert phrase in message.lower()


def test_unknown_failure_quotes_the_error_line() -> None:
    message = explain_load_failure("m.gguf", ["some info", "llama_init: error: something new went wrong"])
    assert message == "llama.cpp could not load m.gguf: error: something new went wrong."


def test_no_log_falls_back() -> None:
    assert explain_load_failure("m.gguf", [], "") == "llama.cpp could not load m.gguf."


def test_child_exit_reasons() -> None:
    from app.infra.engine.client import describe_exit

    killed = describe_exit(-9, [])
    assert "killed" in killed and "out of memory" in killed
    aborted = describe_exit(-6, ["llama.cpp/ggml.c:123: GGML_ASSERT(n_dims <= 4) failed"])
    assert "internal error" in aborted and "GGML_ASSERT(n_dims <= 4)" in aborted
    assert "crashed" in describe_exit(-11, []) and "SIGSEGV" in describe_exit(-11, [])
    assert "exit code 3" in describe_exit(3, [])
