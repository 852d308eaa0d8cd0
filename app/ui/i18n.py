"""Translations: Hearth speaks the system's language where it has a translation for it.

Every user-visible string goes through Qt's translation system (``self.tr`` in Qt classes,
``QCoreApplication.translate(context, text)`` elsewhere, ``QT_TRANSLATE_NOOP`` for tables
defined at import time). The sources are ``resources/i18n/hearth_<lang>.ts`` (German and
Simplified Chinese to start), compiled to ``.qm`` beside them; Qt's own strings (standard
buttons, the colour picker) come from the ``qtbase_<lang>.qm`` files that ship with PySide6.

The language is the system's (``QLocale.system()``), or ``HEARTH_LANG`` (``de``, ``zh_CN``,
``ar``… or ``en``) when set. A right-to-left language lays the window out right to left.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from app.core import text
from app.paths import resources_dir

log = logging.getLogger(__name__)
LANGUAGES = ("de", "zh_CN")  # complete translations; tests/ui/test_translations.py keeps them so


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def wanted_locale() -> QLocale:
    override = os.environ.get("HEARTH_LANG", "").strip()
    return QLocale(override) if override else QLocale.system()


def install(app: QApplication, locale: QLocale | None = None) -> QLocale:
    """Install Hearth's and Qt's translators for ``locale`` (default: the system's); returns it.

    Safe to call again (a test, or a language change): earlier translators are removed first."""
    locale = locale or wanted_locale()
    for old in app.findChildren(QTranslator, "hearth-translator"):
        app.removeTranslator(old)
        old.deleteLater()
    for name, folder in (("hearth", translations_dir()),
                         ("qtbase", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))):  # fmt: skip
        translator = QTranslator(app)
        translator.setObjectName("hearth-translator")
        # QTranslator.load(locale, ...) tries de_DE, then de: the closest file wins.
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)
        else:
            translator.deleteLater()
    QLocale.setDefault(locale)
    # core/ and infra/ write sentences too (the memory plan, load errors, download errors): they
    # ask app.core.text, which asks Qt from now on.
    text.set_translator(QCoreApplication.translate)
    direction = locale.textDirection()
    app.setLayoutDirection(direction if direction != Qt.LayoutDirection.LayoutDirectionAuto
                           else Qt.LayoutDirection.LeftToRight)  # fmt: skip
    log.info("language %s (%s)", locale.name(), "right to left" if direction == Qt.LayoutDirection.RightToLeft else "left to right")
    return locale
