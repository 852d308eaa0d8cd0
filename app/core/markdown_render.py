"""Markdown from the model, turned into safe HTML for Qt's rich-text widgets.

The model's output is untrusted text. :func:`render_markdown` runs Python-Markdown with raw HTML
switched off, then sanitizes the element tree (only http(s) links survive, images become text,
no attributes but a few harmless ones), and only then adds the app's own markup: Pygments-coloured
code blocks, each preceded by a ``hearth-copy:N`` link whose text is ``Rendered.code_blocks``.
The HTML uses only what ``QTextDocument`` understands: inline ``style`` attributes, no classes.

:func:`split_blocks` and :class:`BlockStream` cut markdown into top-level blocks so that a streamed
answer can be rendered block by block instead of re-rendering the whole message per token.
"""

from __future__ import annotations

import functools
import html
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.codehilite import CodeHilite, CodeHiliteExtension
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from pygments.styles import get_style_by_name

from app.core.math_render import extract_math

__all__ = ["BlockStream", "Rendered", "prerender_markdown", "render_markdown", "split_blocks"]

_STYLES = {False: "default", True: "monokai"}  # Pygments styles for light and dark palettes
# Tags Python-Markdown (with our extensions, raw HTML off) can produce; anything else becomes <span>.
_ALLOWED_TAGS = frozenset(
    {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote", "ul", "ol"}
    | {"li", "a", "span", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"}
)
# The only markup the fenced-code preprocessor stashes once its highlighting is disabled.
_FENCED_HTML = re.compile(r'<pre><code(?: class="language-([^"]*)")?>(.*)</code></pre>', re.DOTALL)


@dataclass(frozen=True)
class Rendered:
    """An HTML fragment and the raw text of its code blocks (``hearth-copy:N`` links index them)."""

    html: str
    code_blocks: tuple[str, ...]


def _safe_http_url(value: str) -> str | None:
    """Return the cleaned URL if it is http(s) with a host, else None.

    Control and format characters are dropped everywhere (URL parsers silently drop some, so
    ``ht<DEL>tps:`` must be judged as ``https:``; this also removes Python-Markdown's STX/ETX
    placeholders, which must never reach an attribute), outer whitespace is stripped and inner
    whitespace percent-encoded (so ``java script:`` has no scheme). The cleaned string is both what
    is checked and what is emitted, so no later normalisation can turn it into a different URL.
    """
    cleaned = _strip_controls(value).strip()
    cleaned = re.sub(r"\s", lambda m: quote(m.group()), cleaned)
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return cleaned


def _strip_controls(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


class _Sanitizer(Treeprocessor):
    """Rewrite the tree so that nothing the model wrote can load, run or point at anything local."""

    def run(self, root: Element) -> None:
        stack: list[tuple[Element, bool]] = [(root, False)]
        while stack:
            el, in_link = stack.pop()
            attrs = dict(el.attrib)
            el.attrib.clear()
            if el.tag == "a":
                href = _safe_http_url(attrs.get("href", ""))
                if href is None or in_link:
                    el.tag = "span"  # inert text; a nested <a> would confuse Qt's parser
                else:
                    # No title: Qt shows it as a tooltip, and a tooltip that looks like HTML
                    # is drawn as rich text (which may load images).
                    el.set("href", href)
                    in_link = True
            elif el.tag == "img":
                # Never an image: a remote one leaks that the answer was read, a local one leaks files.
                el.text = f"[image: {_strip_controls(attrs.get('alt', ''))}]"
                src = _safe_http_url(attrs.get("src", ""))
                el.tag = "span" if src is None or in_link else "a"
                if el.tag == "a" and src is not None:
                    el.set("href", src)  # the app asks before opening any http(s) link
            elif el.tag == "ol" and attrs.get("start", "").isdigit():
                el.set("start", attrs["start"])
            elif el.tag in ("th", "td") and attrs.get("align") in ("left", "center", "right"):
                el.set("align", attrs["align"])
            elif el.tag not in _ALLOWED_TAGS:
                el.tag = "span"
            stack.extend((child, in_link) for child in el)


class _AppMarkup(Treeprocessor):
    """Runs after sanitizing: highlighted code blocks with copy links, and table borders."""

    def __init__(self, md: markdown.Markdown, hilite_config: dict[str, object]) -> None:
        super().__init__(md)
        self.hilite_config = hilite_config
        self.first_index = 0
        self.code_blocks: list[str] = []

    def run(self, root: Element) -> None:
        stash = self.md.htmlStash
        found: list[tuple[Element, str, str | None]] = []
        for el in root.iter():
            if el.tag == "table":
                el.set("border", "1")
                el.set("cellpadding", "4")
            elif el.tag == "pre" and len(el) == 1 and el[0].tag == "code":  # an indented code block
                found.append((el, _code_unescape(el[0].text or ""), None))
            elif el.tag == "p" and len(el) == 0 and el.text:  # maybe a stashed fenced block
                ph = HTML_PLACEHOLDER_RE.fullmatch(el.text.strip())
                stashed = stash.rawHtmlBlocks[int(ph.group(1))] if ph else None
                fenced = _FENCED_HTML.fullmatch(stashed) if isinstance(stashed, str) else None
                if fenced:
                    lang = html.unescape(fenced.group(1)) if fenced.group(1) else None
                    found.append((el, _code_unescape(fenced.group(2), quotes=True), lang))
        for el, code, lang in found:
            index = self.first_index + len(self.code_blocks)
            self.code_blocks.append(code)
            highlighted = CodeHilite(code, lang=lang, **self.hilite_config).hilite(shebang=False)
            # Qt shows the newline Pygments puts before </code> as an extra empty line.
            highlighted = highlighted.replace("\n</code></pre>", "</code></pre>", 1)
            link = f'<p><a href="hearth-copy:{index}">Copy code</a></p>\n'
            tail = el.tail  # clear() drops the tail too
            el.clear()
            el.tag, el.text, el.tail = "p", stash.store(link + highlighted), tail


def _code_unescape(text: str, *, quotes: bool = False) -> str:
    """Undo Python-Markdown's code escaping (``&`` last, as it was escaped first)."""
    if quotes:
        text = text.replace("&quot;", '"')
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _PlainFencedBlocks(FencedBlockPreprocessor):
    """Fenced code without in-preprocessor highlighting and without ``{attrs}`` options.

    Stock fenced_code passes ``{key=value}`` options from the text straight to CodeHilite and
    Pygments (e.g. ``cssstyles="background-image: url(file:///...)"``) and stashes the result
    where no tree processor can see it; we need the raw code for copying anyway.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md, {"lang_prefix": "language-"})
        self.checked_for_deps = True  # so it never picks up the codehilite config

    def handle_attrs(self, attrs: Iterable[tuple[str, str | None]]) -> tuple[str, list[str], dict[str, Any]]:
        _, classes, _ = super().handle_attrs(attrs)
        return "", classes[:1], {}  # keep only the language


class _MathPreprocessor(Preprocessor):
    """Formulas become image references (app.core.math_render) before markdown reads them."""

    def run(self, lines: list[str]) -> list[str]:
        return extract_math("\n".join(lines), self.md.htmlStash.store).split("\n")


class _Converter:
    def __init__(self, dark: bool) -> None:
        style = _STYLES[dark]
        self.md = markdown.Markdown(
            extensions=["fenced_code", "tables", "sane_lists", "codehilite"],
            extension_configs={
                "codehilite": {"noclasses": True, "guess_lang": False, "pygments_style": style},
                "tables": {"use_align_attribute": True},  # Qt knows align=, not text-align styles
            },
            output_format="html",
        )
        # The documented replacement for the removed safe_mode: raw HTML stays literal text.
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        # Code is highlighted by _AppMarkup after sanitizing, from the raw text we also copy.
        self.md.treeprocessors.deregister("hilite")
        self.md.preprocessors.register(_PlainFencedBlocks(self.md), "fenced_code_block", 25)
        # After fenced code is stashed (so `$` in code stays code), before any markdown is read.
        self.md.preprocessors.register(_MathPreprocessor(self.md), "hearth_math", 22)
        conf = next(e for e in self.md.registeredExtensions if isinstance(e, CodeHiliteExtension))
        background = get_style_by_name(style).background_color
        pre_style = f"background-color: {background}; padding: 6px; white-space: pre-wrap"
        hilite_config: dict[str, object] = {
            "style": style,
            "noclasses": conf.getConfig("noclasses"),
            "guess_lang": conf.getConfig("guess_lang"),
            "css_class": "",  # Qt has no stylesheets; colours are inline
            "nobackground": True,  # the background goes on <pre>, where Qt paints it
            "prestyles": pre_style,
            "tab_length": self.md.tab_length,
        }
        self.app_markup = _AppMarkup(self.md, hilite_config)
        # "unescape" (priority 0) is the last stock tree processor; it rewrites attributes too.
        self.md.treeprocessors.register(_Sanitizer(self.md), "hearth_sanitize", -10)
        self.md.treeprocessors.register(self.app_markup, "hearth_app_markup", -20)


_converters: dict[bool, _Converter] = {}
_lock = threading.Lock()  # a Markdown instance holds per-document state


def render_markdown(text: str, *, dark: bool = False, first_code_index: int = 0) -> Rendered:
    """Render untrusted markdown to a Qt rich-text HTML fragment (see the module docstring).

    Results are cached (they are immutable), so a chat's answers can be rendered ahead of time
    on a worker thread and drawn from the cache on the GUI thread."""
    return _render_cached(text, dark, first_code_index)


def prerender_markdown(text: str, *, dark: bool = False) -> None:
    """Fill the cache with the block-by-block rendering a streamed or reopened answer uses."""
    first = 0
    for block in split_blocks(text):
        first += len(render_markdown(block, dark=dark, first_code_index=first).code_blocks)


@functools.lru_cache(maxsize=2048)
def _render_cached(text: str, dark: bool, first_code_index: int) -> Rendered:
    with _lock:
        conv = _converters.get(dark)
        if conv is None:
            conv = _converters[dark] = _Converter(dark)
        conv.md.reset()
        conv.app_markup.first_index = first_code_index
        conv.app_markup.code_blocks = []
        out = conv.md.convert(text)
        return Rendered(out, tuple(conv.app_markup.code_blocks))


_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")


class _Splitter:
    """Line-by-line state machine shared by split_blocks and BlockStream."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.fence: tuple[str, int] | None = None  # (char, length) of the open fence

    def _cut(self) -> list[str]:
        block, self.lines = "\n".join(self.lines), []
        return [block]

    def push(self, line: str) -> list[str]:
        if self.fence is not None:
            self.lines.append(line)
            close = _FENCE_CLOSE.fullmatch(line)
            if close and close.group(1)[0] == self.fence[0] and len(close.group(1)) >= self.fence[1]:
                self.fence = None
                return self._cut()
            return []
        if not line.strip(" \t"):  # the blank-line test Python-Markdown uses (tabs are spaces there)
            return self._cut() if self.lines else []
        out: list[str] = []
        opening = _FENCE_OPEN.fullmatch(line)
        # A backtick fence's info string may not contain backticks (then it is inline code).
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            if self.lines:
                out = self._cut()
            self.fence = (opening.group(1)[0], len(opening.group(1)))
        self.lines.append(line)
        return out

    def flush(self) -> list[str]:
        self.fence = None
        return self._cut() if self.lines else []


def split_blocks(text: str) -> list[str]:
    """Split markdown source into top-level blocks (blank lines outside fences separate them)."""
    splitter = _Splitter()
    lines = text.split("\n")
    if lines[-1] == "":  # a final newline ends the last line; it does not start another
        lines.pop()
    blocks: list[str] = []
    for line in lines:
        blocks += splitter.push(line)
    return blocks + splitter.flush()


class BlockStream:
    """Incremental :func:`split_blocks`: feed deltas, get blocks as soon as they are complete.

    Work per feed is proportional to the delta: only complete lines are classified, and the
    unfinished line is kept as a list of pieces so a very long line is not re-copied per token.
    """

    def __init__(self) -> None:
        self._splitter = _Splitter()
        self._partial: list[str] = []

    def feed(self, delta: str) -> list[str]:
        pieces = delta.split("\n")
        if len(pieces) == 1:
            if delta:
                self._partial.append(delta)
            return []
        blocks = self._splitter.push("".join(self._partial) + pieces[0])
        for line in pieces[1:-1]:
            blocks += self._splitter.push(line)
        self._partial = [pieces[-1]] if pieces[-1] else []
        return blocks

    @property
    def tail(self) -> str:
        """The unfinished block's text, including the current partial line."""
        partial = "".join(self._partial)
        if not self._splitter.lines:
            return partial
        return "\n".join(self._splitter.lines) + "\n" + partial

    def finish(self) -> list[str]:
        """Flush the tail as block(s); the stream is then empty and can be reused."""
        blocks = self._splitter.push("".join(self._partial)) if self._partial else []
        self._partial = []
        return blocks + self._splitter.flush()
