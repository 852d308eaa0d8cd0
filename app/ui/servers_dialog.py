"""Models → Servers…: chat through a gpt-oss server elsewhere (vLLM, llama-server, Ollama, LM Studio).

Add a server by its address (and an API key if it needs one), test it — which kind of server,
which models, how Hearth will talk to it — pick a model and use it. The key goes to the system
keyring; a self-signed certificate can be trusted by its fingerprint, shown here to compare.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.openai_compat import RemoteServer, spaced
from app.ui.theme import SPACE, style

PATH_WORDS = {  # translated where shown, in the context "ServersDialog"
    "raw": QT_TRANSLATE_NOOP("ServersDialog", "Hearth writes the harmony prompt itself (raw completions): reasoning rules, effort and tools exactly as on this computer."),
    "chat": QT_TRANSLATE_NOOP("ServersDialog", "Through the server's chat completions, with reasoning effort; the server applies the chat format."),
}


def path_words(path: str) -> str:
    return QCoreApplication.translate("ServersDialog", PATH_WORDS[path]) if path in PATH_WORDS else ""


class ServersDialog(QDialog):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = session.remote
        self.setWindowTitle(self.tr("Servers"))
        self._tested: RemoteServer | None = None
        self._fingerprint = ""

        intro = QLabel(self.tr(
            "Chat with a gpt-oss model that runs on another machine you control: vLLM, llama.cpp's "
            "llama-server, Ollama or LM Studio. Your messages are sent to that server."))  # fmt: skip
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Servers you added"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://192.168.1.20:8000")
        self.url.setAccessibleName(self.tr("Server address"))
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("only if the server asks for one"))
        self.key.setAccessibleName(self.tr("API key"))
        self.model = QComboBox()
        self.model.setAccessibleName(self.tr("Model on the server"))
        self.model.setEnabled(False)
        self.trust = QCheckBox()
        self.trust.setAccessibleName(self.tr("Trust this certificate"))
        self.trust.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("Test result"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style(self.status, "muted")
        self.test_button = QPushButton(self.tr("Test"))
        self.use_button = QPushButton(self.tr("Use this server"))
        style(self.use_button, "primary")
        self.use_button.setEnabled(False)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setEnabled(False)
        self.local_button = QPushButton(self.tr("Use this computer"))
        self.local_button.setToolTip(self.tr("Go back to the model on this computer"))

        form = QFormLayout()
        form.addRow(self.tr("&Address:"), self.url)
        form.addRow(self.tr("API &key:"), self.key)
        form.addRow(self.tr("&Model:"), self.model)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.local_button)
        row.addWidget(self.use_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE["m"])
        for w in (intro, self.list):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.trust)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(close)

        self.list.currentItemChanged.connect(lambda *_: self._pick())
        self.url.textEdited.connect(lambda _t: self._forget_test())
        self.key.textEdited.connect(lambda _t: self._forget_test())
        self.test_button.clicked.connect(self.test)
        self.use_button.clicked.connect(self.use)
        self.remove_button.clicked.connect(self.remove)
        self.local_button.clicked.connect(self.use_local)
        self.service.tested.connect(self._on_tested)
        self.service.servers_changed.connect(self._fill)
        self._fill()
        self.resize(620, 520)

    # -- the list --------------------------------------------------------------------------
    def _fill(self) -> None:
        current = self.url.text()
        self.list.clear()
        for server in self.service.servers():
            item = QListWidgetItem(f"{server.model or '?'} · {server.host} · {server.kind_name}")
            item.setData(Qt.ItemDataRole.UserRole, server.url)
            self.list.addItem(item)
            if server.url == current:
                self.list.setCurrentItem(item)
        self.local_button.setEnabled(bool(self.session.engine.remote))

    def _pick(self) -> None:
        item = self.list.currentItem()
        self.remove_button.setEnabled(item is not None)
        if item is None:
            return
        server = self.service.find(item.data(Qt.ItemDataRole.UserRole))
        if server is None:
            return
        self.url.setText(server.url)
        self.key.clear()
        self.key.setPlaceholderText(self.tr("kept in the keyring") if self.service.key(server.url)
                                    else self.tr("only if the server asks for one"))  # fmt: skip
        self.model.clear()
        self.model.addItem(server.model)
        self._tested = server
        self._fingerprint = server.fingerprint
        self.model.setEnabled(False)
        self.use_button.setEnabled(bool(server.model))
        self.status.setText(path_words(server.path))

    def _forget_test(self) -> None:
        self._tested = None
        self.use_button.setEnabled(False)

    def _key(self) -> str | None:
        typed = self.key.text().strip()
        if typed:
            return typed
        return self.service.key(self.url.text().strip()) if self.url.text().strip() else None

    # -- test, use, remove -------------------------------------------------------------------
    def _server(self) -> RemoteServer:
        fingerprint = self._fingerprint if (self.trust.isChecked() or not self.trust.isVisible()) else ""
        return RemoteServer(self.url.text().strip(), model=self.model.currentText(), fingerprint=fingerprint)

    def test(self) -> None:
        if not self.url.text().strip():
            self.status.setText(self.tr("Type the server's address first, e.g. http://192.168.1.20:8000"))
            return
        self.test_button.setEnabled(False)
        self.status.setText(self.tr("Asking {url}…").format(url=self.url.text().strip()))
        self.service.test(self._server(), self._key())

    def _on_tested(self, server: RemoteServer | None, result: Any) -> None:
        self.test_button.setEnabled(True)
        if server is None:
            fingerprint = getattr(result, "fingerprint", "")
            if fingerprint:
                self._fingerprint = fingerprint
                self.trust.setText(self.tr("Trust this certificate (SHA-256 {fingerprint})").format(
                    fingerprint=spaced(fingerprint)))  # fmt: skip
                self.trust.setChecked(False)
                self.trust.show()
            self.status.setText(str(result))
            self._tested = None
            self.use_button.setEnabled(False)
            return
        models: list[str] = result
        self._tested = server
        self.model.clear()
        self.model.addItems(models)
        self.model.setCurrentText(server.model)
        self.model.setEnabled(bool(models))
        kind = server.kind_name
        if not models:
            self.status.setText(self.tr("{kind} at {host} answers, but serves no model.").format(kind=kind, host=server.host))
            self.use_button.setEnabled(False)
            return
        self.status.setText(self.tr("{kind} at {host}: {count} model(s). {how}").format(
            kind=kind, host=server.host, count=len(models), how=path_words(server.path)))  # fmt: skip
        self.use_button.setEnabled(True)

    def use(self) -> None:
        if self._tested is None:
            return
        server = replace(self._tested, model=self.model.currentText() or self._tested.model)
        typed = self.key.text().strip()
        if not self.service.save(server, typed if typed else None):
            self.session.notice.emit(self.tr(
                "This computer has no keyring to keep the API key in, so Hearth remembers it only until it quits."))  # fmt: skip
        self.session.use_remote(server)
        self.accept()

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        url = item.data(Qt.ItemDataRole.UserRole)
        if self.session.engine.remote and getattr(self.session.engine.client, "server", None) is not None \
                and self.session.engine.client.server.url == url:  # fmt: skip
            self.session.use_local()
        self.service.remove(url)
        self.url.clear()
        self.key.clear()
        self.model.clear()
        self._forget_test()

    def use_local(self) -> None:
        self.session.use_local()
        self.accept()
