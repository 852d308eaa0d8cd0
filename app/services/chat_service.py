"""Conversations: what is shown, what is sent to the engine, and what is saved, and when.

Lives on the GUI thread and owns the in-memory tree of the open conversation. Every write
goes to the history database through one worker thread (in order), and the rules of the
issue are kept here, not in widgets: the person's message is committed before generation
starts, the reply is saved while it streams (at most a second behind), and it ends marked
complete, stopped, interrupted or failed. One reply streams at a time; it goes on in the
background when the person opens another conversation.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.chat_tree import ChatInfo, ChatTree, Turn, new_id, title_from_text
from app.core.conversation import Conversation, Effort, Message, ToolCall
from app.core.export import chat_to_json, chat_to_markdown
from app.core.harmony_parser import HarmonyEvent
from app.core.markdown_render import prerender_markdown
from app.core.tools import (
    BROWSER,
    MAX_CALLS_PER_REPLY,
    ChatTools,
    ToolInfo,
    denied_result,
    fit_result,
    missing_result,
    reasoning_loops,
)
from app.infra.engine.events import Crashed, ReplyDone, ReplyStarted
from app.infra.engine.protocol import SamplingSettings
from app.infra.files import write_atomic
from app.infra.store import HistoryStore, StoreError
from app.services.documents import CHARS_PER_TOKEN, WHOLE_SHARE, DocumentService
from app.services.engine_service import EngineService
from app.services.tasks import TaskRunner
from app.services.tools import ToolOutcome, ToolService

log = logging.getLogger(__name__)
SAVE_INTERVAL_S = 1.0
CONTEXT_WARNING = 0.8  # warn when a conversation uses this share of the context window
PRERENDER_FIRST = 8  # answers rendered off the GUI thread before a chat is shown (the first paint)
LOOP_CHECK_CHARS = 400  # reasoning is checked for loops every this many new characters
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
    # A reply with tool calls is several engine requests ("rounds"): what the earlier rounds
    # produced (their messages and the tools' results) and the prompt they all extend.
    conversation: Conversation | None = None
    messages: list[Message] = field(default_factory=list)
    calls: int = 0
    waiting: ToolCall | None = None  # a call waiting for the person's answer
    running: ToolCall | None = None  # a call whose tool is running
    round_stats: dict[str, Any] = field(default_factory=dict)
    reasoning_chars: int = 0
    checked_chars: int = 0  # reasoning length at the last loop check
    loop_warned: bool = False

    def snapshot(self) -> Turn:
        stats = dict(self.tree.turns[self.turn_id].stats)
        if self.reasoning:
            stats["thinking_s"] = round((self.answer_started or time.monotonic()) - self.started, 2)
        changes: dict[str, Any] = {"text": "".join(self.answer), "reasoning": "".join(self.reasoning),
                                   "stats": stats}  # fmt: skip
        if self.messages:
            changes["messages"] = tuple(self.messages)
        return self.tree.update(self.turn_id, **changes)

    def add_round(self, stats: dict[str, Any]) -> dict[str, Any]:
        """The reply's numbers so far: the first round's time to first token, the tokens of
        every round, the rest from the latest."""
        merged = {**self.round_stats, **stats}
        if "ttft_s" in self.round_stats:
            merged["ttft_s"] = self.round_stats["ttft_s"]
        merged["generated_tokens"] = int(self.round_stats.get("generated_tokens", 0)) + int(
            stats.get("generated_tokens", 0)
        )
        if self.calls:
            merged["tool_calls"] = self.calls
        self.round_stats = merged
        return merged


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
    # A tool call of the reply being written: turn id, call index in the reply, state ("asking",
    # "running", "done", "error", "denied"), and the result or a sentence.
    tool_state = Signal(str, int, str, str)
    reasoning_loop = Signal(str)  # turn id: the model seems to repeat itself while thinking
    documents_changed = Signal()  # the open chat's attached documents changed
    notice = Signal(str)  # a sentence for the person (saving failed, exported, ...)
    message_returned = Signal(str)  # a message that could not be sent goes back to the input

    def __init__(self, engine: EngineService, store: HistoryStore, model_ready: Callable[[], bool] = lambda: False,
                 parent: QObject | None = None, tools: ToolService | None = None,
                 documents: DocumentService | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.engine = engine
        self.store = store
        self.tools = tools
        self.documents = documents
        self.db = TaskRunner("hearth-db", self)
        self.sampling = SamplingSettings()
        # Sampling per round of a reply (0: the first request, 1: after the first tool result,
        # …); None: ``sampling`` for every round. Tests script the tiny model's calls with it.
        self.sampling_for_round: Callable[[int], SamplingSettings] | None = None
        self.last_request: tuple[str, Conversation] | None = None  # chat id, what was last sent
        self.model_name = ""
        self.n_ctx = 0
        self.chats: list[ChatInfo] = []
        self.current: ChatTree = ChatTree(ChatInfo(id=new_id()))
        self._persisted: set[str] = set()  # chat ids that exist in the database
        self.live: LiveReply | None = None
        self._model_ready = model_ready  # the session's model state: the one place it is kept
        self.render_dark = False  # the window's theme, for rendering answers ahead of time
        self._wanted = self.current.info.id  # the chat last asked for: older loads are dropped
        self._deleted: set[str] = set()
        self._closed = False
        self._prune_scratch = False
        engine.reply_started.connect(self._on_started)
        engine.tokens_ready.connect(self._on_tokens)
        engine.reply_finished.connect(self._on_finished)
        engine.reply_failed.connect(self._on_failed)
        engine.engine_crashed.connect(self._on_crashed)

    # -- start-up and lists ---------------------------------------------------------------
    def start(self) -> None:
        """Mark replies cut off by a previous crash, empty the bin of the last session (its undo
        is gone with it), then list the conversations."""
        self.db.run(self.store.mark_interrupted, None, self._store_failed)
        self.db.run(self.store.purge_deleted, None, self._store_failed)
        self._prune_scratch = True
        self.refresh_list()

    def refresh_list(self) -> None:
        self.db.run(self.store.list_chats, self._set_chats, self._store_failed)

    def _set_chats(self, chats: list[ChatInfo]) -> None:
        if self._prune_scratch and self.tools is not None:
            # The first list after start: the bin was emptied just before it (same worker, in
            # order), so a scratch folder of a chat not listed belongs to a deleted chat.
            self._prune_scratch = False
            keep = {c.id for c in chats} | {self.current.info.id}
            tools = self.tools
            self.db.run(lambda: tools.prune(keep))
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
        live = self.live
        if live is not None and not live.turn_id:
            live.cancelled = True  # no request exists yet: do not start one
        if live is not None and (live.waiting is not None or live.running is not None):
            # Between rounds: no request runs; end the tool (if one runs) and the reply.
            if live.running is not None and self.tools is not None:
                self.tools.stop(live.tree.info.id)
            self._emit_tool(live, live.calls - 1, "error", self.tr("Stopped before the tool answered."))
            live.waiting = live.running = None
            self._end_reply("stopped")
            return
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
            if pending.cancelled or info.id in self._deleted or not self._model_ready():
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
        conversation = self._with_tools(tree, tree.conversation(leaf=parent_id, effort=effort))
        self._show_new_turn(tree, turn)
        self.live = LiveReply(tree, turn.id, conversation=conversation)
        self.busy_changed.emit(True)
        self.db.run(lambda: self.store.add_turn(turn, current_leaf=turn.id), None, self._store_failed)
        self._request(tree, conversation, self._round_sampling(0, tree))

    def _request(self, tree: ChatTree, conversation: Conversation, sampling: SamplingSettings) -> None:
        self.last_request = (tree.info.id, conversation)
        self.engine.generate(conversation, sampling)

    def prompt_to_show(self) -> tuple[Conversation, bool]:
        """What Chat → Show prompt shows: the last request sent in this chat (True), or, before
        any, what the next message would be sent with (False)."""
        if self.last_request is not None and self.last_request[0] == self.current.info.id:
            return self.last_request[1], True
        tree = self.current
        return self._with_tools(tree, tree.conversation(leaf=tree.info.current_leaf)), False

    def _round_sampling(self, n: int, tree: ChatTree | None = None) -> SamplingSettings:
        """This round's sampling, with the chat's constraints: each function tool's arguments
        held to its schema, and the answer to the chat's JSON schema when it answers as JSON."""
        base = self.sampling_for_round(n) if self.sampling_for_round is not None else self.sampling
        tree = tree or (self.live.tree if self.live is not None else self.current)
        constraints = dict(base.constraints)
        for tool in self.tools_on(tree):
            if tool.spec is not None and not tool.builtin:
                constraints.setdefault(tool.name, json.dumps(tool.spec.parameters or {"type": "object"}))
        choices = self.chat_tools(tree)
        if choices.answer_schema is not None:
            constraints.setdefault("final", choices.answer_schema.strip() or "{}")
        effort = (
            self.live.conversation.effort
            if self.live is not None and self.live.conversation
            else tree.info.effort
        )
        reasoning, reply = choices.budgets(effort)
        return dataclasses.replace(
            base,
            constraints=constraints,
            reasoning_budget=base.reasoning_budget or reasoning,
            max_tokens=base.max_tokens or reply,
        )

    def set_python_folders(self, folders: tuple[str, ...]) -> None:
        """The folders this chat's Python may read and write (besides its scratch folder)."""
        choices = self.chat_tools()
        choices.folders = tuple(dict.fromkeys(folders))
        self._save_tools(choices)

    def set_budgets(self, reasoning: int | None, reply: int | None) -> None:
        """This chat's limits in tokens (None: the default for the reply's effort)."""
        choices = self.chat_tools()
        choices.reasoning_budget, choices.reply_budget = reasoning, reply
        self._save_tools(choices)

    def set_answer_schema(self, schema: str | None) -> None:
        """Answer as JSON in this chat (``schema``: a JSON schema, "" for any JSON), or not (None)."""
        choices = self.chat_tools()
        choices.answer_schema = schema
        self._save_tools(choices)

    # -- tools ---------------------------------------------------------------------------------
    def chat_tools(self, tree: ChatTree | None = None) -> ChatTools:
        return ChatTools.from_json((tree or self.current).info.tools)

    def tools_on(self, tree: ChatTree | None = None) -> list[ToolInfo]:
        """The tools the model is offered in this chat: the ones switched on, and the browser
        when documents are attached that are too large to send whole."""
        if self.tools is None:
            return []
        choices = self.chat_tools(tree)
        browse = bool(choices.collections) and self._whole_documents(tree or self.current) is None
        return [t for t in self.tools.available() if (t.name == BROWSER and browse) or
                (t.name != BROWSER and choices.is_on(t))]  # fmt: skip

    def _whole_documents(self, tree: ChatTree) -> str | None:
        """The attached documents' text when it fits whole in the context, else None."""
        documents = self.documents
        cids = self.chat_tools(tree).collections
        if documents is None or not cids or self.n_ctx <= 0:
            return None
        return documents.whole_text(cids, int(self.n_ctx * WHOLE_SHARE * CHARS_PER_TOKEN))

    def attach_collection(self, cid: str, on: bool = True) -> None:
        choices = self.chat_tools()
        listed = [c for c in choices.collections if c != cid]
        choices.collections = tuple([*listed, cid] if on else listed)
        self._save_tools(choices)
        self.documents_changed.emit()

    def attach_files(self, paths: list[str]) -> None:
        """Files or folders dropped on the chat: a new collection, attached to it."""
        if self.documents is None or not paths:
            return
        names = ", ".join(Path(p).name for p in paths[:3]) + ("…" if len(paths) > 3 else "")
        cid = self.documents.add(names, paths)
        self.attach_collection(cid)

    def documents_plan(self) -> str:
        cids = self.chat_tools().collections
        return self.documents.plan(cids, self.n_ctx) if self.documents is not None and cids else ""

    def set_tool_enabled(self, name: str, on: bool) -> None:
        choices = self.chat_tools()
        if self.tools is not None:  # make today's defaults explicit the first time the person chooses
            choices.enabled |= {
                t.name for t in self.tools.available() if choices.is_on(t) and t.name != BROWSER
            }
        choices.touched = True
        if on:
            choices.enabled.add(name)
        else:
            choices.enabled.discard(name)
            choices.always.discard(name)
        self._save_tools(choices)

    def _save_tools(self, choices: ChatTools, tree: ChatTree | None = None) -> None:
        tree = tree or self.current
        tree.info.tools = choices.to_json()
        self._save_fields(tree.info.id, tools=tree.info.tools)

    def _with_tools(self, tree: ChatTree, conversation: Conversation) -> Conversation:
        whole = self._whole_documents(tree)
        if whole:
            conversation.instructions = (
                conversation.instructions + "\n\n" if conversation.instructions else ""
            ) + (
                "# Attached documents\n\nThe user attached these documents to the chat; answer from them "
                "when they are relevant, and name the document you use.\n\n" + whole
            )
        on = self.tools_on(tree)
        if not on:
            return conversation
        conversation.tools = tuple(t.spec for t in on if t.spec is not None and not t.builtin)
        conversation.builtin_tools = tuple(t.name for t in on if t.builtin)
        if self.tools is not None:
            conversation.python_timeout_s = int(self.tools.python_timeout_s)
        conversation.python_folders = self.chat_tools(tree).folders
        return conversation

    def _tool_round(self, live: LiveReply, done: ReplyDone, call: ToolCall) -> None:
        """The model called a tool: ask, run, or answer for it, then let it go on."""
        live.messages.extend(done.messages)
        live.calls += 1
        turn = live.tree.update(live.turn_id, stats=live.add_round(done.stats))
        turn = live.snapshot()
        self.db.run(lambda: self.store.update_turn(turn), None, self._store_failed)
        index = live.calls - 1
        if live.calls > MAX_CALLS_PER_REPLY:
            self._end_reply("stopped", error=self.tr(
                "Stopped: the model called tools {count} times in one reply, which looks like a loop."
            ).format(count=MAX_CALLS_PER_REPLY))  # fmt: skip
            return
        on = {t.name: t for t in self.tools_on(live.tree)}
        info = on.get(call.recipient) or on.get(call.recipient.split(".", 1)[0])  # browser.search → browser
        if info is None:
            text = missing_result(call, sorted(on))
            self._emit_tool(
                live,
                index,
                "error",
                self.tr("There is no tool named {name} in this chat; the model was told.").format(
                    name=call.recipient
                ),
            )
            self._send_result(live, call, text)
            return
        if info.needs_consent and info.name not in self.chat_tools(live.tree).always:
            live.waiting = call
            self._emit_tool(live, index, "asking", "")
            return
        self._run_tool(live, call)

    def answer_tool_call(self, decision: str) -> None:
        """The person's answer to the waiting call: "once", "always" or "deny"."""
        live = self.live
        if live is None or live.waiting is None:
            return
        call, live.waiting = live.waiting, None
        if decision == "deny":
            self._emit_tool(
                live, live.calls - 1, "denied", self.tr("You denied this call; the model was told.")
            )
            self._send_result(live, call, denied_result(call))
            return
        if decision == "always":
            choices = self.chat_tools(live.tree)
            choices.always.add(call.recipient)
            self._save_tools(choices, live.tree)
        self._run_tool(live, call)

    def _run_tool(self, live: LiveReply, call: ToolCall) -> None:
        assert self.tools is not None
        live.running = call
        index = live.calls - 1
        self._emit_tool(live, index, "running", "")

        def done(outcome: ToolOutcome) -> None:
            if self.live is not live or live.running is not call:
                return  # stopped meanwhile
            live.running = None
            text = fit_result(outcome.text, self.n_ctx)
            shown = text if not outcome.note else f"{text}\n\n{outcome.note}" if text else outcome.note
            self._emit_tool(live, index, "error" if outcome.error else "done", shown)
            self._send_result(live, call, text or "(no output)")

        choices = self.chat_tools(live.tree)
        self.tools.run(live.tree.info.id, call, done, choices.folders, choices.collections)

    def _send_result(self, live: LiveReply, call: ToolCall, text: str) -> None:
        """The tool's answer goes into the reply, and the model continues it."""
        channel = next((m.channel for m in reversed(live.messages) if m.tool_call is call), None)
        live.messages.append(Message.tool_result(call.recipient, text, channel=channel))
        assert live.conversation is not None
        sampling = self._round_sampling(live.calls, live.tree)
        self._request(live.tree, live.conversation.with_messages(*live.messages), sampling)

    def _emit_tool(self, live: LiveReply, index: int, state: str, text: str) -> None:
        if live.tree is self.current:
            self.tool_state.emit(live.turn_id, index, state, text)

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
        ready = self._model_ready()
        if not ready:
            self.notice.emit(self.tr("Open a model first: File → Open model… (Ctrl+O)."))
        return ready

    # -- the stream ---------------------------------------------------------------------------
    def _on_started(self, info: ReplyStarted) -> None:
        live = self.live
        if live is not None and live.turn_id:
            turn = live.tree.turns[live.turn_id]
            turn.stats["prompt_tokens"] = info.prompt_tokens

    def _on_tokens(self, events: list[HarmonyEvent]) -> None:
        live = self.live
        if live is None or not live.turn_id:
            return
        for event in events:
            if event.kind == "reasoning":
                live.reasoning.append(event.text)
                live.reasoning_chars += len(event.text)
            elif event.kind == "answer":
                if live.answer_started is None:
                    live.answer_started = time.monotonic()
                live.answer.append(event.text)
        if live.tree is self.current:
            self.reply_events.emit(live.turn_id, events)
        if not live.loop_warned and live.reasoning_chars >= live.checked_chars + LOOP_CHECK_CHARS:
            # A count over the last few thousand characters, every few hundred new ones.
            live.checked_chars = live.reasoning_chars
            if reasoning_loops("".join(live.reasoning[-2000:])):
                live.loop_warned = True
                self.reasoning_loop.emit(live.turn_id)
        now = time.monotonic()
        if now - live.last_save >= SAVE_INTERVAL_S:
            live.last_save = now
            turn = live.snapshot()
            self.db.run(lambda: self.store.update_turn(turn), None, self._store_failed)

    def _end_reply(self, status: str, done: ReplyDone | None = None, error: str = "") -> None:
        live, self.live = self.live, None
        if live is None or not live.turn_id:
            self.busy_changed.emit(False)
            return
        turn = live.snapshot()
        changes: dict[str, Any] = {"status": status, "error": error}
        if done is None and live.messages:
            changes["messages"] = tuple(live.messages)
        if done is not None:
            messages = (*live.messages, *done.messages)
            stats = {**turn.stats, **live.add_round(done.stats)}
            finish = done.finish
            stats["finish"] = finish
            changes["stats"] = stats
            changes["messages"] = messages
            # The parser's messages are the truth (they know where each channel ended).
            changes["text"] = "".join(m.content for m in messages if m.channel == "final") or turn.text
            changes["reasoning"] = (
                "".join(m.content for m in messages if m.channel == "analysis") or turn.reasoning
            )
            if stats.get("reasoning_cut"):
                self.notice.emit(self.tr(
                    "gpt-oss reached this chat's thinking limit ({tokens} tokens) and was asked to answer. Raise it in Chat → Tools… if answers suffer."
                ).format(tokens=f"{int(stats['reasoning_cut']):,}"))  # fmt: skip
            if "final" in done.constrained:
                stats["json_answer"] = 1  # shown pretty-printed, copied as JSON
            for warning in done.warnings:
                self.notice.emit(
                    self.tr(
                        "A JSON schema could not be used, so that part of the reply was not held to it: {detail}"
                    ).format(detail=warning)
                )
            if finish == "context_full" or (finish == "length" and stats.get("prompt_tokens", 0)
                                            + stats.get("generated_tokens", 0) >= self.n_ctx - 1 > 0):  # fmt: skip
                changes["error"] = self.tr("The reply reached the end of the context window.")
            elif finish == "length":
                changes["error"] = self.tr(
                    "The reply reached this chat's limit of {tokens} tokens (Chat → Tools…)."
                ).format(tokens=f"{int(stats.get('generated_tokens', 0)):,}")
        turn = live.tree.update(live.turn_id, **changes)
        self.db.run(lambda: self.store.update_turn(turn), None, self._store_failed)
        if live.tree is self.current:
            self.turn_updated.emit(turn)
            self._emit_usage()
        self.busy_changed.emit(False)
        self.refresh_list()

    def _on_finished(self, done: ReplyDone) -> None:
        live = self.live
        call = next((m.tool_call for m in reversed(done.messages) if m.tool_call is not None), None)
        # A call is what the model asked for, whether it ended on <|call|> or (under a grammar
        # that ended its arguments) on another end token.
        ends_in_call = bool(done.messages) and done.messages[-1].tool_call is not None
        if (done.finish == "call" or (done.finish == "return" and ends_in_call)) and call is not None \
                and live is not None and live.turn_id and self.tools is not None:  # fmt: skip
            self._tool_round(live, done, call)
            return
        self._end_reply("stopped" if done.finish == "stopped" else "complete", done)

    def _on_failed(self, message: str) -> None:
        self._end_reply("failed", error=message)

    def _on_crashed(self, crashed: Crashed) -> None:
        if self.live is not None:
            self._end_reply(
                "interrupted", error=self.tr("The model stopped: {reason}").format(reason=crashed.reason)
            )

    def model_loaded(self, name: str, n_ctx: int) -> None:
        """The session loaded a model: replies are attributed to it and measured against its context."""
        self.model_name = name
        self.n_ctx = n_ctx
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
        return self.tr(
            "This chat uses {used} of the model's {total}-token context. A long answer may not fit: start a new chat, or reload the model with a longer context."
        ).format(used=f"{used:,}", total=f"{n_ctx:,}")

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
            self.notice.emit(
                self.tr("The chat could not be exported to {path}: {reason}").format(
                    path=path, reason=_reason(error)
                )
            )

        self.db.run(work, lambda p: self.notice.emit(self.tr("Exported to {path}").format(path=p)), failed)

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
                                    error=self.tr("Hearth was closed while this answer was being written."))  # fmt: skip
            self.db.run(lambda: self.store.update_turn(turn), None, None)
        self.db.wait()
        self.db.shutdown()
        self.store.close()

    def _store_failed(self, error: BaseException) -> None:
        if not isinstance(error, StoreError | OSError | KeyError):
            log.error("history task failed", exc_info=error)
        self.notice.emit(_reason(error))


def _reason(error: BaseException) -> str:
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, KeyError):
        return QCoreApplication.translate("ChatService", "That chat no longer exists.")
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return QCoreApplication.translate(
        "ChatService", "Something went wrong while saving the history; details are in the log."
    )
