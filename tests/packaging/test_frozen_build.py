"""The frozen (PyInstaller) build starts to its main window and closes again, offscreen."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A build takes one to two minutes of both cores, so it runs when asked for (CI asks).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("CFL_BUILD_TESTS"), reason="set CFL_BUILD_TESTS=1 to build the frozen app"
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install pyinstaller)",
    ),
]


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from build import build
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    folder = tmp_path_factory.mktemp("frozen")
    return build(dist=folder / "dist", work=folder / "work")


def test_the_bundle_holds_the_migrations_resources_and_the_offscreen_platform(frozen_app: Path) -> None:
    internal = frozen_app.parent / "_internal"
    migrations = sorted(p.name for p in (internal / "app" / "persistence" / "migrations").glob("[0-9]*.py"))
    assert migrations == sorted(
        p.name for p in (ROOT / "app" / "persistence" / "migrations").glob("[0-9]*.py")
    )
    for resource in (ROOT / "resources").rglob("*"):
        if resource.is_file():
            assert (internal / resource.relative_to(ROOT)).is_file(), resource
    platforms = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    assert list(platforms.glob("*qoffscreen*")), "the offscreen platform plugin is missing"


def test_the_frozen_app_starts_to_its_window_and_quits(frozen_app: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", CFL_SMOKE_TEST="1")
    environment.pop("CFL_DATABASE", None)
    done = subprocess.run(
        [str(frozen_app), "--data-dir", str(data)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    log = (data / "logs" / "customers-for-life.log").read_text(encoding="utf-8")
    assert "starting" in log and "already running" not in log
    assert "ERROR" not in log, log[-3000:]
    # The migrations ran from the bundle: the new database is at the newest schema.
    connection = sqlite3.connect(data / "customers.sqlite3")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()
    newest = max(int(p.name[:4]) for p in (ROOT / "app" / "persistence" / "migrations").glob("[0-9]*.py"))
    assert version == newest


def test_the_frozen_app_opens_an_office_database(frozen_app: Path, tmp_path: Path) -> None:
    """psycopg and its C part are in the bundle: office mode works from the frozen app."""
    server = os.environ.get("CFL_TEST_POSTGRES")
    if not server:
        pytest.skip("CFL_TEST_POSTGRES is not set: no PostgreSQL server to test against")
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"cfl_frozen_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", CFL_SMOKE_TEST="1")
        done = subprocess.run(
            [str(frozen_app), "--db", url, "--data-dir", str(tmp_path / "data")],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        with psycopg.connect(url) as connection:
            (version,) = connection.execute(
                "SELECT value FROM app_meta WHERE key = 'schema_version'"
            ).fetchone()
        newest = max(int(p.name[:4]) for p in (ROOT / "app" / "persistence" / "migrations").glob("[0-9]*.py"))
        assert int(version) == newest
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
