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
