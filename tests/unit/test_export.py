"""Exports: Markdown shows the current branch as read; JSON keeps every turn; files land whole."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.core.chat_tree import ChatInfo, ChatTree, Turn
from app.core.conversation import Message
from app.core.export import (
    chat_to_json,
    chat_to_markdown,
    message_from_dict,
    message_to_dict,
    messages_from_json,
    messages_to_json,
)
from app.infra.files import write_atomic

TOOL_MESSAGES = (
    Message.analysis("Look it up."),
    Message.call("functions.get_weather", '{"city": "Tromsø"}'),
    Message.tool_result("functions.get_weather", '{"temp": -3}'),
    Message.final("It is −3 °C."),
)


@pytest.fixture
def tree() -> ChatTree:
    info = ChatInfo(
        "c1", title="Weather in Tromsø", instructions="Be brief.\nUse metric units.", effort="high"
    )
    turns = [
        Turn("u1", "c1", None, "user", 1.0, text="How cold is it?"),
        Turn("a1", "c1", "u1", "assistant", 2.0, text="OLD BRANCH ANSWER", reasoning="old thoughts", effort="low"),
        Turn(
            "a2", "c1", "u1", "assistant", 3.0, text="It is −3 °C.",
            reasoning="Look it up.\n\nThen answer.", messages=TOOL_MESSAGES, effort="high",
            stats={"thinking_s": 2.345, "tokens": 17},
        ),
        Turn("u2", "c1", "a2", "user", 4.0, text="And tomorrow?"),
        Turn("a3", "c1", "u2", "assistant", 5.0, text="Probably col", effort="medium", status="stopped"),
    ]  # fmt: skip
    chat = ChatTree(info, turns)
    chat.info.current_leaf = "a3"
    return chat


def test_markdown_is_the_current_branch(tree: ChatTree) -> None:
    md = chat_to_markdown(tree)
    assert md.startswith("# Weather in Tromsø\n")
    assert "> Be brief.\n> Use metric units." in md
    assert md.count("## You") == 2 and md.count("## gpt-oss") == 2
    assert (
        "## gpt-oss (high effort)\n\n**Thinking** (2.3 s)\n\n> Look it up.\n>\n> Then answer.\n\n"
        '**Tool call: functions.get_weather**\n\n```json\n{\n  "city": "Tromsø"\n}\n```\n\n'
        '**Result of functions.get_weather**\n\n```\n{"temp": -3}\n```\n\nIt is −3 °C.'
        in md
    )
    assert "## gpt-oss (medium effort, stopped)\n\nProbably col" in md
    assert md.index("How cold is it?") < md.index("It is −3 °C.") < md.index("And tomorrow?")
    assert "OLD BRANCH" not in md and "old thoughts" not in md
    assert "<|" not in md


def test_markdown_of_the_other_branch(tree: ChatTree) -> None:
    tree.switch_to("a1")
    md = chat_to_markdown(tree)
    assert "OLD BRANCH ANSWER" in md and "> old thoughts" in md and "**Thinking**\n" in md
    assert "It is −3 °C." not in md and "Instructions" in md


def test_json_keeps_every_turn(tree: ChatTree) -> None:
    text = chat_to_json(tree)
    assert "Tromsø" in text  # ensure_ascii=False keeps text readable
    doc = json.loads(text)
    assert (doc["format"], doc["version"]) == ("hearth-chat", 1)
    assert doc["chat"]["id"] == "c1" and doc["chat"]["current_leaf"] == "a3"
    assert set(doc["chat"]) == {
        "id", "title", "created", "updated", "instructions", "effort", "current_leaf", "titled_by_user", "tools",
    }  # fmt: skip
    assert doc["chat"]["tools"] == {}  # the chat's tool choices, as an object
    assert [t["id"] for t in doc["turns"]] == ["u1", "a1", "a2", "u2", "a3"]
    a2 = next(t for t in doc["turns"] if t["id"] == "a2")
    assert a2["parent_id"] == "u1" and a2["stats"] == {"thinking_s": 2.345, "tokens": 17}
    assert a2["messages"][1]["tool_call"] == {
        "recipient": "functions.get_weather", "arguments": '{"city": "Tromsø"}', "content_type": "json",
    }  # fmt: skip
    assert tuple(message_from_dict(m) for m in a2["messages"]) == TOOL_MESSAGES
    assert next(t for t in doc["turns"] if t["id"] == "a3")["status"] == "stopped"


def test_messages_round_trip_and_garbage_is_no_messages() -> None:
    assert messages_from_json(messages_to_json(TOOL_MESSAGES)) == TOOL_MESSAGES
    assert message_from_dict(message_to_dict(Message.user("hi"))) == Message.user("hi")
    for garbage in ("", "{", "null", "{}", "[1]", '[{"role": "system"}]', '[{"role": "user", "content": 5}]',
                    '[{"role": "assistant", "tool_call": {"recipient": 1}}]', "[" * 100_000):  # fmt: skip
        assert messages_from_json(garbage) == (), garbage


def test_exports_are_written_whole(tree: ChatTree, tmp_path: Path) -> None:
    target = tmp_path / "chat.md"
    target.write_text("old export")
    target.chmod(0o600)
    write_atomic(target, chat_to_markdown(tree))
    assert target.read_text(encoding="utf-8") == chat_to_markdown(tree)
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600  # replacing a file keeps its permissions
    write_atomic(tmp_path / "chat.json", chat_to_json(tree).encode())
    assert json.loads((tmp_path / "chat.json").read_bytes())["chat"]["id"] == "c1"
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == chat_to_markdown(tree)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.json", "chat.md"]  # no temp files left


def test_a_tool_result_with_backticks_cannot_break_out_of_its_fence() -> None:
    info = ChatInfo("c2", title="Code")
    messages = (Message.call("python", "print('x')", "code", channel="analysis"),
                Message.tool_result("python", "```\n# Heading from the tool\n````", channel="analysis"),
                Message.final("Done."))  # fmt: skip
    turns = [Turn("u", "c2", None, "user", 1.0, text="run"),
             Turn("a", "c2", "u", "assistant", 2.0, text="Done.", messages=messages)]  # fmt: skip
    chat = ChatTree(info, turns)
    chat.info.current_leaf = "a"
    md = chat_to_markdown(chat)
    assert "**Tool call: python**\n\n```python\nprint('x')\n```" in md
    assert "`````\n```\n# Heading from the tool\n````\n`````" in md
