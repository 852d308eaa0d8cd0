"""Settings → Local API: let other apps on this computer use the model Hearth has loaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import SPACE, style


class ApiDialog(QDialog):
    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.setWindowTitle(self.tr("Local API"))
        intro = QLabel(self.tr(
            "An OpenAI-compatible API for the model open in Hearth, for editors, scripts and tools "
            "such as Codex CLI. Apps must send the key below. Replies for the API and for this "
            "window take turns on the one model."))  # fmt: skip
        intro.setWordWrap(True)
        self.enabled = QCheckBox(self.tr("Turn on the local API"))
        self.lan = QCheckBox(self.tr("Let other computers on this network use it (the key is still required)"))
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setAccessibleName(self.tr("Port"))
        port_edit = self.port.lineEdit()
        if port_edit is not None:  # the field inside takes the focus: it says the same name
            port_edit.setAccessibleName(self.tr("Port"))
        values = api.settings.values
        self.enabled.setChecked(values.api_enabled)
        self.lan.setChecked(values.api_lan)
        self.port.setValue(values.api_port)
        self.address = QLineEdit()
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Address"))
        self.key = QLineEdit()
        self.key.setReadOnly(True)
        self.key.setAccessibleName(self.tr("API key"))
        self.copy_button = QPushButton(self.tr("Copy key"))
        self.new_key_button = QPushButton(self.tr("New key"))
        self.new_key_button.setToolTip(self.tr("Make a new key; apps using the old one are refused from now on"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        style(self.status, "muted")
        form = QFormLayout()
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&Address:"), self.address)
        keys = QHBoxLayout()
        keys.addWidget(self.key, 1)
        keys.addWidget(self.copy_button)
        keys.addWidget(self.new_key_button)
        form.addRow(self.tr("&Key:"), keys)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE["m"])
        for w in (intro, self.enabled, self.lan):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.enabled.toggled.connect(lambda _on: self._apply())
        self.lan.toggled.connect(lambda _on: self._apply())
        self.port.editingFinished.connect(self._apply)
        self.copy_button.clicked.connect(self._copy)
        self.new_key_button.clicked.connect(lambda: self.api.new_key())
        api.changed.connect(self._show)
        self._shown_key = ""
        self._show()
        self.resize(600, 360)

    def _apply(self) -> None:
        values = self.api.settings.values
        if (self.enabled.isChecked(), self.lan.isChecked(), self.port.value()) == \
                (values.api_enabled and self.api.running, values.api_lan, values.api_port):  # fmt: skip
            return
        self.api.set_enabled(self.enabled.isChecked(), self.lan.isChecked(), self.port.value())

    def _show(self) -> None:
        running = self.api.running
        self.address.setText(self.api.address if running else "")
        self.lan.setEnabled(self.enabled.isChecked())
        self.port.setEnabled(self.enabled.isChecked())
        if self.api.fresh_key:  # made this run: shown once, here
            self._shown_key = self.api.fresh_key
            self.api.fresh_key = None
        if self._shown_key:
            self.key.setText(self._shown_key)
            self.key.setEchoMode(QLineEdit.EchoMode.Normal)
        else:
            self.key.setText("•" * 16)
            self.key.setEchoMode(QLineEdit.EchoMode.Normal)
        self.copy_button.setEnabled(bool(self._shown_key))
        if not running:
            self.status.setText(self.tr("Off: nothing listens.") if not self.enabled.isChecked()
                                else self.tr("Not running (see the message in the window)."))  # fmt: skip
        elif self.api.settings.values.api_lan:
            self.status.setText(self.tr(
                "Open to this network: other computers reach it at {address} with the key. Turn this off when you do not need it."
            ).format(address=self.api.address))  # fmt: skip
        else:
            self.status.setText(self.tr("Only apps on this computer can reach it, at {address}.").format(
                address=self.api.address))  # fmt: skip
        if running and not self._shown_key:
            self.status.setText(self.status.text() + " " + self.tr(
                "The key was shown when it was made; make a new one if you no longer have it."))  # fmt: skip

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None and self._shown_key:
            clipboard.setText(self._shown_key)
