"""The pure rules of tools: a chat's choices, limits per effort, cutting results, showing
arguments, and noticing reasoning that loops."""

from __future__ import annotations

import json

from app.core.conversation import ToolCall
from app.core.tools import (
    REASONING_BUDGET,
    ChatTools,
    fit_result,
    python_tool,
    reasoning_loops,
    schema_problem,
    show_arguments,
)
from app.testing.tiny_model import random_text


def test_choices_round_trip_and_garbage_is_the_default() -> None:
    choices = ChatTools({"python"}, {"python"}, True, '{"type": "object"}', 4096, None)
    assert ChatTools.from_json(choices.to_json()) == choices
    for garbage in ("", "[", "null", "[1]", '{"enabled": 5, "reasoning_budget": -3, "reply_budget": true}'):
        assert ChatTools.from_json(garbage) == ChatTools()
    # Before the person chooses, tools that need consent are off.
    assert not ChatTools().is_on(python_tool())
    assert ChatTools({"python"}, touched=True).is_on(python_tool())


def test_limits_follow_the_effort_unless_the_chat_sets_them() -> None:
    assert ChatTools().budgets("high")[0] == REASONING_BUDGET["high"] > REASONING_BUDGET["low"]
    reasoning, reply = ChatTools(reasoning_budget=500, reply_budget=100).budgets("low")
    assert reasoning == 500 and reply > reasoning  # a reply always has room to answer


def test_results_are_cut_head_and_tail_saying_how_much() -> None:
    text = "A" * 10_000 + "B" * 10_000
    cut = fit_result(text, limit=4_000)
    assert cut.startswith("A" * 3_000) and cut.endswith("B" * 1_000) and "16,000 characters" in cut
    assert fit_result("short") == "short"
    # A small context takes less.
    assert len(fit_result("x" * 50_000, n_ctx=4096)) < len(fit_result("x" * 50_000, n_ctx=131072))


def test_arguments_are_shown_readably() -> None:
    assert show_arguments(ToolCall("functions.f", '{"a":[1,2]}')) == json.dumps({"a": [1, 2]}, indent=2)
    assert show_arguments(ToolCall("functions.f", "{broken")) == "{broken"
    assert show_arguments(ToolCall("python", "print(1)\n", "code")) == "print(1)\n"
    assert schema_problem("") == "" and schema_problem('{"type": "object"}') == ""
    assert "not valid JSON" in schema_problem("{") and "object" in schema_problem("[1]")


def test_reasoning_that_repeats_itself_is_noticed_and_varied_reasoning_is_not() -> None:
    thought = "So the distance is 1 AU and light takes about 499 seconds to cover it; check again. "
    assert reasoning_loops("Let me think. " + thought * 8)
    assert not reasoning_loops("Let me think. " + thought * 2)
    assert not reasoning_loops(random_text(2_000, seed=3))
    assert not reasoning_loops("| --- | --- |\n" + "-" * 5_000)  # a long rule is not a loop
