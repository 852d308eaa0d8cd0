"""The real llama.cpp engine, in its child process, on the tiny gpt-oss model."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from app.core.conversation import Message
from app.core.harmony import render_prompt
from app.core.harmony_parser import HarmonyEvent
from app.infra.engine.client import EngineClient, EngineError, message_from_dict
from app.infra.engine.protocol import LoadSettings, SamplingSettings
from app.testing.tiny_model import TOOL_CALL_GRAMMAR, random_text
from tests.conftest import NEVER_END, TEST_LOAD, conversation, harmony_sampling, start_engine

pytestmark = pytest.mark.engine


def collect(request, timeout: float = 60.0) -> tuple[list[HarmonyEvent], dict]:
    events: list[HarmonyEvent] = []
    for message in request.events(timeout=timeout):
        if message["type"] == "events":
            events.extend(message["events"])
    assert request.result is not None
    return events, request.result


def test_load_reports_progress_and_model_facts(tiny_model: Path) -> None:
    client = EngineClient()
    client.start()
    try:
        messages = list(client.load(tiny_model, TEST_LOAD).events(timeout=60))
        kinds = [m["type"] for m in messages]
        assert kinds[-1] == "loaded", messages
        assert "load_progress" in kinds
        loaded = messages[-1]
        assert loaded["n_ctx"] == 4096
        assert loaded["n_swa"] == 128  # gpt-oss's sliding window, read by llama.cpp
        assert loaded["settings"]["flash_attn"] is True
        assert client.model is not None and client.model.path == str(tiny_model)
    finally:
        client.close()
    assert not client.alive


def test_reply_streams_reasoning_then_answer(engine: EngineClient) -> None:
    request = engine.generate(conversation("What is 2 + 2?"), harmony_sampling())
    events, done = collect(request)
    assert done["type"] == "done" and done["finish"] == "return", done
    kinds = [e.kind for e in events]
    first_answer = kinds.index("answer")
    assert "reasoning" in kinds[:first_answer]
    assert "reasoning" not in kinds[first_answer:]
    assert kinds[-2:] == ["message_end", "end"]
    reasoning = "".join(e.text for e in events if e.kind == "reasoning")
    answer = "".join(e.text for e in events if e.kind == "answer")
    assert [m["channel"] for m in done["messages"]] == ["analysis", "final"]
    assert done["messages"][0]["content"] == reasoning and reasoning
    assert done["messages"][1]["content"] == answer and answer
    assert "<|" not in reasoning + answer
    stats = done["stats"]
    assert stats["prompt_tokens"] > 100 and stats["generated_tokens"] == len(done["tokens"])
    assert stats["ttft_s"] > 0 and stats["prompt_tps"] > 0 and stats["gen_tps"] > 0


def test_tool_call_is_reported_with_recipient_and_arguments(engine: EngineClient) -> None:
    sampling = SamplingSettings(grammar=TOOL_CALL_GRAMMAR, seed=3,
                                logit_bias={"<|return|>": -1000.0, "<|endoftext|>": -1000.0})  # fmt: skip
    events, done = collect(engine.generate(conversation("Weather in Oslo?"), sampling))
    calls = [e for e in events if e.kind == "tool_call"]
    assert len(calls) == 1
    assert calls[0].recipient == "functions.get_weather"
    assert calls[0].arguments.startswith('{"location":"') and calls[0].content_type == "json"
    assert done["finish"] == "call"
    assert done["messages"][-1]["tool_call"]["recipient"] == "functions.get_weather"


def test_stop_during_generation_then_next_request_works(engine: EngineClient) -> None:
    request = engine.generate(
        conversation("Tell me a long story."), SamplingSettings(seed=1, logit_bias=NEVER_END)
    )
    seen = 0
    for message in request.events(timeout=60):
        if message["type"] == "events":
            seen += 1
            if seen == 3:
                request.stop()
    done = request.result
    assert done is not None and done["type"] == "done" and done["finish"] == "stopped", done
    assert done["stats"]["generated_tokens"] < engine.model.n_ctx  # type: ignore[union-attr]
    _, after = collect(engine.generate(conversation("And now?"), harmony_sampling()))
    assert after["finish"] == "return"


def test_stop_during_prompt_processing(bench_model: Path) -> None:
    # The ~83 M preset takes seconds over a 2,500-token prompt on one thread: stop mid-way.
    client = start_engine(
        bench_model, LoadSettings(n_ctx=8192, n_batch=256, n_ubatch=256, n_threads=1, n_threads_batch=1)
    )
    try:
        prompt = render_prompt(conversation(random_text(1800)))
        request = client.generate(prompt, SamplingSettings(max_tokens=4))
        kinds = []
        for message in request.events(timeout=120):
            kinds.append(message["type"])
            if message["type"] == "prompt_progress":
                request.stop()
        done = request.result
        assert done is not None and done["finish"] == "stopped", done
        assert "started" not in kinds and done["stats"]["generated_tokens"] == 0
        # The engine answers the next request normally, reusing what was processed.
        _, again = collect(client.generate(prompt, SamplingSettings(max_tokens=2)), timeout=120)
        assert again["finish"] == "length" and again["stats"]["generated_tokens"] == 2
        # Part of the prompt was processed before the stop, not all of it.
        assert 256 <= again["stats"]["cached_tokens"] < again["stats"]["prompt_tokens"] - 1
    finally:
        client.close()


@pytest.mark.parametrize("reply_chars,expected_reuse", [(30, "prefix"), (600, "checkpoint")])
def test_second_turn_reuses_prefix_and_matches_cold_run(
    tiny_model: Path, reply_chars: int, expected_reuse: str
) -> None:
    # A small ubatch makes the sliding-window cache small (256 cells), so a long first reply
    # pushes the end of the first prompt out of it: reuse must then go through a checkpoint.
    settings = LoadSettings(n_ctx=4096, n_batch=512, n_ubatch=64, n_threads=1, n_threads_batch=1)
    grammar = (
        'root ::= <|channel|> "analysis" <|message|> text <|end|> <|start|> "assistant" '
        f'<|channel|> "final" <|message|> "ok"\ntext ::= [a-z]{{{reply_chars},{reply_chars}}}\n'
    )
    first = conversation(random_text(150, seed=1))
    warm = start_engine(tiny_model, settings)
    cold = start_engine(tiny_model, settings)
    try:
        _, turn1 = collect(warm.generate(first, harmony_sampling(grammar=grammar)))
        assert turn1["finish"] == "return"
        second = first.with_messages(*[message_from_dict(m) for m in turn1["messages"]], Message.user("more"))
        greedy = SamplingSettings(temperature=0.0, max_tokens=40, logit_bias=NEVER_END)
        _, warm2 = collect(warm.generate(second, greedy))
        _, cold2 = collect(cold.generate(second, greedy))
        assert warm2["stats"]["reuse"] == expected_reuse
        assert warm2["stats"]["cached_tokens"] >= turn1["stats"]["prompt_tokens"] - 1
        assert cold2["stats"]["cached_tokens"] == 0
        assert warm2["tokens"] == cold2["tokens"]
        assert len(warm2["tokens"]) == 40
    finally:
        warm.close()
        cold.close()


def test_kill_mid_stream_is_reported_and_restart_recovers(fresh_engine: EngineClient) -> None:
    request = fresh_engine.generate(conversation("Go on forever."), SamplingSettings(logit_bias=NEVER_END))
    pid = fresh_engine.pid
    assert pid is not None
    last = None
    killed = False
    for message in request.events(timeout=60):
        last = message
        if message["type"] == "events" and not killed:
            os.kill(pid, signal.SIGKILL)
            killed = True
    assert last is not None and last["type"] == "crashed", last
    assert "killed" in last["reason"] and "memory" in last["reason"]
    assert not fresh_engine.alive
    with pytest.raises(EngineError):
        fresh_engine.generate(conversation("hello?"))
    reload = fresh_engine.restart()
    assert reload is not None and reload.wait(timeout=60)["type"] == "loaded"
    assert fresh_engine.pid != pid
    _, done = collect(fresh_engine.generate(conversation("hello again"), harmony_sampling()))
    assert done["finish"] == "return"


def test_grammar_naming_an_end_token_is_refused_not_fatal(engine: EngineClient) -> None:
    bad = SamplingSettings(grammar='root ::= "a" <|return|>')
    result = engine.generate(conversation("x"), bad).wait(timeout=30)
    assert result["type"] == "error" and "end-of-generation" in result["message"]
    broken = SamplingSettings(grammar="root ::= ( unclosed")
    result = engine.generate(conversation("x"), broken).wait(timeout=30)
    assert result["type"] == "error" and "not valid GBNF" in result["message"]
    assert engine.ping()


def test_prompt_longer_than_context_is_a_clear_error(engine: EngineClient) -> None:
    result = engine.generate(conversation(random_text(5000)), harmony_sampling()).wait(timeout=60)
    assert result["type"] == "error"
    assert "context holds 4,096" in result["message"]
    assert engine.ping()


def test_close_leaves_no_process(tiny_model: Path) -> None:
    client = start_engine(tiny_model)
    proc = client._proc
    client.close()
    assert proc is not None and proc.poll() is not None
    time.sleep(0)  # nothing to wait for: close() already joined the child


def test_load_can_be_cancelled(bench_model: Path) -> None:
    client = EngineClient()
    client.start()
    try:
        # Stop sent right behind the load: llama.cpp's progress callback refuses to go on.
        request = client.load(bench_model, LoadSettings(n_ctx=4096, n_threads=1, n_threads_batch=1))
        request.stop()
        result = request.wait(timeout=60)
        assert result["type"] == "load_failed", result
        assert result["cancelled"] is True and "cancelled" in result["message"]
        assert client.model is None
        assert client.ping()
    finally:
        client.close()


def test_unload_frees_the_model(tiny_model: Path) -> None:
    client = start_engine(tiny_model)
    try:
        client.unload()
        assert client.model is None
        result = client.generate(conversation("anyone there?"), harmony_sampling()).wait(timeout=30)
        assert result["type"] == "error" and result["message"] == "No model is loaded: open a model first."
    finally:
        client.close()


def test_stop_right_after_send_is_not_lost(engine: EngineClient) -> None:
    request = engine.generate(conversation("never mind"), SamplingSettings(logit_bias=NEVER_END))
    request.stop()
    done = request.wait(timeout=60)
    assert done["type"] == "done" and done["finish"] == "stopped"
    # The stop frame follows the request at once, but how many tokens the child decodes before
    # its reader thread sees it depends on the machine's load (CI saw 14 on a busy 2-core box):
    # the property is that the stop is not lost — without it this reply would never end.
    assert done["stats"]["generated_tokens"] < 200
