"""The model manager window on real parts: a fake Hub over real HTTP, the real transfer, a real
registry file and real widgets. Download, pause, resume, a checksum failure shown as a sentence,
use, delete, offline mode."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.infra.downloads.fetch import VariantFetcher
from app.infra.downloads.hub import HubClient
from app.infra.models.library import ModelLibrary
from app.services.models import ModelService
from app.testing.fake_hub import FakeHub, Fault
from app.ui.model_manager import ModelManager

REPO = "hearth-test/tiny-gpt-oss-GGUF"
FILE = "tiny-gpt-oss.gguf"
FAST = {"stall_timeout": 2.0, "max_attempts": 3, "backoff": lambda attempt: 0.01}


def write_catalog(path: Path) -> Path:
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "models": [{"id": "gpt-oss-20b", "name": "gpt-oss-20b"}],
                "variants": [
                    {
                        "id": REPO,
                        "model": "gpt-oss-20b",
                        "label": "tiny (test)",
                        "repo": REPO,
                        "recommended": True,
                        "layout": "test",
                        "files": [{"path": FILE}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def hub(tiny_model: Path) -> Iterator[FakeHub]:
    with FakeHub() as hub:
        hub.add_file(REPO, FILE, tiny_model)
        yield hub


@pytest.fixture
def service(qtbot: Any, tmp_path: Path, hub: FakeHub) -> Iterator[ModelService]:
    library = ModelLibrary(tmp_path / "models.json", tmp_path / "models")
    offline = {"on": False}
    fetcher = VariantFetcher(lambda: HubClient(endpoint=hub.url, offline=offline["on"]), library)
    fetcher.transfer_options = dict(FAST, chunk_size=64 * 1024)
    svc = ModelService(
        library, fetcher, write_catalog(tmp_path / "catalog.json"), tmp_path, lambda: offline["on"]
    )
    svc.offline_state = offline  # type: ignore[attr-defined]
    yield svc
    svc.shutdown()


@pytest.fixture
def manager(qtbot: Any, service: ModelService, tmp_path: Path) -> ModelManager:
    window = ModelManager(service, False, tmp_path / "models")
    qtbot.addWidget(window)
    window.show()
    return window


def select_variant(manager: ModelManager) -> None:
    top = manager.catalog_tree.topLevelItem(0)
    manager.catalog_tree.setCurrentItem(top.child(0))


def only_item(service: ModelService) -> Any:
    (item,) = service.downloads.items.values()
    return item


def test_download_pause_resume_then_use_and_delete(qtbot: Any, manager: ModelManager, service: ModelService,
                                                   hub: FakeHub, tiny_model: Path) -> None:  # fmt: skip
    hub.inject(Fault(throttle=400_000), repo=REPO)  # ~2.5 MB at 400 kB/s: long enough to pause
    select_variant(manager)
    assert manager.download_button.isEnabled()
    qtbot.mouseClick(manager.download_button, Qt.MouseButton.LeftButton)
    item = only_item(service)
    row = manager.downloads.rows[item.id]
    qtbot.waitUntil(lambda: item.state == "downloading" and item.done > 0, timeout=10_000)
    qtbot.waitUntil(lambda: "of" in row.status.text(), timeout=5_000)  # "1.2 MB of 2.5 MB · …"
    qtbot.mouseClick(row.pause_button, Qt.MouseButton.LeftButton)
    assert item.state == "paused"  # the list says so at once
    qtbot.waitUntil(lambda: item.job is None, timeout=10_000)  # the transfer has let go of the part
    assert item.state == "paused"
    part = tmp_path_of(service) / "hearth-test" / "tiny-gpt-oss-GGUF" / (FILE + ".part")
    kept = part.stat().st_size
    assert 0 < kept < tiny_model.stat().st_size
    assert row.resume_button.isVisible() and not row.pause_button.isVisible()

    hub.clear_faults()
    qtbot.mouseClick(row.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: item.state == "done", timeout=20_000)
    ranges = [r.range_start for r in hub.requests("GET") if r.path.endswith(FILE)]
    assert ranges[-1] == kept  # resumed from the bytes on disk, not from zero
    dest = part.with_name(FILE)
    assert hashlib.sha256(dest.read_bytes()).digest() == hashlib.sha256(tiny_model.read_bytes()).digest()

    # Installed, verified, usable.
    qtbot.waitUntil(lambda: manager.installed_tree.topLevelItemCount() == 1, timeout=5_000)
    installed = manager.installed_tree.topLevelItem(0)
    assert installed.text(2) == "Verified"
    manager.installed_tree.setCurrentItem(installed)
    with qtbot.waitSignal(manager.use_model, timeout=2_000) as used:
        qtbot.mouseClick(manager.use_button, Qt.MouseButton.LeftButton)
    assert used.args == [str(dest)]

    # Delete says how much was freed and removes the file.
    model = service.installed()[0]
    with qtbot.waitSignal(service.notice, timeout=5_000) as notice:
        service.delete(model.id)
    assert "freed" in notice.args[0] and not dest.exists()
    qtbot.waitUntil(lambda: manager.installed_tree.topLevelItemCount() == 0, timeout=5_000)


def tmp_path_of(service: ModelService) -> Path:
    return Path(service.library.models_dir)


def test_a_flipped_byte_is_shown_as_a_sentence_and_nothing_is_installed(
    qtbot: Any, manager: ModelManager, service: ModelService, hub: FakeHub
) -> None:
    hub.inject(Fault(flip_byte_at=1000), repo=REPO)
    select_variant(manager)
    qtbot.mouseClick(manager.download_button, Qt.MouseButton.LeftButton)
    item = only_item(service)
    qtbot.waitUntil(lambda: item.state == "failed", timeout=15_000)
    row = manager.downloads.rows[item.id]
    assert "checksum" in row.status.text() and "download it again" in row.status.text()
    assert row.resume_button.text() == "Retry" and row.resume_button.isVisible()
    assert service.installed() == []
    assert not any(p.suffix == ".gguf" for p in tmp_path_of(service).rglob("*"))

    hub.clear_faults()  # the retry gets good bytes
    qtbot.mouseClick(row.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: item.state == "done", timeout=15_000)
    assert [m.state for m in service.installed()] == ["verified"]


def test_hub_errors_become_sentences_in_the_list(qtbot: Any, manager: ModelManager, service: ModelService,
                                                 hub: FakeHub) -> None:  # fmt: skip
    hub.inject(Fault(status=403, error_code="GatedRepo"), repo=REPO)
    select_variant(manager)
    qtbot.mouseClick(manager.download_button, Qt.MouseButton.LeftButton)
    item = only_item(service)
    qtbot.waitUntil(lambda: item.state == "failed", timeout=15_000)
    text = manager.downloads.rows[item.id].status.text()
    assert REPO in text and ("licence" in text or "access" in text or "token" in text), text


def test_offline_mode_disables_downloads_and_the_service_refuses(
    qtbot: Any, manager: ModelManager, service: ModelService, hub: FakeHub
) -> None:
    service.offline_state["on"] = True  # type: ignore[attr-defined]
    manager.offline_box.setChecked(True)
    select_variant(manager)
    assert not manager.download_button.isEnabled() and not manager.refresh_button.isEnabled()
    with qtbot.waitSignal(service.notice, timeout=2_000) as notice:
        service.download(service.catalog.variants[0])
    assert "offline" in notice.args[0].lower()
    assert service.downloads.items == {} and hub.log == []


def test_a_custom_repo_name_is_checked_before_anything_is_fetched(
    qtbot: Any, manager: ModelManager, service: ModelService, hub: FakeHub
) -> None:
    manager.repo_edit.setText("not a repo")
    manager.file_edit.setText(FILE)
    qtbot.mouseClick(manager.add_button, Qt.MouseButton.LeftButton)
    assert "owner/name" in manager.notice.text()
    assert service.downloads.items == {} and hub.log == []


def test_pause_during_a_stall_shows_at_once_and_resume_is_remembered(
    qtbot: Any, manager: ModelManager, service: ModelService, hub: FakeHub, tiny_model: Path
) -> None:
    service.fetcher.transfer_options["stall_timeout"] = 1.5
    hub.inject(Fault(stall_after=100_000, stall_for=1.0, times=1), repo=REPO)
    select_variant(manager)
    qtbot.mouseClick(manager.download_button, Qt.MouseButton.LeftButton)
    item = only_item(service)
    qtbot.waitUntil(lambda: item.done >= 64 * 1024, timeout=10_000)
    row = manager.downloads.rows[item.id]
    qtbot.mouseClick(row.pause_button, Qt.MouseButton.LeftButton)
    assert item.state == "paused" and "Paused" in row.status.text()
    assert item.job is not None  # still inside the stalled read
    qtbot.mouseClick(row.resume_button, Qt.MouseButton.LeftButton)  # pressed before it let go
    assert item.state == "queued" and item.resume_pending
    qtbot.waitUntil(lambda: item.state == "done", timeout=20_000)
    assert [m.state for m in service.installed()] == ["verified"]


def test_cancel_deletes_the_partial_file(qtbot: Any, manager: ModelManager, service: ModelService,
                                         hub: FakeHub) -> None:  # fmt: skip
    hub.inject(Fault(throttle=300_000), repo=REPO)
    select_variant(manager)
    qtbot.mouseClick(manager.download_button, Qt.MouseButton.LeftButton)
    item = only_item(service)
    qtbot.waitUntil(lambda: item.done > 0, timeout=10_000)
    qtbot.mouseClick(manager.downloads.rows[item.id].cancel_button, Qt.MouseButton.LeftButton)
    assert item.state == "cancelled"
    qtbot.waitUntil(lambda: item.job is None, timeout=10_000)
    assert item.state == "cancelled"
    assert [p for p in tmp_path_of(service).rglob("*") if p.is_file()] == []


def test_downloading_again_while_a_cancel_winds_down_is_refused_then_works(
    qtbot: Any, manager: ModelManager, service: ModelService, hub: FakeHub
) -> None:
    service.fetcher.transfer_options["stall_timeout"] = 1.0
    hub.inject(Fault(stall_after=100_000, stall_for=0.8, times=1), repo=REPO)
    variant = service.catalog.variants[0]
    service.download(variant)
    item = only_item(service)
    qtbot.waitUntil(lambda: item.done >= 64 * 1024, timeout=10_000)
    service.downloads.cancel(item.id)
    assert item.job is not None  # still inside the stalled read
    with qtbot.waitSignal(service.notice, timeout=2_000) as notice:
        service.download(variant)
    assert "still stopping" in notice.args[0]
    qtbot.waitUntil(lambda: item.job is None, timeout=10_000)
    service.download(variant)
    (again,) = service.downloads.items.values()
    qtbot.waitUntil(lambda: again.state == "done", timeout=15_000)
    assert [m.state for m in service.installed()] == ["verified"]


def test_cleanup_never_deletes_a_paused_download_and_move_waits_for_it(
    qtbot: Any, manager: ModelManager, service: ModelService, hub: FakeHub, tmp_path: Path
) -> None:
    hub.inject(Fault(throttle=300_000), repo=REPO)
    service.download(service.catalog.variants[0])
    item = only_item(service)
    qtbot.waitUntil(lambda: item.done > 0, timeout=10_000)
    service.downloads.pause(item.id)
    qtbot.waitUntil(lambda: item.job is None, timeout=10_000)
    part = tmp_path_of(service) / "hearth-test" / "tiny-gpt-oss-GGUF" / (FILE + ".part")
    assert part.is_file()
    with qtbot.waitSignal(service.orphans_changed, timeout=5_000) as found:
        service.scan_orphans()
    assert all(o.path != part for o in found.args[0])
    # A list made before the download existed still cannot delete it.
    from app.infra.models.library import Orphan

    service.clean([Orphan(part, part.stat().st_size, "partial")])
    service.tasks.wait(5)
    assert part.is_file()
    with qtbot.waitSignal(service.notice, timeout=2_000) as notice:
        assert service.move_folder(tmp_path / "elsewhere", lambda _p: None) is None
    assert "downloads" in notice.args[0]


def test_the_model_card_downloads_the_recommended_file_then_offers_to_use_it(
    qtbot: Any, manager: ModelManager, service: ModelService
) -> None:
    card = manager.cards.cards["gpt-oss-20b"]
    assert card.title.text() == "gpt-oss-20b" and "tiny (test)" in card.size.text()
    assert card.action.text() == "Download" and card.action.isEnabled()
    used: list[str] = []
    manager.use_model.connect(used.append)
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    item = only_item(service)
    assert item.variant.id == REPO and manager.tabs.currentIndex() == 1  # the download list shows it
    qtbot.waitUntil(lambda: item.state == "done", timeout=30_000)
    qtbot.waitUntil(lambda: card.action.text() == "Use", timeout=5_000)
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    assert used and used[0].endswith(FILE)
    service.offline_state["on"] = True  # type: ignore[attr-defined]
    manager.offline_box.setChecked(True)
    assert card.action.text() == "Use" and card.action.isEnabled()  # using needs no network
