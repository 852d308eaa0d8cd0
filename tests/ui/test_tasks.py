"""TaskRunner: results reach the GUI thread in order, and never a receiver that was deleted."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtWidgets import QDialog

from app.services.tasks import TaskRunner


class Asker(QDialog):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[Any] = []

    def done_with(self, result: Any) -> None:
        self.heard.append(result)
        self.setWindowTitle(str(result))  # touches the C++ side: raises if it was deleted


def test_results_arrive_in_order_on_the_gui_thread(qtbot: Any) -> None:
    runner = TaskRunner("test-order")
    asker = Asker()
    qtbot.addWidget(asker)
    for i in range(5):
        runner.run(lambda i=i: i * i, asker.done_with)
    runner.wait(timeout=10)
    qtbot.waitUntil(lambda: len(asker.heard) == 5, timeout=5_000)
    assert asker.heard == [0, 1, 4, 9, 16]
    runner.shutdown()


def test_a_dialog_deleted_before_its_result_is_not_called(qtbot: Any) -> None:
    runner = TaskRunner("test-deleted")
    gone = Asker()
    alive = Asker()
    qtbot.addWidget(alive)
    heard_by_gone = gone.heard
    runner.run(lambda: "late", gone.done_with)
    runner.run(lambda: "late", alive.done_with)
    shiboken6.delete(gone)  # the C++ side goes now, before the event loop delivers anything
    qtbot.waitUntil(lambda: alive.heard == ["late"], timeout=5_000)
    assert heard_by_gone == []  # dropped, not delivered into a deleted widget
    runner.shutdown()
