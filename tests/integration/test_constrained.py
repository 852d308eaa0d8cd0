"""Grammar-constrained output in the real engine on the tiny model: a call's arguments and a
JSON answer held to a JSON schema (llama.cpp's own converter), the analysis left free, and a
schema the converter cannot handle named instead of used."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from app.core.conversation import Conversation, Message
from app.core.harmony import render_prompt
from app.infra.engine.client import EngineClient
from app.infra.engine.protocol import SamplingSettings
from tests.conftest import FIXED_DATE

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        # Patterns keep strings to ASCII letters: llama.cpp's grammar takes a lone byte token
        # (invalid UTF-8, which the random model likes) as a character of a free string.
        "city": {"type": "string", "pattern": "^[a-z]{1,8}$"},
        "unit": {"enum": ["celsius", "fahrenheit"]},
        # A free string: must still be valid JSON (no raw control characters in it).
        "note": {"type": "string", "maxLength": 12},
        "days": {"type": "integer", "minimum": 1, "maximum": 7},
        "tags": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]{0,4}$"}, "maxItems": 3},
        "where": {
            "type": "object",
            "properties": {"lat": {"type": "number"}, "exact": {"type": "boolean"}},
            "required": ["exact"],
        },
    },
    "required": ["city", "unit", "where"],
}
STOP_AT_CALL = {"<|return|>": -1000.0, "<|endoftext|>": -1000.0}


def _valid(value: Any) -> bool:
    """SCHEMA's rules, checked by hand (the test must not trust the converter it tests)."""
    if not isinstance(value, dict) or not {"city", "unit", "where"} <= value.keys():
        return False
    if set(value) - set(SCHEMA["properties"]):
        return False
    ok = isinstance(value["city"], str) and 1 <= len(value["city"]) <= 8 and value["city"].isalpha()
    ok &= value["unit"] in ("celsius", "fahrenheit")
    if "note" in value:
        ok &= isinstance(value["note"], str)
    if "days" in value:
        ok &= isinstance(value["days"], int) and 1 <= value["days"] <= 7
    if "tags" in value:
        ok &= isinstance(value["tags"], list) and len(value["tags"]) <= 3
        ok &= all(isinstance(t, str) and len(t) <= 4 for t in value["tags"])
    where = value["where"]
    ok &= isinstance(where, dict) and isinstance(where.get("exact"), bool) and set(where) <= {"lat", "exact"}
    return bool(ok)


def _prompt(header: str) -> str:
    conv = Conversation([Message.user("Weather?")], current_date=FIXED_DATE)
    return render_prompt(conv) + header


def _content(engine: EngineClient, request: Any) -> tuple[str, dict]:
    for _ in request.events(timeout=120):
        pass
    done = request.result
    assert done is not None and done["type"] == "done", done
    control = engine.control_tokens()
    body = [t for t in done["tokens"] if t not in control]
    return "".join(engine.detokenize(body)["pieces"]), done


def test_call_arguments_always_match_the_schema(engine: EngineClient) -> None:
    header = "<|channel|>commentary to=functions.weather <|constrain|>json<|message|>"
    schemas = {"functions.weather": json.dumps(SCHEMA)}
    for seed in range(12):
        sampling = SamplingSettings(seed=seed, constraints=schemas, logit_bias=dict(STOP_AT_CALL), max_tokens=300)
        text, done = _content(engine, engine.generate(_prompt(header), sampling))
        assert done["finish"] == "call", (seed, text)
        assert _valid(json.loads(text)), (seed, text)
        assert done["stats"]["constrained"] == ["functions.weather"]
    # Without the constraint the random model writes no such JSON: the grammar did the work.
    free = SamplingSettings(seed=0, logit_bias=dict(STOP_AT_CALL), max_tokens=60)
    text, _ = _content(engine, engine.generate(_prompt(header), free))
    with contextlib.suppress(ValueError):
        assert not _valid(json.loads(text))


def test_a_json_answer_is_constrained_and_the_analysis_is_not(engine: EngineClient) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}
    sampling = SamplingSettings(seed=2, constraints={"final": json.dumps(schema)}, max_tokens=200,
                                logit_bias={"<|call|>": -1000.0, "<|endoftext|>": -1000.0})  # fmt: skip
    text, done = _content(engine, engine.generate(_prompt("<|channel|>final<|message|>"), sampling))
    assert isinstance(json.loads(text)["answer"], int) and done["finish"] == "return"
    # A message that is not the answer (here: analysis) is sampled freely.
    _free, done = _content(engine, engine.generate(_prompt("<|channel|>analysis<|message|>"),
                                                 SamplingSettings(seed=2, constraints={"final": json.dumps(schema)},
                                                                  max_tokens=20)))  # fmt: skip
    assert "constrained" not in done["stats"]


def test_a_schema_the_converter_cannot_handle_is_named_not_used(engine: EngineClient) -> None:
    bad = json.dumps({"type": "object", "properties": {"a": {"type": "strin"}}})
    header = "<|channel|>commentary to=functions.weather <|constrain|>json<|message|>"
    sampling = SamplingSettings(seed=1, constraints={"functions.weather": bad}, max_tokens=10)
    _, done = _content(engine, engine.generate(_prompt(header), sampling))
    assert done["type"] == "done" and "constrained" not in done["stats"]
    assert any("functions.weather" in w and "grammar" in w for w in done["stats"]["warnings"])
    # The engine is still fine.
    ok = SamplingSettings(seed=1, constraints={"functions.weather": json.dumps(SCHEMA)},
                          logit_bias=dict(STOP_AT_CALL), max_tokens=300)  # fmt: skip
    text, _ = _content(engine, engine.generate(_prompt(header), ok))
    assert _valid(json.loads(text))


def test_past_the_reasoning_budget_the_engine_opens_the_answer(engine: EngineClient) -> None:
    never_end = {"<|return|>": -1000.0, "<|call|>": -1000.0, "<|endoftext|>": -1000.0}
    sampling = SamplingSettings(seed=5, reasoning_budget=8, max_tokens=40, logit_bias=dict(never_end))
    request = engine.generate(_prompt("<|channel|>analysis<|message|>"), sampling)
    for _ in request.events(timeout=120):
        pass
    done = request.result
    assert done is not None and done["type"] == "done", done
    control = engine.control_tokens()
    names = [control.get(t) for t in done["tokens"]]
    cut = names.index("<|end|>")
    # Eight reasoning tokens, then the answer opened for the model, then its answer.
    assert all(n is None for n in names[:cut]) and cut == 8
    assert names[cut : cut + 3] == ["<|end|>", "<|start|>", None]
    assert "<|channel|>" in names[cut:] and "<|message|>" in names[cut:]
    assert done["stats"]["reasoning_cut"] == 8 and done["stats"]["reasoning_tokens"] == 8
    # Without a budget the same request thinks on.
    free = SamplingSettings(seed=5, max_tokens=40, logit_bias=dict(never_end))
    request = engine.generate(_prompt("<|channel|>analysis<|message|>"), free)
    for _ in request.events(timeout=120):
        pass
    assert "reasoning_cut" not in request.result["stats"]
