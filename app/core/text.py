"""Sentences for people, in their language, from code that must not import Qt.

``translate(context, text)`` marks a user-visible string where it is written (Qt's lupdate
extracts calls of this name, as it does ``QCoreApplication.translate``) and returns it in the
person's language once the UI has installed Qt's translator here (``app.ui.i18n.install``);
until then, and in the engine child, it returns the English text unchanged. Variables go in
afterwards with ``.format(name=...)``, so a translation can move them.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str, str], str] | None = None


def translate(context: str, text: str) -> str:
    return text if _translator is None else _translator(context, text)


def set_translator(fn: Callable[[str, str], str] | None) -> None:
    """The UI's translation function (Qt's), or None for English."""
    global _translator
    _translator = fn
