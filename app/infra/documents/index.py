"""A collection's full-text index: SQLite FTS5 with BM25 ranking, one file per collection.

Each document is written in one transaction (its row, its pages, their index entries), so a
kill between two files loses nothing already indexed and leaves no half-written document; the
next run skips every file whose size and modification time are unchanged. WAL mode with
``synchronous=NORMAL``: the index can always be rebuilt from the files, so it trades the last
file's durability for speed.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, "
    "size INTEGER NOT NULL, mtime REAL NOT NULL, title TEXT NOT NULL, pages INTEGER NOT NULL, "
    "chars INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS pages (id INTEGER PRIMARY KEY, doc INTEGER NOT NULL "
    "REFERENCES documents(id) ON DELETE CASCADE, number INTEGER NOT NULL, text TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pages_by_doc ON pages(doc, number)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(text, content='pages', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    # How many pages hold each word: a query leaves out words on most pages (next to no weight
    # in BM25, and scoring every page for them is what makes a search slow).
    "CREATE VIRTUAL TABLE IF NOT EXISTS pages_vocab USING fts5vocab(pages_fts, 'row')",
)
COMMON_SHARE = 0.3  # a word on more than this share of the pages is left out of a query ...
COMMON_MIN_PAGES = 500  # ... of a collection this large (a small one is scored whole, quickly)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    page_id: int
    doc_id: int
    path: str
    title: str
    number: int  # 1-based page number
    snippet: str
    score: float


@dataclass(frozen=True)
class DocInfo:
    id: int
    path: str
    title: str
    pages: int
    chars: int
    error: str
    notes: str


def query_words(text: str) -> list[str]:
    return list(dict.fromkeys(_WORD.findall(text.lower())))[:32]


def fts_query(text: str | list[str]) -> str:
    """A person's or the model's words as an FTS5 query that cannot be a syntax error: each
    word quoted, any of them may match (BM25 ranks pages with more and rarer ones first)."""
    words = query_words(text) if isinstance(text, str) else text
    return " OR ".join(f'"{w}"' for w in words)


class DocumentIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            for statement in SCHEMA:
                self._conn.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- writing --------------------------------------------------------------------------------
    def is_current(self, path: Path, size: int, mtime: float) -> bool:
        with self._lock:
            row = self._conn.execute(
                "SELECT size, mtime FROM documents WHERE path = ?", (str(path),)
            ).fetchone()
        return row is not None and row[0] == size and abs(row[1] - mtime) < 1e-6

    def put(self, path: Path, size: int, mtime: float, title: str, pages: list[str], error: str = "",
            notes: Iterable[str] = ()) -> int:  # fmt: skip
        """Replace ``path``'s document with these pages, in one transaction."""
        with self._lock:
            c = self._conn
            c.execute("BEGIN IMMEDIATE")
            try:
                self._delete(str(path))
                cur = c.execute(
                    "INSERT INTO documents (path, size, mtime, title, pages, chars, error, notes) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        str(path),
                        size,
                        mtime,
                        title,
                        len(pages),
                        sum(len(p) for p in pages),
                        error,
                        "\n".join(notes),
                    ),
                )
                doc = int(cur.lastrowid or 0)
                for number, text in enumerate(pages, 1):
                    page = c.execute(
                        "INSERT INTO pages (doc, number, text) VALUES (?, ?, ?)", (doc, number, text)
                    )
                    c.execute("INSERT INTO pages_fts (rowid, text) VALUES (?, ?)", (page.lastrowid, text))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
        return doc

    def _delete(self, path: str) -> None:
        c = self._conn
        row = c.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        for page_id, text in c.execute("SELECT id, text FROM pages WHERE doc = ?", (row[0],)).fetchall():
            c.execute(
                "INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', ?, ?)", (page_id, text)
            )
        c.execute("DELETE FROM pages WHERE doc = ?", (row[0],))
        c.execute("DELETE FROM documents WHERE id = ?", (row[0],))

    def remove(self, paths: Iterable[str]) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for path in paths:
                    self._delete(path)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    # -- reading --------------------------------------------------------------------------------
    def documents(self) -> list[DocInfo]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, path, title, pages, chars, error, notes FROM documents ORDER BY path"
            ).fetchall()
        return [DocInfo(*row) for row in rows]

    def paths(self) -> set[str]:
        with self._lock:
            return {row[0] for row in self._conn.execute("SELECT path FROM documents")}

    def page_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM pages").fetchone()[0])

    def _informative(self, words: list[str]) -> tuple[list[str], bool]:
        """``words`` without those on most pages, and whether any is left that is not common
        (if none is, the rarest stays, and ranking by it would tell the pages nothing)."""
        if not words:
            return words, True
        with self._lock:
            pages = int(self._conn.execute("SELECT count(*) FROM pages").fetchone()[0]) or 1
            if pages < COMMON_MIN_PAGES:
                return words, True
            counts = {w: 0 for w in words}
            marks = ",".join("?" * len(words))
            for term, doc in self._conn.execute(f"SELECT term, doc FROM pages_vocab WHERE term IN ({marks})", words):
                counts[term] = int(doc)
        kept = [w for w in words if counts[w] <= pages * COMMON_SHARE]
        return (kept, True) if kept else ([min(words, key=lambda w: counts[w])], False)

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        words, informative = self._informative(query_words(text))
        query = fts_query(words)
        if not query:
            return []
        # The best pages first (FTS5's rank is BM25; only rowids and scores are sorted), then
        # snippets for those few alone: a snippet per matching page would cost more than the
        # search itself when common words match most pages.
        order = "ORDER BY rank" if informative else ""  # only common words: any matching pages
        sql = (
            f"WITH best AS (SELECT rowid, rank FROM pages_fts WHERE pages_fts MATCH ?1 {order} LIMIT ?2) "
            "SELECT p.id, d.id, d.path, d.title, p.number, "
            "snippet(pages_fts, 0, '', '', ' … ', 24), best.rank "
            "FROM best JOIN pages_fts ON pages_fts.rowid = best.rowid AND pages_fts MATCH ?1 "
            "JOIN pages p ON p.id = best.rowid JOIN documents d ON d.id = p.doc ORDER BY best.rank"
        )
        with self._lock:
            rows = self._conn.execute(sql, (query, limit)).fetchall()
        return [Hit(*row) for row in rows]

    def page(self, doc_id: int, number: int) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT text FROM pages WHERE doc = ? AND number = ?", (doc_id, number)
            ).fetchone()
        return row[0] if row else None

    def document(self, doc_id: int) -> DocInfo | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, path, title, pages, chars, error, notes FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        return DocInfo(*row) if row else None

    def integrity_ok(self) -> bool:
        with self._lock:
            ok = self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            try:
                self._conn.execute("INSERT INTO pages_fts (pages_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError:
                return False
        return ok
