"""Turning servers' answers back into harmony, and conversations into chat messages."""

from __future__ import annotations

from app.core.conversation import Conversation, Message, ToolCall
from app.core.harmony_parser import HarmonyParser
from app.core.openai_compat import (
    ChatToHarmony,
    ControlSplitter,
    RemoteServer,
    chat_messages,
    read_models,
    reasoning_of,
    sse_data,
)


def parse(pieces: list) -> HarmonyParser:
    parser = HarmonyParser()
    for p in pieces:
        parser.feed_text(p) if isinstance(p, str) else parser.feed_control(p[0])
    return parser


def test_control_tokens_split_across_chunks_are_found() -> None:
    text = "<|channel|>analysis<|message|>a < b and <|x|> stays<|end|><|start|>assistant<|channel|>final<|message|>Hi<|return|>"
    for size in (1, 2, 3, 7, 1000):
        splitter = ControlSplitter()
        pieces: list = []
        for i in range(0, len(text), size):
            pieces += splitter.feed(text[i : i + size])
        pieces += splitter.finish()
        assert "".join(p if isinstance(p, str) else p[0] for p in pieces) == text
        assert [p[0] for p in pieces if isinstance(p, tuple)] == [
            "<|channel|>", "<|message|>", "<|end|>", "<|start|>", "<|channel|>", "<|message|>", "<|return|>"]
        messages = parse(pieces).messages
        assert [(m.channel, m.content) for m in messages] == [("analysis", "a < b and <|x|> stays"), ("final", "Hi")]


def test_a_held_prefix_that_never_completes_is_text() -> None:
    splitter = ControlSplitter()
    assert splitter.feed("total <|mes") == ["total "]
    assert splitter.finish() == ["<|mes"]


def test_chat_deltas_become_the_messages_gpt_oss_would_have_written() -> None:
    h = ChatToHarmony()
    pieces = h.reasoning("Think") + h.reasoning("ing.") + h.content("Hel") + h.content("lo") + h.finish("stop")
    parser = parse(pieces)
    assert [(m.channel, m.content) for m in parser.messages] == [("analysis", "Thinking."), ("final", "Hello")]
    h = ChatToHarmony()
    pieces = h.reasoning("Need a tool.")
    h.tool_call({"index": 0, "id": "c1", "function": {"name": "get_", "arguments": '{"a":'}})
    h.tool_call({"index": 0, "function": {"name": "weather", "arguments": " 1}"}})
    parser = parse(pieces + h.finish("tool_calls"))
    call = parser.messages[-1].tool_call
    assert call == ToolCall("functions.get_weather", '{"a": 1}', "json") and h.call_ids == ["c1"]


def test_chat_messages_keep_reasoning_only_inside_an_open_tool_sequence() -> None:
    conv = Conversation(instructions="Be kind.").with_messages(
        Message.user("q1"), Message.analysis("old thought"), Message.final("a1"),
        Message.user("q2"), Message.analysis("new thought"),
        Message("assistant", "", channel="commentary", tool_call=ToolCall("functions.f", "{}")),
        Message("tool", "result", tool_name="functions.f"),
    )  # fmt: skip
    out = chat_messages(conv)
    assert out[0] == {"role": "system", "content": "Be kind."}
    assert {"role": "assistant", "content": "a1"} in out and "old thought" not in str(out)
    assert out[-2]["reasoning_content"] == "new thought" and out[-1]["role"] == "tool"
    assert out[-1]["tool_call_id"] == out[-2]["tool_calls"][0]["id"]


def test_sse_models_reasoning_fields_and_server_urls() -> None:
    lines = [b": keep-alive\n", b"data: {\"a\": 1}\n", b"\n", b"event: x\n", b"data: [DONE]\n", b"\n"]
    assert list(sse_data(lines)) == ['{"a": 1}', "[DONE]"]
    models = read_models(b'{"object": "list", "data": [{"id": "openai/gpt-oss-20b", "owned_by": "vllm"}]}')
    assert models.ids == ["openai/gpt-oss-20b"] and models.owned_by == {"vllm"}
    assert read_models(b'{"models": [{"name": "gpt-oss:20b"}]}').ids == ["gpt-oss:20b"]
    assert reasoning_of({"reasoning": "r"}) == "r" and reasoning_of({"reasoning_content": "c"}) == "c"
    assert reasoning_of({"content": "x"}) == ""
    server = RemoteServer("192.168.1.20:8000/v1/", model="openai/gpt-oss-120b", kind="vllm")
    assert server.base == "http://192.168.1.20:8000" and server.host == "192.168.1.20:8000"
    assert server.where == "on 192.168.1.20 · vLLM"
    assert RemoteServer.from_dict(server.to_dict()) == server
