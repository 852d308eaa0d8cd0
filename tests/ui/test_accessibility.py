"""Every control a person can reach has a name a screen reader can say.

Walks the real window, built as bootstrap builds it, with a conversation on screen, the crash
banner up and every tab of the model manager shown, and asks Qt's accessibility layer (what
Orca, NVDA and VoiceOver read) for each interactive widget's name.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app.core.chat_tree import ChatInfo, ChatTree, Turn, new_id
from app.infra.engine.events import Crashed
from app.paths import resolve_paths

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView,
               QAbstractSpinBox, QAbstractSlider, QTabBar)  # fmt: skip


def unnamed(top: QWidget) -> list[str]:
    """The interactive widgets under ``top``, visible and focusable, that have no accessible name."""
    found = []
    for w in [top, *top.findChildren(QWidget)]:
        if not isinstance(w, INTERACTIVE) or not w.isVisibleTo(top) or w.focusPolicy() == 0:
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        if not (iface and iface.text(QAccessible.Text.Name).strip()):
            found.append(f"{type(w).__name__} in {type(w.parent()).__name__}")
    return found


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    from app.bootstrap import build_window

    _app, win, session = build_window(resolve_paths(str(tmp_path / "data")))
    qtbot.addWidget(win)
    win.show()
    yield win
    session.shutdown()


def test_the_walk_finds_an_unnamed_control(qtbot: Any) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    QLineEdit(box)  # no label, no name
    assert unnamed(box) == ["QLineEdit in QWidget"]


def test_every_interactive_widget_has_an_accessible_name(qtbot: Any, window: Any) -> None:
    tree = ChatTree(ChatInfo(id=new_id(), title="A chat"))
    question = Turn(new_id(), tree.info.id, None, "user", time.time(), text="What is $e^{i\\pi}$?")
    tree.add(question)
    answer = Turn(new_id(), tree.info.id, question.id, "assistant", time.time(), text="It is **-1**.",
                  reasoning="Euler.", status="complete")  # fmt: skip
    tree.add(answer)
    tree.info.current_leaf = answer.id
    window.view.show_tree(tree)
    window.session.engine.engine_crashed.emit(Crashed("The model process crashed (SIGSEGV)."))
    QApplication.processEvents()
    assert window.reload_button.isVisible()
    problems = unnamed(window)
    window.models.show_manager()
    manager = window.models.manager
    for i in range(manager.tabs.count()):
        manager.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        problems += [f"{p} (Models → {manager.tabs.tabText(i)})" for p in unnamed(manager)]
    manager.close()
    # The dialogs of the menus: servers elsewhere, the local API, tools, documents, the prompt.
    for open_dialog, attribute in ((window.models.show_servers, "servers_dialog"), (window.edit_api, "api_dialog"),
                                   (window.edit_tools, "tools_dialog"), (window.show_prompt, "prompt_dialog")):  # fmt: skip
        open_dialog()
        owner = window.models if attribute == "servers_dialog" else window
        dialog = getattr(owner, attribute)
        QApplication.processEvents()
        problems += [f"{p} ({type(dialog).__name__})" for p in unnamed(dialog)]
        dialog.close()
    assert problems == []
