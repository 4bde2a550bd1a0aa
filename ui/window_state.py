"""Window state kept with QSettings: geometry, splitters, column widths and the last folder used.

Business settings are not here: they live in the database so they travel with the data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter


def _settings() -> QSettings:
    return QSettings()


def last_folder() -> str:
    folder = _settings().value("last_folder", "", str)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(folder: str) -> None:
    _settings().setValue("last_folder", folder)


def save_window(
    window: QMainWindow, splitters: dict[str, QSplitter], headers: dict[str, QHeaderView]
) -> None:
    settings = _settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        settings.setValue(f"splitter/{name}", splitter.saveState())
    for name, header in headers.items():
        settings.setValue(f"header/{name}", header.saveState())


def restore_window(
    window: QMainWindow, splitters: dict[str, QSplitter], headers: dict[str, QHeaderView]
) -> bool:
    """Put things back as the owner left them; False when there was nothing saved yet."""
    settings = _settings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
    for name, splitter in splitters.items():
        value = settings.value(f"splitter/{name}")
        if isinstance(value, QByteArray):
            splitter.restoreState(value)
    for name, header in headers.items():
        value = settings.value(f"header/{name}")
        if isinstance(value, QByteArray):
            header.restoreState(value)
    return isinstance(geometry, QByteArray)
