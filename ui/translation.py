"""The screens in the owner's language: Qt translators for the Language setting.

resources/translations/cfl_<language>.ts holds every tr() of ui/ (pyside6-lupdate finds them) and its
translation; cfl_<language>.qm is that file compiled by pyside6-lrelease, committed beside it so a
checkout and the frozen build run as they are (tests/ui/test_translation.py checks it is up to date).
Qt's own texts (the Cancel and Yes of a message box, a file dialog) come from the qtbase catalog
that PySide6 ships. The app's words outside Qt (settings, reasons, printed pieces) follow the same
setting through app.services.language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.domain import i18n
from app.services.language import TRANSLATIONS_DIR, apply_language

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []  # kept alive here: Qt holds only a pointer to each
_language = i18n.DEFAULT_LANGUAGE


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"cfl_{language}.qm"


def install_language(language: str) -> str:
    """Translate every screen built from now on into `language` (and the app's words, dates and
    amounts with it); English removes the translators. Returns the language applied."""
    global _language
    app = QCoreApplication.instance()
    language = apply_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = language
    if language == i18n.DEFAULT_LANGUAGE:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return language
    QLocale.setDefault(QLocale(language + "_US"))
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"cfl_{language}", str(TRANSLATIONS_DIR)), (f"qtbase_{language}", qt_folder)):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            # Qt's catalog may be missing from a trimmed build: its few buttons then stay English.
            log.warning("no translation %s in %s", name, folder)
    return language


def installed_language() -> str:
    return _language
