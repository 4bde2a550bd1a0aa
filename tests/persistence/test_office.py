"""Office mode without a server: an edit over someone else's is refused; the connection test."""

from __future__ import annotations

import pytest

from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.domain.records import SiteDraft
from app.services import customers, office, records


@pytest.fixture
def ann(db) -> tuple[int, int]:
    customer_id = customers.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    site_id = records.add_record(SiteDraft(customer_id, street="12 Elm St", city="Towson"))
    return customer_id, site_id


def test_a_record_saved_over_someone_elses_change_is_refused(ann: tuple[int, int]) -> None:
    customer_id, site_id = ann
    opened = customers.customer_detail(customer_id).version
    customers.save_customer(customer_id, CustomerDraft(first_name="Anne", last_name="Smith"), opened)
    with pytest.raises(UserError, match="Someone else changed this customer"):
        office.save_record_if_unchanged(
            site_id,
            SiteDraft(customer_id, street="99 Oak Ave", city="Towson"),
            customer_id=customer_id,
            customer_version=opened,
        )
    assert customers.customer_detail(customer_id).sites[0].street == "12 Elm St"
    with pytest.raises(UserError, match="Someone else changed this customer"):
        office.delete_record_if_unchanged("site", site_id, customer_id=customer_id, customer_version=opened)
    assert len(customers.customer_detail(customer_id).sites) == 1


def test_an_unchanged_customer_saves_and_hands_back_the_new_version(ann: tuple[int, int]) -> None:
    customer_id, site_id = ann
    opened = customers.customer_detail(customer_id).version
    version = office.save_record_if_unchanged(
        site_id,
        SiteDraft(customer_id, street="99 Oak Ave", city="Towson"),
        customer_id=customer_id,
        customer_version=opened,
    )
    detail = customers.customer_detail(customer_id)
    assert detail.sites[0].street == "99 Oak Ave" and detail.version == version > opened
    # The version handed back is the one to save with next time.
    snapshot, version = office.delete_record_if_unchanged(
        "site", site_id, customer_id=customer_id, customer_version=version
    )
    assert customers.customer_detail(customer_id).sites == []
    records.restore(snapshot)
    assert customers.customer_detail(customer_id).sites[0].street == "99 Oak Ave"


def test_a_bad_draft_changes_nothing_not_even_the_version(ann: tuple[int, int]) -> None:
    customer_id, site_id = ann
    opened = customers.customer_detail(customer_id).version
    with pytest.raises(UserError, match="ZIP code"):
        office.save_record_if_unchanged(
            site_id, SiteDraft(customer_id, street="1 Oak Ave", postal_code="123"), customer_id=customer_id,
            customer_version=opened,
        )  # fmt: skip
    assert customers.customer_detail(customer_id).version == opened


def test_a_deleted_customer_is_said_so(ann: tuple[int, int]) -> None:
    customer_id, site_id = ann
    opened = customers.customer_detail(customer_id).version
    records.delete_customer(customer_id)
    with pytest.raises(UserError, match="no longer exists"):
        office.save_record_if_unchanged(
            site_id,
            SiteDraft(customer_id, street="1 Oak", city="Towson"),
            customer_id=customer_id,
            customer_version=opened,
        )


@pytest.mark.parametrize(
    "url, sentence",
    [
        ("C:/Users/ann/customers.sqlite3", "That is not a PostgreSQL address"),
        ("postgresql://ann:secret@127.0.0.1:1/office", "Nothing answered at 127.0.0.1:1"),
        ("postgresql://ann:secret@127.0.0.1:notaport/office", "That address can't be used"),
    ],
)
def test_the_connection_test_answers_in_one_sentence(url: str, sentence: str) -> None:
    answer = office.test_connection(url)
    assert answer.startswith(sentence)
    assert "secret" not in answer and answer.count(". ") == 0 and answer.endswith(".")
