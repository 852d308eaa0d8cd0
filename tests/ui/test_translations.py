"""Hearth speaks the person's language: every string it shows goes through Qt's translation
system, the German and Simplified Chinese translations are complete, and a right-to-left
language lays the window out right to left without breaking it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from app.paths import resolve_paths
from app.testing import translations
from app.testing.layout_check import layout_problems
from app.ui import i18n

OPEN, CLOSE = "⟦", "⟧"
WORD = re.compile(r"[A-Za-z]{2,}")
# Shown as they are on purpose: names, and text made outside ui/ and services/ (the memory plan's
# explanation and the hardware probe's notes come from core/infra in English for now).
AS_IS = re.compile(r"^(Hearth|gpt-oss.*|Ctrl\+.*|GGUF|[\d.,]+ ?[KMGT]i?B.*)$")


class PseudoTranslator(QTranslator):
    """Every string it is asked for comes back marked: what is not marked never asked."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"{OPEN}{source}{CLOSE}"

    def isEmpty(self) -> bool:
        return False


def shown_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for what a person reads on ``top``: labels, buttons, tips, placeholders,
    tabs, column headers, combo items, menus, names for screen readers."""
    found: list[tuple[str, str]] = []
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisibleTo(top):
            continue
        kind = type(w).__name__
        if isinstance(w, QLabel) and w.pixmap().isNull():
            found.append((f"{kind} text", w.text()))
        if isinstance(w, QAbstractButton):
            found.append((f"{kind} text", w.text()))
        if isinstance(w, QLineEdit | QPlainTextEdit):
            found.append((f"{kind} placeholder", w.placeholderText()))
        if isinstance(w, QComboBox):
            found += [(f"{kind} item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            found += [(f"{kind} tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QTreeWidget) and not w.isHeaderHidden():
            found += [(f"{kind} header", w.headerItem().text(i)) for i in range(w.columnCount())]
        found.append((f"{kind} tooltip", w.toolTip()))
        found.append((f"{kind} accessible name", w.accessibleName()))
    return found


def menu_texts(menu: QMenu) -> list[tuple[str, str]]:
    out = []
    for action in menu.actions():
        out.append(("menu", action.text()))
        if action.menu() is not None:
            out += menu_texts(action.menu())
    return out


def untranslated(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{where}: {text!r}" for where, text in pairs
            if WORD.search(text) and OPEN not in text and not AS_IS.match(text.strip())]  # fmt: skip


@pytest.fixture
def app_in(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Builds the real window in a language; undoes the language afterwards."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    built: list[Any] = []

    def build(lang: str | None = None, pseudo: bool = False) -> Any:
        from app.bootstrap import build_window

        if lang:
            monkeypatch.setenv("HEARTH_LANG", lang)
        app = QApplication.instance()
        pseudo_tr = PseudoTranslator(app) if pseudo else None
        if pseudo_tr is not None:
            app.installTranslator(pseudo_tr)
        _app, window, session = build_window(resolve_paths(str(tmp_path / f"data-{lang}-{pseudo}")))
        qtbot.addWidget(window)
        window.resize(1180, 780)
        window.show()
        qtbot.waitUntil(lambda: session.fit.report is not None, timeout=10_000)
        built.append((window, session, pseudo_tr))
        return window

    yield build
    app = QApplication.instance()
    for window, session, pseudo_tr in built:
        session.shutdown()
        window.close()
        if pseudo_tr is not None:
            app.removeTranslator(pseudo_tr)
    monkeypatch.delenv("HEARTH_LANG", raising=False)
    i18n.install(app, QLocale("en"))


def test_every_string_on_screen_asks_for_its_translation(qtbot: Any, app_in: Any) -> None:
    window = app_in(pseudo=True)
    problems = untranslated(shown_texts(window))
    problems += untranslated([("window title", window.windowTitle())])
    problems += untranslated([t for m in window.menuBar().findChildren(QMenu) for t in menu_texts(m)])
    window.models.show_manager()
    manager = window.models.manager
    for i in range(manager.tabs.count()):
        manager.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        problems += [f"Models → {i}: {p}" for p in untranslated(shown_texts(manager))]
    manager.close()
    assert sorted(set(problems)) == []


@pytest.mark.parametrize("lang", translations.LANGUAGES)
def test_the_translations_are_complete_and_current(lang: str) -> None:
    assert translations.problems(lang) == []


@pytest.mark.parametrize(("lang", "file_menu", "send"), [("de", "&Datei", "Senden"), ("zh_CN", "文件(&F)", "发送")])
def test_the_app_speaks_the_system_language(qtbot: Any, app_in: Any, lang: str, file_menu: str, send: str) -> None:
    window = app_in(lang)
    assert window.menuBar().actions()[0].text() == file_menu
    assert window.send_button.text() == send
    assert layout_problems(window) == []  # longer words still fit


def test_a_right_to_left_language_lays_the_window_out_right_to_left(qtbot: Any, app_in: Any) -> None:
    window = app_in("ar", pseudo=True)  # Arabic: no Hearth translation, the pseudo-locale marks it
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    sidebar, pane = window.splitter.widget(0), window.splitter.widget(1)
    assert sidebar.mapTo(window, sidebar.rect().topLeft()).x() > pane.mapTo(window, pane.rect().topLeft()).x()
    assert layout_problems(window) == []


def test_the_walk_tells_marked_from_unmarked_text() -> None:
    assert untranslated([("label", f"{OPEN}Send{CLOSE}"), ("label", "Send"), ("size", "12.1 GB"), ("name", "gpt-oss-20b")]) == [
        "label: 'Send'"
    ]


def test_the_catalogs_descriptions_are_offered_for_translation() -> None:
    import json

    from app.paths import resources_dir
    from app.ui.model_cards import CATALOG_TEXT

    catalog = json.loads((resources_dir() / "catalog.json").read_text(encoding="utf-8"))
    said = {m["summary"] for m in catalog["models"] if m.get("summary")}
    said |= {v["layout"] for v in catalog["variants"] if v.get("layout")}
    assert said <= set(CATALOG_TEXT), sorted(said - set(CATALOG_TEXT))
