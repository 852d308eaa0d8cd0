"""The chat window with real widgets (offscreen), the real engine on the tiny model and a real
SQLite history in a temporary data folder."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from app.core.chat_tree import Turn
from app.core.harmony import render_prompt
from app.infra.engine.protocol import SamplingSettings
from app.paths import resolve_paths
from app.testing.tiny_model import random_text
from tests.conftest import NEVER_END, TEST_LOAD, harmony_sampling

pytestmark = pytest.mark.engine


def build(tmp_path: Path):
    from app.bootstrap import build_window

    _app, win, session = build_window(resolve_paths(str(tmp_path / "data")))
    session.load_defaults = TEST_LOAD
    return win


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = build(tmp_path)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.shutdown()


def open_model(qtbot, window, model: Path) -> None:
    with qtbot.waitSignal(window.session.engine.loaded, timeout=60_000):
        window.open_model(str(model))
    assert window.send_button.isEnabled()
    assert model.name in window.model_label.text() and "context 4,096" in window.model_label.text()


def send(qtbot, window, text: str, sampling: SamplingSettings = None) -> Turn:
    window.chat.sampling = sampling or harmony_sampling()
    window.input.setPlainText(text)
    with qtbot.waitSignal(window.chat.turn_updated, timeout=60_000) as blocker:
        window.send_button.click()
    return blocker.args[0]


def start_endless(qtbot, window, text: str) -> Turn:
    """Send a message whose reply never ends by itself; returns once text is streaming."""
    window.chat.sampling = SamplingSettings(logit_bias=NEVER_END, seed=3)
    window.input.setPlainText(text)
    with qtbot.waitSignal(window.chat.reply_events, timeout=60_000):
        window.send_button.click()
    live = window.chat.live
    qtbot.waitUntil(lambda: len("".join(live.reasoning + live.answer)) > 20, timeout=30_000)
    return window.chat.current.turns[live.turn_id]


def db_rows(window, sql: str) -> list[tuple]:
    import sqlite3

    window.chat.flush()
    db = sqlite3.connect(f"file:{window.chat.store.path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_reply_streams_into_thinking_and_answer_and_is_saved(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    streamed: list = []
    window.chat.reply_events.connect(lambda _id, events: streamed.append(events))
    turn = send(qtbot, window, "What is 2 + 2?")
    assert turn.status == "complete" and turn.text and turn.reasoning
    assert len(streamed) >= 1
    widget = window.view.reply_widget(turn.id)
    assert widget.reasoning.toPlainText() == turn.reasoning
    # The answer is rendered markdown of exactly the final channel; "Copy" copies it raw.
    assert widget.answer.text == turn.text
    assert turn.reasoning not in widget.answer.toPlainText()
    assert not widget.thinking_toggle.isChecked() and not widget.reasoning.isVisible()  # collapsed
    assert widget.thinking_toggle.text().startswith("Thought for")
    widget.thinking_toggle.click()
    assert widget.reasoning.isVisible()  # can be expanded at any time
    assert "tokens/s" in widget.stats.text() and "first token" in widget.stats.text()
    widget.copy_button.click()
    assert QGuiApplication.clipboard().text() == turn.text
    assert "<|" not in widget.answer.toPlainText() + widget.reasoning.toPlainText()
    assert window.context_label.text().startswith("Context ")
    # Saved: the person's message and the finished reply with its stats and effort.
    rows = db_rows(window, "SELECT role, status, effort, text FROM turns ORDER BY created")
    assert rows == [
        ("user", "complete", None, "What is 2 + 2?"),
        ("assistant", "complete", "medium", turn.text),
    ]
    assert window.sidebar.list.count() == 1 and window.sidebar.list.item(0).text() == "What is 2 + 2?"


def test_enter_sends_and_shift_enter_makes_a_new_line(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    window.chat.sampling = harmony_sampling()
    window.input.setFocus()
    qtbot.keyClicks(window.input, "line one")
    qtbot.keyClick(window.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.input, "line two")
    assert window.input.toPlainText() == "line one\nline two"
    with qtbot.waitSignal(window.chat.turn_updated, timeout=60_000):
        qtbot.keyClick(window.input, Qt.Key.Key_Return)
    assert window.input.toPlainText() == ""
    assert window.chat.current.path()[0].text == "line one\nline two"


def test_stop_keeps_the_partial_answer_marked_stopped(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    start_endless(qtbot, window, "Talk forever")
    assert window.send_button.text() == "Stop"
    with qtbot.waitSignal(window.chat.turn_updated, timeout=30_000) as blocker:
        window.send_button.click()
    turn = blocker.args[0]
    assert turn.status == "stopped"
    assert turn.reasoning or turn.text  # what was streamed is kept
    widget = window.view.reply_widget(turn.id)
    assert "Stopped" in widget.status.text()
    assert window.send_button.text() == "Send"
    assert db_rows(window, "SELECT status FROM turns WHERE role='assistant'") == [("stopped",)]


def test_stop_while_a_long_prompt_is_processed(qtbot, window, bench_model: Path) -> None:
    open_model(qtbot, window, bench_model)
    window.chat.sampling = harmony_sampling()
    window.input.setPlainText(random_text(1800, seed=4))
    with qtbot.waitSignal(
        window.chat.turn_added, timeout=30_000, check_params_cb=lambda t: t.role == "assistant"
    ):
        window.send_button.click()
    with qtbot.waitSignal(window.chat.turn_updated, timeout=30_000) as blocker:
        window.send_button.click()  # Stop, while the prompt is still being decoded
    turn = blocker.args[0]
    assert turn.status == "stopped"
    assert turn.stats.get("generated_tokens", 0) == 0


def test_regenerate_and_edit_make_branches_that_can_be_switched(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    first = send(qtbot, window, "Question one")
    window.chat.sampling = harmony_sampling(seed=21)
    with qtbot.waitSignal(window.chat.turn_updated, timeout=60_000) as blocker:
        window.view.reply_widget(first.id).regenerate_button.click()
    second = blocker.args[0]
    assert second.id != first.id and second.parent_id == first.parent_id
    assert window.view.reply_widget(first.id) is None  # the old version is no longer on screen
    widget = window.view.reply_widget(second.id)
    assert widget.switcher.isVisible() and widget.switcher.label.text() == "2 / 2"
    # Switch back to the first answer.
    widget.switcher.prev.click()
    assert window.view.reply_widget(first.id) is not None and window.view.reply_widget(second.id) is None
    assert window.view.reply_widget(first.id).switcher.label.text() == "1 / 2"

    # Edit the question: a new branch at the user's turn, answered afresh.
    user = window.view.last_user_widget()
    user.edit_button.click()
    user.editor.setPlainText("Question one, edited")
    window.chat.sampling = harmony_sampling(seed=5)
    with qtbot.waitSignal(window.chat.turn_updated, timeout=60_000) as blocker:
        user.save_button.click()
    edited_reply = blocker.args[0]
    path = window.chat.current.path()
    assert "Question one, edited" in window.view.visible_text()
    assert window.view.visible_text().count("Question one") == 1
    assert [t.text for t in path if t.role == "user"] == ["Question one, edited"]
    assert path[-1].id == edited_reply.id
    new_user = window.view.last_user_widget()
    assert new_user.switcher.label.text() == "2 / 2"
    new_user.switcher.prev.click()  # back to the original question and its newest answer
    path = window.chat.current.path()
    assert path[0].text == "Question one" and path[-1].id == second.id
    # Every version is in the database.
    assert len(db_rows(window, "SELECT id FROM turns")) == 5


def test_effort_instructions_and_think_harder(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    window.effort.setCurrentIndex(0)
    window.effort.activated.emit(0)  # what a person's pick emits
    window.chat.set_instructions("Always answer in French.")
    low = send(qtbot, window, "Hello")
    assert low.effort == "low"
    prompt = render_prompt(window.chat.current.conversation())
    assert "Reasoning: low" in prompt and "Always answer in French." in prompt
    assert "# Instructions" in prompt  # the developer message, not the system message
    window.chat.sampling = harmony_sampling(seed=8)
    with qtbot.waitSignal(window.chat.turn_updated, timeout=60_000) as blocker:
        window.think_harder_button.click()
    harder = blocker.args[0]
    assert harder.effort == "high" and harder.parent_id == low.parent_id
    assert window.chat.current.info.effort == "low"  # the chat's own choice is unchanged


def test_switching_chats_while_a_reply_streams(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    send(qtbot, window, "Old chat")
    old_id = window.chat.current.info.id
    window.chat.new_chat()
    streaming = start_endless(qtbot, window, "Streaming chat")
    live_id = window.chat.current.info.id
    with qtbot.waitSignal(window.chat.chat_opened, timeout=10_000):
        window.chat.open_chat(old_id)
    assert window.view.reply_widget(streaming.id) is None
    assert "Old chat" in window.view.visible_text()
    qtbot.wait(200)  # more tokens arrive for the other chat; they must not be drawn here
    assert "Streaming chat" not in window.view.visible_text()
    with qtbot.waitSignal(window.chat.chat_opened, timeout=10_000):
        window.chat.open_chat(live_id)
    widget = window.view.reply_widget(streaming.id)
    before = len(widget.reasoning.toPlainText() + widget.answer.text)
    qtbot.waitUntil(lambda: len(widget.reasoning.toPlainText() + widget.answer.text) > before, timeout=10_000)
    with qtbot.waitSignal(window.chat.turn_updated, timeout=30_000) as blocker:
        window.send_button.click()
    turn = blocker.args[0]
    # What is on screen is exactly what was generated, saved in full.
    assert widget.reasoning.toPlainText() == turn.reasoning
    assert turn.status == "stopped"


def test_engine_killed_mid_reply_keeps_everything_and_reloads(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    send(qtbot, window, "first")
    start_endless(qtbot, window, "never ending")
    qtbot.wait(300)
    with qtbot.waitSignal(window.chat.turn_updated, timeout=30_000) as blocker:
        os.kill(window.session.engine.client.pid, signal.SIGKILL)
    cut = blocker.args[0]
    assert cut.status == "interrupted" and (cut.reasoning or cut.text)
    # The reply can be marked interrupted (its request failed) a moment before the engine's
    # crash report arrives: wait for the banner rather than racing it.
    qtbot.waitUntil(lambda: window.banner.isVisible() and "killed" in window.banner.text(), timeout=10_000)
    assert window.reload_button.isVisible() and not window.send_button.isEnabled()
    assert "first" in window.view.visible_text() and "Interrupted" in window.view.visible_text()
    saved = db_rows(window, "SELECT status, reasoning FROM turns WHERE role='assistant' ORDER BY created")
    assert saved[-1] == ("interrupted", cut.reasoning)
    with qtbot.waitSignal(window.session.engine.loaded, timeout=60_000):
        window.reload_button.click()
    after = send(qtbot, window, "after the crash")
    assert after.status == "complete"


def test_history_survives_closing_and_reopening(qtbot, tmp_path: Path, tiny_model: Path) -> None:
    win = build(tmp_path)
    qtbot.addWidget(win)
    win.show()
    open_model(qtbot, win, tiny_model)
    first = send(qtbot, win, "Remember me")
    win.chat.sampling = harmony_sampling(seed=30)
    with qtbot.waitSignal(win.chat.turn_updated, timeout=60_000):
        win.chat.regenerate()
    send(qtbot, win, "Second question")
    win.chat.new_chat()
    send(qtbot, win, "Another chat")
    chat_ids = [c.id for c in win.chat.chats]
    win.resize(760, 560)
    win.splitter.setSizes([300, 440])
    win.close()  # saves settings, stops the engine, closes the database

    again = build(tmp_path)
    qtbot.addWidget(again)
    again.show()
    try:
        qtbot.waitUntil(lambda: again.sidebar.list.count() == 2, timeout=10_000)
        assert [again.sidebar.list.item(i).text() for i in range(2)] == ["Another chat", "Remember me"]
        assert [c.id for c in again.chat.chats] == chat_ids
        with qtbot.waitSignal(again.chat.chat_opened, timeout=10_000):
            again.sidebar.list.itemClicked.emit(again.sidebar.list.item(1))
        tree = again.chat.current
        path = tree.path()
        assert [t.text for t in path if t.role == "user"] == ["Remember me", "Second question"]
        assert len(tree.siblings(first.id)) == 2  # the branch came back too
        assert all(t.status == "complete" and t.stats.get("gen_tps") for t in path if t.role == "assistant")
        assert again.view.reply_widget(path[1].id).switcher.label.text() == "2 / 2"
        # The last model is reopened on the next start; the window comes back as it was left.
        assert again.settings.last_model == str(tiny_model)
        assert (again.width(), again.height()) == (760, 560)
        assert again.splitter.sizes()[0] == 300
    finally:
        again.session.shutdown()


def test_hostile_markdown_renders_inert_and_links_ask_first(qtbot, window, monkeypatch) -> None:
    from app.core.chat_tree import ChatInfo, ChatTree

    hostile = (
        "<script>alert(1)</script> <b>raw</b>\n\n"
        "[local](file:///etc/passwd) [js](javascript:alert(1)) [web](https://example.com/page)\n\n"
        "![secret](file:///etc/passwd) ![tracker](https://evil.example/t.png)\n\n"
        "```python\nprint('<|end|>')\n```\n"
    )
    reads: list = []
    tree = ChatTree(ChatInfo(id="c1"))
    tree.add(Turn("u", "c1", None, "user", 1.0, text="hi"))
    tree.add(Turn("a", "c1", "u", "assistant", 2.0, text=hostile))
    tree.info.current_leaf = "a"
    from app.ui.safe_browser import SafeBrowser

    monkeypatch.setattr(SafeBrowser, "loadResource", lambda self, *a: reads.append(a))
    window.view.show_tree(tree)
    answer = window.view.reply_widget("a").answer
    html = answer.toHtml()
    assert "<img" not in html and "<script" not in html.replace("&lt;script", "")
    assert "<script>alert(1)</script>" in answer.toPlainText()  # shown as text
    assert 'href="javascript:' not in html and 'href="file:' not in html
    assert 'href="https://example.com/page"' in html
    # Clicking a web link asks first, showing the whole address; refusing opens nothing.
    asked: list = []
    opened: list = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    window.links.ask = lambda url: asked.append(url.toString()) or False
    answer.anchorClicked.emit(QUrl("https://example.com/page"))
    assert asked == ["https://example.com/page"] and opened == []
    answer.anchorClicked.emit(QUrl("file:///etc/passwd"))  # even if such a link were clicked
    assert asked == ["https://example.com/page"] and opened == []
    window.links.ask = lambda url: True
    answer.anchorClicked.emit(QUrl("https://example.com/page"))
    assert [u.toString() for u in opened] == ["https://example.com/page"]
    # The code block's copy link copies the code, raw.
    answer.anchorClicked.emit(QUrl("hearth-copy:0"))
    assert QGuiApplication.clipboard().text() == "print('<|end|>')"
    assert reads == []  # nothing asked to load a resource


def test_history_sidebar_rename_delete_undo_search_export(qtbot, window, tiny_model: Path, tmp_path) -> None:
    open_model(qtbot, window, tiny_model)
    send(qtbot, window, "Apples are red")
    apples = window.chat.current.info.id
    window.chat.new_chat()
    send(qtbot, window, "Bananas are yellow")
    qtbot.waitUntil(lambda: window.sidebar.list.count() == 2)
    # Search across all messages.
    window.sidebar.search_box.setText("APPLES")
    qtbot.waitUntil(lambda: window.sidebar.list.count() == 1 and "Apples" in window.sidebar.list.item(0).text(),
                    timeout=5_000)  # fmt: skip
    window.sidebar.search_box.setText("")
    qtbot.waitUntil(lambda: window.sidebar.list.count() == 2, timeout=5_000)
    # Rename (the chat is not the open one: its own settings must survive).
    window.chat.set_instructions("Be brief.")
    with qtbot.waitSignal(window.chat.chats_changed, timeout=5_000):
        window.chat.rename_chat(apples, "Fruit facts")
    assert db_rows(window, "SELECT instructions FROM chats WHERE id != ?".replace("?", repr(apples))) == [
        ("Be brief.",)
    ]
    qtbot.waitUntil(lambda: "Fruit facts" in [window.sidebar.list.item(i).text() for i in range(2)])
    # Export, both formats, written whole.
    md, js = tmp_path / "out.md", tmp_path / "out.json"
    for path, fmt in ((md, "md"), (js, "json")):
        with qtbot.waitSignal(window.chat.notice, timeout=5_000):
            window.chat.export_chat(apples, path, fmt)
    assert "# Fruit facts" in md.read_text() and "Apples are red" in md.read_text()
    assert "<|" not in md.read_text()
    data = json.loads(js.read_text())
    assert [t["role"] for t in data["turns"]] == ["user", "assistant"]
    # Delete, then undo.
    with qtbot.waitSignal(window.chat.chat_deleted, timeout=5_000):
        window.chat.delete_chat(apples)
    qtbot.waitUntil(lambda: window.sidebar.list.count() == 1)
    assert window.sidebar.undo_box.isVisible() and "Fruit facts" in window.sidebar.undo_label.text()
    window.sidebar.undo_button.click()
    qtbot.waitUntil(lambda: window.sidebar.list.count() == 2, timeout=5_000)


def test_bad_model_file_gets_its_reason_and_drop_opens_a_model(qtbot, window, tmp_path: Path,
                                                               tiny_model: Path) -> None:  # fmt: skip
    bad = tmp_path / "half.gguf"
    bad.write_bytes(b"GGUF\x03\x00\x00\x00")
    with qtbot.waitSignal(window.session.engine.load_failed, timeout=60_000):
        window.open_model(str(bad))
    assert window.banner.isVisible() and "half.gguf" in window.banner.text()
    assert not window.send_button.isEnabled()
    # Dropping a .gguf on the window opens it.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tiny_model))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    with qtbot.waitSignal(window.session.engine.loaded, timeout=60_000):
        window.dropEvent(event)
    assert window.send_button.isEnabled()


def test_keyboard_shortcuts(qtbot, window, tiny_model: Path) -> None:
    open_model(qtbot, window, tiny_model)
    answer = send(qtbot, window, "Hello there")
    first = window.chat.current.info.id
    window.activateWindow()
    window.chat.sampling = harmony_sampling(seed=11)
    with qtbot.waitSignal(window.chat.turn_updated, timeout=60_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # regenerate
    assert blocker.args[0].parent_id == answer.parent_id and blocker.args[0].id != answer.id
    start_endless(qtbot, window, "Go on and on")
    with qtbot.waitSignal(window.chat.turn_updated, timeout=30_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_Escape)  # stop
    assert blocker.args[0].status == "stopped"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.chat.current.info.id != first and window.view.visible_text() == ""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.sidebar.search_box
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.input


def test_context_use_is_shown_and_warned_about_before_it_runs_out(qtbot, window) -> None:
    window.chat.context_usage.emit(1200, 8192)
    assert window.context_label.text() == "Context 1,200 / 8,192 tokens (15%)"
    assert not window.context_warning.isVisible()
    window.chat.context_usage.emit(7000, 8192)
    assert window.context_warning.isVisible()
    assert "7,000" in window.context_warning.text() and "new chat" in window.context_warning.text()


def test_sending_without_a_model_keeps_the_message(qtbot, window) -> None:
    window.chat.send("hello?")
    assert not window.chat.busy
    assert window.input.toPlainText() == "hello?"  # given back, not lost
    assert window.banner.isVisible() and "Open a model first" in window.banner.text()
    assert db_rows(window, "SELECT count(*) FROM turns") == [(0,)]


def test_a_long_chat_opens_newest_first_and_pages_back(qtbot, window) -> None:
    from app.core.chat_tree import ChatInfo, ChatTree
    from app.ui import chat_view

    tree = ChatTree(ChatInfo(id="long"))
    parent = None
    for i in range(40):
        turn = Turn(
            f"t{i}", "long", parent, "user" if i % 2 == 0 else "assistant", float(i), text=f"turn {i}"
        )
        tree.add(turn)
        parent = turn.id
    tree.info.current_leaf = parent
    window.view.show_tree(tree)
    assert len(window.view.widgets) == chat_view.FIRST_PAINT  # on screen before the rest is built
    assert "turn 39" in window.view.visible_text()
    qtbot.waitUntil(lambda: len(window.view.widgets) == chat_view.PAGE, timeout=5_000)
    assert window.view.visible_text().index("turn 10") < window.view.visible_text().index("turn 39")
    assert window.view.earlier.isVisible()
    window.view.earlier.click()
    assert len(window.view.widgets) == 40 and not window.view.earlier.isVisible()
    assert window.view.visible_text().startswith("turn 0")
