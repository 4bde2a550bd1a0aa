"""On PostgreSQL too, every table is exported or deliberately left out, with every column."""

from __future__ import annotations

from app.persistence import exports


def test_every_table_and_column_is_exported_or_left_out_on_postgresql(db) -> None:
    tables = set(db.database.get_tables())
    assert exports.unaccounted_tables() == []
    assert exports.unexported_columns() == {}
    assert {name for name, _columns in exports.exportable_tables()} <= tables
    assert "letter_template" in tables and "customer_search" in tables


def test_a_table_nobody_declared_is_caught_on_postgresql(db) -> None:
    db.database.execute_sql("CREATE TABLE warranty_claim (id SERIAL PRIMARY KEY, notes TEXT)")
    assert exports.unaccounted_tables() == ["warranty_claim"]
