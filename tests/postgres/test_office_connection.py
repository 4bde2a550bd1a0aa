"""The office server's connection on a real PostgreSQL server: it comes back after the server drops it,
work cut off halfway says so, the saved profile connects without a typed password, and two PCs take
turns inside `locks.exclusive`."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.persistence import bulk, locks, postgres
from app.persistence.tables import Customer, database_proxy
from app.services import customers, office
from app.services.database import close_app_database, open_app_database
from tests.postgres.conftest import ENV
from tests.services.test_office_profile import MemoryKeyring, password_store, use_own_data_folder


def _admin() -> psycopg.Connection:
    return psycopg.connect(os.environ[ENV], autocommit=True, connect_timeout=5)


def _drop_every_connection(database_name: str) -> None:
    """What a server restart does to the app: every connection to the database is cut."""
    with _admin() as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database_name,),
        )
        for _ in range(100):  # the backends end a moment after being told to
            left = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (database_name,)
            ).fetchone()[0]
            if left == 0:
                return
            threading.Event().wait(0.05)
    raise AssertionError("the server kept the connections")


@pytest.fixture
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    use_own_data_folder(tmp_path / "home", monkeypatch)
    store = MemoryKeyring()
    with password_store(store):
        yield store


@pytest.fixture
def office_db(db) -> Iterator[postgres.OfficeDatabase]:
    assert isinstance(db.database, postgres.OfficeDatabase)
    yield db.database


def test_after_the_server_drops_the_connection_the_next_work_just_works(office_db) -> None:
    ann = customers.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    _drop_every_connection(office_db.database)
    assert customers.count_customers() == 1  # a read: connected again, and asked again
    _drop_every_connection(office_db.database)
    bob = customers.add_customer(CustomerDraft(first_name="Bob", last_name="Jones"))  # a transaction
    assert customers.customer_detail(bob).draft.first_name == "Bob"
    assert customers.customer_detail(ann).draft.first_name == "Ann"


def test_work_cut_off_inside_a_transaction_is_not_saved_and_says_so(office_db) -> None:
    with pytest.raises(UserError) as lost, office_db.atomic():
        Customer.insert(first_name="Half", last_name="Done", display_name="Half Done").execute()
        _drop_every_connection(office_db.database)
        Customer.insert(first_name="Never", last_name="Written", display_name="Never").execute()
    assert lost.value.message == postgres.NOT_SAVED
    assert customers.count_customers() == 0  # the server threw the whole transaction away


def test_a_bulk_write_cut_off_says_so_too(office_db) -> None:
    """The bulk writer uses the driver's cursor directly: its error is turned into the same sentence."""
    columns = ["first_name", "last_name", "display_name"]
    with pytest.raises(UserError) as lost, bulk.transaction():
        bulk.insert_rows("customer", columns, [("A", "B", "A B")])
        _drop_every_connection(office_db.database)
        bulk.insert_rows("customer", columns, [("C", "D", "C D")])
    assert lost.value.message == postgres.NOT_SAVED
    assert customers.count_customers() == 0


def test_a_single_write_cut_off_is_not_repeated_blindly(office_db) -> None:
    _drop_every_connection(office_db.database)
    with pytest.raises(UserError) as lost:
        office_db.execute_sql("UPDATE customer SET notes = 'x'")
    assert lost.value.message == postgres.MAYBE_SAVED
    assert customers.count_customers() == 0  # and the connection is back for what comes next


def test_a_server_still_down_is_said_so_and_found_again_once_up(office_db) -> None:
    port = office_db.connect_params.get("port")
    _drop_every_connection(office_db.database)
    office_db.connect_params["port"] = 1  # nothing listens there: the server "is still restarting"
    try:
        with pytest.raises(UserError, match="can't be reached right now"):
            customers.count_customers()
    finally:
        office_db.connect_params["port"] = port
    assert customers.count_customers() == 0


def test_the_saved_profile_connects_without_a_typed_password(
    pg_url: str, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    parts = urlsplit(pg_url)
    address, password = office.hide_password(pg_url), parts.password
    assert password, f"{ENV} must name a user with a password for this test"
    office.save_profile(address, password)
    assert office.test_connection(address).endswith("is empty and ready for Customers for Life.")
    opened = open_app_database(office.saved_profile_address(), tmp_path)
    try:
        assert password not in opened.location
        assert customers.count_customers() == 0
    finally:
        close_app_database()
    memory_keyring.passwords.clear()
    office.save_profile(address, "not-the-password")
    with pytest.raises(UserError, match="Could not connect"):
        open_app_database(address, tmp_path)
    close_app_database()


def _hold(name: str, holding: threading.Event, release: threading.Event, order: list[str]) -> None:
    try:
        with database_proxy.atomic(), locks.exclusive(name):
            holding.set()
            release.wait(10)
            order.append(f"{name} done")
    finally:
        database_proxy.close()


def _take(name: str, order: list[str], taken: threading.Event) -> None:
    try:
        with database_proxy.atomic(), locks.exclusive(name):
            order.append(f"{name} in")
            taken.set()
    finally:
        database_proxy.close()


def _waiting_for_an_advisory_lock(database_name: str) -> bool:
    with _admin() as admin:
        return bool(
            admin.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = %s",
                (database_name,),
            ).fetchone()[0]
        )


def test_two_pcs_recomputing_at_once_take_turns(office_db) -> None:
    name = locks.OPPORTUNITY_RECOMPUTE
    order: list[str] = []
    holding, release, taken = threading.Event(), threading.Event(), threading.Event()
    first = threading.Thread(target=_hold, args=(name, holding, release, order))
    first.start()
    assert holding.wait(10)
    second = threading.Thread(target=_take, args=(name, order, taken))
    second.start()
    for _ in range(200):
        if _waiting_for_an_advisory_lock(office_db.database):
            break
        threading.Event().wait(0.02)
    else:
        raise AssertionError("the second PC never waited for the first")
    assert not taken.is_set() and order == []
    # Another name is another piece of work: it doesn't wait.
    other_taken = threading.Event()
    other = threading.Thread(target=_take, args=("another-job", order, other_taken))
    other.start()
    assert other_taken.wait(10)
    release.set()
    for thread in (first, second, other):
        thread.join(10)
    assert order == ["another-job in", f"{name} done", f"{name} in"]


def test_the_lock_is_only_taken_inside_a_transaction(office_db) -> None:
    with (
        pytest.raises(RuntimeError, match="inside the transaction"),
        locks.exclusive(locks.OPPORTUNITY_RECOMPUTE),
    ):
        pass
    assert locks.lock_key("opportunity-recompute") == locks.lock_key(locks.OPPORTUNITY_RECOMPUTE)
    assert locks.lock_key("a") != locks.lock_key("b")
