"""The main window with no model yet: the first-run panel offers a copy another app already
downloaded, then the installed model; a file whose checksum failed is never loaded."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from app.infra.models.library import InstalledModel
from app.paths import resolve_paths
from tests.conftest import TEST_LOAD

pytestmark = pytest.mark.engine


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    home = tmp_path / "home"
    lmstudio = home / ".lmstudio" / "models" / "lmstudio-community" / "gpt-oss-20b-GGUF"
    lmstudio.mkdir(parents=True)
    shutil.copy(tiny_model, lmstudio / "gpt-oss-20b-MXFP4.gguf")
    monkeypatch.setenv("HOME", str(home))
    for name in ("HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "OLLAMA_MODELS", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    from app.bootstrap import build_window

    _app, win, session = build_window(resolve_paths(str(tmp_path / "data")))
    session.load_defaults = TEST_LOAD
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.shutdown()


def buttons(panel: Any) -> list[QPushButton]:
    return [b for b in panel.findChildren(QPushButton) if b.isVisible()]


def test_first_run_offers_the_lm_studio_copy_then_chats_with_it(qtbot: Any, window: Any) -> None:
    panel = window.models.welcome
    assert panel.isVisible() and "Welcome" in panel.title.text()
    # The scan for other apps' copies runs off the GUI thread; the panel redraws when it reports.
    qtbot.waitUntil(lambda: any("LM Studio" in b.text() for b in buttons(panel)), timeout=10_000)
    assert any("Download gpt-oss-20b" in b.text() for b in buttons(panel)), [b.text() for b in buttons(panel)]
    use_copy = next(b for b in buttons(panel) if "LM Studio" in b.text())
    use_copy.click()
    qtbot.waitUntil(lambda: len(window.models.service.installed()) == 1, timeout=10_000)
    (model,) = window.models.service.installed()
    assert model.source in ("linked", "referenced")

    def use_installed() -> list[QPushButton]:
        return [b for b in buttons(panel) if b.text().startswith("Use ") and "copy" not in b.text()]

    qtbot.waitUntil(lambda: bool(use_installed()), timeout=5_000)
    use = use_installed()[0]
    failed: list[str] = []
    window.session.engine.load_failed.connect(failed.append)
    started: list[str] = []
    window.session.engine.load_started.connect(started.append)
    use.click()  # the memory plan is made off the GUI thread first, then the load starts
    qtbot.waitUntil(lambda: bool(started or failed), timeout=10_000)
    assert started, window.banner.text()
    qtbot.waitUntil(lambda: window.model_ready or bool(failed), timeout=60_000)
    assert not failed and not panel.isVisible()


def test_a_model_whose_checksum_failed_is_not_loaded(qtbot: Any, window: Any, tmp_path: Path,
                                                     tiny_model: Path) -> None:  # fmt: skip
    bad = tmp_path / "data" / "models" / "bad.gguf"
    shutil.copy(tiny_model, bad)
    window.models.service.library.add(InstalledModel(
        id="bad", name="bad", files=[str(bad)], size=bad.stat().st_size, sha256={"bad.gguf": "0" * 64},
        state="failed", added_at=time.time()))  # fmt: skip
    started: list[str] = []
    window.session.engine.load_started.connect(started.append)
    window.open_model(str(bad))
    assert "does not match its published checksum" in window.banner.text()
    assert window.banner_box.isVisible() and started == []


def test_models_menu_opens_the_manager(qtbot: Any, window: Any) -> None:
    window.models.manage_action.trigger()
    manager = window.models.manager
    assert manager is not None and manager.isVisible()
    assert manager.catalog_tree.topLevelItemCount() == 2  # gpt-oss-20b and gpt-oss-120b
    window.models.offline_action.setChecked(True)
    assert manager.offline_box.isChecked() and window.settings.offline
    manager.close()
