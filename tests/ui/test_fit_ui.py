"""Will it run here, in the window: verdicts beside every model, the plan's numbers and picture,
the context chosen per model, and loading that follows the plan."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.core.fit import Machine
from app.paths import resolve_paths
from tests.conftest import TEST_LOAD

pytestmark = pytest.mark.engine
GB = 10**9


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    from app.bootstrap import build_window

    _app, win, session = build_window(resolve_paths(str(tmp_path / "data")))
    session.load_defaults = TEST_LOAD
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.models.fit.report is not None, timeout=10_000)
    yield win
    win.session.shutdown()


def with_machine(window: Any, machine: Machine) -> None:
    """This machine's report, with the memory of another (the planner sees only ``machine``)."""
    report = window.models.fit.report
    window.models.fit.report = type(report)(**{**report.__dict__, "machine": machine})
    window.models.fit.plans_changed.emit()


def test_catalog_shows_a_verdict_and_the_arithmetic(qtbot: Any, window: Any) -> None:
    with_machine(window, Machine(ram_total=16 * 2**30, ram_available=14 * GB, cpu_cores=8))
    window.models.show_manager()
    manager = window.models.manager
    top = manager.catalog_tree.topLevelItem(0)  # gpt-oss-20b
    recommended = top.child(0)
    assert recommended.text(3).startswith("Runs on the CPU")
    big = manager.catalog_tree.topLevelItem(1).child(0)  # gpt-oss-120b on a 16 GB laptop
    assert big.text(3) == "Does not fit"
    manager.catalog_tree.setCurrentItem(recommended)
    details = manager.catalog_fit
    assert details.isVisible() and "KV cache" in details.numbers.text()
    assert details.bar.rows and details.bar.rows[0][0] == "RAM"
    kv_at = {}
    for n in (8192, 32768):
        details.context.setCurrentIndex(details.context.findData(n))
        details.context.activated.emit(details.context.currentIndex())
        manager.catalog_tree.setCurrentItem(manager.catalog_tree.topLevelItem(0).child(0))
        kv_at[n] = manager.catalog_fit.numbers.text()
    assert window.settings.context_for("ggml-org/gpt-oss-20b-GGUF") == 32768
    assert kv_at[8192] != kv_at[32768]  # the plan follows the context
    manager.tabs.setCurrentWidget(manager.hardware)
    assert manager.hardware.tree.topLevelItemCount() >= 5  # RAM, swap, disk, CPU, GPU, build
    manager.close()


def test_a_load_that_cannot_fit_is_refused_with_numbers_unless_insisted(
    qtbot: Any, window: Any, tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "tiny.gguf"
    shutil.copy(tiny_model, model)
    with_machine(window, Machine(ram_total=64 * 2**20, ram_available=1 * 2**20))
    asked: list[str] = []
    monkeypatch.setattr(type(window.models), "_insist", lambda self, path, plan: asked.append(path) or False)
    started: list[str] = []
    window.session.engine.load_started.connect(started.append)
    window.open_model(str(model))
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    QApplication.processEvents()
    assert started == [] and "was not loaded" in window.banner.text()
    monkeypatch.setattr(type(window.models), "_insist", lambda self, path, plan: True)
    with qtbot.waitSignal(window.session.engine.loaded, timeout=60_000):
        window.open_model(str(model))


def test_loading_uses_the_context_chosen_for_the_model(qtbot: Any, window: Any, tiny_model: Path) -> None:
    window.session.set_context(str(tiny_model), 2048)
    with qtbot.waitSignal(window.session.engine.loaded, timeout=60_000) as loaded:
        window.open_model(str(tiny_model))
    assert loaded.args[0].n_ctx == 2048
    assert "context 2,048" in window.model_label.text()
    assert window.model_label.text().endswith("· on CPU")  # the backend the weights went to
