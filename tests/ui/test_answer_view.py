"""The streamed answer must end up drawn exactly like the same answer reopened from history."""

from __future__ import annotations

import random

import pytest

from app.ui.answer_view import AnswerView

LONG = "\n\n".join(
    f"Paragraph {i} " + "word " * 40 if i % 3 else f"```python\nvalue_{i} = {i}\n```" for i in range(120)
)
DOCS = [
    LONG,
    "Intro\n\n- a\n- b\n\nafter",
    "Para one\n\n```python\nx = 1\n```\n",
    "# Head\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\nend\n\n",
    "1. one\n2. two\n\n3. three\n\ntext **bold** and `code`",
    "just text, no block ever ends",
    "```\nunclosed fence\n\nstill code",
]


@pytest.mark.parametrize("doc", DOCS)
def test_streaming_in_any_chunks_draws_what_reopening_draws(qtbot, doc: str) -> None:
    reopened = AnswerView()
    qtbot.addWidget(reopened)
    reopened.set_text(doc)
    for seed in range(6):
        rng = random.Random(seed)
        streamed = AnswerView()
        qtbot.addWidget(streamed)
        i = 0
        while i < len(doc):
            n = rng.randint(1, 9)
            streamed.append(doc[i : i + n])
            i += n
        streamed.finish()
        assert streamed.text == doc
        assert streamed.toPlainText() == reopened.toPlainText()
        assert streamed.block_count() == reopened.block_count()
        assert len(streamed.segments) == len(reopened.segments)
        assert streamed.code_blocks == reopened.code_blocks


def test_unfinished_block_is_plain_text_until_it_completes(qtbot) -> None:
    view = AnswerView()
    qtbot.addWidget(view)
    view.append("**bold")
    assert view.toPlainText() == "**bold"  # not yet markdown: the block may still change
    view.append("**\n\nnext")
    assert view.toPlainText().startswith("bold\n")  # rendered once its block ended
    assert view.toPlainText().endswith("next")


def test_a_long_answer_is_drawn_in_segments(qtbot) -> None:
    view = AnswerView()
    qtbot.addWidget(view)
    view.set_text(LONG)
    assert len(view.segments) > 3  # each segment stays small, so streaming costs stay flat
    assert all(s.document().characterCount() < 2 * 4000 for s in view.segments)
    assert len(view.code_blocks) == 40 and view.code_blocks[0] == "value_0 = 0\n"


def test_math_is_drawn_as_an_image_in_the_themes_ink(qtbot) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    view = AnswerView()
    qtbot.addWidget(view)
    view.set_text("Euler: $e^{i\\pi} + 1 = 0$, for $5.\n\n$$\\frac{\\pi^2}{6}$$")
    images = []
    for segment in view.segments:
        block = segment.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat():
                    images.append((segment, fmt.toImageFormat().name()))
                it += 1
            block = block.next()
    assert [name.split(":")[0] for _, name in images] == ["hearth-math", "hearth-math"]
    segment, name = images[0]
    image = segment.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
    assert image is not None and not image.isNull() and image.width() > 20
    ink = segment.palette().text().color()
    drawn = {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())
             if image.pixelColor(x, y).alpha() == 255}  # fmt: skip
    assert ink.rgb() in drawn  # the formula is drawn in the text colour of the theme
    assert "for $5." in view.segments[0].toPlainText()  # the price stays text
    # Nothing else is ever loaded: a made-up key, or any other scheme, gives nothing.
    assert segment.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("hearth-math:feedface")) is None
    assert segment.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/passwd")) is None
