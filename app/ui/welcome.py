"""The first-run panel: shown while no model is loaded, it offers the shortest way to a chat —
a model already installed, a copy another app downloaded, or the recommended download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.core.gguf_header import human_size
from app.services.models import ModelService


class WelcomePanel(QFrame):
    use_model = Signal(str)  # a path to load
    open_file = Signal()
    open_manager = Signal()

    def __init__(self, service: ModelService) -> None:
        super().__init__()
        self.service = service
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.choices = QVBoxLayout()
        self.open_button = QPushButton("Open a GGUF file…")
        self.manager_button = QPushButton("All models…")
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.manager_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(self.choices)
        layout.addLayout(bottom)
        self.open_button.clicked.connect(self.open_file)
        self.manager_button.clicked.connect(self.open_manager)
        service.library_changed.connect(self.refresh)
        service.found_changed.connect(lambda _found: self.refresh())
        service.downloads.changed.connect(lambda _id: self._download_progress())
        self.refresh()

    def _clear(self) -> None:
        while self.choices.count():
            w = self.choices.takeAt(0).widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()

    def _button(self, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        self.choices.addWidget(b)
        return b

    def refresh(self) -> None:
        self._clear()
        installed = [m for m in self.service.installed() if m.state not in ("failed", "missing")]
        if installed:
            self.title.setText("Choose a model to chat with")
            self.text.setText("Everything runs on this computer; nothing you type leaves it.")
            for m in installed[:4]:
                self._button(
                    f"Use {m.name} ({human_size(m.size)})",
                    lambda _=False, p=m.files[0]: self.use_model.emit(p),
                )
            return
        self.title.setText("Welcome to Hearth")
        self.text.setText("Hearth runs OpenAI's gpt-oss on this computer, privately. It needs the "
                          "model's weights once; after that it works with no network at all.")  # fmt: skip
        for copy in [c for c in self.service.found if c.header_ok][:3]:
            self._button(f"Use the copy {copy.origin} downloaded: {copy.label} ({human_size(copy.size)})",
                         lambda _=False, c=copy: self.service.import_file(Path(c.path), "link", c.sha256))  # fmt: skip
        v = self.service.catalog.recommended("gpt-oss-20b")
        if v is not None:
            size = human_size(v.size) if v.size else "about 12 GB"
            self.download_button = self._button(f"Download gpt-oss-20b ({size}, recommended)",
                                                lambda _=False: self.service.download(v))  # fmt: skip
        self._download_progress()

    def _download_progress(self) -> None:
        items = [i for i in self.service.downloads.items.values() if i.state not in ("done", "cancelled")]
        if items and not self.service.installed():
            self.text.setText(f"{items[0].title}: {items[0].status_text()}")
