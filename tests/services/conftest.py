"""A fresh, migrated database file per test (never :memory:, as the app never uses one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.persistence.db import OpenedDatabase, close_database, open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[OpenedDatabase]:
    opened = open_database(tmp_path / "t.db")
    yield opened
    close_database()
