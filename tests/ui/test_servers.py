"""Models → Servers… in the real window: add a server, test it, use it, chat through it, and
the window says where messages go (a scripted server with vLLM's shapes; no GPU here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.services.session import ModelState
from tests.fixtures.openai_servers import VLLM_MODELS, ScriptedServer, reply, stream, vllm_reply
from tests.ui.test_chat_window import build


@pytest.fixture
def vllm_server() -> Any:
    server = ScriptedServer({
        "GET /v1/models": reply(200, json.dumps(VLLM_MODELS).encode()),
        "POST /v1/chat/completions": stream(vllm_reply(["The user ", "greets."], ["Hello ", "from vLLM!"])),
    })  # fmt: skip
    yield server
    server.stop()


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Any:
    win = build(tmp_path)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.shutdown()


def add_and_use(qtbot: Any, window: Any, url: str, key: str = "") -> Any:
    window.models.servers_action.trigger()
    dialog = window.models.servers_dialog
    dialog.url.setText(url)
    dialog.key.setText(key)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.use_button.isEnabled() or "refused" in dialog.status.text(), timeout=20_000)
    return dialog


def test_a_server_is_tested_used_and_chatted_through(qtbot: Any, window: Any, vllm_server: Any) -> None:
    dialog = add_and_use(qtbot, window, vllm_server.url + "/v1", key="sk-test-123")
    assert "vLLM at 127.0.0.1" in dialog.status.text() and dialog.model.currentText() == "openai/gpt-oss-120b"
    with qtbot.waitSignal(window.session.model_changed, timeout=20_000,
                          check_params_cb=lambda s: s.state is ModelState.READY):  # fmt: skip
        dialog.use_button.click()
    assert window.model_label.text() == "openai/gpt-oss-120b on 127.0.0.1 · vLLM"
    assert window.remote_note.isVisible() and "leave this computer" in window.remote_note.text()
    port = vllm_server.url.rsplit(":", 1)[1]
    assert f"127.0.0.1:{port} (vLLM)" in window.remote_note.text()
    # The key went to the key store, never into settings.json.
    settings_text = Path(window.session.settings.path).read_text(encoding="utf-8")
    assert "127.0.0.1" in settings_text and "sk-test-123" not in settings_text
    assert window.session.remote.key(vllm_server.url + "/v1") == "sk-test-123"
    window.input.setPlainText("hi")
    with qtbot.waitSignal(window.chat.turn_updated, timeout=20_000,
                          check_params_cb=lambda t: t.status == "complete"):  # fmt: skip
        window.send_button.click()
    turn = window.chat.current.path()[-1]
    assert turn.text == "Hello from vLLM!" and turn.reasoning == "The user greets."
    sent = vllm_server.requests[-1]
    assert sent["headers"]["Authorization"] == "Bearer sk-test-123" and sent["body"]["reasoning_effort"] == "medium"
    # Offline mode: no connection at all; the window says why the server is not used.
    window.session.set_offline(True)
    assert window.session.model.state is ModelState.IDLE and not window.remote_note.isVisible()
    count = len(vllm_server.requests)
    window.session.set_offline(False)
    # Back to this computer: the local engine answers again (no model there yet).
    window.models.servers_action.trigger()
    window.models.servers_dialog.local_button.click()
    assert not window.session.engine.remote and window.session.settings.values.remote == ""
    assert len(vllm_server.requests) == count


def test_a_refused_key_is_one_sentence_in_the_dialog(qtbot: Any, window: Any) -> None:
    server = ScriptedServer({"GET /v1/models": reply(401, b'{"error": {"message": "Invalid API key"}}')})
    try:
        dialog = add_and_use(qtbot, window, server.url, key="wrong")
        assert "refused the API key (401)" in dialog.status.text() and not dialog.use_button.isEnabled()
        assert "wrong" not in dialog.status.text()
    finally:
        server.stop()


def test_the_server_in_use_is_used_again_at_the_next_start(qtbot: Any, tmp_path: Path, vllm_server: Any) -> None:
    win = build(tmp_path)
    qtbot.addWidget(win)
    dialog = add_and_use(qtbot, win, vllm_server.url)
    with qtbot.waitSignal(win.session.model_changed, timeout=20_000,
                          check_params_cb=lambda s: s.state is ModelState.READY):  # fmt: skip
        dialog.use_button.click()
    win.session.shutdown()
    win.close()
    again = build(tmp_path)
    qtbot.addWidget(again)
    try:
        with qtbot.waitSignal(again.session.model_changed, timeout=20_000,
                              check_params_cb=lambda s: s.state is ModelState.READY):  # fmt: skip
            again.session.open_on_start()
        assert again.session.model.remote.startswith("127.0.0.1:")
    finally:
        again.session.shutdown()


@pytest.mark.engine
def test_opening_a_model_file_comes_back_from_the_server(qtbot: Any, window: Any, vllm_server: Any,
                                                         tiny_model: Path) -> None:  # fmt: skip
    dialog = add_and_use(qtbot, window, vllm_server.url)
    with qtbot.waitSignal(window.session.model_changed, timeout=20_000,
                          check_params_cb=lambda s: s.state is ModelState.READY):  # fmt: skip
        dialog.use_button.click()
    assert window.session.engine.remote
    with qtbot.waitSignal(window.session.engine.loaded, timeout=60_000):
        window.open_model(str(tiny_model))
    assert not window.session.engine.remote and tiny_model.name in window.model_label.text()
    assert not window.remote_note.isVisible() and window.session.settings.values.remote == ""
