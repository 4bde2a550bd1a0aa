"""Office mode on a real PostgreSQL server: the same code gives the same answers as on SQLite."""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

import pytest

from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.domain.records import SiteDraft, VisitDraft
from app.persistence import db as database_files
from app.persistence.db import close_database, open_database
from app.persistence.stats import headline_stats
from app.services import backups, customers, office, privacy, records
from app.services.demo import build_demo

# The change counters (statement-level triggers on PostgreSQL) and the opportunities' freshness.
from tests.persistence.test_change_counters import (  # noqa: F401
    test_a_bulk_insert_counts_once_a_row_on_sqlite_and_once_a_chunk_on_postgres,
    test_a_write_moves_exactly_the_tables_it_touched,
    test_every_table_counts_its_writes,
    test_marking_them_fresh_is_not_itself_a_change,
    test_opportunities_are_stale_after_a_change_and_on_a_new_day,
)
from tests.persistence.test_records import (  # noqa: F401
    smith,
    test_the_search_index_keeps_one_row_per_customer_through_every_change,
)

# The hand-worked headline numbers, run again here on PostgreSQL (pytest collects them from this module).
from tests.persistence.test_stats import (  # noqa: F401
    test_an_empty_database_is_all_zeros,
    test_every_number_of_a_small_business,
    test_later_rows_do_not_count_for_an_earlier_day,
)

# The importer's reads, write, re-import and undo, run again on PostgreSQL.
from tests.services.test_import_matching import (  # noqa: F401
    test_importing_the_same_file_twice_creates_nothing_new,
    test_matches_against_the_database_fill_blanks_and_add_sites,
    test_name_only_rows_are_recognised_on_reimport,
)
from tests.services.test_import_run import (  # noqa: F401
    test_a_phone_extension_goes_to_the_notes_and_the_number_is_kept,
    test_imported_customers_are_found_by_any_part_of_them,
)

TODAY = datetime.date(2025, 6, 2)
SEARCHES = ["smi", "632", "Towson", "oak", "gmail", "an", "410 5", "zzzz"]


def _dump(database) -> dict[str, list[tuple]]:
    tables = ["customer", "site", "equipment", "visit", "sale", "sale_line", "touch", "service_plan",
              "opportunity", "referral", "disclosure", "customer_search"]  # fmt: skip
    return {t: database.execute_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def _snapshot_of_everything() -> dict:
    """What the app shows of a database: numbers, searches, a list page."""
    return {
        "stats": headline_stats(TODAY).as_json_dict(),
        "found": {
            text: [(f.id, f.name, f.phone, f.city) for f in customers.find_customers(text)]
            for text in SEARCHES
        },
        "page": customers.customer_page("", "city", True, 0, 50),
        "count": customers.count_customers(),
    }


def test_a_new_database_is_migrated_and_stamped(pg_url: str) -> None:
    opened = open_database(pg_url)
    assert not opened.is_sqlite and opened.migrated_from == 0
    tables = set(opened.database.get_tables())
    assert {"customer", "customer_search", "suppression", "app_meta"} <= tables
    assert office.test_connection(pg_url).endswith("holds 0 customers.")
    close_database()
    assert open_database(pg_url).migrated_from is None  # nothing left to do the second time


def test_another_programs_database_is_refused(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE songs (title text)")
    assert "belongs to another program" in office.test_connection(pg_url)
    with pytest.raises(UserError, match="belongs to another program"):
        open_database(pg_url)


def test_the_demo_stats_searches_and_lists_are_the_same_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    open_database(tmp_path / "same.sqlite3")
    build_demo(customers=120, seed=5, today=TODAY)
    on_sqlite = _snapshot_of_everything()
    close_database()
    open_database(pg_url)
    summary = build_demo(customers=120, seed=5, today=TODAY)
    assert summary.customers == 120
    on_postgres = _snapshot_of_everything()
    assert on_postgres == on_sqlite
    # Explicit ids from the bulk writer left the sequences ready for the next ordinary insert.
    assert customers.add_customer(CustomerDraft(first_name="New", last_name="Customer")) == 121


def test_saving_over_someone_elses_change_is_refused(db) -> None:
    customer_id = customers.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    opened_by_both = customers.customer_detail(customer_id)
    first = customers.save_customer(customer_id, CustomerDraft(first_name="Anne", last_name="Smith"), 1)
    assert first == 2
    with pytest.raises(UserError, match="Someone else changed this customer"):
        customers.save_customer(
            customer_id, CustomerDraft(first_name="Annie", last_name="Smith"), opened_by_both.version
        )
    assert customers.customer_detail(customer_id).draft.first_name == "Anne"


def test_two_people_editing_records_of_one_customer_at_the_same_moment(db) -> None:
    """The second save waits for the first one's transaction, then is told about it."""
    customer_id = customers.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    site_id = records.add_record(SiteDraft(customer_id, street="12 Elm St", city="Towson"))
    version = customers.customer_detail(customer_id).version
    first_holds_lock, second_started, outcome = threading.Event(), threading.Event(), {}

    def first_user() -> None:
        from app.persistence.office import customer_unchanged

        with customer_unchanged(customer_id, version):
            records.save_record(site_id, SiteDraft(customer_id, street="14 Elm St", city="Towson"))
            first_holds_lock.set()
            second_started.wait(5)
            threading.Event().wait(0.3)  # the second user is now blocked on the row lock
        db.database.close()

    def second_user() -> None:
        first_holds_lock.wait(5)
        second_started.set()
        try:
            office.save_record_if_unchanged(
                site_id, SiteDraft(customer_id, street="99 Oak Ave", city="Towson"),
                customer_id=customer_id, customer_version=version,
            )  # fmt: skip
            outcome["second"] = "saved"
        except UserError as error:
            outcome["second"] = error.message
        finally:
            db.database.close()

    threads = [threading.Thread(target=first_user), threading.Thread(target=second_user)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome["second"].startswith("Someone else changed this customer")
    assert customers.customer_detail(customer_id).sites[0].street == "14 Elm St"
    new_version = office.save_record_if_unchanged(
        site_id,
        SiteDraft(customer_id, street="99 Oak Ave", city="Towson"),
        customer_id=customer_id,
        customer_version=customers.customer_detail(customer_id).version,
    )
    assert customers.customer_detail(customer_id).version == new_version
    assert customers.customer_detail(customer_id).sites[0].street == "99 Oak Ave"


def test_deleting_and_restoring_a_customer_gives_back_every_row(db) -> None:
    build_demo(customers=40, seed=2, today=TODAY)
    before = _dump(db.database)
    busiest = db.database.execute_sql(
        "SELECT customer_id FROM visit GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1"
    ).fetchone()[0]
    snapshot = records.delete_customer(busiest)
    assert customers.customer_detail(busiest) is None
    records.restore(snapshot)
    after = _dump(db.database)
    assert after == before


def test_merge_and_undo_on_postgres(db) -> None:
    build_demo(customers=40, seed=2, today=TODAY)
    before = _dump(db.database)
    keep, duplicate = 3, 7
    visits = len(customers.customer_detail(keep).visits) + len(customers.customer_detail(duplicate).visits)
    undo = records.merge_customers(keep, duplicate)
    assert customers.customer_detail(duplicate) is None
    assert len(customers.customer_detail(keep).visits) == visits
    records.unmerge_customers(undo)
    after = _dump(db.database)
    # Only the kept customer's version and change time moved on; every other row is as it was.
    assert {t: rows for t, rows in after.items() if t != "customer"} == {
        t: rows for t, rows in before.items() if t != "customer"
    }
    assert len(after["customer"]) == len(before["customer"])


def test_search_finds_fragments_on_postgres(db) -> None:
    customer_id = customers.add_customer(
        CustomerDraft(first_name="Ann", last_name="O'Brien", phone="410-632-0571", email="ann@example.com")
    )
    records.add_record(SiteDraft(customer_id, street="12 Elm St", city="Towson", postal_code="21204"))
    records.add_record(VisitDraft(customer_id, datetime.date(2024, 1, 2)))
    for text in ("o'bri", "632-05", "elm st", "TOWSON", "ann@", "21204", "An"):
        assert [c.id for c in customers.find_customers(text)] == [customer_id], text
    assert customers.find_customers("100%") == [] and customers.find_customers("a_n") == []


def test_erasure_and_suppression_on_postgres(db) -> None:
    customer_id = customers.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", phone="410-632-0571", email="ann@example.com")
    )
    privacy.erase_customer(customer_id)
    assert customers.customer_detail(customer_id) is None
    assert privacy.is_suppressed(phone="(410) 632-0571")
    assert privacy.is_suppressed(email="ANN@example.com")
    assert not privacy.is_suppressed(email="bob@example.com")


def test_a_backup_of_an_office_database_is_the_servers_job(db) -> None:
    with pytest.raises(UserError, match="pg_dump"):
        backups.make_backup(Path("unused"))
    assert backups.backup_if_due() is None and backups.backup_before("import") is None
    assert backups.live_location_warning() is None


def test_connection_sentences_for_what_goes_wrong(pg_url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(pg_url)
    wrong_password = pg_url.replace(f":{parts.password}@", ":not-the-password@") if parts.password else None
    if wrong_password:
        assert office.test_connection(wrong_password).endswith("refused the user name or password.")
    no_database = pg_url.replace(parts.path, "/no_such_database_here")
    assert "has no database named “no_such_database_here”" in office.test_connection(no_database)
    closed_port = pg_url.replace(f":{parts.port}/", ":1/") if parts.port else pg_url + ":1"
    assert office.test_connection(closed_port).startswith("Nothing answered at")
    assert office.test_connection("mysql://x@y/z").startswith("That is not a PostgreSQL address")
    assert "is empty and ready" in office.test_connection(pg_url)
    for sentence in map(office.test_connection, filter(None, [wrong_password, no_database])):
        assert parts.password is None or parts.password not in sentence


def test_the_schema_version_is_stamped_for_the_connection_test(db, pg_url: str) -> None:
    build_demo(customers=5, seed=1, today=TODAY)
    assert office.test_connection(pg_url).endswith("holds 5 customers.")
    assert database_files.schema_version() >= 2


def test_three_office_pcs_starting_at_once_on_a_new_database(pg_url: str) -> None:
    import subprocess
    import sys

    script = (
        "import sys; sys.path.insert(0, '.')\n"
        "from app.persistence.db import open_database\n"
        f"open_database({pg_url!r})\n"
    )
    starts = [
        subprocess.Popen([sys.executable, "-W", "ignore", "-c", script], stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    failures = [p.stderr.read()[-500:] for p in starts if p.wait(60) != 0]
    assert failures == []


def test_an_office_database_exports_and_reads_back_the_same(pg_url: str, tmp_path: Path) -> None:
    from app.services.exporting import export_database
    from app.services.importing import run_import
    from tests.services.test_export import snapshot

    open_database(pg_url)
    try:
        build_demo(customers=80, seed=5, today=TODAY)
        expected = snapshot()
        export_database(tmp_path / "office.xlsx")
    finally:
        close_database()
    open_database(tmp_path / "laptop.db")
    try:
        report = run_import(tmp_path / "office.xlsx")
        assert (report.customers_created, report.rejected) == (80, [])
        assert snapshot() == expected
    finally:
        close_database()
