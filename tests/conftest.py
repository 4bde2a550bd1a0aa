"""Shared test set-up: Qt offscreen, never the user's real data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Anything that asks for the default data folder gets a throw-away one instead.
os.environ.pop("CFL_DATABASE", None)


def pytest_configure(config) -> None:
    import tempfile

    home = tempfile.mkdtemp(prefix="cfl-test-home-")
    os.environ["XDG_DATA_HOME"] = home
    os.environ["LOCALAPPDATA"] = home
    os.environ["XDG_CONFIG_HOME"] = home  # QSettings (window state) goes there too
