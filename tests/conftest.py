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
    config.addinivalue_line(
        "markers", "expect_error_log: the test means to log an ERROR record (the log check lets it)"
    )


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


@pytest.fixture
def spanish() -> None:
    """The owner reads Spanish: the app's words, dates and amounts (english_afterwards puts English back)."""
    from app.services.language import apply_language

    apply_language("es")


@pytest.fixture(autouse=True)
def english_afterwards():
    """Each test starts in English: the owner's language (app.domain.i18n) is process-wide, as in the app."""
    yield
    from app.domain import i18n

    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        i18n.use(i18n.Catalog())


# ---------------------------------------------------------------- no unexpected ERROR log records
import logging  # noqa: E402


class _ErrorRecords(logging.Handler):
    """Every ERROR (and worse) record logged anywhere, from any thread, while a test runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_unexpected_error_logs(request):
    """As qutebrowser's logfail: an ERROR record is a bug the app swallowed, so the test fails on it,
    unless the test says it expects one (`@pytest.mark.expect_error_log`, or it asks for `caplog`)."""
    handler = _ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler.records
    root.removeHandler(handler)
    expected = "caplog" in request.fixturenames or request.node.get_closest_marker("expect_error_log")
    if handler.records and not expected:
        lines = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records]
        pytest.fail("the test logged unexpected errors:\n  " + "\n  ".join(lines), pytrace=False)
