"""A text browser for untrusted text: it loads nothing, follows nothing, and fits its content.

Qt's QTextBrowser would read local files named in image sources and navigate to ``file:``
links (downloads-and-safety.md §5). Here every resource request returns nothing and links are
never followed by Qt. The answer view routes clicks: an http(s) link only reaches the window's
LinkGate, which shows the full address and asks before anything opens; ``hearth-copy:N`` links
are the app's own copy buttons above code blocks.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QFrame, QMessageBox, QSizePolicy, QTextBrowser, QWidget

from app.core.math_render import SCHEME
from app.ui.math_images import math_image


class LinkGate:
    """Asks before a link leaves the app; tests replace ``ask``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask(self, url: QUrl) -> bool:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("LinkGate", "Open link?"))
        box.setTextFormat(QMessageBox.TextFormat.PlainText)
        box.setText(
            QCoreApplication.translate(
                "LinkGate", "The model's answer links to this address. Open it in your browser?"
            )
        )
        box.setInformativeText(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Open

    def open(self, url: QUrl) -> bool:
        if url.scheme().lower() not in ("http", "https") or not url.host():
            return False
        if not self.ask(url):
            return False
        return QDesktopServices.openUrl(url)


class SafeBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setSearchPaths([])
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(self.verticalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(self.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.setFixedHeight(self._height_for(self.document().size().height()))

    def loadResource(self, type: int, name: QUrl) -> Any:
        # No local files, no network, no data: URLs — nothing is ever fetched. The one thing
        # drawn is a formula the app itself found in the text (app.core.math_render).
        if name.scheme() == SCHEME and type == QTextDocument.ResourceType.ImageResource.value:
            return math_image(name.path(), self.palette().text().color().name(), self.devicePixelRatioF())
        return None

    def _height_for(self, doc_height: float) -> int:
        return max(1, math.ceil(doc_height) + 2 * self.frameWidth())

    def _fit(self, size: Any) -> None:
        height = self._height_for(size.height())
        if height != self.height():
            self.setFixedHeight(height)
