"""The SQLite history on real files: round trips, bin, search, migrations, refusals, crashes."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.chat_tree import ChatInfo, Turn
from app.core.conversation import Message
from app.infra.store import (
    SCHEMA_VERSION,
    DatabaseCorruptError,
    HistoryStore,
    NewerDatabaseError,
    StoreEnvironmentError,
    StoreError,
)

WRITER = Path(__file__).with_name("store_writer.py")

# The version 1 schema exactly as Hearth 1 wrote it, kept here (not imported) so that an edit
# of the first migration cannot make this test build the database it expects.
V1_SCHEMA = """
CREATE TABLE chats (id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT 'New chat',
    created REAL NOT NULL, updated REAL NOT NULL, instructions TEXT NOT NULL DEFAULT '',
    effort TEXT NOT NULL DEFAULT 'medium', current_leaf TEXT, deleted_at REAL);
CREATE TABLE turns (id TEXT PRIMARY KEY, chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    parent_id TEXT, role TEXT NOT NULL, created REAL NOT NULL, text TEXT NOT NULL DEFAULT '',
    reasoning TEXT NOT NULL DEFAULT '', messages TEXT NOT NULL DEFAULT '[]', effort TEXT,
    status TEXT NOT NULL DEFAULT 'complete', stats TEXT NOT NULL DEFAULT '{}',
    model TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '');
INSERT INTO chats VALUES ('old', 'From Hearth 1', 10.0, 20.0, 'Be brief.', 'high', 'o2', NULL);
INSERT INTO turns (id, chat_id, parent_id, role, created, text)
    VALUES ('o1', 'old', NULL, 'user', 11.0, 'hello from v1');
INSERT INTO turns (id, chat_id, parent_id, role, created, text, reasoning, effort, stats)
    VALUES ('o2', 'old', 'o1', 'assistant', 12.0, 'hi', 'greet back', 'high', '{"thinking_s": 1.5}');
PRAGMA user_version = 1;
"""


@contextlib.contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def store(db: Path) -> Iterator[HistoryStore]:
    s = HistoryStore.open(db)
    yield s
    s.close()


def make_chat(store: HistoryStore, chat_id: str, title: str = "Chat", updated: float = 100.0) -> ChatInfo:
    info = ChatInfo(chat_id, title=title, created=updated, updated=updated)
    store.create_chat(info)
    return info


def add(store: HistoryStore, chat: str, turn_id: str, parent: str | None, role: str, **kw: object) -> Turn:
    turn = Turn(turn_id, chat, parent, role, kw.pop("created", time.time()), **kw)  # type: ignore[arg-type]
    store.add_turn(turn, current_leaf=turn_id)
    return turn


# -- round trips --------------------------------------------------------------------------------
def test_chats_and_branching_turns_survive_reopening(db: Path) -> None:
    messages = (
        Message.analysis("need weather"),
        Message.call("functions.get_weather", '{"city": "Oslo"}'),
        Message.tool_result("functions.get_weather", '{"temp": -3}'),
        Message.final("It is −3 °C in Oslo."),
    )
    with HistoryStore.open(db) as store:
        info = ChatInfo("c1", title="Weather ☂", instructions="Answer briefly.", effort="high")
        info.titled_by_user = True
        store.create_chat(info)
        add(store, "c1", "u1", None, "user", text="Weather in Oslo?", created=1.0)
        add(store, "c1", "a1", "u1", "assistant", text="first try", created=2.0, effort="low")
        add(
            store, "c1", "a2", "u1", "assistant", created=3.0, text="It is −3 °C in Oslo.",
            reasoning="need weather", messages=messages, effort="high", status="complete",
            stats={"thinking_s": 1.25, "tokens": 42}, model="gpt-oss-20b",
        )  # fmt: skip
        store.set_current_leaf("c1", "a1")

    with HistoryStore.open(db) as store:
        tree = store.load_chat("c1")
    assert tree.info == ChatInfo(
        "c1", "Weather ☂", info.created, tree.info.updated, "Answer briefly.", "high", "a1", True
    )
    assert tree.info.updated >= info.updated  # add_turn marks the chat as changed
    assert [t.id for t in tree.siblings("a1")] == ["a1", "a2"]
    assert [t.id for t in tree.path()] == ["u1", "a1"]
    a2 = tree.turns["a2"]
    assert a2.messages == messages
    assert a2.messages[1].tool_call is not None and a2.messages[1].tool_call.function_name == "get_weather"
    assert (a2.reasoning, a2.effort, a2.stats, a2.model) == (
        "need weather",
        "high",
        {"thinking_s": 1.25, "tokens": 42},
        "gpt-oss-20b",
    )
    assert tree.turns["a1"].effort == "low" and tree.turns["u1"].effort is None


def test_update_turn_and_chat_write_every_field(store: HistoryStore) -> None:
    info = make_chat(store, "c1")
    reply = add(store, "c1", "u1", None, "user", text="q")
    reply = add(store, "c1", "a1", "u1", "assistant", status="streaming")
    reply.text, reply.reasoning, reply.status, reply.error = "answer", "thought", "failed", "engine stopped"
    reply.messages, reply.stats, reply.effort, reply.model = (
        (Message.final("answer"),),
        {"gen_tps": 9.5},
        "low",
        "m",
    )
    store.update_turn(reply)
    info.title, info.instructions, info.effort, info.titled_by_user, info.current_leaf = (
        "T",
        "I",
        "low",
        True,
        "u1",
    )
    store.update_chat(info)
    tree = store.load_chat("c1")
    assert tree.turns["a1"] == reply
    assert tree.info == info
    with pytest.raises(KeyError):
        store.update_turn(Turn("nope", "c1", None, "user", 1.0))
    with pytest.raises(KeyError):
        store.load_chat("nope")


def test_list_chats_newest_update_first(store: HistoryStore) -> None:
    make_chat(store, "a", updated=100.0)
    make_chat(store, "b", updated=300.0)
    make_chat(store, "c", updated=200.0)
    assert [c.id for c in store.list_chats()] == ["b", "c", "a"]
    add(store, "a", "t", None, "user", text="new message")  # now the newest
    assert [c.id for c in store.list_chats()] == ["a", "b", "c"]


def test_garbled_json_in_a_row_loads_as_empty(store: HistoryStore, db: Path) -> None:
    make_chat(store, "c1")
    add(store, "c1", "u1", None, "user", text="q")
    add(store, "c1", "a1", "u1", "assistant", text="answer", messages=(Message.final("answer"),))
    with raw(db) as conn:
        conn.execute("UPDATE turns SET messages = '{not json', stats = '[1, 2]' WHERE id = 'a1'")
        conn.execute("UPDATE turns SET messages = '[{\"role\": \"alien\"}]' WHERE id = 'u1'")
    tree = store.load_chat("c1")
    assert tree.turns["a1"].messages == () and tree.turns["a1"].stats == {}
    assert tree.turns["a1"].text == "answer"
    assert tree.turns["u1"].messages == ()


# -- bin ----------------------------------------------------------------------------------------
def test_delete_restore_and_purge(store: HistoryStore, db: Path) -> None:
    for name in ("keep", "old", "recent"):
        make_chat(store, name)
        add(store, name, f"{name}-t", None, "user", text="hello")
    store.delete_chat("old")
    cutoff = time.time()
    time.sleep(0.01)
    store.delete_chat("recent")
    assert {c.id for c in store.list_chats()} == {"keep"}
    store.restore_chat("recent")
    assert {c.id for c in store.list_chats()} == {"keep", "recent"}
    store.delete_chat("recent")

    assert store.purge_deleted(before=cutoff) == 1
    with pytest.raises(KeyError):
        store.load_chat("old")
    store.restore_chat("recent")  # still in the bin, so it can come back
    store.delete_chat("recent")
    assert store.purge_deleted() == 1
    assert [c.id for c in store.list_chats()] == ["keep"]
    with raw(db) as conn:  # the turns went with their chats
        assert [r[0] for r in conn.execute("SELECT id FROM turns")] == ["keep-t"]


def test_mark_interrupted_only_touches_streaming_turns(db: Path) -> None:
    with HistoryStore.open(db) as store:
        make_chat(store, "c1")
        add(store, "c1", "u1", None, "user", text="q")
        add(store, "c1", "a1", "u1", "assistant", status="stopped")
        add(store, "c1", "a2", "u1", "assistant", text="half an ans", status="streaming")
    with HistoryStore.open(db) as store:
        assert store.mark_interrupted() == 1
        tree = store.load_chat("c1")
        assert [tree.turns[t].status for t in ("u1", "a1", "a2")] == ["complete", "stopped", "interrupted"]
        assert tree.turns["a2"].text == "half an ans"
        assert store.mark_interrupted() == 0


# -- search -------------------------------------------------------------------------------------
def test_search(store: HistoryStore) -> None:
    make_chat(store, "c1", title="Rust questions")
    make_chat(store, "gone", title="Deleted")
    long = "lorem ipsum " * 10 + "the Needle\nis here" + " dolor sit" * 10
    add(store, "c1", "t1", None, "user", text="Is 100% of rust_crate safe?", created=1.0)
    add(
        store,
        "c1",
        "t2",
        "t1",
        "assistant",
        text="1000 crates; rustacrate",
        reasoning="Think about PYTHON",
        created=2.0,
    )
    add(store, "c1", "t3", "t2", "user", text=long, created=3.0)
    add(store, "c1", "t4", "t3", "user", text=r"path C:\temp\x", created=4.0)
    add(store, "gone", "g1", None, "user", text="python in a deleted chat", created=5.0)
    store.delete_chat("gone")

    assert [(h.turn_id, h.chat_title, h.role) for h in store.search("python")] == [
        ("t2", "Rust questions", "assistant")
    ]
    assert store.search("python")[0].snippet == "Think about PYTHON"
    assert [h.turn_id for h in store.search("100%")] == ["t1"]  # not "1000 crates"
    assert [h.turn_id for h in store.search("rust_crate")] == ["t1"]  # not "rustacrate"
    assert [h.turn_id for h in store.search("%")] == ["t1"]
    assert [h.turn_id for h in store.search("c:\\TEMP")] == ["t4"]
    assert [h.turn_id for h in store.search("rust")] == ["t2", "t1"]  # newest first
    assert len(store.search("rust", limit=1)) == 1
    assert store.search("") == [] and store.search("   \n") == []
    (hit,) = store.search("needle")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "\n" not in hit.snippet and "the Needle is here" in hit.snippet
    assert 80 <= len(hit.snippet) <= 100
    store.restore_chat("gone")
    assert [h.chat_id for h in store.search("python")] == ["gone", "c1"]


# -- durability settings ------------------------------------------------------------------------
def test_wal_and_full_sync_are_in_force(store: HistoryStore, db: Path) -> None:
    settings = store.connection_settings()
    assert settings["journal_mode"] == "wal"
    assert settings["synchronous"] == 2  # FULL
    assert settings["foreign_keys"] == 1
    assert settings["busy_timeout"] == 5000
    assert settings["user_version"] == SCHEMA_VERSION
    with raw(db) as conn:  # WAL is a property of the file, seen by any connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity_check() == "ok"


# -- migrations and refusals --------------------------------------------------------------------
def test_v1_database_is_backed_up_and_migrated(db: Path) -> None:
    with raw(db) as conn:
        conn.executescript(V1_SCHEMA)
    with HistoryStore.open(db) as store:
        assert store.connection_settings()["user_version"] == SCHEMA_VERSION
        tree = store.load_chat("old")
        assert (tree.info.title, tree.info.instructions, tree.info.titled_by_user) == (
            "From Hearth 1",
            "Be brief.",
            False,
        )
        assert [t.text for t in tree.path()] == ["hello from v1", "hi"]
        assert tree.turns["o2"].stats == {"thinking_s": 1.5}
        assert [c.id for c in store.list_chats()] == ["old"]
        assert [h.turn_id for h in store.search("v1")] == ["o1"]
    backups = sorted(db.parent.glob("history.sqlite3.v1-*.bak"))
    assert len(backups) == 1, list(db.parent.iterdir())
    assert not list(db.parent.glob("*.part"))
    with raw(backups[0]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 2
        columns = [row[1] for row in conn.execute("PRAGMA table_info(chats)")]
        assert "titled_by_user" not in columns
    # Opening again takes no second backup: only migrations do.
    HistoryStore.open(db).close()
    assert len(list(db.parent.glob("*.bak"))) == 1


def test_a_failed_migration_leaves_the_old_version(db: Path) -> None:
    with raw(db) as conn:
        conn.executescript(V1_SCHEMA)
        conn.execute("CREATE INDEX turns_by_chat ON turns(chat_id)")  # collides with migration 2
    with pytest.raises(sqlite3.OperationalError):
        HistoryStore.open(db)
    with raw(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "titled_by_user" not in [row[1] for row in conn.execute("PRAGMA table_info(chats)")]


def test_newer_database_is_refused_untouched(db: Path) -> None:
    with raw(db) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_written_by', 'Hearth 9.1.0')")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    with pytest.raises(NewerDatabaseError) as caught:
        HistoryStore.open(db)
    message = str(caught.value)
    assert "Hearth 9.1.0" in message and "newer" in message and "Nothing was changed" in message
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


def test_random_bytes_are_not_a_database(db: Path) -> None:
    db.write_bytes(random.Random(5).randbytes(64 * 1024))
    before = db.read_bytes()
    with pytest.raises(DatabaseCorruptError) as caught:
        HistoryStore.open(db)
    assert str(db) in str(caught.value) and "Move the file aside" in str(caught.value)
    assert db.read_bytes() == before


def test_damaged_pages_are_reported(db: Path) -> None:
    with HistoryStore.open(db) as store:
        make_chat(store, "c1")
        for i in range(200):
            add(store, "c1", f"t{i}", None, "user", text=f"message {i} " * 40)
    with raw(db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(db.read_bytes())
    rng = random.Random(3)
    for page in range(2, pages, 3):  # leave page 1 (the header and schema) readable
        data[page * page_size + 8 : page * page_size + 200] = rng.randbytes(192)
    db.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorruptError):
        HistoryStore.open(db)


def test_a_foreign_sqlite_file_is_not_taken_over(db: Path) -> None:
    with raw(db) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseCorruptError, match="not a Hearth history"):
        HistoryStore.open(db)


# -- the environment failing --------------------------------------------------------------------
def test_full_disk_is_an_environment_error(store: HistoryStore) -> None:
    make_chat(store, "c1")
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow: SQLITE_FULL
    with pytest.raises(StoreEnvironmentError, match="The disk is full") as caught:
        add(store, "c1", "big", None, "user", text="x" * 200_000)
    assert isinstance(caught.value, StoreError)
    assert not store._conn.in_transaction  # and the store is still usable
    with pytest.raises(KeyError):
        store.load_chat("missing")
    assert store.load_chat("c1").turns == {}


def test_locked_database_is_an_environment_error(store: HistoryStore, db: Path) -> None:
    make_chat(store, "c1")
    store._conn.execute("PRAGMA busy_timeout = 50")  # the real 5 s would only slow the test
    with raw(db) as other:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreEnvironmentError, match="another program"):
            add(store, "c1", "t1", None, "user", text="q")
        other.rollback()
    add(store, "c1", "t1", None, "user", text="q")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions that bind")
def test_read_only_history_is_an_environment_error(db: Path) -> None:
    with HistoryStore.open(db) as store:
        make_chat(store, "c1")
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        with pytest.raises(StoreEnvironmentError, match="read-only"):
            store = HistoryStore.open(db)
            try:
                make_chat(store, "c2")
            finally:
                store.close()
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


# -- crashes ------------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_acknowledged_writes_survive_sigkill(db: Path) -> None:
    rng = random.Random(20261121)
    HistoryStore.open(db).close()  # created once, so every run below reopens a live file
    for run in range(20):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stderr is not None
        ready = proc.stdout.readline().split()
        assert ready[:1] == ["READY"], proc.stderr.read()
        lines: list[str] = []
        reader = threading.Thread(target=lines.extend, args=(proc.stdout,))
        reader.start()
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        reader.join(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
        acked: dict[str, int] = {}
        for line in lines:
            parts = line.split()
            if line.endswith("\n") and len(parts) == 3 and parts[0] == "ACK":
                acked[parts[1]] = max(acked.get(parts[1], 0), int(parts[2]))
        assert acked, f"run {run}: the writer acknowledged nothing"
        with HistoryStore.open(db) as store:
            assert store.integrity_check() == "ok", f"run {run}"
            turns = store.load_chat(ready[1]).turns
            missing = [turn_id for turn_id in acked if turn_id not in turns]
            assert not missing, f"run {run}: {len(missing)} acknowledged turns lost"
            stale = [t for t, n in acked.items() if n and turns[t].stats.get("updates", 0) < n]
            assert not stale, f"run {run}: {len(stale)} acknowledged updates lost"
