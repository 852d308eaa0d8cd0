"""Conversations: what is shown, what is sent to the engine, and what is saved, and when.

Lives on the GUI thread and owns the in-memory tree of the open conversation. Every write
goes to the history database through one worker thread (in order), and the rules of the
issue are kept here, not in widgets: the person's message is committed before generation
starts, the reply is saved while it streams (at most a second behind), and it ends marked
complete, stopped, interrupted or failed. One reply streams at a time; it goes on in the
background when the person opens another conversation.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.chat_tree import ChatInfo, ChatTree, Turn, new_id, title_from_text
from app.core.conversation import Effort
from app.core.export import chat_to_json, chat_to_markdown
from app.core.markdown_render import prerender_markdown
from app.infra.engine_client import message_from_dict
from app.infra.engine_protocol import SamplingSettings
from app.infra.files import write_atomic
from app.infra.store import HistoryStore, StoreError
from app.services.engine_service import EngineService
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
SAVE_INTERVAL_S = 1.0
CONTEXT_WARNING = 0.8  # warn when a conversation uses this share of the context window
PRERENDER_FIRST = 8  # answers rendered off the GUI thread before a chat is shown (the first paint)
PRERENDER_TURNS = 40  # and then the rest of what the view builds (it shows 30 turns)


@dataclass
class LiveReply:
    """The reply being generated: its text grows here and is saved every second."""

    tree: ChatTree
    turn_id: str
    started: float = field(default_factory=time.monotonic)
    answer: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)
    answer_started: float | None = None
    last_save: float = field(default_factory=time.monotonic)
    cancelled: bool = False  # Stop pressed while the person's message was still being saved

    def snapshot(self) -> Turn:
        stats = dict(self.tree.turns[self.turn_id].stats)
        if self.reasoning:
            stats["thinking_s"] = round((self.answer_started or time.monotonic()) - self.started, 2)
        return self.tree.update(self.turn_id, text="".join(self.answer), reasoning="".join(self.reasoning),
                                stats=stats)  # fmt: skip


class ChatService(QObject):
    chats_changed = Signal(list)  # [ChatInfo], newest first
    chat_opened = Signal(object)  # ChatTree: redraw everything
    turn_added = Signal(object)  # Turn appended to the open conversation's current path
    turn_updated = Signal(object)  # Turn whose status/stats/text changed (not per token)
    reply_events = Signal(str, list)  # turn id, harmony events batch (only for the open chat)
    busy_changed = Signal(bool)
    context_usage = Signal(int, int)  # tokens used, context size
    chat_deleted = Signal(str, str)  # id, title: offer undo
    search_results = Signal(str, list)  # query, [SearchHit]
    notice = Signal(str)  # a sentence for the person (saving failed, exported, ...)
    message_returned = Signal(str)  # a message that could not be sent goes back to the input

    def __init__(self, engine: EngineService, store: HistoryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.store = store
        self.db = TaskRunner("hearth-db", self)
        self.sampling = SamplingSettings()
        self.model_name = ""
        self.n_ctx = 0
        self.chats: list[ChatInfo] = []
        self.current: ChatTree = ChatTree(ChatInfo(id=new_id()))
        self._persisted: set[str] = set()  # chat ids that exist in the database
        self.live: LiveReply | None = None
        self.model_ready = False
        self.render_dark = False  # the window's theme, for rendering answers ahead of time
        self._wanted = self.current.info.id  # the chat last asked for: older loads are dropped
        self._deleted: set[str] = set()
        self._closed = False
        engine.reply_started.connect(self._on_started)
        engine.tokens_ready.connect(self._on_tokens)
        engine.reply_finished.connect(self._on_finished)
        engine.reply_failed.connect(self._on_failed)
        engine.engine_crashed.connect(self._on_crashed)
        engine.loaded.connect(self._on_loaded)
        engine.load_started.connect(lambda _path: self._set_ready(False))
        engine.load_failed.connect(lambda _msg: self._set_ready(False))

    # -- start-up and lists ---------------------------------------------------------------
    def start(self) -> None:
        """Mark replies cut off by a previous crash, empty the bin of the last session (its undo
        is gone with it), then list the conversations."""
        self.db.run(self.store.mark_interrupted, None, self._store_failed)
        self.db.run(self.store.purge_deleted, None, self._store_failed)
        self.refresh_list()

    def _set_ready(self, ready: bool) -> None:
        self.model_ready = ready

    def refresh_list(self) -> None:
        self.db.run(self.store.list_chats, self._set_chats, self._store_failed)

    def _set_chats(self, chats: list[ChatInfo]) -> None:
        self.chats = chats
        self._persisted.update(c.id for c in chats)
        self.chats_changed.emit(chats)

    @property
    def busy(self) -> bool:
        return self.live is not None

    def is_live_chat(self, chat_id: str) -> bool:
        return self.live is not None and self.live.tree.info.id == chat_id

    # -- opening ----------------------------------------------------------------------------
    def new_chat(self) -> None:
        info = ChatInfo(id=new_id(), effort=self.current.info.effort)
        self.current = ChatTree(info)
        self._wanted = info.id
        self.chat_opened.emit(self.current)
        self.context_usage.emit(0, self.n_ctx)

    def open_chat(self, chat_id: str) -> None:
        if chat_id == self.current.info.id or chat_id in self._deleted:
            return
        self._wanted = chat_id
        if self.live is not None and self.live.tree.info.id == chat_id:
            if self.live.turn_id:
                self.live.snapshot()  # the tree in memory is ahead of the database
            self._opened(self.live.tree)
            return
        dark = self.render_dark

        def prerender(turns: list[Turn]) -> None:
            # Render answers here, off the GUI thread; the window's renders of the same text
            # then come from the cache.
            for turn in turns:
                if turn.role == "assistant" and turn.text:
                    prerender_markdown(turn.text, dark=dark)

        def load() -> ChatTree:
            tree = self.store.load_chat(chat_id)
            prerender(tree.path()[-PRERENDER_FIRST:])
            return tree

        def loaded(tree: ChatTree) -> None:
            self._opened(tree)
            rest = tree.path()[-PRERENDER_TURNS:-PRERENDER_FIRST]
            if rest:
                self.db.run(lambda: prerender(rest))

        self.db.run(load, loaded, self._store_failed)

    def _opened(self, tree: ChatTree) -> None:
        if tree.info.id != self._wanted or self._closed:
            return  # the person asked for another chat (or a new one) meanwhile
        self.current = tree
        self.chat_opened.emit(tree)
        self._emit_usage()

    # -- sending ----------------------------------------------------------------------------
    def send(self, text: str) -> None:
        self._add_user_turn(text, self.current.info.current_leaf)

    def edit_and_resend(self, turn_id: str, text: str) -> None:
        """A new version of an earlier message: a sibling branch, answered afresh."""
        self._add_user_turn(text, self.current.turns[turn_id].parent_id)

    def regenerate(self, effort: Effort | None = None) -> None:
        """Answer the last message again (a new branch beside the previous answer)."""
        path = self.current.path()
        users = [t for t in path if t.role == "user"]
        if self.busy or not users or not self._can_generate():
            return
        self._start_reply(self.current, users[-1].id, effort or self.current.info.effort)

    def think_harder(self) -> None:
        self.regenerate(effort="high")

    def stop(self) -> None:
        if self.live is not None and not self.live.turn_id:
            self.live.cancelled = True  # no request exists yet: do not start one
        self.engine.stop()

    def _add_user_turn(self, text: str, parent_id: str | None) -> None:
        text = text.strip()
        if not text or self.busy or not self._can_generate():
            if text and not self.busy:
                self.message_returned.emit(text)
            return
        tree = self.current
        turn = Turn(new_id(), tree.info.id, parent_id, "user", time.time(), text=text)
        create = tree.info.id not in self._persisted
        if create:
            tree.info.title = title_from_text(text)
        info = tree.info
        pending = LiveReply(tree, "")
        self.live = pending  # busy from now: a second Enter must not send twice
        self.busy_changed.emit(True)

        def write() -> None:
            self.store.add_turn(turn, current_leaf=turn.id, new_chat=info if create else None)

        def written(_: Any) -> None:
            if self._closed:
                return
            self._persisted.add(info.id)
            self._show_new_turn(tree, turn)
            if self.live is pending:
                self.live = None
            if pending.cancelled or info.id in self._deleted or not self.model_ready:
                self.busy_changed.emit(self.busy)
            else:
                self._start_reply(tree, turn.id, tree.info.effort)
            self.refresh_list()

        def failed(error: BaseException) -> None:
            if self.live is pending:
                self.live = None
            self.busy_changed.emit(self.busy)
            self._store_failed(error)
            self.message_returned.emit(text)

        self.db.run(write, written, failed)

    def _start_reply(self, tree: ChatTree, parent_id: str, effort: Effort) -> None:
        turn = Turn(new_id(), tree.info.id, parent_id, "assistant", time.time(), effort=effort,
                    status="streaming", model=self.model_name)  # fmt: skip
        conversation = tree.conversation(leaf=parent_id, effort=effort)
        self._show_new_turn(tree, turn)
        self.live = LiveReply(tree, turn.id)
        self.busy_changed.emit(True)
        self.db.run(lambda: self.store.add_turn(turn, current_leaf=turn.id), None, self._store_failed)
        self.engine.generate(conversation, self.sampling)

    def _show_new_turn(self, tree: ChatTree, turn: Turn) -> None:
        """Add a turn and make it the current leaf; the view appends it when it continues what
        is on screen, and redraws when it starts a branch (regenerate, edit)."""
        continues = turn.parent_id == tree.info.current_leaf
        tree.add(turn)
        tree.info.current_leaf = turn.id
        if tree is self.current:
            if continues:
                self.turn_added.emit(turn)
            else:
                self.chat_opened.emit(tree)

    def _can_generate(self) -> bool:
        if not self.model_ready:
            self.notice.emit("Open a model first: File → Open model… (Ctrl+O).")
        return self.model_ready

    # -- the stream ---------------------------------------------------------------------------
    def _on_started(self, info: dict[str, Any]) -> None:
        live = self.live
        if live is not None and live.turn_id:
            turn = live.tree.turns[live.turn_id]
            turn.stats["prompt_tokens"] = info.get("prompt_tokens", 0)

    def _on_tokens(self, events: list[dict[str, Any]]) -> None:
        live = self.live
        if live is None or not live.turn_id:
            return
        for event in events:
            kind = event["kind"]
            if kind == "reasoning":
                live.reasoning.append(event.get("text", ""))
            elif kind == "answer":
                if live.answer_started is None:
                    live.answer_started = time.monotonic()
                live.answer.append(event.get("text", ""))
        if live.tree is self.current:
            self.reply_events.emit(live.turn_id, events)
        now = time.monotonic()
        if now - live.last_save >= SAVE_INTERVAL_S:
            live.last_save = now
            turn = live.snapshot()
            self.db.run(lambda: self.store.update_turn(turn), None, self._store_failed)

    def _end_reply(self, status: str, done: dict[str, Any] | None = None, error: str = "") -> None:
        live, self.live = self.live, None
        if live is None or not live.turn_id:
            self.busy_changed.emit(False)
            return
        turn = live.snapshot()
        changes: dict[str, Any] = {"status": status, "error": error}
        if done is not None:
            messages = tuple(message_from_dict(m) for m in done.get("messages", []))
            stats = {**turn.stats, **{k: v for k, v in done.get("stats", {}).items() if _is_number(v)}}
            finish = done.get("finish")
            stats["finish"] = finish
            changes["stats"] = stats
            changes["messages"] = messages
            # The parser's messages are the truth (they know where each channel ended).
            changes["text"] = "".join(m.content for m in messages if m.channel == "final") or turn.text
            changes["reasoning"] = (
                "".join(m.content for m in messages if m.channel == "analysis") or turn.reasoning
            )
            if finish in ("length", "context_full"):
                changes["error"] = "The reply reached the end of the context window."
        turn = live.tree.update(live.turn_id, **changes)
        self.db.run(lambda: self.store.update_turn(turn), None, self._store_failed)
        if live.tree is self.current:
            self.turn_updated.emit(turn)
            self._emit_usage()
        self.busy_changed.emit(False)
        self.refresh_list()

    def _on_finished(self, done: dict[str, Any]) -> None:
        self._end_reply("stopped" if done.get("finish") == "stopped" else "complete", done)

    def _on_failed(self, message: str) -> None:
        self._end_reply("failed", error=message)

    def _on_crashed(self, reason: str) -> None:
        self.model_ready = False
        if self.live is not None:
            self._end_reply("interrupted", error=f"The model stopped: {reason}")

    def _on_loaded(self, info: dict[str, Any]) -> None:
        self.model_ready = True
        self.n_ctx = int(info.get("n_ctx", 0))
        self._emit_usage()

    def _emit_usage(self) -> None:
        used = 0
        for turn in reversed(self.current.path()):
            if turn.role == "assistant" and turn.stats.get("prompt_tokens"):
                used = int(turn.stats["prompt_tokens"]) + int(turn.stats.get("generated_tokens", 0))
                break
        self.context_usage.emit(used, self.n_ctx)

    def context_warning(self, used: int, n_ctx: int) -> str:
        if n_ctx <= 0 or used < CONTEXT_WARNING * n_ctx:
            return ""
        return (f"This chat uses {used:,} of the model's {n_ctx:,}-token context. A long answer may not "
                "fit: start a new chat, or reload the model with a longer context.")  # fmt: skip

    # -- branches and settings ----------------------------------------------------------------
    def switch_branch(self, turn_id: str) -> None:
        tree = self.current
        if self.is_live_chat(tree.info.id):
            return  # the reply being written belongs to the branch on screen
        leaf = tree.switch_to(turn_id)
        self.db.run(lambda: self.store.set_current_leaf(tree.info.id, leaf), None, self._store_failed)
        self.chat_opened.emit(tree)
        self._emit_usage()

    def set_effort(self, effort: Effort) -> None:
        self.current.info.effort = effort
        self._save_fields(self.current.info.id, effort=effort)

    def set_instructions(self, text: str) -> None:
        self.current.info.instructions = text
        self._save_fields(self.current.info.id, instructions=text)

    def rename_chat(self, chat_id: str, title: str) -> None:
        title = " ".join(title.split())
        if not title:
            return
        info = self._info(chat_id)
        if info is None:
            return
        info.title = title
        info.titled_by_user = True
        self._save_fields(chat_id, refresh=True, title=title, titled_by_user=True)

    def _info(self, chat_id: str) -> ChatInfo | None:
        if chat_id == self.current.info.id:
            return self.current.info
        if self.live is not None and self.live.tree.info.id == chat_id:
            return self.live.tree.info
        return next((c for c in self.chats if c.id == chat_id), None)

    def _save_fields(self, chat_id: str, refresh: bool = False, **fields: Any) -> None:
        if chat_id not in self._persisted:
            return  # written with its first message
        self.db.run(lambda: self.store.set_chat_fields(chat_id, **fields),
                    (lambda _: self.refresh_list()) if refresh else None, self._store_failed)  # fmt: skip

    # -- delete, search, export -------------------------------------------------------------------
    def delete_chat(self, chat_id: str) -> None:
        if self.is_live_chat(chat_id):
            self.stop()
        self._deleted.add(chat_id)
        info = self._info(chat_id)
        title = info.title if info else ""
        self.db.run(lambda: self.store.delete_chat(chat_id), lambda _: self.chat_deleted.emit(chat_id, title),
                    self._store_failed)  # fmt: skip
        if chat_id == self.current.info.id:
            self.new_chat()
        self.refresh_list()

    def undo_delete(self, chat_id: str) -> None:
        self._deleted.discard(chat_id)
        self.db.run(
            lambda: self.store.restore_chat(chat_id), lambda _: self.refresh_list(), self._store_failed
        )

    def search(self, query: str) -> None:
        self.db.run(lambda: self.store.search(query), lambda hits: self.search_results.emit(query, hits),
                    self._store_failed)  # fmt: skip

    def export_chat(self, chat_id: str, path: Path, fmt: str) -> None:
        def work() -> Path:
            tree = self.store.load_chat(chat_id)
            write_atomic(path, chat_to_json(tree) if fmt == "json" else chat_to_markdown(tree))
            return path

        def failed(error: BaseException) -> None:
            self.notice.emit(f"The chat could not be exported to {path}: {_reason(error)}")

        self.db.run(work, lambda p: self.notice.emit(f"Exported to {p}"), failed)

    def flush(self) -> None:
        """Save the reply being written now and wait for every write (exit, tests)."""
        if self.live is not None and self.live.turn_id:
            turn = self.live.snapshot()
            self.db.run(lambda: self.store.update_turn(turn), None, self._store_failed)
        self.db.wait()

    def shutdown(self) -> None:
        """Save a reply cut off by quitting as interrupted, finish every write, close the file."""
        if self._closed:
            return
        self._closed = True
        live, self.live = self.live, None
        if live is not None and live.turn_id:
            live.snapshot()
            turn = live.tree.update(live.turn_id, status="interrupted",
                                    error="Hearth was closed while this answer was being written.")  # fmt: skip
            self.db.run(lambda: self.store.update_turn(turn), None, None)
        self.db.wait()
        self.db.shutdown()
        self.store.close()

    def _store_failed(self, error: BaseException) -> None:
        if not isinstance(error, StoreError | OSError | KeyError):
            log.error("history task failed", exc_info=error)
        self.notice.emit(_reason(error))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _reason(error: BaseException) -> str:
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, KeyError):
        return "That chat no longer exists."
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return "Something went wrong while saving the history; details are in the log."
