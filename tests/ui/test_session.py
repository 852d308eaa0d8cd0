"""The session, the app's front door: settings with one saving rule, one model state, load
planning, offline mode and ordered shutdown — on the real engine child, a real SQLite history and
a real settings file, built the way bootstrap builds them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from app.core.fit import Machine
from app.infra.settings import Settings
from app.paths import resolve_paths
from app.services.session import ModelState
from app.services.settings_store import SettingsStore
from tests.conftest import TEST_LOAD

pytestmark = pytest.mark.engine


@pytest.fixture
def built(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    from app.bootstrap import build_window

    _app, window, session = build_window(resolve_paths(str(tmp_path / "data")))
    session.load_defaults = TEST_LOAD
    qtbot.addWidget(window)
    window.show()
    states: list[ModelState] = []
    session.model_changed.connect(lambda status: states.append(status.state))
    yield window, session, states
    session.shutdown()


# -- settings ----------------------------------------------------------------------------------------
def test_every_settings_change_is_saved_at_once_and_announced(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = SettingsStore(Settings(), path)
    changed: list[str] = []
    store.changed.connect(changed.append)
    store.update(context_length=16384, sidebar_visible=False)
    assert json.loads(path.read_text())["context_length"] == 16384  # on disk before anyone exits
    assert sorted(changed) == ["context_length", "sidebar_visible"]
    store.update(context_length=16384)  # no change: no write, no signal
    assert sorted(changed) == ["context_length", "sidebar_visible"]
    store.set_context("some/model", 2048)
    assert Settings.load(path).context_for("some/model") == 2048
    with pytest.raises(AttributeError, match="no such setting"):
        store.update(colour="blue")


def test_a_settings_file_that_cannot_be_written_becomes_a_sentence(qtbot: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the settings folder should be")
    store = SettingsStore(Settings(), blocker / "settings.json")
    with qtbot.waitSignal(store.save_failed, timeout=1000) as failed:
        store.update(offline=True)
    assert failed.args[0].startswith("Settings could not be saved")
    assert store.values.offline  # the running app still follows the change


# -- the model state -------------------------------------------------------------------------------
def test_one_model_state_from_loading_to_ready_to_crashed_and_back(qtbot: Any, built: Any, tiny_model: Path) -> None:
    window, session, states = built
    assert session.model.state is ModelState.IDLE and not window.send_button.isEnabled()
    with qtbot.waitSignal(session.model_changed, timeout=60_000, check_params_cb=lambda s: s.ready):
        session.open_model(str(tiny_model))
    assert states[-2:] == [ModelState.LOADING, ModelState.READY]
    assert session.model.loaded is not None and session.model.loaded.n_ctx == 4096
    assert session.model.path == str(tiny_model) and session.chat.n_ctx == 4096
    assert window.send_button.isEnabled() and tiny_model.name in window.model_label.text()
    assert Settings.load(session.settings.path).last_model == str(tiny_model)  # saved when it loaded

    with qtbot.waitSignal(session.model_changed, timeout=30_000,
                          check_params_cb=lambda s: s.state is ModelState.CRASHED):  # fmt: skip
        os.kill(session.engine.client.pid, signal.SIGKILL)
    assert "killed" in session.model.message and session.model.path == str(tiny_model)
    assert not window.send_button.isEnabled() and window.reload_button.isVisible()
    session.chat.send("while it is down")  # refused by the chat, which asks the session
    assert session.chat.live is None

    with qtbot.waitSignal(session.model_changed, timeout=60_000, check_params_cb=lambda s: s.ready):
        window.reload_button.click()
    assert states[-3:] == [ModelState.CRASHED, ModelState.LOADING, ModelState.READY]


def test_a_file_that_is_not_a_model_leaves_the_state_idle_with_the_reason(
    qtbot: Any, built: Any, tmp_path: Path
) -> None:
    window, session, _states = built
    bad = tmp_path / "notes.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 20)  # a header that ends at once
    with qtbot.waitSignal(session.model_changed, timeout=30_000,
                          check_params_cb=lambda s: s.state is ModelState.IDLE and s.message):  # fmt: skip
        session.open_model(str(bad))
    assert "notes.gguf" in session.model.message
    assert window.banner_box.isVisibleTo(window) and session.model.message in window.banner.text()


def test_a_load_that_cannot_fit_asks_first_and_loads_only_when_insisted(
    qtbot: Any, built: Any, tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, session, states = built
    qtbot.waitUntil(lambda: session.fit.report is not None, timeout=10_000)
    report = session.fit.report
    session.fit.report = type(report)(**{**report.__dict__,
                                          "machine": Machine(ram_total=64 * 2**20, ram_available=2**20)})  # fmt: skip
    monkeypatch.setattr(type(window.models), "_insist", lambda self, path, plan: False)
    model = tmp_path / "tiny.gguf"
    shutil.copy(tiny_model, model)
    with qtbot.waitSignal(session.fit_refused, timeout=10_000) as refused:
        session.open_model(str(model))
    assert refused.args[0] == str(model) and refused.args[1].verdict == "no_fit"
    assert states == [] and session.model.state is ModelState.IDLE  # nothing was started
    with qtbot.waitSignal(session.model_changed, timeout=60_000, check_params_cb=lambda s: s.ready):
        session.open_model(str(model), insist=True)


# -- offline mode ----------------------------------------------------------------------------------
def test_offline_mode_is_one_rule_whichever_switch_is_used(qtbot: Any, built: Any) -> None:
    window, session, _states = built
    assert not session.offline
    with qtbot.waitSignal(session.offline_changed, timeout=1000):
        window.models.offline_action.setChecked(True)  # the menu's switch
    assert session.offline and os.environ.get("HF_HUB_OFFLINE") == "1"
    assert Settings.load(session.settings.path).offline
    assert "Offline mode is on" in window.banner.text()
    window.models.show_manager()
    manager = window.models.manager
    assert manager.offline_box.isChecked()  # the manager's switch shows the same state
    with qtbot.waitSignal(session.offline_changed, timeout=1000):
        manager.offline_box.setChecked(False)
    assert not session.offline and not window.models.offline_action.isChecked()
    assert "HF_HUB_OFFLINE" not in os.environ
    manager.close()


# -- the end ---------------------------------------------------------------------------------------
def test_shutdown_runs_once_in_order_and_leaves_nothing_running(qtbot: Any, built: Any, tiny_model: Path) -> None:
    window, session, _states = built
    with qtbot.waitSignal(session.model_changed, timeout=60_000, check_params_cb=lambda s: s.ready):
        session.open_model(str(tiny_model))
    child = session.engine.client.pid
    order: list[str] = []
    session.add_shutdown_step(lambda: order.append("plug-in"))
    session.add_shutdown_step(lambda: 1 / 0)  # a failing step must not keep the engine alive
    window.close()  # what a person does
    assert session.closed and order == ["plug-in"]
    assert not session.engine.client.alive
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # gone, and reaped by the client
    assert not [t for t in threading.enumerate() if t.name.startswith(("engine-", "hearth-db"))]
    session.shutdown()  # the event loop's aboutToQuit calls it again: nothing happens
    assert order == ["plug-in"]
    saved = Settings.load(session.settings.path)
    assert saved.window_geometry and saved.last_model == str(tiny_model)


def test_a_crash_mid_reply_is_known_to_the_session_before_the_chat_reacts(
    qtbot: Any, built: Any, tiny_model: Path
) -> None:
    from app.infra.engine.protocol import SamplingSettings
    from tests.conftest import NEVER_END

    window, session, _states = built
    with qtbot.waitSignal(session.model_changed, timeout=60_000, check_params_cb=lambda s: s.ready):
        session.open_model(str(tiny_model))
    session.chat.sampling = SamplingSettings(logit_bias=NEVER_END, seed=3)
    with qtbot.waitSignal(session.chat.reply_events, timeout=60_000):
        session.chat.send("go on forever")
    seen: list[bool] = []
    session.chat.turn_updated.connect(lambda _turn: seen.append(session.model.ready))
    with qtbot.waitSignal(session.chat.busy_changed, timeout=30_000, check_params_cb=lambda busy: not busy):
        os.kill(session.engine.client.pid, signal.SIGKILL)
    # Whatever answers the end of the reply (a script sending the next message, say) finds the
    # model not ready, not a dead engine to send to.
    assert seen and seen[0] is False and not window.send_button.isEnabled()


def test_a_file_refused_before_loading_keeps_the_open_model(qtbot: Any, built: Any, tiny_model: Path,
                                                           tmp_path: Path) -> None:  # fmt: skip
    window, session, _states = built
    with qtbot.waitSignal(session.model_changed, timeout=60_000, check_params_cb=lambda s: s.ready):
        session.open_model(str(tiny_model))
    bad = tmp_path / "not-a-model.gguf"
    bad.write_bytes(b"this is a text file")
    with qtbot.waitSignal(session.notice, timeout=30_000) as said:
        session.open_model(str(bad))
    assert "not-a-model.gguf" in said.args[0]
    assert session.model.ready and session.model.path == str(tiny_model)  # still chatting with it
    assert window.send_button.isEnabled() and tiny_model.name in window.model_label.text()


def test_offline_on_the_command_line_is_kept_for_later_starts(qtbot: Any, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    from app.bootstrap import build_window

    paths = resolve_paths(str(tmp_path / "data"))
    _app, window, session = build_window(paths, offline=True)
    qtbot.addWidget(window)
    try:
        assert session.offline and Settings.load(paths.data / "settings.json").offline
    finally:
        session.shutdown()
