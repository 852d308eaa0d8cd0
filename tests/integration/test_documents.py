"""Documents: real files made by real libraries (fpdf2 for PDF, python-docx for DOCX), read
back by Hearth's extraction, indexed in a real SQLite FTS5 file, and browsed the way the model
browses them; and the files that go wrong, each with a sentence."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.documents import citations
from app.infra.documents.browser import DocumentBrowser
from app.infra.documents.collection import index_files, scan
from app.infra.documents.extract import extract
from app.infra.documents.index import DocumentIndex, fts_query


def make_pdf(path: Path, pages: list[str], password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.output(str(path))
    return path


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    doc.save(str(path))
    return path


def test_pdf_docx_html_csv_and_text_are_read(tmp_path: Path) -> None:
    pdf = extract(make_pdf(tmp_path / "a.pdf", ["The lighthouse keeper logs the tides.", "", "Page three talks of gulls."]))
    assert not pdf.error and len(pdf.pages) == 3 and "lighthouse keeper" in pdf.pages[0]
    assert "gulls" in pdf.pages[2]
    assert any("2" in n and "without text" in n for n in pdf.notes)  # the empty page is named
    docx = extract(make_docx(tmp_path / "b.docx", ["Quarterly report", "Revenue grew by 12 percent."],
                             [["region", "sales"], ["north", "40"]]))  # fmt: skip
    assert not docx.error and "Revenue grew by 12 percent." in docx.pages[0] and "north | 40" in docx.pages[0]
    html = tmp_path / "c.html"
    html.write_text("<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
                    "<body><h1>Title</h1><p>First &amp; second.</p></body></html>")  # fmt: skip
    page = extract(html).pages[0]
    assert "Title" in page and "First & second." in page and "alert" not in page and "color" not in page
    csv = tmp_path / "d.csv"
    csv.write_text('name,city\n"Ada, Countess",London\n')
    assert "Ada, Countess | London" in extract(csv).pages[0]
    code = tmp_path / "e.py"
    code.write_text("def answer():\n    return 42\n" * 500)
    got = extract(code)
    assert len(got.pages) > 1 and "".join(got.pages) == code.read_text()  # paged, nothing lost


def test_files_that_go_wrong_each_get_a_sentence(tmp_path: Path) -> None:
    encrypted = extract(make_pdf(tmp_path / "locked.pdf", ["secret"], password="hunter2"))
    assert "password" in encrypted.error and not encrypted.pages
    good = make_pdf(tmp_path / "good.pdf", ["fine text"]).read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(good[: len(good) // 3])
    result = extract(damaged)
    assert result.error or result.notes  # never a crash, always said
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 100)
    assert "not a text file" in extract(binary).error
    assert "gone" in extract(tmp_path / "missing.txt").error
    scanned = extract(make_pdf(tmp_path / "scan.pdf", ["", ""]))
    assert any("scanned" in n for n in scanned.notes)
    empty = tmp_path / "empty.md"
    empty.write_text("")
    assert any("No text" in n for n in extract(empty).notes)


def test_a_huge_text_file_is_read_up_to_the_limit_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.infra.documents.extract as ex

    big = tmp_path / "big.log"
    with big.open("wb") as f:
        line = b"2026-12-04 12:00:00 INFO the service answered in 12 ms\n"
        for _ in range(200 * 1024 * 1024 // len(line)):
            f.write(line)
    assert big.stat().st_size > 199 * 1024 * 1024
    monkeypatch.setattr(ex, "TEXT_LIMIT", 8 * 1024 * 1024)  # the same rule, a faster test
    got = extract(big)
    assert not got.error and any("Only the first 8 MB of its 200 MB" in n for n in got.notes)
    assert 7.9 * 1024 * 1024 < got.chars <= 8 * 1024 * 1024


def test_index_search_ranks_and_survives_a_kill(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "tides.md").write_text("The tide tables for the harbour.\nHigh tide at noon, low tide at six.")
    (folder / "recipes.txt").write_text("Bread: flour, water, salt. Bake at 230 degrees.")
    make_pdf(folder / "gulls.pdf", ["Gulls nest on the cliffs above the harbour."])
    index = DocumentIndex(tmp_path / "index.sqlite3")
    report = index_files(index, [folder])
    assert report.indexed == 3 and not report.problems
    hits = index.search("when is high tide in the harbour")
    assert hits[0].path.endswith("tides.md") and {h.path.rsplit("/", 1)[1] for h in hits} >= {"gulls.pdf"}
    hostile = index.search('"); DROP TABLE pages; -- NEAR( * ^')  # only words: no syntax error, no harm
    assert isinstance(hostile, list) and index.page_count() == 3
    assert fts_query('a "b" OR c*') == '"a" OR "b" OR "or" OR "c"'
    # Unchanged files are skipped; a changed one is read again; a deleted one is forgotten.
    again = index_files(index, [folder])
    assert (again.indexed, again.unchanged) == (0, 3)
    (folder / "recipes.txt").write_text("Bread: flour, water, salt, yeast.")
    os.utime(folder / "recipes.txt", (1, 1))
    (folder / "gulls.pdf").unlink()
    third = index_files(index, [folder])
    assert (third.indexed, third.removed) == (1, 1) and index.search("yeast")
    assert not index.search("gulls")
    index.close()
    # A writer killed in the middle of a file leaves the index whole (one transaction per file).
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from app.infra.documents.index import DocumentIndex\n"
        "i = DocumentIndex(Path(sys.argv[1]))\n"
        "i._conn.execute('BEGIN IMMEDIATE')\n"
        "i._conn.execute(\"INSERT INTO documents (path, size, mtime, title, pages) VALUES ('half', 1, 1, 'half', 1)\")\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "index.sqlite3")], check=False,
                   cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    reopened = DocumentIndex(tmp_path / "index.sqlite3")
    assert reopened.integrity_ok() and "half" not in reopened.paths() and reopened.search("yeast")
    reopened.close()


def test_a_symlink_loop_and_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("inside")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    outside = tmp_path / "private.txt"
    outside.write_text("private")
    (folder / "link-out.txt").symlink_to(outside)
    (folder / "link-in.txt").symlink_to(folder / "sub" / "a.txt")
    found = {p.name for p in scan([folder])}
    assert found == {"a.txt", "link-in.txt"}


def test_a_folder_of_two_thousand_files_with_a_file_deleted_while_indexing(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"note-{i:04d}.txt").write_text(f"Note number {i}. The word of this note is w{i}x.")
    index = DocumentIndex(tmp_path / "index.sqlite3")
    seen: list[int] = []

    def progress(p: object) -> None:
        done = p.files_done  # type: ignore[attr-defined]
        seen.append(done)
        if done == 10:
            (folder / "note-1500.txt").unlink()

    report = index_files(index, [folder], progress)
    assert report.indexed == 1999 and len(report.problems) == 1 and "gone" in report.problems[0][1]
    assert index.search("w1234x")[0].path.endswith("note-1234.txt")
    assert seen[-1] == 2000
    # Stopped half-way (paused), then resumed: it goes on where it stopped.
    index2 = DocumentIndex(tmp_path / "index2.sqlite3")
    first = index_files(index2, [folder], should_stop=lambda: index2.page_count() >= 700)
    assert first.stopped and 700 <= index2.page_count() < 1999
    second = index_files(index2, [folder])
    assert second.unchanged >= 700 and index2.page_count() == 1999
    index.close()
    index2.close()


def test_the_browser_searches_opens_finds_and_its_citations_map_to_pages(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    make_pdf(folder / "manual.pdf", ["Introduction to the pump.", "Maintenance: replace the filter every 90 days.\n"
                                     "Check the seal monthly."])  # fmt: skip
    (folder / "other.txt").write_text("Unrelated text about filters in coffee machines.")
    index = DocumentIndex(tmp_path / "i.sqlite3")
    index_files(index, [folder])
    browser = DocumentBrowser([index])
    results = browser.search("how often replace the filter")
    assert results.startswith("[0] Search results for `how often replace the filter`")
    assert "【0†manual.pdf p. 2†" in results
    opened = browser.call("open", '{"id": 0}')
    first_line = opened.split("\n", 1)[0]
    assert first_line.startswith("[1] manual.pdf p. 2 of 2 (") and first_line.endswith("manual.pdf#page=2)")
    assert "L0: Maintenance: replace the filter every 90 days." in opened
    found = browser.call("find", '{"pattern": "seal"}')
    assert found.startswith("[2] Find results for `seal`") and "【0†match at L1】" in found
    again = browser.call("open", '{"id": 0}')  # a find result opens the page at the match
    assert "L1: Check the seal monthly." in again.split("\n", 3)[3].split("\n")[0]
    assert browser.call("open", '{"id": "https://example.com"}').startswith("Error")
    assert browser.call("open", '{"cursor": 99}').startswith("Error")
    assert browser.call("teleport", "{}").startswith("Error")
    cites = citations("Replace it every 90 days 【1†L0】, and check the seal 【3†L1-L1】. 【0†L2】",
                      [results, opened, found, again])  # fmt: skip
    assert [(c.cursor, c.first, c.last, Path(c.path).name, c.page) for c in cites] == [
        (1, 0, 0, "manual.pdf", 2), (3, 1, 1, "manual.pdf", 2)]  # fmt: skip
    index.close()


def test_the_index_file_is_plain_sqlite_with_fts5(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "i.sqlite3")
    index.close()
    db = sqlite3.connect(tmp_path / "i.sqlite3")
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert {"documents", "pages", "pages_fts"} <= names


def test_words_on_most_pages_do_not_drown_the_rare_ones(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "i.sqlite3")
    pages = [f"the common word appears here with filler number {i}" for i in range(600)]
    pages[417] = "the common word and also zanzibar, the only rare word"
    index.put(tmp_path / "big.txt", 1, 1.0, "big.txt", pages)
    hits = index.search("the common zanzibar")
    assert hits[0].number == 418  # the rare word decides; "the" and "common" are on every page
    assert len(index.search("the common word", 5)) == 5  # only common words: still pages, not nothing
    index.close()
