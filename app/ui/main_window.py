"""The main window: open a gpt-oss model, chat, watch reasoning and answer stream in.

A deliberately small window for the foundation; the full chat window (history, branches,
markdown) is its own issue. Text from the model is inserted as plain text at the end of the
document, so drawing one token costs the same however long the reply is, and nothing the
model writes can become HTML, a link or a resource load.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.conversation import EFFORTS
from app.services.chat_session import ChatSession
from app.services.engine_service import EngineService


def _fmt(color: str | None = None, *, italic: bool = False, bold: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    if color:
        f.setForeground(QColor(color))
    f.setFontItalic(italic)
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    return f


class MainWindow(QMainWindow):
    def __init__(self, engine: EngineService, chat: ChatSession, models_dir: str = "") -> None:
        super().__init__()
        self.engine = engine
        self.chat = chat
        self._models_dir = models_dir
        self._section: str | None = None
        self._generating = False
        self.setWindowTitle(APP_NAME)
        self.resize(900, 700)

        self.open_button = QPushButton("Open model…")
        self.model_label = QLabel("No model loaded")
        self.effort = QComboBox()
        self.effort.addItems([e.capitalize() for e in EFFORTS])
        self.effort.setCurrentIndex(EFFORTS.index("medium"))
        self.effort.setToolTip("Reasoning effort: how long the model thinks before answering")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        top = QHBoxLayout()
        for w in (self.open_button, self.model_label):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(QLabel("Reasoning:"))
        top.addWidget(self.effort)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.hide()
        self.reload_button = QPushButton("Reload model")
        self.reload_button.hide()

        self.transcript = QTextBrowser()
        self.transcript.setOpenLinks(False)
        self.transcript.setOpenExternalLinks(False)
        self.transcript.setUndoRedoEnabled(False)
        self.stats_label = QLabel()
        self.input = QPlainTextEdit()
        self.input.setPlaceholderText("Message gpt-oss (Ctrl+Enter to send)")
        self.input.setMaximumHeight(110)
        self.send_button = QPushButton("Send")
        self.send_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.input, 1)
        bottom.addWidget(self.send_button)

        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.progress)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reload_button)
        layout.addLayout(banner_row)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.stats_label)
        layout.addLayout(bottom)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self.open_button.clicked.connect(self._choose_model)
        self.send_button.clicked.connect(self._send_or_stop)
        self.reload_button.clicked.connect(self._reload)
        self.effort.currentIndexChanged.connect(lambda i: self.chat.set_effort(EFFORTS[i]))
        self.chat.message_returned.connect(self._give_back)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._send_or_stop)
        engine.load_progress.connect(self._on_load_progress)
        engine.loaded.connect(self._on_loaded)
        engine.load_failed.connect(self._on_load_failed)
        engine.reply_started.connect(self._on_started)
        engine.tokens_ready.connect(self._on_tokens)
        engine.reply_finished.connect(self._on_finished)
        engine.reply_failed.connect(self._on_reply_failed)
        engine.engine_crashed.connect(self._on_crashed)

    # -- actions ---------------------------------------------------------------------------
    def _choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a gpt-oss model", self._models_dir,
                                              "GGUF models (*.gguf)")  # fmt: skip
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> None:
        self.model_label.setText("Loading…")
        self.progress.setValue(0)
        self.progress.show()
        self.send_button.setEnabled(False)
        self._hide_banner()
        self.engine.load(path)

    def _send_or_stop(self) -> None:
        if self._generating:
            self.engine.stop()
            return
        text = self.input.toPlainText().strip()
        if not text or not self.send_button.isEnabled():
            return
        self.input.clear()
        self._append(self._gap() + "You\n", _fmt(bold=True))
        self._append(text + "\n", QTextCharFormat())
        self._section = None
        self.send_button.setText("Stop")
        self._generating = True
        self.open_button.setEnabled(False)
        self.chat.send(text)

    def _reload(self) -> None:
        self._hide_banner()
        self.model_label.setText("Reloading…")
        self.engine.reload_after_crash()

    # -- drawing ---------------------------------------------------------------------------
    def _append(self, text: str, fmt: QTextCharFormat) -> None:
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, fmt)
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _gap(self) -> str:
        """Blank space before a new section: none at the top, one empty line elsewhere."""
        text = self.transcript.document().lastBlock().text()
        if self.transcript.document().isEmpty():
            return ""
        return "\n" if not text else "\n\n"

    def _show_banner(self, text: str, reload: bool = False) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.reload_button.setVisible(reload)

    def _hide_banner(self) -> None:
        self.banner.hide()
        self.reload_button.hide()

    # -- engine signals --------------------------------------------------------------------
    def _on_load_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    def _on_loaded(self, info: dict[str, Any]) -> None:
        self.progress.hide()
        name = (self.engine.client.model.path if self.engine.client.model else "").rsplit("/", 1)[-1]
        self.model_label.setText(f"{name} · context {info['n_ctx']:,} tokens")
        self.send_button.setEnabled(True)

    def _on_load_failed(self, message: str) -> None:
        self.progress.hide()
        self.model_label.setText("No model loaded")
        self._show_banner(message)

    def _on_started(self, _info: dict[str, Any]) -> None:
        self._section = None

    def _on_tokens(self, events: list[dict[str, Any]]) -> None:
        for event in events:
            kind = event["kind"]
            if kind in ("reasoning", "answer", "commentary"):
                if self._section != kind:
                    title = {"reasoning": "Thinking\n", "answer": "Hearth\n", "commentary": "Note\n"}[kind]
                    self._append(
                        self._gap() + title, _fmt("#777777" if kind == "reasoning" else None, bold=True)
                    )
                    self._section = kind
                style = _fmt("#777777", italic=True) if kind == "reasoning" else QTextCharFormat()
                self._append(event.get("text", ""), style)
            elif kind == "tool_call":
                self._append(
                    f"\n[tool call {event.get('recipient')}: {event.get('arguments')}]\n", _fmt("#555555")
                )

    def _on_finished(self, done: dict[str, Any]) -> None:
        self._generating = False
        self.open_button.setEnabled(True)
        self.send_button.setText("Send")
        stats = done.get("stats", {})
        parts = [f"{stats.get('generated_tokens', 0)} tokens"]
        if stats.get("gen_tps"):
            parts.append(f"{stats['gen_tps']:.1f} tokens/s")
        if stats.get("ttft_s") is not None:
            parts.append(f"first token after {stats['ttft_s'] * 1000:.0f} ms")
        if done.get("finish") == "stopped":
            parts.append("stopped")
        self.stats_label.setText(" · ".join(parts))

    def _on_reply_failed(self, message: str) -> None:
        self._generating = False
        self.open_button.setEnabled(True)
        self.send_button.setText("Send")
        self._show_banner(message)

    def _on_crashed(self, reason: str) -> None:
        self._generating = False
        self.open_button.setEnabled(True)
        self.send_button.setText("Send")
        self.send_button.setEnabled(False)
        self.progress.hide()
        self.model_label.setText("Model stopped")
        self._show_banner(f"The model stopped: {reason} Your conversation is kept.", reload=True)

    def _give_back(self, text: str) -> None:
        if not self.input.toPlainText().strip():
            self.input.setPlainText(text)

    def closeEvent(self, event: Any) -> None:
        # Stop first, so the child exits at once; shutdown() then waits at most ~2 s.
        self.hide()
        self.engine.shutdown()
        super().closeEvent(event)
