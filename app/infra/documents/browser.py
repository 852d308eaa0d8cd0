"""harmony's ``browser`` tool, backed by the person's own documents instead of the web.

The model sees what OpenAI's reference browser shows it: every display starts with its cursor
``[N]``, a title and a source, then numbered lines ``L0: …``. ``search`` lists the best pages
of the chat's collections as links ``【id†title†source】`` with a snippet; ``open`` shows a
linked page (or scrolls the current one); ``find`` lists the lines of the current page that
contain a pattern. Answers cite ``【cursor†L9-L11】``, which the window maps back to the file,
page and lines through the source written in the display's first line.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from typing import Any

from app.core.documents import source_of
from app.infra.documents.index import DocumentIndex

WRAP = 80  # characters per line, as the reference browser wraps pages
VIEW_LINES = 60  # lines shown when the model does not say how many
MAX_RESULTS = 10


def wrap_lines(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(textwrap.wrap(line, WRAP, replace_whitespace=False, drop_whitespace=False) or [""])
    return lines


@dataclass
class _Display:
    title: str
    source: str
    lines: list[str]
    # link id -> (index, doc, page, line to open at)
    links: dict[int, tuple[DocumentIndex, int, int, int]] = field(default_factory=dict)
    origin: tuple[DocumentIndex, int, int] | None = None  # the document page shown, if one is


class DocumentBrowser:
    """One chat's browsing state over its collections' indexes."""

    def __init__(self, indexes: list[DocumentIndex]) -> None:
        self.indexes = indexes
        self.stack: list[_Display] = []

    def call(self, function: str, arguments: str) -> str:
        """Run ``browser.<function>`` with the model's JSON arguments; errors are text too."""
        try:
            args: Any = json.loads(arguments or "{}")
        except ValueError:
            return "Error: the arguments are not valid JSON."
        if not isinstance(args, dict):
            return "Error: the arguments must be a JSON object."
        try:
            if function == "search":
                return self.search(str(args.get("query", "")), int(args.get("topn") or MAX_RESULTS))
            if function == "open":
                return self.open(args.get("id", -1), int(args.get("cursor", -1)), int(args.get("loc", -1)),
                                 int(args.get("num_lines", -1)))  # fmt: skip
            if function == "find":
                return self.find(str(args.get("pattern", "")), int(args.get("cursor", -1)))
        except (TypeError, ValueError) as e:
            return f"Error: {e}"
        return f"Error: the browser has no function {function!r}; it has search, open and find."

    # -- the three functions -----------------------------------------------------------------
    def search(self, query: str, topn: int = MAX_RESULTS) -> str:
        if not query.strip():
            return "Error: `query` is empty."
        hits = []
        for index in self.indexes:
            hits += [(hit, index) for hit in index.search(query, max(1, min(topn, 20)))]
        hits.sort(key=lambda pair: pair[0].score)
        hits = hits[: max(1, min(topn, 20))]
        lines: list[str] = []
        display = _Display(f"Search results for `{query}`", "documents", lines)
        for i, (hit, index) in enumerate(hits):
            display.links[i] = (index, hit.doc_id, hit.number, 0)
            lines.append(f"* 【{i}†{hit.title} p. {hit.number}†{source_of(hit.path, hit.number)}】")
            lines.extend("  " + line for line in wrap_lines(" ".join(hit.snippet.split())))
        if not hits:
            lines.append(f"No results for `{query}` in the attached documents.")
        return self._show(display, 0, -1)

    def open(self, id: Any = -1, cursor: int = -1, loc: int = -1, num_lines: int = -1) -> str:
        if isinstance(id, str) and id.strip():
            return (
                "Error: only the attached documents can be opened; open a result of `search` by its number."
            )
        current = self._page(cursor)
        if isinstance(id, int) and id >= 0:
            if id not in current.links:
                return f"Error: there is no link {id} on page [{self._cursor_of(current)}]."
            index, doc_id, number, at = current.links[id]
            info = index.document(doc_id)
            text = index.page(doc_id, number)
            if info is None or text is None:
                return "Error: that document is no longer in the collection."
            display = _Display(f"{info.title} p. {number} of {info.pages}", source_of(info.path, number),
                               wrap_lines(text), origin=(index, doc_id, number))  # fmt: skip
            return self._show(display, max(0, loc if loc >= 0 else at), num_lines)
        # No id: scroll the current page.
        return self._show(current, max(0, loc), num_lines, push=False)

    def find(self, pattern: str, cursor: int = -1) -> str:
        if not pattern:
            return "Error: `pattern` is empty."
        page = self._page(cursor)
        wanted = pattern.lower()
        lines: list[str] = []
        display = _Display(f"Find results for `{pattern}` in `{page.title}`", "find", lines)
        for i, line in enumerate(page.lines):
            if wanted not in line.lower():
                continue
            k = len(display.links)
            if page.origin is not None:
                display.links[k] = (*page.origin, i)
            lines.append(f"# 【{k}†match at L{i}】")
            lines.extend(page.lines[i : i + 3])
            if k + 1 >= 50:
                break
        if not lines:
            lines.append(f"No `find` results for pattern: `{pattern}`")
        return self._show(display, 0, -1)

    # -- pages -------------------------------------------------------------------------------
    def _page(self, cursor: int) -> _Display:
        if not self.stack:
            raise ValueError("no page is open yet; call search first")
        if cursor == -1:
            return self.stack[-1]
        if not 0 <= cursor < len(self.stack):
            raise ValueError(f"cursor {cursor} is out of range (0 - {len(self.stack) - 1})")
        return self.stack[cursor]

    def _cursor_of(self, display: _Display) -> int:
        return next(i for i, d in enumerate(self.stack) if d is display)

    def _show(self, display: _Display, loc: int, num_lines: int, push: bool = True) -> str:
        if push:
            self.stack.append(display)
        cursor = self._cursor_of(display)
        total = len(display.lines)
        loc = min(loc, max(0, total - 1))
        end = min(total, loc + (num_lines if num_lines > 0 else VIEW_LINES))
        body = "\n".join(f"L{i}: {display.lines[i]}" for i in range(loc, end))
        return (f"[{cursor}] {display.title} ({display.source})\n"
                f"**viewing lines [{loc} - {max(loc, end - 1)}] of {max(0, total - 1)}**\n\n{body}")  # fmt: skip
