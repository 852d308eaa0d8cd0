"""Formulas in answers: found outside code, drawn offline, never confused with prices, and never a
way for the model's text to inject markup."""

from __future__ import annotations

import re

import pytest

from app.core.markdown_render import render_markdown
from app.core.math_render import MAX_TEX, SCHEME, math_svg, registry

IMG = re.compile(rf'<img src="{SCHEME}:([0-9a-f]+)" width="(\d+)" height="(\d+)" alt="([^"]*)"')


def formulas(text: str) -> list[tuple[str, bool]]:
    """What the rendered HTML draws as math: (tex, display) per image."""
    return [registry.get(m.group(1)) for m in IMG.finditer(render_markdown(text).html)]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"Euler: $e^{i\pi} + 1 = 0$.", [(r"e^{i\pi} + 1 = 0", False)]),
        (r"$$\int_0^1 x^2\,dx = \frac{1}{3}$$", [(r"\int_0^1 x^2\,dx = \frac{1}{3}", True)]),
        (r"\[a^2 + b^2 = c^2\]", [("a^2 + b^2 = c^2", True)]),
        (r"inline \(x_1 * y_2\) with stars", [("x_1 * y_2", False)]),
        ("It costs $5 and $10 to enter.", []),  # prices are not math
        ("between $ 3 and 4 $ apples", []),  # a $ must touch its formula
        ("escaped \\$x\\$ stays", []),
        ("code `$x$` and\n\n```\n$$y$$\n```", []),  # code is code
        ("    $indented$ code block", []),
    ],
)
def test_formulas_are_found_where_people_expect_them(text: str, expected: list[tuple[str, bool]]) -> None:
    assert formulas(text) == expected


def test_markdown_inside_a_formula_is_not_read_as_emphasis() -> None:
    html = render_markdown(r"$a_1 * b_2 * c_3$ and *em*").html
    assert "<em>em</em>" in html and html.count("<em>") == 1


def test_a_formula_that_cannot_be_read_stays_visible_as_its_source() -> None:
    html = render_markdown(r"broken $\frac{1}{$ here").html
    assert SCHEME not in html and r"<code>$\frac{1}{$</code>" in html


def test_an_overlong_formula_is_not_drawn() -> None:
    assert math_svg("x+" * (MAX_TEX // 2 + 1), False) is None


def test_the_model_cannot_inject_markup_through_a_formula() -> None:
    html = render_markdown('$x" onerror="alert(1)$ and $</p><script>bad()</script>$').html
    assert "<script" not in html and 'onerror="' not in html
    for m in IMG.finditer(html):
        assert '"' not in m.group(4)  # the alt text is escaped


def test_a_formula_is_drawn_once_with_its_size() -> None:
    drawn = math_svg(r"\frac{\pi^2}{6}", True)
    assert drawn is not None and drawn.svg.startswith(b"<svg") and drawn.width > 10 and drawn.height > 10
    assert b"<symbol" not in drawn.svg  # SVG 1.1 paths: Qt's renderer draws them
