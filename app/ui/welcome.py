"""The first-run panel: shown while no model is loaded, it offers the shortest way to a chat —
a model already installed, a copy another app downloaded, or the recommended download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.gguf_header import human_size
from app.services.models import ModelService
from app.ui.fit_view import verdict_words
from app.ui.theme import SPACE, set_type, style


class WelcomePanel(QFrame):
    use_model = Signal(str)  # a path to load
    open_file = Signal()
    open_manager = Signal()

    def __init__(self, service: ModelService, fit: Any = None) -> None:
        super().__init__()
        self.service, self.fit = service, fit
        self.setObjectName("welcome")
        style(self, "card")
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        set_type(self.title, "title", bold=True)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.choices = QVBoxLayout()
        self.open_button = QPushButton(self.tr("Open a GGUF file…"))
        self.manager_button = QPushButton(self.tr("All models…"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.manager_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["l"])
        layout.setSpacing(SPACE["s"])
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(self.choices)
        layout.addLayout(bottom)
        self.open_button.clicked.connect(self.open_file)
        self.manager_button.clicked.connect(self.open_manager)
        service.library_changed.connect(self.refresh)
        service.found_changed.connect(lambda _found: self.refresh())
        service.downloads.changed.connect(lambda _id: self._download_progress())
        if fit is not None:
            fit.plans_changed.connect(self.refresh)
        self.refresh()

    def _clear(self) -> None:
        while self.choices.count():
            w = self.choices.takeAt(0).widget()
            if w is not None:
                w.hide()  # not setParent(None): a focused child would take the window's activation with it
                w.deleteLater()

    def _button(self, text: str, slot: Any, detail: str = "") -> QPushButton:
        """A short button (buttons never wrap, so long text would widen the window) and the
        details beside it in a label that wraps."""
        b = QPushButton(text)
        if not self.choices.count():
            style(b, "primary")  # the first choice is the shortest way to a chat
        b.clicked.connect(slot)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(b)
        if detail:
            label = QLabel(detail)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            style(label, "muted")
            layout.addWidget(label, 1)
        else:
            layout.addStretch(1)
        self.choices.addWidget(row)
        return b

    def refresh(self) -> None:
        self._clear()
        installed = [m for m in self.service.installed() if m.state not in ("failed", "missing")]
        if installed:
            self.title.setText(self.tr("Choose a model to chat with"))
            self.text.setText(self.tr("Everything runs on this computer; nothing you type leaves it."))
            for m in installed[:4]:
                self._button(
                    self.tr("Use {name}").format(name=m.name),
                    lambda _=False, p=m.files[0]: self.use_model.emit(p),
                    human_size(m.size),
                )
            return
        self.title.setText(self.tr("Welcome to Hearth"))
        self.text.setText(
            self.tr(
                "Hearth runs OpenAI's gpt-oss on this computer, privately. It needs the model's weights once; after that it works with no network at all."
            )
        )
        for copy in [c for c in self.service.found if c.header_ok][:3]:
            self._button(self.tr("Use the copy {app} downloaded").format(app=copy.origin),
                         lambda _=False, c=copy: self.service.import_file(Path(c.path), "link", c.sha256),
                         self.tr("{label} ({size}); no extra space").format(label=copy.label,
                                                                          size=human_size(copy.size)))  # fmt: skip
        v = self.service.catalog.recommended("gpt-oss-20b")
        if v is not None:
            size = human_size(v.size) if v.size else self.tr("about 12 GB")
            plan = self.fit.plan_variant(v) if self.fit is not None and self.fit.report is not None else None
            if plan is not None:
                detail = self.tr("{size}, recommended. {verdict} on this computer.").format(
                    size=size, verdict=verdict_words(plan)
                )
            else:
                detail = self.tr("{size}, recommended.").format(size=size)
            self.download_button = self._button(self.tr("Download gpt-oss-20b"),
                                                lambda _=False: self.service.download(v), detail)  # fmt: skip
            if plan is not None:
                self.download_button.setToolTip(plan.explanation)
        self._download_progress()

    def _download_progress(self) -> None:
        items = [i for i in self.service.downloads.items.values() if i.state not in ("done", "cancelled")]
        if items and not self.service.installed():
            self.text.setText(
                self.tr("{title}: {status}").format(title=items[0].title, status=items[0].status_text())
            )
