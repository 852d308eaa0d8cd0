"""Cards at the top of Models → Get models: one per gpt-oss model, its recommended download at a
glance — the size, whether it runs on this computer (a verdict badge in colour, with its
icon), and the one action that matters next (Download, or Use once it is here). The full list
of variants stays below for people who want a different layout."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.catalog import Variant
from app.core.gguf_header import human_size
from app.ui.fit_view import BADGE_ICONS, verdict_colour, verdict_words
from app.ui.theme import SPACE, icon, set_type, style

# resources/catalog.json's descriptions, so lupdate finds them (it reads code, not JSON);
# tests/ui/test_translations.py fails when the catalog says something this list does not.
CATALOG_TEXT = (
    QT_TRANSLATE_NOOP("Catalog", "OpenAI's smaller open-weight model: 21 B parameters, 3.6 B active per token. Runs within 16 GB of memory, so a laptop."),
    QT_TRANSLATE_NOOP("Catalog", "OpenAI's larger open-weight model: 117 B parameters, 5.1 B active per token. Fits a single 80 GB GPU, or a workstation with the experts in system RAM."),
    QT_TRANSLATE_NOOP("Catalog", "Experts in MXFP4 as OpenAI released them; attention, embeddings and output Q8_0; norms, biases and router F32. Published by llama.cpp's maintainers."),
    QT_TRANSLATE_NOOP("Catalog", "Experts in MXFP4; attention, embeddings and output Q8_0; norms, biases and router F32. Split in three shards that download and load as one model."),
    QT_TRANSLATE_NOOP("Catalog", "MXFP4 experts kept, everything else F16. Larger and no better for chatting; a starting point for local quantization experiments."),
    QT_TRANSLATE_NOOP("Catalog", "MXFP4 experts kept, everything else F16. The file list is read from the Hub (every GGUF whose name contains F16)."),
    QT_TRANSLATE_NOOP("Catalog", "The same MXFP4 layout, as LM Studio distributes it. Pick it if you already use LM Studio's copy elsewhere."),
)


def catalog_text(text: str) -> str:
    """A description from the catalog, in the person's language when it has been translated."""
    return QCoreApplication.translate("Catalog", text)


class ModelCard(QFrame):
    download = Signal(object)  # Variant
    use = Signal(object)  # Variant (installed)
    details = Signal(object)  # Variant: show it in the list below

    def __init__(self, family_id: str, name: str, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family_id = family_id
        self.variant: Variant | None = None
        self.setObjectName(f"card-{family_id}")
        style(self, "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["l"], SPACE["m"], SPACE["l"], SPACE["m"])
        layout.setSpacing(SPACE["xs"])
        self.title = QLabel(name)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        set_type(self.title, "title", bold=True)
        self.summary = QLabel(catalog_text(summary))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        style(self.summary, "muted")
        self.size = QLabel()
        self.size.setTextFormat(Qt.TextFormat.PlainText)
        self.size.setWordWrap(True)
        set_type(self.size, "body", bold=True)
        badge_row = QHBoxLayout()
        badge_row.setSpacing(SPACE["xs"])
        self.badge_icon = QLabel()
        self.badge = QLabel()
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setWordWrap(True)
        badge_row.addWidget(self.badge_icon, 0, Qt.AlignmentFlag.AlignTop)
        badge_row.addWidget(self.badge, 1)
        self.action = QPushButton()
        style(self.action, "primary")
        self.more = QPushButton(self.tr("Details"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.action)
        buttons.addWidget(self.more)
        buttons.addStretch(1)
        for w in (self.title, self.summary, self.size):
            layout.addWidget(w)
        layout.addLayout(badge_row)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.action.clicked.connect(self._act)
        self.more.clicked.connect(lambda: self.variant is not None and self.details.emit(self.variant))

    def show_variant(self, variant: Variant | None, plan: Any, installed: bool, busy: str, offline: bool) -> None:
        """The recommended download of this model, its plan here, and what can be done now."""
        self.variant = variant
        self._installed = installed
        if variant is None:
            self.size.setText(self.tr("Not in the catalog"))
            self.action.hide()
            return
        size = human_size(variant.size) if variant.size else self.tr("size unknown")
        self.size.setText(self.tr("{size} · {variant}").format(size=size, variant=variant.label))
        self.size.setToolTip(catalog_text(variant.layout))
        words = verdict_words(plan) if plan is not None else self.tr("Will it run here? Checking…")
        self.badge.setText(words)
        self.badge.setToolTip(plan.explanation if plan is not None else "")
        colour = verdict_colour(plan)
        if plan is not None and plan.verdict in BADGE_ICONS:
            self.badge_icon.setPixmap(icon(BADGE_ICONS[plan.verdict], colour, 16).pixmap(16, 16))
        self.badge.setStyleSheet(f"color: {colour}; font-weight: 600;" if colour else "font-weight: 600;")
        self.action.show()
        if installed:
            self.action.setText(self.tr("Use"))
            self.action.setEnabled(True)
        else:
            self.action.setText(busy or self.tr("Download"))
            self.action.setEnabled(not busy and not offline)
            self.action.setToolTip(self.tr("Offline mode is on") if offline else "")

    def _act(self) -> None:
        if self.variant is None:
            return
        (self.use if self._installed else self.download).emit(self.variant)


class ModelCards(QWidget):
    """The row of cards, one per model family of the catalog."""

    download = Signal(object)
    use = Signal(object)
    details = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(SPACE["m"])
        self.cards: dict[str, ModelCard] = {}

    def card(self, family_id: str, name: str, summary: str) -> ModelCard:
        found = self.cards.get(family_id)
        if found is None:
            found = self.cards[family_id] = ModelCard(family_id, name, summary, self)
            found.download.connect(self.download)
            found.use.connect(self.use)
            found.details.connect(self.details)
            self.row.addWidget(found, 1)
        return found
