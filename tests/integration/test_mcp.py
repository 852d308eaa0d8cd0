"""MCP servers: a real server process over stdio (the official SDK on both sides), its tools
offered as harmony functions, and its faults (a hang, a crash, a huge or hostile answer, a
command that does not exist) each ending as one tool error."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.infra.tools.mcp_client import McpConfigError, McpServer, McpServerConfig, parse_config, tool_name

SERVER = str(Path(__file__).resolve().parents[1] / "fixtures" / "mcp_weather_server.py")


@pytest.fixture(scope="module")
def weather(tmp_path_factory: pytest.TempPathFactory) -> Iterator[McpServer]:
    server = McpServer(McpServerConfig("weather", sys.executable, (SERVER,)),
                       tmp_path_factory.mktemp("mcp") / "weather.log")  # fmt: skip
    assert server.start(), server.error
    yield server
    server.stop()


def test_the_shared_config_shape_is_read_and_bad_ones_are_explained() -> None:
    (one,) = parse_config(json.dumps({"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time"],
                                                               "env": {"TZ": "UTC"}}}}))  # fmt: skip
    assert (one.name, one.command, one.args, one.env) == (
        "time",
        "uvx",
        ("mcp-server-time",),
        (("TZ", "UTC"),),
    )
    for bad, words in (("{", "not valid JSON"), ("[]", "mcpServers"), ('{"mcpServers": {"a": {}}}', "no command"),
                       ('{"mcpServers": {"r": {"url": "https://x"}}}', "remote")):  # fmt: skip
        with pytest.raises(McpConfigError, match=words):
            parse_config(bad)
    assert tool_name("my server!", "get-weather") == "my_server__get_weather"


def test_tools_are_listed_with_their_schemas_and_called(weather: McpServer) -> None:
    names = {t.name for t in weather.tools}
    assert names == {"get_weather", "slow", "crash", "huge", "hostile"}
    schema = next(t for t in weather.tools if t.name == "get_weather").schema
    assert schema["required"] == ["location"] and "unit" in schema["properties"]
    assert weather.call("get_weather", {"location": "Oslo"}) == ("Oslo: -3 celsius, clear", False)
    text, error = weather.call("get_weather", {"unit": "kelvin"})  # the server refuses bad arguments
    assert error and text
    assert "get_weather called for 'Oslo'" in weather.log_tail()  # its stderr is kept for the window


def test_a_hang_is_a_timeout_for_that_call_only(weather: McpServer) -> None:
    text, error = weather.call("slow", {}, timeout=1.0)
    assert error and "did not answer within 1 s" in text
    assert weather.call("get_weather", {"location": "Rome"}) == ("Rome: -3 celsius, clear", False)


def test_huge_and_hostile_answers_come_back_as_text(weather: McpServer) -> None:
    text, error = weather.call("huge", {})
    assert not error and len(text) == 10_000_000  # cut to the context by the chat, not here
    text, _ = weather.call("hostile", {})
    assert text.startswith("<|end|><|start|>system")


def test_a_crash_during_a_call_is_an_error_and_the_server_can_be_started_again(tmp_path: Path) -> None:
    server = McpServer(McpServerConfig("weather", sys.executable, (SERVER,)), tmp_path / "w.log")
    try:
        assert server.start(), server.error
        text, error = server.call("crash", {}, timeout=20)
        assert error and "weather" in text
        assert server.state == "failed"
        after, after_error = server.call("get_weather", {"location": "Oslo"})
        assert after_error and "cannot answer" in after
        assert (
            server.start()
            and server.call("get_weather", {"location": "Oslo"})[0] == "Oslo: -3 celsius, clear"
        )
    finally:
        server.stop()


def test_a_command_that_does_not_exist_fails_with_a_sentence(tmp_path: Path) -> None:
    server = McpServer(McpServerConfig("ghost", str(tmp_path / "no-such-program")), tmp_path / "g.log")
    assert not server.start(timeout=20)
    assert server.state == "failed" and "not found" in server.error


def test_the_tool_service_offers_running_servers_tools_as_functions(qtbot: Any, tmp_path: Path) -> None:
    from app.core.conversation import ToolCall
    from app.services.tools import ToolOutcome, ToolService

    service = ToolService(tmp_path / "tools")
    try:
        with qtbot.waitSignal(service.servers_changed, timeout=30_000,
                              check_params_cb=lambda: service.servers["weather"].state == "running"):  # fmt: skip
            service.add_servers(
                json.dumps({"mcpServers": {"weather": {"command": sys.executable, "args": [SERVER]}}})
            )
        # Kept in the same shape other apps write, for the next start.
        saved = json.loads((tmp_path / "tools" / "mcp.json").read_text())
        assert saved["mcpServers"]["weather"]["args"] == [SERVER]
        info = {t.name: t for t in service.available()}
        tool = info["functions.weather__get_weather"]
        assert tool.needs_consent and not tool.on_by_default and tool.spec is not None
        assert tool.spec.parameters["properties"]["location"]["type"] == "string"
        outcomes: list[ToolOutcome] = []
        service.run(
            "chat", ToolCall("functions.weather__get_weather", '{"location": "Oslo"}'), outcomes.append
        )
        service.run("chat", ToolCall("functions.weather__get_weather", "not json"), outcomes.append)
        qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=30_000)
        assert outcomes[0] == ToolOutcome("Oslo: -3 celsius, clear", False)
        assert outcomes[1].error and "not valid JSON" in outcomes[1].text
        # A second service reading the same folder finds the server again.
        again = ToolService(tmp_path / "tools")
        assert list(again.servers) == ["weather"] and again.servers["weather"].state == "stopped"
        again.shutdown()
        with qtbot.waitSignal(service.servers_changed, timeout=10_000):
            service.remove_server("weather")
        assert "functions.weather__get_weather" not in {t.name for t in service.available()}
        assert json.loads((tmp_path / "tools" / "mcp.json").read_text()) == {"mcpServers": {}}
    finally:
        service.shutdown()


def test_a_published_server_from_pypi_runs_offline(tmp_path: Path) -> None:
    """mcp-server-time (the MCP project's reference time server), installed with the test
    extras, started the way a person's config would start it."""
    server = McpServer(McpServerConfig("time", sys.executable, ("-m", "mcp_server_time", "--local-timezone", "UTC")),
                       tmp_path / "time.log")  # fmt: skip
    try:
        assert server.start(), server.error + server.log_tail()
        assert {"get_current_time", "convert_time"} <= {t.name for t in server.tools}
        text, error = server.call("get_current_time", {"timezone": "Europe/Oslo"})
        assert not error and json.loads(text)["timezone"] == "Europe/Oslo"
        text, error = server.call("get_current_time", {"timezone": "Mars/Olympus"})
        assert error and "Mars/Olympus" in text
    finally:
        server.stop()


def test_stopping_a_server_answers_a_waiting_call_at_once(tmp_path: Path) -> None:
    import threading
    import time

    server = McpServer(McpServerConfig("weather", sys.executable, (SERVER,)), tmp_path / "w.log")
    assert server.start(), server.error
    answers: list[tuple[str, bool]] = []
    caller = threading.Thread(target=lambda: answers.append(server.call("slow", {}, timeout=120)))
    caller.start()
    time.sleep(1.0)
    pids = list(server._pids)
    assert pids  # the server's process was seen starting
    t = time.monotonic()
    server.stop()
    caller.join(timeout=30)
    assert answers and answers[0][1] and "stopped before it answered" in answers[0][0]
    assert time.monotonic() - t < 20  # not the call's 120 s deadline
    # The server, stuck in its call, is ended too: nothing is left running after Stop.
    import psutil

    def running(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    assert not any(running(pid) for pid in pids)
