"""Quantize an installed model: choose the layout, read the honest advice, start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.services.models import ModelService

TARGETS = {
    "MXFP4_MOE": QT_TRANSLATE_NOOP(
        "QuantizeDialog", "MXFP4_MOE — the official gpt-oss layout (experts MXFP4, the rest Q8_0)"
    ),
    "Q8_0": QT_TRANSLATE_NOOP("QuantizeDialog", "Q8_0 — every weight 8-bit"),
}


class QuantizeDialog(QDialog):
    def __init__(self, service: ModelService, model: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.model = service, model
        self.setWindowTitle(self.tr("Quantize {model}").format(model=model.name))
        self.target = QComboBox()
        for key, text in TARGETS.items():
            self.target.addItem(QCoreApplication.translate("QuantizeDialog", text), key)
        self.advice = QLabel(self.tr("Reading the model's header…"))
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        note = QLabel(
            self.tr(
                "gpt-oss's experts, about 95 % of its bytes, were released in MXFP4 already, so quantizing a file that has them in MXFP4 gains almost nothing. Quantizing helps for a full-precision file such as a fine-tune."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start = self.buttons.addButton(self.tr("Quantize"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Layout of the new file:")))
        layout.addWidget(self.target)
        layout.addWidget(self.advice)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.start.clicked.connect(self._start)
        self.target.currentIndexChanged.connect(lambda _i: self._ask())
        self._ask()

    def _ask(self) -> None:
        self.start.setEnabled(False)
        self.advice.setText(self.tr("Reading the model's header…"))
        target = self.target.currentData()
        self.service.quantize_advice(
            self.model, target, lambda text, ok, t=target: self._advised(t, text, ok)
        )

    def _advised(self, target: str, text: str, ok: bool) -> None:
        if target != self.target.currentData():
            return  # an answer for a layout the person no longer has selected
        where = self.service.quantize_target(self.model, target)
        self.advice.setText(
            self.tr("{advice}\n\nThe new file: {path}").format(advice=text, path=where) if ok else text
        )
        self.start.setEnabled(ok)

    def _start(self) -> None:
        self.service.quantize(self.model, self.target.currentData())
        self.accept()
