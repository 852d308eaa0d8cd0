"""Settings → Local API in the real window: the official openai client against the model the
window has open, eight clients at once beside the window's own reply, and a client that goes
away mid-stream."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path
from typing import Any, ClassVar

import openai
import pytest

from tests.conftest import harmony_sampling
from tests.fixtures.openai_servers import free_port
from tests.ui.test_chat_window import build, open_model

pytestmark = pytest.mark.engine


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, tiny_model: Path) -> Any:
    win = build(tmp_path)
    qtbot.addWidget(win)
    win.show()
    open_model(qtbot, win, tiny_model)
    yield win
    win.session.shutdown()


def turn_on(qtbot: Any, window: Any) -> tuple[str, str]:
    window.edit_api()
    dialog = window.api_dialog
    dialog.port.setValue(free_port())
    dialog.enabled.setChecked(True)
    qtbot.waitUntil(lambda: window.session.api.running, timeout=5_000)
    key = dialog.key.text()
    assert key.startswith("hearth-") and dialog.copy_button.isEnabled()
    assert dialog.address.text().startswith("http://127.0.0.1:")
    return dialog.address.text(), key


def test_the_api_is_off_by_default_and_answers_with_its_key(qtbot: Any, window: Any) -> None:
    assert not window.session.api.running and not window.session.settings.values.api_enabled
    url, key = turn_on(qtbot, window)
    c = openai.OpenAI(base_url=url, api_key=key, max_retries=0, timeout=60)
    assert [m.id for m in c.models.list()] == ["tiny-gpt-oss"]
    reply = c.chat.completions.create(model="tiny-gpt-oss", max_tokens=16, seed=1,
                                      messages=[{"role": "user", "content": "hi"}])  # fmt: skip
    assert reply.choices[0].finish_reason in ("stop", "length") and reply.usage.completion_tokens > 0  # type: ignore[union-attr]
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=url, api_key="hearth-wrong", max_retries=0).models.list()
    # A new key: the old one is refused from now on; the key is never in settings.json.
    window.api_dialog.new_key_button.click()
    new_key = window.api_dialog.key.text()
    assert new_key != key
    with pytest.raises(openai.AuthenticationError):
        c.models.list()
    assert key not in Path(window.session.settings.path).read_text(encoding="utf-8")
    window.api_dialog.enabled.setChecked(False)
    assert not window.session.api.running


def test_eight_clients_and_the_window_share_the_model_and_none_starves(qtbot: Any, window: Any) -> None:
    url, key = turn_on(qtbot, window)
    results: list[Any] = []
    errors: list[BaseException] = []
    busy: list[bool] = []
    window.session.api.busy.connect(busy.append)

    def one(i: int) -> None:
        try:
            c = openai.OpenAI(base_url=url, api_key=key, max_retries=0, timeout=120)
            stream = c.chat.completions.create(model="m", max_tokens=24, seed=i, stream=True,
                                               messages=[{"role": "user", "content": f"client {i}"}])  # fmt: skip
            results.append([ch.choices[0].finish_reason for ch in stream if ch.choices][-1])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    # The window sends too, while the clients wait their turns.
    window.chat.sampling = harmony_sampling()
    window.input.setPlainText("and me")
    with qtbot.waitSignal(window.chat.turn_updated, timeout=120_000,
                          check_params_cb=lambda t: t.status == "complete"):  # fmt: skip
        window.send_button.click()
    qtbot.waitUntil(lambda: all(not t.is_alive() for t in threads), timeout=120_000)
    assert errors == [] and len(results) == 8 and set(results) <= {"stop", "length"}
    qtbot.waitUntil(lambda: busy and busy[-1] is False, timeout=5_000)
    assert True in busy  # the window was told while the API had the model


def test_a_client_that_goes_away_frees_the_model(qtbot: Any, window: Any) -> None:
    url, key = turn_on(qtbot, window)
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps({"model": "m", "stream": True, "max_tokens": 4000,
                       "messages": [{"role": "user", "content": "a long one"}]})  # fmt: skip
    conn.request("POST", "/v1/chat/completions", body, {"Authorization": f"Bearer {key}",
                                                         "Content-Type": "application/json"})  # fmt: skip
    response = conn.getresponse()
    assert response.status == 200 and response.readline().startswith(b"data: ")
    conn.close()  # gone mid-stream
    # The next request (the window's) gets the model well before 4,000 tokens could be written.
    window.chat.sampling = harmony_sampling()
    window.input.setPlainText("mine now")
    with qtbot.waitSignal(window.chat.turn_updated, timeout=60_000,
                          check_params_cb=lambda t: t.status == "complete"):  # fmt: skip
        window.send_button.click()
    assert window.session.engine.gate.holder is None


def test_an_unreadable_keyring_keeps_the_api_off_and_the_key_unchanged(qtbot: Any, tmp_path: Path) -> None:
    from app.infra.secrets import KeyStore, KeyStoreError
    from app.infra.settings import Settings
    from app.services.api import ApiService
    from app.services.engine_service import EngineService
    from app.services.settings_store import SettingsStore

    class LockedKeyring(KeyStore):
        written: ClassVar[list[str]] = []

        def read(self, name: str) -> str | None:
            raise KeyStoreError("the collection is locked")

        def set(self, name: str, key: str) -> bool:
            self.written.append(key)
            return True

    settings = SettingsStore(Settings(api_enabled=True, api_port=free_port()), tmp_path / "settings.json")
    api = ApiService(settings, EngineService(), LockedKeyring())
    notices: list[str] = []
    api.notice.connect(notices.append)
    api.start()
    assert not api.running and LockedKeyring.written == []  # no new key over the stored one
    assert notices and "keyring" in notices[-1] and "could not be read" in notices[-1]
