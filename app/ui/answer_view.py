"""The answer of one reply, drawn as markdown while it streams, at a constant cost per token.

Finished markdown blocks (paragraphs, lists, fenced code) are rendered once each and
inserted at the end; the unfinished last block is shown as plain text and replaced by its
rendering when it completes. Nothing already drawn is ever redrawn.

The answer is split into segments of a few thousand characters, each its own document: Qt's
layout and painting of a document grow with its length, so streaming into a small last
segment costs the same at the end of a 50,000-character answer as at the start. A saved
answer is cut into the same segments, so it looks the same reopened as it did streamed.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QGuiApplication, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.markdown_render import BlockStream, render_markdown
from app.ui.safe_browser import SafeBrowser

SEGMENT_CHARS = 4000


class AnswerView(QWidget):
    link_requested = Signal(QUrl)  # an http(s) link: the window asks before opening it
    anchorClicked = Signal(QUrl)

    def __init__(self, dark: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dark = dark
        self.text = ""  # the raw markdown, what "Copy" copies
        self.code_blocks: list[str] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.segments: list[SafeBrowser] = []
        self._stream = BlockStream()
        self._tail_start = 0  # where the plain tail starts in the last segment
        self._segment_size = 0  # markdown characters rendered into the last segment
        self.anchorClicked.connect(self._route)
        self._new_segment()

    # -- segments -------------------------------------------------------------------------------
    def _new_segment(self) -> SafeBrowser:
        segment = SafeBrowser(self)
        # A long answer is drawn in several segments; each is read out as part of the answer.
        segment.setAccessibleName("Answer" if not self.segments else f"Answer, part {len(self.segments) + 1}")
        segment.anchorClicked.connect(self.anchorClicked)
        self._layout.addWidget(segment)
        self.segments.append(segment)
        self._tail_start = 0
        return segment

    @property
    def _last(self) -> SafeBrowser:
        return self.segments[-1]

    def _reset(self) -> None:
        for segment in self.segments:
            segment.setParent(None)
            segment.deleteLater()
        self.segments = []
        self.text = ""
        self.code_blocks = []
        self._stream = BlockStream()
        self._segment_size = 0
        self._new_segment()

    # -- what the rest of the window reads --------------------------------------------------------
    def toPlainText(self) -> str:
        return "\n".join(s.toPlainText() for s in self.segments)

    def toHtml(self) -> str:
        return "".join(s.toHtml() for s in self.segments)

    def block_count(self) -> int:
        return sum(s.document().blockCount() for s in self.segments)

    # -- drawing ----------------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Draw a finished answer in one go (opening a saved conversation): the same path as
        streaming it, so it is cut into the same segments and looks the same."""
        self._reset()
        self.append(text)
        self.finish()

    def append(self, delta: str) -> None:
        """Add streamed text; only the unfinished block is touched."""
        if not delta:
            return
        self.text += delta
        blocks = self._stream.feed(delta)
        if blocks:
            self._replace_tail(blocks, self._stream.tail)
        else:
            cursor = QTextCursor(self._last.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(delta, QTextCharFormat())

    def finish(self) -> None:
        """The reply ended: render what is left of the last block."""
        blocks = self._stream.finish()
        if blocks:
            self._replace_tail(blocks, "")
        if self._tail_start:
            # Drop the empty block that was kept for a tail that never came.
            cursor = QTextCursor(self._last.document())
            cursor.setPosition(self._tail_start - 1)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            if not cursor.selectedText().strip("\u2029"):
                cursor.removeSelectedText()
            self._tail_start = 0
        self._drop_empty_last()

    def _drop_empty_last(self) -> None:
        if len(self.segments) > 1 and self._last.document().isEmpty():
            segment = self.segments.pop()
            segment.setParent(None)
            segment.deleteLater()
            self._tail_start = 0

    def _replace_tail(self, blocks: list[str], tail: str) -> None:
        doc = self._last.document()
        cursor = QTextCursor(doc)
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        size = self._segment_size
        for block in blocks:
            # One block at a time: a segment is closed as soon as it is full.
            start = self._tail_start
            cursor.insertHtml(self._render(block))
            self._drop_gap(doc, start)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            size += len(block)
            if size > SEGMENT_CHARS:
                cursor = QTextCursor(self._new_segment().document())
                size = 0
            else:
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                self._tail_start = cursor.position()
        self._segment_size = size
        if tail:
            cursor.insertText(tail, QTextCharFormat())

    @staticmethod
    def _drop_gap(doc, start: int) -> None:  # type: ignore[no-untyped-def]
        """A list, table or rule inserted into the empty tail block leaves that block empty
        above it; drop it so a streamed answer looks like the same answer reopened."""
        first = doc.findBlock(start)
        if start and not first.text() and first.next().isValid() and first.position() == start:
            fix = QTextCursor(doc)
            fix.setPosition(start - 1)
            fix.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
            fix.removeSelectedText()

    def _render(self, block: str) -> str:
        rendered = render_markdown(block, dark=self.dark, first_code_index=len(self.code_blocks))
        self.code_blocks.extend(rendered.code_blocks)
        return rendered.html

    # -- links ------------------------------------------------------------------------------------
    def _route(self, url: QUrl) -> None:
        if url.scheme() == "hearth-copy":
            path = url.path()
            if path.isdigit():
                self._copy_code(int(path))
        elif url.scheme().lower() in ("http", "https") and url.host():
            self.link_requested.emit(url)

    def _copy_code(self, index: int) -> None:
        if 0 <= index < len(self.code_blocks):
            code = self.code_blocks[index]
            QGuiApplication.clipboard().setText(code[:-1] if code.endswith("\n") else code)
