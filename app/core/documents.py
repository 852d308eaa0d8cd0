"""What counts as a document Hearth can read (the file kinds the extraction handles)."""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT_SUFFIXES = frozenset({
    ".txt", ".md", ".markdown", ".rst", ".log", ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg",
    ".py", ".js", ".ts", ".tsx", ".jsx", ".c", ".h", ".cpp", ".hpp", ".cc", ".rs", ".go", ".java",
    ".kt", ".swift", ".rb", ".php", ".sh", ".bash", ".ps1", ".sql", ".css", ".scss", ".xml", ".tex",
    ".r", ".m", ".lua", ".pl", ".cs", ".fs", ".scala", ".dart", ".vue", ".svelte",
})  # fmt: skip
SUFFIXES = TEXT_SUFFIXES | {".csv", ".tsv", ".html", ".htm", ".pdf", ".docx"}


def is_document(name: str) -> bool:
    dot = name.rfind(".")
    return dot >= 0 and name[dot:].lower() in SUFFIXES


def file_filter() -> str:
    """For a file dialog: every kind Hearth reads."""
    return " ".join(f"*{s}" for s in sorted(SUFFIXES))


def source_of(path: str, page: int) -> str:
    """How the browser tool names a document page in its displays."""
    return f"{path}#page={page}"


_SOURCE = re.compile(r"^\[(\d+)\] .*\((?P<source>[^()]*#page=\d+)\)$")
CITATION = re.compile(r"【(\d+)†L(\d+)(?:-L(\d+))?】")


@dataclass(frozen=True)
class Citation:
    cursor: int
    first: int
    last: int
    path: str
    page: int
    display: str  # the browser display it points into (what the model read)


def citations(answer: str, results: list[str]) -> list[Citation]:
    """The answer's citations that point at a document page, given the browser's displays
    (the tool results of the reply, in order): each display's first line names its cursor
    and source."""
    sources: dict[int, tuple[str, int, str]] = {}
    for text in results:
        match = _SOURCE.match(text.split("\n", 1)[0])
        if match:
            path, _, page = match.group("source").rpartition("#page=")
            sources[int(match.group(1))] = (path, int(page), text)
    out: list[Citation] = []
    for m in CITATION.finditer(answer):
        cursor = int(m.group(1))
        if cursor in sources:
            first = int(m.group(2))
            last = max(first, int(m.group(3) or first))
            path, page, display = sources[cursor]
            cite = Citation(cursor, first, last, path, page, display)
            if cite not in out:
                out.append(cite)
    return out
