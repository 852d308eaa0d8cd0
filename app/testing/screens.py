"""Screenshots of Hearth's main states, drawn by the real app offscreen, light and dark.

    python -m app.testing.screens docs/screenshots

builds the real window (``app.bootstrap.build_window``) over a temporary data folder, puts it in
each state — first run, a chat with the thinking open and a reply streaming, the model manager,
This computer, the crash banner — and for each writes ``<state>-<light|dark>.png`` and one
``layout.json`` (the visible controls of each state, by accessible name). It prints every
layout problem ``app.testing.layout_check`` finds (overlaps, clipped text, truncated columns)
and exits 1 if there is one. tests/ui/test_screenshots.py runs the same states.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SIZE = (1180, 780)
STATES = ("first-run", "chat", "models", "this-computer", "crash")

QUESTION = "How long does light from the Sun take to reach Earth?"
ANSWER = """About **8 minutes and 20 seconds**.

The Earth is on average 1 astronomical unit from the Sun, about 149.6 million km, and light
travels at 299,792 km/s:

| quantity | value |
|---|---|
| distance | 149,597,871 km |
| speed of light | 299,792 km/s |
| time | ≈ 499 s |

```python
print(149_597_871 / 299_792)  # seconds
```"""
FOLLOW_UP = "And from Mars?"
THINKING = ("Mars orbits at about 1.52 AU, so its distance from Earth swings between about 0.52 AU "
            "at opposition and 2.52 AU at conjunction. Light time scales with distance: 0.52 × 499 s "
            "is about 4.3 minutes, 2.52 × 499 s about 21 minutes.")  # fmt: skip


def _settle(app: Any, seconds: float = 0.3) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _conversation() -> Any:
    from app.core.chat_tree import ChatInfo, ChatTree, Turn, new_id

    now = time.time()
    tree = ChatTree(ChatInfo(id=new_id(), title="Light from the Sun", effort="medium"))
    q = Turn(new_id(), tree.info.id, None, "user", now - 60, text=QUESTION)
    a = Turn(new_id(), tree.info.id, q.id, "assistant", now - 55, text=ANSWER, effort="medium",
             reasoning="1 AU / c.", status="complete", model="gpt-oss-20b",
             stats={"ttft_s": 0.41, "gen_tps": 21.4, "prompt_tokens": 112, "generated_tokens": 164,
                    "thinking_s": 1.8})  # fmt: skip
    q2 = Turn(new_id(), tree.info.id, a.id, "user", now - 5, text=FOLLOW_UP)
    live = Turn(new_id(), tree.info.id, q2.id, "assistant", now - 4, effort="medium", status="streaming",
                model="gpt-oss-20b")  # fmt: skip
    for turn in (q, a, q2, live):
        tree.add(turn)
    tree.info.current_leaf = live.id
    return tree, live


OTHER_CHATS = (
    ("A sourdough schedule for a weekday", "Plan a sourdough bake I can fit around work."),
    ("Rust lifetimes, explained", "Explain Rust lifetimes with one small example."),
    ("Trip to Lisbon in March", "Three days in Lisbon in March: what should I not miss?"),
)


def _seed_history(data: Path, tree: Any) -> None:
    """The conversations the sidebar lists, written to the real history file before the app starts."""
    from app.core.chat_tree import ChatInfo, Turn, new_id
    from app.infra.store import HistoryStore

    with HistoryStore.open(data / "history.sqlite3") as store:
        now = time.time()
        for i, (title, question) in enumerate(OTHER_CHATS):
            info = ChatInfo(id=new_id(), title=title, created=now - 86400 * (i + 1), updated=now - 86400 * (i + 1))
            store.add_turn(Turn(new_id(), info.id, None, "user", info.created, text=question), new_chat=info)
        turns = [t for t in tree.path() if t.status != "streaming"]
        store.add_turn(turns[0], current_leaf=turns[0].id, new_chat=tree.info)
        for turn in turns[1:]:
            store.add_turn(turn, current_leaf=turn.id)


def states(window: Any, session: Any, app: Any, tree: Any, live: Any) -> Iterator[tuple[str, Any]]:
    """Put the window in each state in turn; yields (state, the widget to draw)."""
    from app.core.harmony_parser import HarmonyEvent
    from app.infra.engine.events import Crashed

    window.resize(*SIZE)
    _settle(app)
    yield "first-run", window

    window.models.welcome.hide()  # a model is open in this state
    window.view.show_tree(tree)
    window.sidebar.set_current(tree.info.id)
    widget = window.view.reply_widget(live.id)
    widget.append_events([HarmonyEvent("reasoning", THINKING)])
    widget.thinking_toggle.setChecked(True)
    window.model_label.setText("gpt-oss-20b-mxfp4.gguf · 12.1 GB · context 16,384 tokens · on CPU")
    window.context_label.setText("Context 1,112 / 16,384 tokens (7%)")
    _settle(app)
    window.view.scroll_to_bottom()
    _settle(app)
    yield "chat", window

    window.models.show_manager()
    manager = window.models.manager
    manager.resize(*SIZE)
    manager.tabs.setCurrentIndex(0)
    _settle(app)
    yield "models", manager
    manager.tabs.setCurrentWidget(manager.hardware)
    _settle(app)
    yield "this-computer", manager
    manager.close()

    session.engine.engine_crashed.emit(Crashed("The model process crashed (SIGSEGV)."))
    _settle(app)
    yield "crash", window


def render(out: Path | None, appearance: str, check: Callable[[str, Any], None] | None = None) -> dict[str, Any]:
    """Draw every state in one appearance; returns {state: outline}. With ``out``, PNGs go there."""
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build_window
    from app.paths import resolve_paths
    from app.testing.layout_check import layout_outline
    from app.ui.theme import Theme

    outlines: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="hearth-screens-") as data:
        paths = resolve_paths(data)
        tree, live = _conversation()
        _seed_history(paths.data, tree)
        app, window, session = build_window(paths)
        theme = Theme.of(QApplication.instance())
        theme.set_appearance(appearance)
        window.show()
        try:
            _settle(app, 0.5)  # the history lists its chats off the GUI thread
            for state, widget in states(window, session, app, tree, live):
                if out is not None:
                    widget.grab().save(str(out / f"{state}-{appearance}.png"))
                outlines[state] = layout_outline(widget)
                if check is not None:
                    check(state, widget)
        finally:
            session.shutdown()
            window.close()
            theme.set_appearance("system")
    return outlines


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.testing.layout_check import layout_problems

    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []

    def check(state: str, widget: Any) -> None:
        problems.extend(f"{state}: {p}" for p in layout_problems(widget))

    layout = {}
    for appearance in ("light", "dark"):
        outlines = render(out, appearance, check)
        if appearance == "light":
            layout = {state: [row["widget"] for row in rows] for state, rows in outlines.items()}
    (out / "layout.json").write_text(json.dumps(layout, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for p in problems:
        print("LAYOUT", p)
    print(f"{len(STATES) * 2} screenshots in {out}; {len(problems)} layout problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
