"""The chat history: one SQLite file in WAL mode, its schema migrations, and search.

Every write is one transaction, committed (and with synchronous=FULL, on disk) before the
method returns, so what the window shows as saved survives a crash or a power cut. One
connection, used from one thread; callers move the work off the GUI thread themselves.

Errors come in two kinds (as in qutebrowser): the environment failed (disk full, read-only,
locked, I/O) → StoreEnvironmentError with a sentence for the person; the file is unusable →
DatabaseCorruptError or NewerDatabaseError. Anything else is a bug and is raised unchanged.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from app import __version__
from app.core.chat_tree import ChatInfo, ChatTree, Turn, TurnRole, TurnStatus
from app.core.conversation import Effort
from app.core.export import messages_from_json, messages_to_json
from app.core.text import translate

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3

# One entry per schema version; entry i takes the database from version i to i + 1.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        "CREATE TABLE chats (id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT 'New chat', "
        "created REAL NOT NULL, updated REAL NOT NULL, instructions TEXT NOT NULL DEFAULT '', "
        "effort TEXT NOT NULL DEFAULT 'medium', current_leaf TEXT, deleted_at REAL)",
        "CREATE TABLE turns (id TEXT PRIMARY KEY, "
        "chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE, parent_id TEXT, "
        "role TEXT NOT NULL, created REAL NOT NULL, text TEXT NOT NULL DEFAULT '', "
        "reasoning TEXT NOT NULL DEFAULT '', messages TEXT NOT NULL DEFAULT '[]', effort TEXT, "
        "status TEXT NOT NULL DEFAULT 'complete', stats TEXT NOT NULL DEFAULT '{}', "
        "model TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '')",
    ),
    (
        # A title the person typed is never replaced by one made from the first message.
        "ALTER TABLE chats ADD COLUMN titled_by_user INTEGER NOT NULL DEFAULT 0",
        # Loading a chat and the ON DELETE CASCADE of a purge look turns up by chat.
        "CREATE INDEX turns_by_chat ON turns(chat_id, created)",
        # Search walks turns newest first and stops at its limit.
        "CREATE INDEX turns_by_created ON turns(created)",
        "CREATE INDEX chats_listed ON chats(updated) WHERE deleted_at IS NULL",
        # Lets a newer Hearth's refusal name the version that wrote the schema.
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    (
        # The chat's tool choices (app.core.tools.ChatTools as JSON): which are on, which
        # the person allowed for the whole chat.
        "ALTER TABLE chats ADD COLUMN tools TEXT NOT NULL DEFAULT '{}'",
    ),
]
assert len(MIGRATIONS) == SCHEMA_VERSION

# Chat columns are named as ChatInfo's fields.
_CHAT_COLUMNS = "id, title, created, updated, instructions, effort, current_leaf, titled_by_user, tools"
_CHAT_FIELDS = tuple(_CHAT_COLUMNS.split(", "))
_TURN_COLUMNS = (
    "id, chat_id, parent_id, role, created, text, reasoning, messages, effort, status, stats, model, error"
)
SNIPPET_CONTEXT = 40


class StoreError(Exception):
    """The history could not be used; the message is meant for the person."""


class StoreEnvironmentError(StoreError):
    """The disk, the file system or another program stopped a read or write."""


class DatabaseCorruptError(StoreError):
    """The file is damaged or is not a Hearth history."""


class NewerDatabaseError(StoreError):
    """The file was written by a newer Hearth; nothing in it was changed."""


@dataclass(frozen=True)
class SearchHit:
    chat_id: str
    chat_title: str
    turn_id: str
    role: str
    snippet: str


def _corrupt(path: Path, detail: str) -> DatabaseCorruptError:
    return DatabaseCorruptError(
        translate(
            "History",
            "The chat history {path} is damaged or is not a Hearth history ({detail}). Hearth changed nothing in it. Move the file aside to start a new history, or put back a backup copy (a file ending in .bak beside it).",
        ).format(path=path, detail=detail)
    )


def _environment_message(exc: sqlite3.Error, path: Path, action: str) -> str | None:
    """A sentence for a failure of the disk or the file system; ``action`` (what Hearth was
    doing, already translated) goes into it."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == sqlite3.SQLITE_FULL:
        message = translate(
            "History",
            "The disk is full: Hearth could not {action}. Free some space on the disk that holds {path}.",
        )
    elif primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        message = translate(
            "History",
            "Hearth could not {action}: {path} or its folder is read-only or belongs to someone else.",
        )
    elif primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        message = translate(
            "History",
            "Hearth could not {action}: another program is using {path} (is Hearth already running?).",
        )
    elif primary == sqlite3.SQLITE_IOERR:
        message = translate(
            "History", "Hearth could not {action}: the disk reported an error reading or writing {path}."
        )
    elif primary == sqlite3.SQLITE_CANTOPEN:
        message = translate(
            "History",
            "Hearth could not {action}: {path} could not be opened (is its folder missing or read-only?).",
        )
    else:
        return None
    return message.format(action=action, path=path)


class HistoryStore:
    """Chats and their turns in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path

    @property
    def path(self) -> Path:
        return self._path

    # -- opening and migrating --------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        """Open (creating or migrating as needed) the history at ``path``."""
        path = Path(path)
        try:
            # isolation_level=None: the module starts no transactions of its own; we say
            # BEGIN IMMEDIATE ourselves so a write never fails half-way on a lock upgrade.
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise cls._translate(exc, path, translate("History", "open the chat history")) from exc
        store = cls(conn, path)
        try:
            with store._errors(translate("History", "open the chat history")):
                store._prepare()
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self) -> None:
        conn = self._conn
        conn.execute("PRAGMA busy_timeout = 5000")
        # Read-only checks come first: a file we refuse must be left exactly as it was.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(
                translate(
                    "History",
                    "The chat history {path} was written by {writer}, which is newer than this Hearth {version} (history format {format}; this version reads up to {supported}). Nothing was changed. Update Hearth to open it.",
                ).format(
                    path=self._path,
                    writer=self._written_by(),
                    version=__version__,
                    format=version,
                    supported=SCHEMA_VERSION,
                )
            )
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _corrupt(self._path, "; ".join(problems[:3]))
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise _corrupt(self._path, translate("History", "it holds tables Hearth did not make"))
        if 1 <= version < SCHEMA_VERSION:
            self._backup(version)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            log.warning("the history could not use WAL (journal mode %s)", mode)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                for statement in MIGRATIONS[target - 1]:
                    conn.execute(statement)
                if target >= 2:
                    conn.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_written_by', ?)",
                        (f"Hearth {__version__}",),
                    )
                # user_version lives in the file header, so it commits or rolls back with the rest.
                conn.execute(f"PRAGMA user_version = {target:d}")
            log.info("history migrated to schema %d", target)

    def _written_by(self) -> str:
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_written_by'").fetchone()
        except sqlite3.Error:
            row = None
        if row:
            return translate("History", "a newer Hearth ({version})").format(version=row[0])
        return translate("History", "a newer version of Hearth")

    def _backup(self, version: int) -> Path:
        """Copy the database before migrating it (the backup API copies consistently)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self._path.with_name(f"{self._path.name}.v{version}-{stamp}.bak")
        n = 1
        while target.exists():
            n += 1
            target = self._path.with_name(f"{self._path.name}.v{version}-{stamp}-{n}.bak")
        partial = target.with_name(target.name + ".part")
        dest = sqlite3.connect(partial)
        try:
            self._conn.backup(dest)
        except BaseException:
            dest.close()
            partial.unlink(missing_ok=True)
            raise
        dest.close()
        # Only a finished copy gets the .bak name: a half-written one must not look trustworthy.
        os.replace(partial, target)
        log.info("history backed up to %s before migrating", target.name)
        return target

    # -- error handling and transactions ----------------------------------------------------
    @staticmethod
    def _translate(exc: sqlite3.Error, path: Path, action: str) -> Exception:
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return _corrupt(path, str(exc))
        message = _environment_message(exc, path, action)
        return StoreEnvironmentError(message) if message else exc

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            translated = self._translate(exc, self._path, action)
            if translated is exc:
                raise
            raise translated from exc

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            # A failed COMMIT (disk full) can leave the transaction open; end it either way.
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._errors(action), self._transaction() as conn:
            yield conn

    def _update(self, action: str, sql: str, params: tuple[Any, ...], kind: str, key: str) -> None:
        """One UPDATE of one row; KeyError (a bug in the caller) if there is no such row."""
        with self._write(action) as conn:
            if conn.execute(sql, params).rowcount == 0:
                raise KeyError(f"no {kind} {key}")

    def _rows(self, action: str, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._errors(action):
            return self._conn.execute(sql, params).fetchall()

    # -- chats ------------------------------------------------------------------------------
    def create_chat(self, info: ChatInfo) -> None:
        with self._write(translate("History", "save the new chat")) as conn:
            conn.execute(f"INSERT INTO chats ({_CHAT_COLUMNS}) VALUES ({_marks(9)})", _chat_row(info))

    def update_chat(self, info: ChatInfo) -> None:
        sql = (
            "UPDATE chats SET title = ?, created = ?, updated = ?, instructions = ?, effort = ?, "
            "current_leaf = ?, titled_by_user = ?, tools = ? WHERE id = ?"
        )
        self._update(
            translate("History", "save the chat"), sql, (*_chat_row(info)[1:], info.id), "chat", info.id
        )

    def set_chat_fields(self, chat_id: str, **fields: Any) -> None:
        """Change some of a chat's own fields (title, titled_by_user, instructions, effort, tools) and
        nothing else: a rename must not write back an older copy of the instructions."""
        allowed = ("title", "titled_by_user", "instructions", "effort", "tools")
        unknown = set(fields) - set(allowed)
        if unknown or not fields:
            raise ValueError(f"not a chat field: {sorted(unknown)}")
        names = [k for k in allowed if k in fields]
        sql = f"UPDATE chats SET {', '.join(f'{k} = ?' for k in names)} WHERE id = ?"
        values = tuple(int(fields[k]) if k == "titled_by_user" else fields[k] for k in names)
        self._update(translate("History", "save the chat"), sql, (*values, chat_id), "chat", chat_id)

    def list_chats(self) -> list[ChatInfo]:
        """Chats not in the bin, most recently changed first."""
        sql = f"SELECT {_CHAT_COLUMNS} FROM chats WHERE deleted_at IS NULL ORDER BY updated DESC, id"
        return [_chat_info(row) for row in self._rows(translate("History", "read the chat list"), sql)]

    def load_chat(self, chat_id: str) -> ChatTree:
        with self._errors(translate("History", "read the chat")):
            chat = self._conn.execute(
                f"SELECT {_CHAT_COLUMNS} FROM chats WHERE id = ?", (chat_id,)
            ).fetchone()
            sql = f"SELECT {_TURN_COLUMNS} FROM turns WHERE chat_id = ? ORDER BY created, id"
            rows = self._conn.execute(sql, (chat_id,)).fetchall()
        if chat is None:
            raise KeyError(chat_id)
        info = _chat_info(chat)
        tree = ChatTree(info)
        # Parents go in before children even if the clock went backwards between two turns; a
        # turn whose parent is missing cannot be placed and is left out rather than fail the chat.
        pending = [_turn(row) for row in rows]
        while pending:
            waiting = []
            for turn in pending:
                if turn.parent_id is None or turn.parent_id in tree.turns:
                    tree.add(turn)
                else:
                    waiting.append(turn)
            if len(waiting) == len(pending):
                log.warning("chat %s: %d turns answer a missing turn", chat_id, len(waiting))
                break
            pending = waiting
        if info.current_leaf is not None and info.current_leaf not in tree.turns:
            info.current_leaf = tree.leaf_under(None)
        return tree

    def set_current_leaf(self, chat_id: str, leaf: str | None) -> None:
        sql = "UPDATE chats SET current_leaf = ? WHERE id = ?"
        self._update(translate("History", "save the chat"), sql, (leaf, chat_id), "chat", chat_id)

    def delete_chat(self, chat_id: str) -> None:
        """Move a chat to the bin; :meth:`restore_chat` brings it back until it is purged."""
        sql = "UPDATE chats SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?"
        self._update(translate("History", "delete the chat"), sql, (time.time(), chat_id), "chat", chat_id)

    def restore_chat(self, chat_id: str) -> None:
        sql = "UPDATE chats SET deleted_at = NULL WHERE id = ?"
        self._update(translate("History", "restore the chat"), sql, (chat_id,), "chat", chat_id)

    def purge_deleted(self, before: float | None = None) -> int:
        """Delete for good the chats deleted before ``before`` (all deleted ones by default)."""
        with self._write(translate("History", "empty the bin")) as conn:
            sql = "DELETE FROM chats WHERE deleted_at IS NOT NULL AND (? IS NULL OR deleted_at < ?)"
            return conn.execute(sql, (before, before)).rowcount

    # -- turns ------------------------------------------------------------------------------
    def add_turn(
        self, turn: Turn, *, current_leaf: str | None = None, new_chat: ChatInfo | None = None
    ) -> None:
        """Save a new turn and, with it, that its chat changed (and which leaf it shows).

        ``new_chat``: the chat's first message; the chat is created in the same transaction, so
        a failed write leaves neither behind."""
        row = (turn.id, turn.conversation_id, turn.parent_id, turn.role, turn.created, *_turn_body(turn))
        with self._write(translate("History", "save the message")) as conn:
            if new_chat is not None:
                conn.execute(f"INSERT INTO chats ({_CHAT_COLUMNS}) VALUES ({_marks(9)})", _chat_row(new_chat))
            conn.execute(f"INSERT INTO turns ({_TURN_COLUMNS}) VALUES ({_marks(13)})", row)
            sql = "UPDATE chats SET updated = ?, current_leaf = coalesce(?, current_leaf) WHERE id = ?"
            if conn.execute(sql, (time.time(), current_leaf, turn.conversation_id)).rowcount == 0:
                raise KeyError(f"no chat {turn.conversation_id}")

    def update_turn(self, turn: Turn) -> None:
        sql = (
            "UPDATE turns SET text = ?, reasoning = ?, messages = ?, effort = ?, status = ?, "
            "stats = ?, model = ?, error = ? WHERE id = ?"
        )
        self._update(
            translate("History", "save the reply"), sql, (*_turn_body(turn), turn.id), "turn", turn.id
        )

    def mark_interrupted(self) -> int:
        """Replies that were streaming when the app died are interrupted, not still running."""
        with self._write(translate("History", "mark unfinished replies")) as conn:
            return conn.execute("UPDATE turns SET status = 'interrupted' WHERE status = 'streaming'").rowcount

    # -- search -----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Turns whose text or reasoning contains ``query`` in any case, newest first."""
        if not query.strip():
            return []
        # LIKE would read % and _ in the query as wildcards; escaped, they match themselves.
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql = (
            "SELECT t.chat_id, c.title, t.id, t.role, t.text, t.reasoning FROM turns t "
            "JOIN chats c ON c.id = t.chat_id WHERE c.deleted_at IS NULL "
            "AND (t.text LIKE ?1 ESCAPE '\\' OR t.reasoning LIKE ?1 ESCAPE '\\') "
            "ORDER BY t.created DESC, t.id LIMIT ?2"
        )
        needle = re.compile(re.escape(query), re.IGNORECASE)
        return [
            SearchHit(chat_id, title, turn_id, role, _snippet(needle, text, reasoning))
            for chat_id, title, turn_id, role, text, reasoning in self._rows(
                translate("History", "search"), sql, (pattern, limit)
            )
        ]

    # -- housekeeping -----------------------------------------------------------------------
    def integrity_check(self) -> str:
        """SQLite's full check: "ok", or what is wrong, one problem a line."""
        return "\n".join(
            str(row[0])
            for row in self._rows(translate("History", "check the history"), "PRAGMA integrity_check")
        )

    def connection_settings(self) -> dict[str, Any]:
        """The durability settings in force, for diagnostics (and for tests to see them)."""
        names = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "user_version")
        return {
            name: self._rows(translate("History", "read the settings"), f"PRAGMA {name}")[0][0]
            for name in names
        }

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- rows <-> dataclasses ----------------------------------------------------------------------
def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chat_row(info: ChatInfo) -> tuple[Any, ...]:
    return tuple(getattr(info, name) for name in _CHAT_FIELDS)


def _chat_info(row: tuple[Any, ...]) -> ChatInfo:
    info = ChatInfo(**dict(zip(_CHAT_FIELDS, row, strict=True)))
    info.titled_by_user = bool(info.titled_by_user)
    return info


def _turn_body(turn: Turn) -> tuple[Any, ...]:
    """The columns a turn's later updates may change, in _TURN_COLUMNS order."""
    messages, stats = messages_to_json(turn.messages), json.dumps(turn.stats, ensure_ascii=False)
    return (turn.text, turn.reasoning, messages, turn.effort, turn.status, stats, turn.model, turn.error)


def _stats(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _turn(row: tuple[Any, ...]) -> Turn:
    id_, chat_id, parent, role, created, text, reasoning, messages, effort, status, stats, model, error = row
    role, effort, status = cast(TurnRole, role), cast(Effort | None, effort), cast(TurnStatus, status)
    body = (text or "", reasoning or "", messages_from_json(messages), effort, status, _stats(stats))
    return Turn(id_, chat_id, parent, role, created, *body, model or "", error or "")


def _snippet(needle: re.Pattern[str], text: str, reasoning: str) -> str:
    """About SNIPPET_CONTEXT characters either side of the first match, on one line."""
    source, match = text, needle.search(text)
    if match is None:
        source, match = reasoning, needle.search(reasoning)
    start, end = (match.start(), match.end()) if match else (0, 0)
    lo, hi = max(0, start - SNIPPET_CONTEXT), min(len(source), end + SNIPPET_CONTEXT)
    piece = " ".join(source[lo:hi].split())
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(source) else "")
