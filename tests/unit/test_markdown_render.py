"""Markdown rendering of untrusted model output: the HTML shape, its safety, and block splitting."""

from __future__ import annotations

import copy
import random
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from app.core.harmony import CONTROL_TOKENS, OTHER_SPECIAL_TOKENS
from app.core.markdown_render import BlockStream, Rendered, render_markdown, split_blocks

COPY_LINK = re.compile(r"hearth-copy:(\d+)")


class _Html(HTMLParser):
    """Collects tags, attributes, visible text and anchors the way an HTML consumer sees them."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None], bool]] = []  # (tag, attrs, inside <pre>)
        self.anchors: list[tuple[str, str]] = []  # (href, text)
        self.nested_anchors = False
        self._pre = 0
        self._anchor: list[str] | None = None
        self._href = ""
        self._text: list[str] = []
        self.feed(source)
        self.close()

    @property
    def text(self) -> str:
        return "".join(self._text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs), self._pre > 0))
        if tag == "pre":
            self._pre += 1
        if tag == "a":
            self.nested_anchors |= self._anchor is not None
            self._anchor, self._href = [], dict(attrs).get("href") or ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs), self._pre > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre -= 1
        if tag == "a" and self._anchor is not None:
            self.anchors.append((self._href, "".join(self._anchor)))
            self._anchor = None

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self._anchor is not None:
            self._anchor.append(data)


def _is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def assert_safe(rendered: Rendered, first_code_index: int = 0) -> _Html:
    doc = _Html(rendered.html)
    for tag, attrs, in_pre in doc.tags:
        assert tag not in {
            "img",
            "script",
            "iframe",
            "style",
            "object",
            "embed",
            "link",
            "meta",
            "svg",
            "form",
        }
        for name in attrs:
            assert name != "src" and not name.startswith("on"), (tag, attrs)
        if "style" in attrs:  # only Pygments' and our own code-block markup is styled
            assert tag == "pre" or (tag == "span" and in_pre), (tag, attrs)
    copy_indices = []
    for href, text in doc.anchors:
        m = COPY_LINK.fullmatch(href)
        if m:
            assert text == "Copy code"
            copy_indices.append(int(m.group(1)))
        else:
            assert _is_http(href), href
    # Exactly one copy link per real code block: a model-written hearth-copy: link cannot survive.
    expected = list(range(first_code_index, first_code_index + len(rendered.code_blocks)))
    assert sorted(copy_indices) == expected
    assert not doc.nested_anchors
    return doc


# (markdown, text that must be visible literally, or None)
HOSTILE: list[tuple[str, str | None]] = [
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ('<a href="file:///etc/passwd">x</a>', '<a href="file:///etc/passwd">x</a>'),
    ("<iframe src=https://evil.example></iframe>", "<iframe src=https://evil.example></iframe>"),
    ("<style>body { color: red }</style>", "<style>body { color: red }</style>"),
    ("<div onclick=alert(1)>\nblock html\n</div>", "<div onclick=alert(1)>"),
    ("[x](javascript:alert(1))", None),
    ("[x](JAVASCRIPT:alert(1))", None),
    ("[x]( javascript:alert(1))", None),
    ("[x](java\tscript:alert(1))", None),
    ("[x](<javascript:alert(1)>)", None),
    ("[x](&#106;avascript:alert(1))", None),
    ("[x](vbscript:msgbox(1))", None),
    ("[x](file:///etc/passwd)", None),
    ("[x](file://localhost/etc/passwd)", None),
    ("<file://localhost/etc/passwd>", "file://localhost/etc/passwd"),
    ("[x](qrc:/icons/app.png)", None),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", None),
    ("[x](//evil.example/)", None),
    ("[x](/relative/path)", None),
    ("[x](https:evil.example)", None),
    ("![a](file:///etc/passwd)", "[image: a]"),
    ("![a](https://evil.example/t.png)", "[image: a]"),
    ("![a](/local.png)", "[image: a]"),
    ("[![a](https://evil.example/t.png)](https://ok.example/)", "[image: a]"),
    ("[x][r]\n\n[r]: file:///etc/passwd", None),
    ("![a][r]\n\n[r]: file:///etc/passwd", "[image: a]"),
    ("<file:///etc/passwd>", "file:///etc/passwd"),
    ("<a@b.example>", None),
    ("[x](hearth-copy:0)\n\n```\ncode\n```", None),
    ("[x](hearth-copy://0/)\n\n    code", None),
    ("[<https://b.example/>](https://a.example/)", "https://b.example/"),
    ("[Copy code](hearth-copy:0)\n\n    code", None),
    ('```{.python cssstyles="background-image: url(file:///etc/passwd)" noclasses=false}\nx = 1\n```', None),
]


@pytest.mark.parametrize(("source", "visible"), HOSTILE)
def test_hostile_input_is_inert(source: str, visible: str | None) -> None:
    for dark in (False, True):
        rendered = render_markdown(source, dark=dark)
        doc = assert_safe(rendered)
        if visible is not None:
            assert visible in doc.text
        assert "file:" not in " ".join(str(a.get("href")) for _, a, _ in doc.tags)
        assert "url(" not in rendered.html


def test_raw_html_is_escaped_text() -> None:
    out = render_markdown("Hi <script>alert(1)</script> <b>bold</b>").html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out


@pytest.mark.parametrize(
    "template",
    ["text {t} here", "`{t}`", "```\n{t}\n```", "    {t}", "[{t}](https://ok.example/)", "# {t}", "- {t}"],
)
def test_harmony_tokens_stay_escaped_text(template: str) -> None:
    for token in CONTROL_TOKENS + OTHER_SPECIAL_TOKENS:
        rendered = render_markdown(template.format(t=token))
        doc = assert_safe(rendered)
        assert token in doc.text
        assert token.replace("<", "&lt;").replace(">", "&gt;") in rendered.html
        assert not any(tag.startswith("|") for tag, _, _ in doc.tags)


def test_safe_links_keep_their_href() -> None:
    source = (
        '[a](https://example.com/a?b=1&c=2 "Title") <http://example.org/x> [c][ref]\n\n'
        "[ref]: https://example.net/ref"
    )
    doc = assert_safe(render_markdown(source))
    assert [href for href, _ in doc.anchors] == [
        "https://example.com/a?b=1&c=2",
        "http://example.org/x",
        "https://example.net/ref",
    ]
    # The title is dropped: Qt would show it as a tooltip, drawn as rich text if it looks like HTML.
    assert ("a", {"href": "https://example.com/a?b=1&c=2"}, False) in doc.tags


def test_prerendering_fills_the_cache_the_view_reads() -> None:
    from app.core.markdown_render import _render_cached, prerender_markdown, split_blocks

    text = "Intro paragraph\n\n```python\nx = 1\n```\n\n- a\n- b\n\n```sh\nls\n```"
    _render_cached.cache_clear()
    prerender_markdown(text, dark=True)
    before = _render_cached.cache_info()
    blocks = split_blocks(text)
    firsts = [0, 0, 1, 1]  # the code index each block starts at
    for block, first in zip(blocks, firsts, strict=True):
        render_markdown(block, dark=True, first_code_index=first)
    after = _render_cached.cache_info()
    assert after.hits - before.hits == len(blocks) and after.misses == before.misses


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[x](https://ok.\x7fexample/)", "https://ok.example/"),
        ("[x](https://ok.example/\u200bz)", "https://ok.example/z"),
        ("[x](<https://ok.example/a b>)", "https://ok.example/a%20b"),
        ("[x](<  https://ok.example/\u00a0>)", "https://ok.example/"),
    ],
)
def test_emitted_href_is_the_checked_one(source: str, href: str) -> None:
    # Qt and browsers drop or mangle tabs, zero-width and other invisible characters differently.
    assert [h for h, _ in assert_safe(render_markdown(source)).anchors] == [href]


def test_basic_markdown_tags() -> None:
    source = (
        "# Title\n\n## Sub\n\nSome *em* and **strong** and `co<de>`.\n\n- one\n- two\n\n1. first\n2. second\n\n"
        "> quoted\n\n| h1 | h2 |\n|:---|---:|\n| c1 | c2 |\n"
    )
    out = render_markdown(source).html
    for snippet in (
        "<h1>Title</h1>",
        "<h2>Sub</h2>",
        "<em>em</em>",
        "<strong>strong</strong>",
        "<code>co&lt;de&gt;</code>",
        "<ul>\n<li>one</li>",
        "<ol>\n<li>first</li>",
        "<blockquote>",
        '<table border="1" cellpadding="4">',
        '<th align="left">h1</th>',
        '<td align="right">c2</td>',
    ):
        assert snippet in out, snippet
    assert "class=" not in out


def test_list_rendered_alone_keeps_its_start_number() -> None:
    assert '<ol start="2">' in render_markdown("2. b\n3. c").html
    assert "<ol>" in render_markdown("1. a").html


def test_fenced_code_is_highlighted_with_copy_link() -> None:
    code = 'x = "<|end|>" & 1\n\nprint(x)\n'
    rendered = render_markdown(f"Intro\n\n```python\n{code}```\n")
    assert rendered.code_blocks == (code,)
    out = rendered.html
    assert re.search(r'<span style="color: #[0-9A-Fa-f]{3,6}', out)
    assert out.index('href="hearth-copy:0"') < out.index("<pre")
    assert "background-color:" in out
    assert "\n</code></pre>" not in out  # Qt would show the final newline as an empty line
    assert_safe(rendered)


def test_code_block_indices_and_offset() -> None:
    source = "```\nfirst\n```\n\ntext\n\n~~~js\nsecond();\n~~~\n\n    indented\n"
    for first in (0, 5):
        rendered = render_markdown(source, first_code_index=first)
        assert rendered.code_blocks == ("first\n", "second();\n", "indented\n")
        links = COPY_LINK.findall(rendered.html)
        assert links == [str(first), str(first + 1), str(first + 2)]
        assert_safe(rendered, first)


def test_light_and_dark_styles_differ() -> None:
    light = render_markdown("```python\nx = 1\n```").html
    dark = render_markdown("```python\nx = 1\n```", dark=True).html
    assert light != dark
    assert "background-color:" in dark


def test_state_does_not_leak_between_renders() -> None:
    first = render_markdown("[x][r]\n\n[r]: https://example.com/\n\n```\nc\n```")
    assert "https://example.com/" in first.html
    second = render_markdown("[x][r]")
    assert "href" not in second.html and second.code_blocks == ()


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("", []),
        ("\n\n", []),
        ("a\nb\n\nc", ["a\nb", "c"]),
        ("a\n\n\n \t\nb\n", ["a", "b"]),
        ("```\na\n\nb\n```\nafter", ["```\na\n\nb\n```", "after"]),
        ("para\n```py\ncode\n```", ["para", "```py\ncode\n```"]),
        ("```\nunclosed\n\nstill", ["```\nunclosed\n\nstill"]),
        ("~~~\na\n```\n\nb\n~~~\n", ["~~~\na\n```\n\nb\n~~~"]),
        ("````\na\n```\n\nb\n`````\nc", ["````\na\n```\n\nb\n`````", "c"]),
        ("   ```\nx\n\n   ```  \ny", ["   ```\nx\n\n   ```  ", "y"]),
        ("    ```\nx\n\ny", ["    ```\nx", "y"]),
        ("```inline``` code\n\nb", ["```inline``` code", "b"]),
        ("```\n``` trailing text\n\nstill code\n```", ["```\n``` trailing text\n\nstill code\n```"]),
        ("a\n```", ["a", "```"]),
    ],
)
def test_split_blocks(text: str, blocks: list[str]) -> None:
    assert split_blocks(text) == blocks


DOCS = [
    "# Title\n\nSome text\nmore text\n\n- a\n- b\n\n  continued\n\n1. x\n2. y\n",
    "Intro:\n```python\ndef f():\n\n    return 1\n```\nAfter\n\n~~~~\n~~~\n\n~~~~~\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "```\nunclosed fence\n\nwith blank lines\n",
    "\n\n  \n\ntext with trailing spaces   \n\n\n````md\n```\ninner\n```\n````\n    indented\n\n    code",
    "para\n   ~~~\nx\n   ~~~\n```inline``` not a fence\n\n> quote\n> more\n\nend",
]


def _stream_blocks(doc: str, cuts: list[int]) -> list[str]:
    stream, out, start = BlockStream(), [], 0
    for cut in [*cuts, len(doc)]:
        out += stream.feed(doc[start:cut])
        start = cut
    return out + stream.finish()


@pytest.mark.parametrize("doc", DOCS)
def test_block_stream_matches_split_blocks_for_any_chunking(doc: str) -> None:
    expected = split_blocks(doc)
    assert _stream_blocks(doc, list(range(1, len(doc)))) == expected  # one character at a time
    rng = random.Random(1234)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, len(doc)), rng.randint(0, min(12, len(doc) - 1))))
        assert _stream_blocks(doc, cuts) == expected


@pytest.mark.parametrize("doc", DOCS)
def test_block_stream_prefixes_and_tail(doc: str) -> None:
    # At every point, emitted blocks + a flush of the tail are what split_blocks gives for the prefix.
    rng = random.Random(99)
    stream, emitted, pos = BlockStream(), [], 0
    while pos < len(doc):
        step = rng.randint(1, 7)
        emitted += stream.feed(doc[pos : pos + step])
        pos += step
        flushed = copy.deepcopy(stream).finish()
        assert emitted + flushed == split_blocks(doc[:pos])
        assert split_blocks(stream.tail) == flushed


def test_block_stream_emits_promptly_and_resets() -> None:
    stream = BlockStream()
    assert stream.feed("a\nb") == [] and stream.tail == "a\nb"
    assert stream.feed("\n\n") == ["a\nb"] and stream.tail == ""
    assert stream.feed("x\n```py\n") == ["x"] and stream.tail == "```py\n"
    assert stream.feed("c\n```\ny") == ["```py\nc\n```"] and stream.tail == "y"
    assert stream.finish() == ["y"]
    assert stream.tail == "" and stream.finish() == []
    assert stream.feed("  \n") == [] and stream.finish() == []


def test_qt_sees_only_safe_links_and_no_images(qapp: object) -> None:
    qtgui = pytest.importorskip("PySide6.QtGui")
    for source, _ in HOSTILE:
        rendered = render_markdown(source)
        document = qtgui.QTextDocument()
        document.setHtml(rendered.html)
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                assert not fmt.isImageFormat(), source
                href = fmt.anchorHref()
                assert not href or _is_http(href) or COPY_LINK.fullmatch(href), (source, href)
                it += 1
            block = block.next()
