"""The download list and the activity list: one row per item with progress and its buttons.

Rows are redrawn when the service says an item changed, which for running items is on the
service's timer (a few times a second), never per received chunk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.downloads import DownloadService
from app.services.jobs import Job


def plain_label(text: str = "", wrap: bool = False) -> QLabel:
    """A label that never interprets its text as rich text: repo, file and model names come
    from outside (the Hub, other apps' folders) and must not be able to inject markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class DownloadRow(QWidget):
    use_requested = Signal(str)  # item id

    def __init__(self, service: DownloadService, item_id: str) -> None:
        super().__init__()
        self.service, self.item_id = service, item_id
        self.title = plain_label()
        self.status = plain_label(wrap=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.remove_button = QPushButton(self.tr("Remove from list"))
        self.use_button = QPushButton(self.tr("Use"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (
            self.use_button,
            self.pause_button,
            self.resume_button,
            self.cancel_button,
            self.remove_button,
        ):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.pause_button.clicked.connect(lambda: service.pause(item_id))
        self.resume_button.clicked.connect(lambda: service.resume(item_id))
        self.cancel_button.clicked.connect(lambda: service.cancel(item_id))
        self.remove_button.clicked.connect(lambda: service.remove(item_id))
        self.use_button.clicked.connect(lambda: self.use_requested.emit(item_id))
        self.refresh()

    def refresh(self) -> None:
        item = self.service.items.get(self.item_id)
        if item is None:
            return
        self.title.setText(item.title)
        self.status.setText(item.status_text())
        if item.total:
            self.bar.setValue(int(1000 * item.done / item.total))
            self.bar.setFormat(self.tr("{percent} %").format(percent=f"{100 * item.done / item.total:.1f}"))
        else:
            self.bar.setValue(1000 if item.state == "done" else 0)
            self.bar.setFormat("")
        running = item.state in ("queued", "resolving", "downloading", "verifying")
        self.bar.setVisible(item.state not in ("done", "cancelled"))
        self.pause_button.setVisible(running)
        self.resume_button.setVisible(item.state in ("paused", "failed"))
        self.resume_button.setText(self.tr("Retry") if item.state == "failed" else self.tr("Resume"))
        self.cancel_button.setVisible(item.state not in ("done", "cancelled"))
        self.remove_button.setVisible(item.state in ("done", "cancelled", "failed"))
        self.use_button.setVisible(item.state == "done")
        error = item.state == "failed"
        self.status.setStyleSheet("color: #b00020;" if error else "")


class DownloadList(QWidget):
    """Every download item, newest last; empty text when there are none."""

    use_requested = Signal(str)

    def __init__(self, service: DownloadService) -> None:
        super().__init__()
        self.service = service
        self.rows: dict[str, DownloadRow] = {}
        self.empty = plain_label(self.tr("Nothing is downloading. Pick a model under “Get models”."))
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        service.added.connect(self._add)
        service.changed.connect(self._changed)
        service.removed.connect(self._removed)
        for item_id in service.items:
            self._add(item_id)

    def _add(self, item_id: str) -> None:
        if item_id in self.rows:
            return
        row = DownloadRow(self.service, item_id)
        row.use_requested.connect(self.use_requested)
        self.rows[item_id] = row
        self._layout.insertWidget(self._layout.count() - 1, row)
        self.empty.hide()

    def _changed(self, item_id: str) -> None:
        row = self.rows.get(item_id)
        if row is not None:
            row.refresh()

    def _removed(self, item_id: str) -> None:
        row = self.rows.pop(item_id, None)
        if row is not None:
            row.hide()
            row.deleteLater()
        self.empty.setVisible(not self.rows)


class JobRow(QWidget):
    """A long job (verify, move, import, quantize): progress and Cancel, gone when it ends."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.title = plain_label(job.title)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(job.cancel)
        job.succeeded.connect(self._ended)
        job.failed.connect(self._ended)

    def refresh(self) -> None:
        c = self.job.control
        self.bar.setValue(int(1000 * c.done / c.total) if c.total else 0)

    def _ended(self, *_: object) -> None:
        self.hide()
        self.deleteLater()
