"""The open conversation: its current path as a column of turn widgets.

Only the newest turns are built when a conversation opens (a long history costs the same to
open as a short one); "Show earlier messages" builds the rest in pages. While a reply
streams the view stays pinned to the bottom unless the person scrolled up.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.core.chat_tree import ChatTree, Turn
from app.core.harmony_parser import HarmonyEvent
from app.ui.safe_browser import LinkGate
from app.ui.theme import SPACE, icon, set_type, style
from app.ui.turn_widgets import AssistantTurnWidget, TurnWidget, UserTurnWidget

PAGE = 30
WARM_UP_MS = 300
EMPTY_TIPS = (  # (icon, tip): the tips are translated where shown, in the context "ChatView"
    ("message-circle", QT_TRANSLATE_NOOP("ChatView", "Ask anything: gpt-oss thinks first, then answers. Nothing you write leaves this computer.")),
    ("sparkles", QT_TRANSLATE_NOOP("ChatView", "Reasoning effort: low answers fast, high thinks longer. “Think harder” asks again at high.")),
    ("file-text", QT_TRANSLATE_NOOP("ChatView", "Instructions… tell gpt-oss how to answer in this chat (tone, language, format).")),
    ("search", QT_TRANSLATE_NOOP("ChatView", "Ctrl+N starts a new chat, Ctrl+F searches every chat, Ctrl+M opens the models.")),
)


def empty_state() -> QWidget:
    """What an empty chat shows: what to do, and what Hearth promises."""
    outer = QWidget()
    outer.setObjectName("emptyState")
    centre = QHBoxLayout(outer)
    centre.setContentsMargins(0, 0, 0, 0)
    box = QWidget()
    box.setMaximumWidth(560)
    centre.addStretch(1)
    centre.addWidget(box, 10)
    centre.addStretch(1)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(SPACE["xxl"], SPACE["xxl"], SPACE["xxl"], SPACE["xxl"])
    layout.setSpacing(SPACE["m"])
    title = QLabel(QCoreApplication.translate("ChatView", "Start a conversation"))
    title.setObjectName("emptyTitle")
    set_type(title, "title", bold=True)
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(title)
    for name, text in EMPTY_TIPS:
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        glyph = QLabel()
        glyph.setPixmap(icon(name).pixmap(20, 20))
        glyph.setAlignment(Qt.AlignmentFlag.AlignTop)
        tip = QLabel(QCoreApplication.translate("ChatView", text))
        tip.setWordWrap(True)
        tip.setTextFormat(Qt.TextFormat.PlainText)
        style(tip, "muted")
        row.addWidget(glyph)
        row.addWidget(tip, 1)
        layout.addLayout(row)
    return outer
FIRST_PAINT = 6  # turns built before the first paint; the rest of the page follows in steps
STEP_MS = 15  # between steps: the window paints and handles input in between


class ChatView(QScrollArea):
    branch_requested = Signal(str)
    edit_submitted = Signal(str, str)
    regenerate_requested = Signal()
    tool_decided = Signal(str)
    source_requested = Signal(object)  # Citation

    def __init__(self, links: LinkGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links = links
        self.dark = False
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setObjectName("chatView")
        self.setFrameShape(QFrame.Shape.NoFrame)
        style(self, "page")
        self._container = QWidget()
        self._container.setObjectName("chatPage")
        self._layout = QVBoxLayout(self._container)
        self._layout.setContentsMargins(SPACE["s"], SPACE["s"], SPACE["m"], SPACE["s"])
        self._layout.setSpacing(SPACE["m"])
        self.earlier = QPushButton(self.tr("Show earlier messages"))
        self.earlier.hide()
        self.earlier.clicked.connect(self.show_earlier)
        self.empty = empty_state()
        self._layout.addWidget(self.earlier)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self.setWidget(self._container)
        self.widgets: dict[str, TurnWidget] = {}
        self._order: list[str] = []  # turn ids on screen, top to bottom
        self._hidden: list[Turn] = []  # older turns of the path not built yet
        self._tree: ChatTree | None = None
        self._pending: list[Turn] = []  # the page's older turns, built after the first paint
        self._generation = 0  # a newer show_tree() cancels the steps of an older one
        self._pinned = True
        self._busy = False
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range)
        # Python's bindings build some of Qt's types on first use (tens of ms); pay that while
        # the window is idle rather than when the person sends their first message.
        QTimer.singleShot(WARM_UP_MS, self._warm_up)

    def _warm_up(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        turn = Turn("warm-up", "warm-up", None, "user", 0.0, text="…")
        reply = Turn("warm-up-reply", "warm-up", "warm-up", "assistant", 0.0, status="streaming")
        layout.addWidget(UserTurnWidget(turn, [turn.id]))
        streaming = AssistantTurnWidget(reply, [reply.id], self.dark)
        layout.addWidget(streaming)
        page.resize(400, 300)
        page.grab()
        # A reply streamed through it: thinking, then markdown with a list and highlighted code.
        streaming.append_events([HarmonyEvent("reasoning", "…"),
                                 HarmonyEvent("answer", "# …\n\n- …\n\n```python\nx = 1\n```\n\n…")])  # fmt: skip
        streaming.finish(replace(reply, status="complete", text="…"))
        page.grab()  # laid out and painted, off screen
        page.deleteLater()

    # -- building ---------------------------------------------------------------------------
    def show_tree(self, tree: ChatTree) -> None:
        self._tree = tree
        for widget in self.widgets.values():
            widget.setParent(None)
            widget.deleteLater()
        self.widgets.clear()
        self._order.clear()
        path = tree.path()
        self._hidden = path[:-PAGE] if len(path) > PAGE else []
        page = path[-PAGE:]
        # The newest turns first, so the chat is on screen at once; older ones of the page are
        # built a few per event-loop pass above them (each costs a few ms of markdown layout).
        self._pending = page[:-FIRST_PAINT]
        for turn in page[-FIRST_PAINT:]:
            self._insert(turn, len(self._order))
        self._generation += 1
        if self._pending:
            generation = self._generation
            QTimer.singleShot(STEP_MS, lambda: self._build_pending(generation))
        self.earlier.setVisible(bool(self._hidden) and not self._pending)
        self.empty.setVisible(not path)
        self._pinned = True
        self._refresh_actions()
        self.scroll_to_bottom()

    def _build_pending(self, generation: int) -> None:
        if generation != self._generation or not self._pending:
            return
        step, self._pending = self._pending[-FIRST_PAINT:], self._pending[:-FIRST_PAINT]
        for i, turn in enumerate(step):
            self._insert(turn, i)
        self._refresh_actions()
        if self._pending:
            QTimer.singleShot(STEP_MS, lambda: self._build_pending(generation))
        else:
            self.earlier.setVisible(bool(self._hidden))

    def show_earlier(self) -> None:
        page, self._hidden = self._hidden[-PAGE:], self._hidden[:-PAGE]
        for i, turn in enumerate(page):
            self._insert(turn, i)
        self.earlier.setVisible(bool(self._hidden))
        self._refresh_actions()

    def _insert(self, turn: Turn, index: int) -> TurnWidget:
        assert self._tree is not None
        siblings = [t.id for t in self._tree.siblings(turn.id)]
        widget: TurnWidget
        if turn.role == "user":
            user = UserTurnWidget(turn, siblings)
            user.edit_submitted.connect(self.edit_submitted)
            widget = user
        else:
            reply = AssistantTurnWidget(turn, siblings, self.dark)
            reply.regenerate_requested.connect(self.regenerate_requested)
            reply.tool_decided.connect(self.tool_decided)
            reply.source_requested.connect(self.source_requested)
            reply.answer.link_requested.connect(self.links.open)
            widget = reply
        widget.branch_requested.connect(self.branch_requested)
        self.widgets[turn.id] = widget
        self._order.insert(index, turn.id)
        # +2: the "earlier" button and the empty-state label come first.
        self._layout.insertWidget(index + 2, widget)
        return widget

    def append_turn(self, turn: Turn) -> None:
        self.empty.hide()
        self._insert(turn, len(self._order))
        self._pinned = True
        self._refresh_actions()
        self.scroll_to_bottom()

    # -- streaming ----------------------------------------------------------------------------
    def append_events(self, turn_id: str, events: list[HarmonyEvent]) -> None:
        widget = self.widgets.get(turn_id)
        if isinstance(widget, AssistantTurnWidget):
            widget.append_events(events)

    def tool_state(self, turn_id: str, index: int, state: str, text: str) -> None:
        widget = self.widgets.get(turn_id)
        if isinstance(widget, AssistantTurnWidget):
            widget.set_tool_state(index, state, text)

    def turn_updated(self, turn: Turn) -> None:
        widget = self.widgets.get(turn.id)
        if isinstance(widget, AssistantTurnWidget):
            widget.finish(turn)
        self._refresh_actions()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._refresh_actions()

    def _refresh_actions(self) -> None:
        """Regenerate on the last reply only; no editing or branch switching mid-reply."""
        last_reply = next((i for i in reversed(self._order) if isinstance(self.widgets[i], AssistantTurnWidget)),
                          None)  # fmt: skip
        for turn_id, widget in self.widgets.items():
            widget.switcher.setEnabled(not self._busy)
            if isinstance(widget, AssistantTurnWidget):
                widget.set_regenerate_visible(turn_id == last_reply)
                widget.set_regenerate_enabled(not self._busy)
            elif isinstance(widget, UserTurnWidget):
                widget.set_editable(not self._busy)

    def last_user_widget(self) -> UserTurnWidget | None:
        for turn_id in reversed(self._order):
            widget = self.widgets[turn_id]
            if isinstance(widget, UserTurnWidget):
                return widget
        return None

    def reply_widget(self, turn_id: str) -> AssistantTurnWidget | None:
        widget = self.widgets.get(turn_id)
        return widget if isinstance(widget, AssistantTurnWidget) else None

    # -- scrolling ----------------------------------------------------------------------------
    def scroll_to_bottom(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _on_scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._pinned = value >= bar.maximum() - 8

    def _on_range(self, _low: int, high: int) -> None:
        if self._pinned:
            self.verticalScrollBar().setValue(high)

    def visible_text(self) -> str:
        """Everything drawn, as plain text (tests, self-test)."""
        parts = []
        for turn_id in self._order:
            widget = self.widgets[turn_id]
            if isinstance(widget, UserTurnWidget):
                parts.append(widget.body.text())
            elif isinstance(widget, AssistantTurnWidget):
                parts.append(widget.reasoning.toPlainText())
                parts.append(widget.answer.toPlainText())
                parts.append(widget.status.text())
        return "\n".join(parts)
