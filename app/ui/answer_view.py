"""The answer of one reply, drawn as markdown while it streams, at a constant cost per token.

Finished markdown blocks (paragraphs, lists, fenced code) are rendered once each and
inserted at the end of the document; the unfinished last block is shown as plain text and
replaced by its rendering when it completes. Nothing already drawn is ever redrawn, so one
more token costs the same at the end of a 50,000-character answer as at the start.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from app.core.markdown_render import BlockStream, render_markdown, split_blocks
from app.ui.safe_browser import SafeBrowser


class AnswerView(SafeBrowser):
    def __init__(self, dark: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.dark = dark
        self.text = ""  # the raw markdown, what "Copy" copies
        self.code_blocks: list[str] = []
        self._stream = BlockStream()
        self._tail_start = 0
        self.copy_requested.connect(self._copy_code)

    @property
    def doc(self) -> QTextDocument:
        return self.document()

    def set_text(self, text: str) -> None:
        """Draw a finished answer in one go (opening a saved conversation)."""
        self.doc.clear()
        self.text = text
        self.code_blocks = []
        self._stream = BlockStream()
        self._tail_start = 0
        cursor = QTextCursor(self.doc)
        html = [self._render(block) for block in split_blocks(text)]
        if html:
            cursor.insertHtml("".join(html))

    def append(self, delta: str) -> None:
        """Add streamed text; only the unfinished block is touched."""
        if not delta:
            return
        self.text += delta
        blocks = self._stream.feed(delta)
        cursor = QTextCursor(self.doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if blocks:
            self._replace_tail(blocks, self._stream.tail)
        else:
            cursor.insertText(delta, QTextCharFormat())

    def finish(self) -> None:
        """The reply ended: render what is left of the last block."""
        blocks = self._stream.finish()
        if blocks:
            self._replace_tail(blocks, "")
        if self._tail_start:
            # Drop the empty block that was kept for a tail that never came.
            cursor = QTextCursor(self.doc)
            cursor.setPosition(self._tail_start - 1)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            if not cursor.selectedText().strip("\u2029"):
                cursor.removeSelectedText()
            self._tail_start = 0

    def _replace_tail(self, blocks: list[str], tail: str) -> None:
        cursor = QTextCursor(self.doc)
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        html = "".join(self._render(block) for block in blocks)
        if html:
            start = self._tail_start
            cursor.insertHtml(html)
            # A list, table or rule inserted into the empty tail block leaves that block empty
            # above it; drop it so a streamed answer looks like the same answer reopened.
            first = self.doc.findBlock(start)
            if start and not first.text() and first.next().isValid() and first.position() == start:
                fix = QTextCursor(self.doc)
                fix.setPosition(start - 1)
                fix.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
                fix.removeSelectedText()
                cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self._tail_start = cursor.position()
        if tail:
            cursor.insertText(tail, QTextCharFormat())

    def _render(self, block: str) -> str:
        rendered = render_markdown(block, dark=self.dark, first_code_index=len(self.code_blocks))
        self.code_blocks.extend(rendered.code_blocks)
        return rendered.html

    def _copy_code(self, index: int) -> None:
        if 0 <= index < len(self.code_blocks):
            code = self.code_blocks[index]
            QGuiApplication.clipboard().setText(code[:-1] if code.endswith("\n") else code)
