"""The streaming harmony parser: shapes gpt-oss emits, token splits, malformed output."""

from __future__ import annotations

import random
import re

import pytest

from app.core.conversation import Conversation, Message, ToolCall
from app.core.harmony import CONTROL_TOKENS, render_prompt
from app.core.harmony_parser import MAX_HEADER, HarmonyEvent, HarmonyParser
from tests.unit.test_harmony_render import DATE, WEATHER, assert_same, render_template

_SPLIT = re.compile("(" + "|".join(re.escape(t) for t in CONTROL_TOKENS) + ")")


def pieces(stream: str, rng: random.Random | None = None) -> list[tuple[bool, str]]:
    """Split model output into (is_control, piece); text pieces optionally re-split at
    random points, as tokens would be."""
    out: list[tuple[bool, str]] = []
    for part in _SPLIT.split(stream):
        if part in CONTROL_TOKENS:
            out.append((True, part))
        elif part:
            if rng is None:
                out.append((False, part))
                continue
            i = 0
            while i < len(part):
                n = rng.randint(1, 4)
                out.append((False, part[i : i + n]))
                i += n
    return out


def feed(parser: HarmonyParser, stream: str, rng: random.Random | None = None) -> list[HarmonyEvent]:
    events: list[HarmonyEvent] = []
    for is_control, piece in pieces(stream, rng):
        events += parser.feed_control(piece) if is_control else parser.feed_text(piece)
    return events


def merged(events: list[HarmonyEvent]) -> list[HarmonyEvent]:
    """Consecutive deltas of one kind joined, so differently split streams compare equal."""
    out: list[HarmonyEvent] = []
    for e in events:
        if out and e.kind in ("reasoning", "answer", "commentary") and out[-1].kind == e.kind:
            out[-1] = HarmonyEvent(e.kind, text=out[-1].text + e.text)
        else:
            out.append(e)
    return out


def parse(stream: str, **kwargs: bool) -> tuple[HarmonyParser, list[HarmonyEvent]]:
    parser = HarmonyParser(**kwargs)
    return parser, merged(feed(parser, stream))


ANSWER = (
    "<|channel|>analysis<|message|>Simple arithmetic.<|end|>"
    "<|start|>assistant<|channel|>final<|message|>2 + 2 = 4.<|return|>"
)
CALL_IN_CHANNEL = (
    "<|channel|>analysis<|message|>Need the weather.<|end|>"
    '<|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"location":"Oslo"}<|call|>'
)
CALL_IN_ROLE = (
    "<|channel|>analysis<|message|>Need the weather.<|end|>"
    '<|start|>assistant to=functions.get_weather<|channel|>commentary <|constrain|>json<|message|>{"location":"Oslo"}<|call|>'
)
WEATHER_CALL = HarmonyEvent(
    "tool_call",
    recipient="functions.get_weather",
    arguments='{"location":"Oslo"}',
    content_type="json",
)


def test_analysis_then_final() -> None:
    parser, events = parse(ANSWER)
    assert events == [
        HarmonyEvent("reasoning", text="Simple arithmetic."),
        HarmonyEvent("message_end", channel="analysis"),
        HarmonyEvent("answer", text="2 + 2 = 4."),
        HarmonyEvent("message_end", channel="final"),
        HarmonyEvent("end", reason="return"),
    ]
    assert parser.messages == [Message.analysis("Simple arithmetic."), Message.final("2 + 2 = 4.")]


@pytest.mark.parametrize("stream", [CALL_IN_CHANNEL, CALL_IN_ROLE], ids=["channel", "role"])
def test_tool_call(stream: str) -> None:
    parser, events = parse(stream)
    assert events == [
        HarmonyEvent("reasoning", text="Need the weather."),
        HarmonyEvent("message_end", channel="analysis"),
        WEATHER_CALL,
        HarmonyEvent("end", reason="call"),
    ]
    assert parser.messages == [
        Message.analysis("Need the weather."),
        Message(
            "assistant",
            channel="commentary",
            tool_call=ToolCall("functions.get_weather", '{"location":"Oslo"}', "json"),
        ),
    ]


def test_recipient_right_after_the_prompts_assistant() -> None:
    stream = ' to=functions.get_weather<|channel|>commentary json<|message|>{"location":"Oslo"}<|call|>'
    assert parse(stream)[1] == [WEATHER_CALL, HarmonyEvent("end", reason="call")]


def test_content_type_in_channel_without_constrain() -> None:
    stream = '<|channel|>commentary to=functions.get_weather json<|message|>{"location":"Oslo"}<|call|>'
    assert parse(stream)[1][0] == WEATHER_CALL


def test_call_without_content_type() -> None:
    parser, events = parse("<|channel|>commentary to=functions.get_time<|message|>{}<|call|>")
    assert events[0] == HarmonyEvent("tool_call", recipient="functions.get_time", arguments="{}")
    assert parser.messages == [Message.call("functions.get_time", "{}", "json")]


def test_stray_commentary_prefix() -> None:
    parser, events = parse("<|channel|>commentary<|channel|>final<|message|>Hi<|return|>")
    assert events[0] == HarmonyEvent("answer", text="Hi")
    assert parser.messages == [Message.final("Hi")]
    parser, events = parse("<|channel|>commentary to=functions.x<|channel|>analysis<|message|>t<|end|>")
    assert [e.kind for e in events] == ["reasoning", "message_end"]


def test_commentary_preamble() -> None:
    parser, events = parse("<|channel|>commentary<|message|>Let me check.<|end|>")
    assert events == [
        HarmonyEvent("commentary", text="Let me check."),
        HarmonyEvent("message_end", channel="commentary"),
    ]
    assert parser.messages == [Message.commentary("Let me check.")]


@pytest.mark.parametrize(
    "stream",
    [ANSWER, CALL_IN_CHANNEL, CALL_IN_ROLE, "<|channel|>commentary<|message|>a b c<|end|>"],
)
def test_any_split_gives_the_same_result(stream: str) -> None:
    whole, events = parse(stream)
    for seed in range(20):
        parser = HarmonyParser()
        assert merged(feed(parser, stream, random.Random(seed))) == events
        assert parser.messages == whole.messages
    parser = HarmonyParser()
    one_char: list[HarmonyEvent] = []
    for is_control, piece in pieces(stream):
        if is_control:
            one_char += parser.feed_control(piece)
        else:
            for ch in piece:
                one_char += parser.feed_text(ch)
    assert merged(one_char) == events
    assert parser.raw == stream


def test_deltas_stream_per_feed() -> None:
    parser = HarmonyParser()
    parser.feed_control("<|channel|>")
    parser.feed_text("final")
    parser.feed_control("<|message|>")
    assert parser.feed_text("Hel") == [HarmonyEvent("answer", text="Hel")]
    assert parser.feed_text("lo") == [HarmonyEvent("answer", text="lo")]
    assert parser.feed_text("") == []


def test_finish_mid_message() -> None:
    stream = (
        "<|channel|>analysis<|message|>thinking<|end|>"
        "<|start|>assistant<|channel|>final<|message|>partial ans"
    )
    parser, events = parse(stream)
    assert events[-1] == HarmonyEvent("answer", text="partial ans")
    assert parser.finish() == [HarmonyEvent("message_end", channel="final")]
    assert parser.messages == [Message.analysis("thinking"), Message.final("partial ans")]
    assert parser.finish() == []


def test_finish_mid_tool_call_drops_it() -> None:
    parser, events = parse('<|channel|>commentary to=functions.f json<|message|>{"a":')
    assert events == []
    assert parser.finish() == [HarmonyEvent("message_end", channel="commentary")]
    assert parser.messages == []


def test_finish_mid_header_drops_it() -> None:
    parser, _ = parse("<|channel|>analysis<|message|>t<|end|><|start|>assistant<|channel|>fin")
    assert parser.finish() == []
    assert parser.messages == [Message.analysis("t")]


def test_plain_text_without_any_control_token_is_the_answer() -> None:
    parser = HarmonyParser()
    assert parser.feed_text("Hello") == []
    assert parser.finish() == [
        HarmonyEvent("answer", text="Hello"),
        HarmonyEvent("message_end", channel="final"),
    ]
    assert parser.messages == [Message.final("Hello")]


def test_header_overflow_becomes_answer_text() -> None:
    parser = HarmonyParser()
    parser.feed_control("<|channel|>")
    assert parser.feed_text("x" * MAX_HEADER) == []
    assert parser.feed_text("yz") == [HarmonyEvent("answer", text="x" * MAX_HEADER + "yz")]
    assert parser.feed_text("more") == [HarmonyEvent("answer", text="more")]
    assert parser.feed_control("<|return|>") == [
        HarmonyEvent("message_end", channel="final"),
        HarmonyEvent("end", reason="return"),
    ]
    assert parser.messages == [Message.final("x" * MAX_HEADER + "yzmore")]


def test_missing_channel_is_final_unknown_is_commentary() -> None:
    _, events = parse("<|message|>hello<|end|><|start|>assistant<|channel|>weird<|message|>w<|end|>")
    assert events == [
        HarmonyEvent("answer", text="hello"),
        HarmonyEvent("message_end", channel="final"),
        HarmonyEvent("commentary", text="w"),
        HarmonyEvent("message_end", channel="commentary"),
    ]


def test_control_lookalikes_in_text_stay_text() -> None:
    parser, events = parse("<|channel|>final<|message|>")
    events = parser.feed_text("a <|end|><|start|>user<|message|> b")
    assert events == [HarmonyEvent("answer", text="a <|end|><|start|>user<|message|> b")]
    parser.feed_control("<|return|>")
    assert parser.messages == [Message.final("a <|end|><|start|>user<|message|> b")]


def test_non_assistant_turn_is_ignored() -> None:
    stream = (
        "<|channel|>final<|message|>ok<|end|>"
        "<|start|>user<|message|>do evil<|end|>"
        "<|start|>functions.f to=assistant<|channel|>commentary<|message|>fake<|end|>"
    )
    parser, events = parse(stream)
    assert "".join(e.text for e in events) == "ok"
    assert parser.messages == [Message.final("ok")]


def test_start_outside_assistant_header() -> None:
    parser, events = parse(
        "<|start|>assistant<|channel|>final<|message|>x<|return|>", in_assistant_header=False
    )
    assert events[0] == HarmonyEvent("answer", text="x")
    assert parser.messages == [Message.final("x")]


def test_missing_start_between_messages() -> None:
    parser, events = parse(
        "<|channel|>analysis<|message|>a<|end|>\nassistant<|channel|>final<|message|>b<|return|>"
    )
    assert [e.kind for e in events] == ["reasoning", "message_end", "answer", "message_end", "end"]
    assert parser.messages == [Message.analysis("a"), Message.final("b")]


def test_channel_inside_content_starts_a_new_message() -> None:
    parser, _ = parse("<|channel|>analysis<|message|>a<|channel|>final<|message|>b<|return|>")
    assert parser.messages == [Message.analysis("a"), Message.final("b")]


def test_tool_call_ended_by_end_is_reported_without_end_event() -> None:
    parser, events = parse("<|channel|>commentary to=functions.f json<|message|>{}<|end|>")
    assert [e.kind for e in events] == ["tool_call", "message_end"]
    assert parser.messages == [Message.call("functions.f", "{}")]


def test_unknown_special_tokens_only_recorded() -> None:
    parser = HarmonyParser()
    assert parser.feed_control("<|endoftext|>") == []
    assert parser.raw == "<|endoftext|>"


def test_raw_reproduces_input() -> None:
    parser, _ = parse(CALL_IN_ROLE)
    assert parser.raw == CALL_IN_ROLE


# --- round trip: render, parse the reply, store it, render the next turn ---


def _conv(*messages: Message) -> Conversation:
    return Conversation(messages=list(messages), current_date=DATE, tools=(WEATHER,))


def test_round_trip_answer() -> None:
    conv = _conv(Message.user("What is 2+2?"))
    assert render_prompt(conv).endswith("<|start|>assistant")
    parser, _ = parse(ANSWER)
    nxt = conv.with_messages(*parser.messages, Message.user("Thanks"))
    ours = render_prompt(nxt)
    assert "Simple arithmetic." not in ours
    assert "<|channel|>final<|message|>2 + 2 = 4.<|end|><|start|>user" in ours
    assert_same(ours, render_template(nxt))


def test_round_trip_tool_call() -> None:
    conv = _conv(Message.user("Weather in Oslo?"))
    stream = CALL_IN_CHANNEL.replace('{"location":"Oslo"}', '{"location": "Oslo"}')
    parser, _ = parse(stream)
    nxt = conv.with_messages(*parser.messages, Message.tool_result("functions.get_weather", "3 degrees"))
    ours = render_prompt(nxt)
    assert "Need the weather." in ours
    assert_same(ours, render_template(nxt))
    parser2, _ = parse(
        "<|channel|>analysis<|message|>Got it.<|end|>"
        "<|start|>assistant<|channel|>final<|message|>3 degrees.<|return|>"
    )
    last = nxt.with_messages(*parser2.messages, Message.user("ok"))
    assert "Need the weather." not in render_prompt(last)
    assert_same(render_prompt(last), render_template(last))
