"""Text out of the files a person attaches, on this machine, page by page.

Plain text and code, Markdown, CSV and HTML are read with the standard library; PDF with
pypdf (BSD) and DOCX with python-docx (MIT) — both pure Python, licences the app can carry.
Nothing is ever cut silently: every ``Extracted`` carries notes a person can read (a page with
no text, a file cut at the size limit), and a file that cannot be read at all has ``error``.
Files without pages (text, HTML, DOCX) are split into pages of about PAGE_CHARS characters at
line ends, so the index and the browser tool handle every kind the same way.
"""

from __future__ import annotations

import csv
import html.parser
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from app.core.documents import SUFFIXES, TEXT_SUFFIXES  # noqa: F401 - TEXT_SUFFIXES: for callers
from app.core.text import translate

PAGE_CHARS = 3_000
TEXT_LIMIT = 64 * 1024 * 1024  # bytes of a text file read; the rest is left out, and said so


@dataclass
class Extracted:
    path: Path
    title: str
    pages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # sentences for the person
    error: str = ""  # the file could not be read at all
    gone: bool = False  # it was deleted (or moved) before it could be read

    @property
    def chars(self) -> int:
        return sum(len(p) for p in self.pages)


def supported(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def extract(path: Path) -> Extracted:
    """The text of ``path``; never raises for what is in the file."""
    out = Extracted(path, path.name)
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            _pdf(path, out)
        elif suffix == ".docx":
            _docx(path, out)
        elif suffix in (".html", ".htm"):
            out.pages = list(_paginate(_html(_read_text(path, out))))
        elif suffix in (".csv", ".tsv"):
            out.pages = list(_paginate(_csv(_read_text(path, out), "\t" if suffix == ".tsv" else ",")))
        else:
            out.pages = list(_paginate(_read_text(path, out)))
    except _Unreadable as e:
        out.error, out.pages = str(e), []
    except FileNotFoundError:
        out.error, out.pages, out.gone = translate("Documents", "The file is gone."), [], True
    except PermissionError:
        out.error, out.pages = translate("Documents", "Hearth may not read this file."), []
    except IsADirectoryError:
        out.error, out.pages = translate("Documents", "This is a folder, not a file."), []
    except OSError as e:
        out.error, out.pages = (
            translate("Documents", "The file could not be read: {reason}").format(reason=e.strerror or e),
            [],
        )
    if not out.error and not any(p.strip() for p in out.pages):
        out.notes.append(translate("Documents", "No text was found in it."))
    return out


class _Unreadable(Exception):
    pass


def _read_text(path: Path, out: Extracted) -> str:
    size = path.stat().st_size
    with path.open("rb") as f:
        data = f.read(TEXT_LIMIT)
    if b"\x00" in data[:8192]:
        raise _Unreadable(translate("Documents", "This is not a text file (it holds binary data)."))
    if size > TEXT_LIMIT:
        out.notes.append(translate("Documents", "Only the first {limit} of its {size} were read.").format(
            limit=_mb(TEXT_LIMIT), size=_mb(size)))  # fmt: skip
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") > max(16, len(text) // 100):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _Unreadable(translate("Documents", "This is not a text file Hearth can read.")) from None
    return text


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def _paginate(text: str) -> Iterator[str]:
    """Pages of about PAGE_CHARS characters, cut at line ends where there are any."""
    start = 0
    while start < len(text):
        end = min(len(text), start + PAGE_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + PAGE_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        yield text[start:end]
        start = end


class _HtmlText(html.parser.HTMLParser):
    BLOCK: ClassVar[set[str]] = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
             "pre", "blockquote", "table", "ul", "ol", "header", "footer", "title"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html(text: str) -> str:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _csv(text: str, delimiter: str) -> str:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return "\n".join(" | ".join(cell.strip() for cell in row) for row in rows)


def _pdf(path: Path, out: Extracted) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = bool(reader.decrypt(""))  # some PDFs are "encrypted" with an empty password
            except Exception:  # pypdf raises several kinds for ciphers it does not know
                unlocked = False
            if not unlocked:
                raise _Unreadable(
                    translate("Documents", "The PDF is protected by a password; Hearth cannot read it.")
                )
        pages = reader.pages
        count = len(pages)
    except _Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
        raise _Unreadable(translate("Documents", "The PDF is damaged and cannot be read ({reason}).").format(
            reason=type(e).__name__)) from e  # fmt: skip
    empty: list[int] = []
    for number in range(count):
        try:
            text = pages[number].extract_text() or ""
        except Exception:
            text = ""
        out.pages.append(text)
        if not text.strip():
            empty.append(number + 1)
    if empty and len(empty) < count:
        out.notes.append(translate("Documents", "Pages without text (scanned images?): {pages}.").format(
            pages=_ranges(empty)))  # fmt: skip
    elif empty:
        out.notes.append(
            translate(
                "Documents",
                "None of its pages has text: it is probably scanned images, which Hearth cannot read.",
            )
        )


def _docx(path: Path, out: Extracted) -> None:
    import zipfile

    from docx import Document

    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise _Unreadable(translate("Documents", "The Word file is damaged and cannot be read ({reason}).").format(
            reason=type(e).__name__)) from e  # fmt: skip
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    out.pages = list(_paginate("\n".join(lines)))


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)
