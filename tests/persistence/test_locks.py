"""`locks.exclusive` on SQLite: nothing to wait for (one file, one writer), but the same rule as on
PostgreSQL (tests/postgres/test_office_connection.py): only inside the transaction it protects."""

from __future__ import annotations

import pytest

from app.domain.customers import CustomerDraft
from app.persistence import locks
from app.persistence.tables import database_proxy
from app.services import customers


def test_inside_a_transaction_the_work_runs_and_commits(db) -> None:
    with database_proxy.atomic(), locks.exclusive(locks.OPPORTUNITY_RECOMPUTE):
        customers.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    assert customers.count_customers() == 1


def test_outside_a_transaction_it_is_refused_before_anything_runs(db) -> None:
    ran = []
    with pytest.raises(RuntimeError, match="inside the transaction"), locks.exclusive("recompute"):
        ran.append("body")
    assert ran == []
