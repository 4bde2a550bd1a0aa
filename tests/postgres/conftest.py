"""The database tests, run against a real PostgreSQL server when CFL_TEST_POSTGRES names one.

CFL_TEST_POSTGRES is a URL to a database on that server whose user may create databases,
e.g. postgresql://cfl:secret@127.0.0.1:5432/postgres. Each test gets a database of its
own (created empty, dropped afterwards), so tests never see each other's rows. Without
the variable every test here is skipped (and says so).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from app.persistence.db import OpenedDatabase, close_database, open_database

ENV = "CFL_TEST_POSTGRES"


def _admin_connection():
    import psycopg

    return psycopg.connect(os.environ[ENV], autocommit=True, connect_timeout=5)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty database on the test server."""
    if not os.environ.get(ENV):
        pytest.skip(f"{ENV} is not set: no PostgreSQL server to test against")
    name = f"cfl_test_{uuid.uuid4().hex[:12]}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(os.environ[ENV])
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        close_database()
        with _admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db(pg_url: str) -> Iterator[OpenedDatabase]:
    """The same `db` fixture as tests/persistence has, on PostgreSQL."""
    opened = open_database(pg_url)
    yield opened
    close_database()
