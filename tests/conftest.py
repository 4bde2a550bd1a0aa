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


import datetime  # noqa: E402 - after the environment is set, before anything imports Qt

import pytest  # noqa: E402

from app.domain.clock import FixedClock, use_clock  # noqa: E402

# Every test runs on this moment unless it moves the clock itself (the `clock` fixture).
# Wednesday 2 December 2026, 10:00: the day the suite was once found to fail on.
TEST_NOW = datetime.datetime(2026, 12, 2, 10, 0)


@pytest.fixture(autouse=True)
def clock():
    with use_clock(FixedClock(TEST_NOW)) as fixed:
        yield fixed
