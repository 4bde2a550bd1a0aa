"""The packaging tests build the app with PyInstaller: minutes, not seconds (deselect with -m "not slow")."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: takes minutes (builds the frozen app); -m 'not slow' skips it")
