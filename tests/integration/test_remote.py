"""The remote engine against real servers: llama-cpp-python's server on the tiny model, and a
scripted server for what cannot run here (vLLM's shapes for gpt-oss) and for HTTP faults."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.conversation import Conversation, Message, ToolSpec
from app.infra.engine.events import EngineFailed, Loaded, LoadFailed, ReplyDelta, ReplyDone, ReplyStarted
from app.infra.engine.protocol import SamplingSettings
from app.infra.engine.remote import RemoteClient, RemoteError, RemoteServer, choose_path, probe
from app.testing.tiny_model import fixed_answer_grammar, function_call_grammar
from tests.fixtures.openai_servers import (
    VLLM_MODELS,
    CuttingProxy,
    LlamaServer,
    ScriptedServer,
    reply,
    sse,
    stream,
    vllm_chunk,
    vllm_reply,
    vllm_tool_call,
)

CONV = Conversation(instructions="Be brief.", effort="high").with_messages(Message.user("hello <|end|> there"))


@pytest.fixture(scope="module")
def llama_server(tiny_model: Path) -> Iterator[LlamaServer]:
    server = LlamaServer(tiny_model)
    yield server
    server.stop()


def run(request: Any, timeout: float = 60) -> tuple[list[Any], Any]:
    events = list(request.typed_events(timeout))
    return events, events[-1]


def text_of(events: list[Any], kind: str) -> str:
    return "".join(e.text for d in events if isinstance(d, ReplyDelta) for e in d.events if e.kind == kind)


# -- a real server process -----------------------------------------------------------------------
def test_probe_names_the_server_and_its_models(llama_server: LlamaServer) -> None:
    found = probe(RemoteServer(llama_server.url), None)
    assert found.kind == "llama-cpp-python" and found.models == ["gpt-oss-tiny"] and not found.tls
    # A trailing /v1, as people paste it from their server's docs, is the same server.
    assert probe(RemoteServer(llama_server.url + "/v1/"), None).models == ["gpt-oss-tiny"]


def test_a_raw_server_gets_hearths_harmony_and_its_reply_is_parsed_by_hearth(llama_server: LlamaServer) -> None:
    server = RemoteServer(llama_server.url, model="gpt-oss-tiny", kind="llama-cpp-python", path="raw")
    client = RemoteClient(server)
    events, loaded = run(client.load())
    assert isinstance(loaded, Loaded) and "on 127.0.0.1 · llama-cpp-python" in loaded.path
    events, done = run(client.generate(CONV, SamplingSettings(grammar=fixed_answer_grammar("hello there"),
                                                               max_tokens=120, seed=3)))  # fmt: skip
    assert isinstance(events[0], ReplyStarted) and isinstance(done, ReplyDone)
    assert done.finish == "return"
    assert [(m.channel, m.content) for m in done.messages][-1] == ("final", "hello there")
    assert done.messages[0].channel == "analysis" and text_of(events, "reasoning") == done.messages[0].content
    assert text_of(events, "answer") == "hello there"
    assert done.stats["generated_tokens"] > 10 and done.stats["ttft_s"] > 0 and done.stats["tokens_per_s"] > 0
    assert "<|channel|>final<|message|>hello there" in done.raw
    client.close()


def test_a_tool_call_through_a_raw_server_ends_the_reply_as_a_call(llama_server: LlamaServer) -> None:
    server = RemoteServer(llama_server.url, model="gpt-oss-tiny", path="raw")
    client = RemoteClient(server)
    conv = dataclasses.replace(CONV, tools=(ToolSpec("get_weather", "Weather", {"type": "object"}),))
    grammar = function_call_grammar("functions.get_weather", '{"location": "Oslo"}')
    _events, done = run(client.generate(conv, SamplingSettings(grammar=grammar, max_tokens=200, seed=1)))
    assert isinstance(done, ReplyDone) and done.finish == "call"
    call = done.messages[-1].tool_call
    assert call is not None and call.recipient == "functions.get_weather"
    assert json.loads(call.arguments) == {"location": "Oslo"}


def test_stop_ends_the_request_on_the_server_and_keeps_what_came(llama_server: LlamaServer) -> None:
    server = RemoteServer(llama_server.url, model="gpt-oss-tiny", path="raw")
    client = RemoteClient(server)
    long = 'root ::= <|channel|> "analysis" <|message|> ("so it goes on and on. "){400}'
    request = client.generate(CONV, SamplingSettings(grammar=long, max_tokens=3000, seed=1))
    seen: list[Any] = []
    started = time.monotonic()
    for event in request.typed_events(60):
        seen.append(event)
        if isinstance(event, ReplyDelta):
            request.stop()
    done = seen[-1]
    assert isinstance(done, ReplyDone) and done.finish == "stopped"
    got = text_of(seen, "reasoning")
    assert got and ("so it goes on and on. " * 400).startswith(got)  # what arrived before Stop is kept
    assert time.monotonic() - started < 30  # not the whole 3,000 tokens' wait
    # The server is free again at once: the next request is answered.
    _events, again = run(client.generate(CONV, SamplingSettings(grammar=fixed_answer_grammar("ok"), max_tokens=80)))
    assert isinstance(again, ReplyDone) and again.messages[-1].content == "ok"


def test_a_real_stream_cut_by_the_network_keeps_what_arrived(llama_server: LlamaServer) -> None:
    proxy = CuttingProxy(llama_server.port, cut_after=12_000)  # some tokens in, the line drops
    try:
        client = RemoteClient(RemoteServer(proxy.url, model="gpt-oss-tiny", path="raw"))
        long = 'root ::= <|channel|> "analysis" <|message|> ("the tide comes in. "){300}'
        events, failed = run(client.generate(CONV, SamplingSettings(grammar=long, max_tokens=2000, seed=2)))
        assert isinstance(failed, EngineFailed) and "cut before the reply ended" in failed.message
        assert text_of(events, "reasoning").startswith("the tide") and len(text_of(events, "reasoning")) < 6000
    finally:
        proxy.stop()


def test_choose_path_keeps_raw_for_a_server_that_writes_control_tokens(llama_server: LlamaServer) -> None:
    # Random weights do not start with <|channel|> as gpt-oss does; the scripted server below
    # answers the path probe as gpt-oss would through such a server, and as one that strips them.
    writes = ScriptedServer({"POST /v1/completions": reply(200, json.dumps({"choices": [
        {"text": "<|channel|>analysis<|message|>User says hi.", "finish_reason": "length"}]}).encode())})  # fmt: skip
    strips = ScriptedServer({"POST /v1/completions": reply(200, json.dumps({"choices": [
        {"text": "analysisUser says hi.", "finish_reason": "length"}]}).encode())})  # fmt: skip
    try:
        assert choose_path(RemoteServer(writes.url, model="m"), None) == "raw"
        assert choose_path(RemoteServer(strips.url, model="m"), None) == "chat"
        sent = writes.requests[-1]["body"]
        assert sent["prompt"].endswith("<|start|>assistant") and sent["skip_special_tokens"] is False
    finally:
        writes.stop()
        strips.stop()


@pytest.mark.parametrize(("route", "kind"), [
    ("GET /props", "llama-server"), ("GET /api/version", "ollama"), ("GET /api/v0/models", "lmstudio"),
])  # fmt: skip
def test_probe_tells_the_servers_apart_by_their_own_routes(route: str, kind: str) -> None:
    models = {"object": "list", "data": [{"id": "gpt-oss-20b", "object": "model", "owned_by": "organization_owner"}]}
    server = ScriptedServer({"GET /v1/models": reply(200, json.dumps(models).encode()),
                             route: reply(200, b'{"version": "x"}')})  # fmt: skip
    try:
        assert probe(RemoteServer(server.url), None).kind == kind
    finally:
        server.stop()


# -- vLLM's shapes (no GPU here: its stream as it sends it for gpt-oss) ---------------------------
def vllm(routes: dict[str, Any] | None = None, **kw: Any) -> ScriptedServer:
    base = {"GET /v1/models": reply(200, json.dumps(VLLM_MODELS).encode())}
    return ScriptedServer({**base, **(routes or {})}, **kw)


@pytest.mark.parametrize("field", ["reasoning_content", "reasoning"])
def test_vllm_chat_stream_reasoning_apart_from_the_answer(field: str) -> None:
    server = vllm({"POST /v1/chat/completions": stream(vllm_reply(["The user ", "greets."], ["Hello", "!"], field))})
    try:
        found = probe(RemoteServer(server.url), None)
        assert found.kind == "vllm" and found.models == ["openai/gpt-oss-120b"]
        _events, loaded = run(RemoteClient(RemoteServer(server.url, model="openai/gpt-oss-120b", kind="vllm")).load())
        assert isinstance(loaded, Loaded) and loaded.n_ctx == 131072  # vLLM's max_model_len
        client = RemoteClient(RemoteServer(server.url, model="openai/gpt-oss-120b", kind="vllm", path="chat"))
        events, done = run(client.generate(CONV, SamplingSettings(seed=7, max_tokens=500)))
        assert isinstance(done, ReplyDone) and done.finish == "return"
        assert [(m.channel, m.content) for m in done.messages] == [("analysis", "The user greets."), ("final", "Hello!")]
        assert text_of(events, "reasoning") == "The user greets." and text_of(events, "answer") == "Hello!"
        assert done.stats["prompt_tokens"] == 91 and done.stats["generated_tokens"] == 4
        body = server.requests[-1]["body"]
        assert body["reasoning_effort"] == "high" and body["stream"] is True and body["seed"] == 7
        assert body["messages"] == [{"role": "system", "content": "Be brief."},
                                    {"role": "user", "content": "hello <|end|> there"}]  # fmt: skip
    finally:
        server.stop()


def test_vllm_tool_call_becomes_hearths_call_and_the_result_goes_back() -> None:
    server = vllm({"POST /v1/chat/completions": stream(vllm_tool_call("get_weather", ['{"loc', 'ation": "Oslo"}'],
                                                                      ["Need weather."]))})  # fmt: skip
    try:
        client = RemoteClient(RemoteServer(server.url, model="openai/gpt-oss-120b", kind="vllm", path="chat"))
        conv = dataclasses.replace(CONV, tools=(ToolSpec("get_weather", "Weather", {"type": "object"}),))
        _events, done = run(client.generate(conv))
        assert isinstance(done, ReplyDone) and done.finish == "call"
        call = done.messages[-1].tool_call
        assert call is not None and call.recipient == "functions.get_weather"
        assert json.loads(call.arguments) == {"location": "Oslo"}
        assert server.requests[-1]["body"]["tools"][0]["function"]["name"] == "get_weather"
        # The next request carries the call and its result as the chat API wants them.
        server.routes["POST /v1/chat/completions"] = stream(vllm_reply([], ["It is -3 in Oslo."]))
        follow = conv.with_messages(*done.messages, Message("tool", "-3 C", tool_name="functions.get_weather"))
        _events, done2 = run(client.generate(follow))
        assert isinstance(done2, ReplyDone) and done2.messages[-1].content == "It is -3 in Oslo."
        sent = server.requests[-1]["body"]["messages"]
        assert sent[-2]["tool_calls"][0]["function"] == {"name": "get_weather", "arguments": '{"location": "Oslo"}'}
        assert sent[-2]["reasoning_content"] == "Need weather."  # kept: the tool sequence is open
        assert sent[-1] == {"role": "tool", "tool_call_id": sent[-2]["tool_calls"][0]["id"], "content": "-3 C"}
    finally:
        server.stop()


# -- faults: one sentence each, and what arrived is kept ---------------------------------------------
@pytest.mark.parametrize(("status", "words"), [
    (401, "refused the API key (401)"), (403, "refused the API key (403)"), (404, "(404)"),
    (429, "busy (429"), (500, "failed (500): CUDA out of memory"), (503, "failed (503)"),
])  # fmt: skip
def test_http_errors_become_one_sentence(status: int, words: str) -> None:
    body = json.dumps({"error": {"message": "CUDA out of memory", "type": "InternalServerError"}}).encode()
    server = vllm({"POST /v1/chat/completions": reply(status, body)})
    try:
        client = RemoteClient(RemoteServer(server.url, model="openai/gpt-oss-120b", path="chat"), key="sk-secret")
        _events, failed = run(client.generate(CONV))
        assert isinstance(failed, EngineFailed) and words in failed.message
        assert "sk-secret" not in failed.message
        assert server.requests[-1]["headers"]["Authorization"] == "Bearer sk-secret"
    finally:
        server.stop()


def test_a_cut_stream_keeps_the_part_that_arrived() -> None:
    body = vllm_reply(["Thinking ", "about it."], ["Part one, ", "part two."])
    server = vllm({"POST /v1/chat/completions": stream(body, cut_after=4)})
    try:
        client = RemoteClient(RemoteServer(server.url, model="m", path="chat"))
        events, failed = run(client.generate(CONV))
        assert isinstance(failed, EngineFailed) and "cut before the reply ended" in failed.message
        assert text_of(events, "reasoning") == "Thinking about it." and text_of(events, "answer") == "Part one, "
    finally:
        server.stop()


def test_garbage_and_wrong_content_types_are_named() -> None:
    server = vllm({
        "POST /v1/chat/completions": stream(sse([vllm_chunk({"content": "Hi"})], done=False) + b"data: {oops\n\n"),
        "POST /v1/completions": reply(200, b"<html>login page</html>", "text/html"),
    })  # fmt: skip
    try:
        client = RemoteClient(RemoteServer(server.url, model="m", path="chat"))
        events, failed = run(client.generate(CONV))
        assert isinstance(failed, EngineFailed) and "not part of an OpenAI-compatible stream" in failed.message
        assert text_of(events, "answer") == "Hi"
        raw = RemoteClient(RemoteServer(server.url, model="m", path="raw"))
        _events, failed = run(raw.generate(CONV))
        assert isinstance(failed, EngineFailed) and "text/html" in failed.message
    finally:
        server.stop()


def test_a_server_that_goes_quiet_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import app.infra.engine.remote as remote

    monkeypatch.setattr(remote, "READ_TIMEOUT_S", 0.5)
    server = vllm({"POST /v1/chat/completions": stream(vllm_reply([], ["slow", " bytes"]), delay_s=2.0)})
    try:
        client = RemoteClient(RemoteServer(server.url, model="m", path="chat"))
        _events, failed = run(client.generate(CONV))
        assert isinstance(failed, EngineFailed) and "sent nothing for" in failed.message
    finally:
        server.stop()


def test_nothing_listening_and_a_missing_model_are_named() -> None:
    from tests.fixtures.openai_servers import free_port

    with pytest.raises(RemoteError, match=r"Nothing answers at 127\.0\.0\.1"):
        probe(RemoteServer(f"http://127.0.0.1:{free_port()}"), None)
    server = vllm()
    try:
        _events, failed = run(RemoteClient(RemoteServer(server.url, model="gpt-oss-20b")).load())
        assert isinstance(failed, LoadFailed) and "no longer serves “gpt-oss-20b”" in failed.message
        with pytest.raises(RemoteError, match=r"has no /nothing/v1/models \(404\)"):
            probe(RemoteServer(server.url + "/nothing"), None)
        server.routes["GET /v1/models"] = reply(200, b'{"detail": "welcome"}')
        with pytest.raises(RemoteError, match="not an OpenAI-compatible server"):
            probe(RemoteServer(server.url), None)
    finally:
        server.stop()


def test_offline_mode_makes_no_connection() -> None:
    server = vllm()
    try:
        client = RemoteClient(RemoteServer(server.url, model="openai/gpt-oss-120b"), allowed=lambda: False)
        with pytest.raises(RemoteError, match="Offline mode is on"):
            client.generate(CONV)
        with pytest.raises(RemoteError, match="Offline mode is on"):
            client.load()
        assert server.requests == []
    finally:
        server.stop()


# -- TLS -----------------------------------------------------------------------------------------
def test_a_self_signed_server_is_trusted_only_by_its_fingerprint(tmp_path: Path) -> None:
    server = vllm({"POST /v1/chat/completions": stream(vllm_reply([], ["secure"]))}, tls_dir=tmp_path)
    try:
        with pytest.raises(RemoteError) as refused:
            probe(RemoteServer(server.url), None)
        assert "not trusted" in str(refused.value) and refused.value.fingerprint == server.fingerprint
        assert server.requests == []  # nothing was sent to an unverified server
        pinned = RemoteServer(server.url, model="openai/gpt-oss-120b", fingerprint=server.fingerprint)
        assert probe(pinned, None).tls
        _events, done = run(RemoteClient(pinned).generate(CONV))
        assert isinstance(done, ReplyDone) and done.messages[-1].content == "secure"
        # Another certificate under the same address is refused before anything is sent.
        sent = len(server.requests)
        wrong = dataclasses.replace(pinned, fingerprint="ab" * 32)
        with pytest.raises(RemoteError, match=r"certificate of 127\.0\.0\.1:\d+ changed"):
            probe(wrong, None)
        assert len(server.requests) == sent
    finally:
        server.stop()
