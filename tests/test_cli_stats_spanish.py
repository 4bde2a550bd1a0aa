"""`python -m app stats` in Spanish: each number as in English, its explanation in Spanish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.services.language import apply_language


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    apply_language("en")


def _stats(capsys, db: Path) -> list[str]:
    assert main(["--db", str(db), "stats"]) == 0
    return capsys.readouterr().out.splitlines()


def test_stats_explains_each_number_in_the_owners_language(
    capsys, tmp_path: Path, english_after: None
) -> None:
    from app.services.database import close_app_database, open_app_database
    from app.services.settings import update_settings

    db = tmp_path / "demo.sqlite3"
    assert main(["--db", str(db), "demo", "--customers", "40", "--seed", "3"]) == 0
    english = _stats(capsys, db)
    open_app_database(str(db), tmp_path)
    update_settings({"language": "es"})
    close_app_database()

    spanish = _stats(capsys, db)

    assert english[0].endswith("Every customer in the database, each counted once.")
    assert spanish[0].endswith("Todos los clientes de la base de datos, cada uno contado una vez.")
    assert spanish[-1].endswith("(nunca menos de 0), todo sumado.")
    # The key and the number read the same: only the explanation changes.
    assert [line.split()[:2] for line in spanish] == [line.split()[:2] for line in english]
