"""Customer use cases: find, list, read, create and save."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.customers import CustomerDetail, CustomerDraft, CustomerRow
from app.domain.i18n import and_list, count_words
from app.domain.values import format_phone
from app.persistence import customers as repository

SORT_COLUMNS = repository.SORT_COLUMNS


@dataclass(frozen=True)
class FoundCustomer:
    id: int
    name: str
    phone: str
    city: str

    def as_json_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "phone": self.phone, "city": self.city}


def find_customers(text: str, limit: int = 50) -> list[FoundCustomer]:
    """Customers matching a fragment of name, company, phone digits, street, city or e-mail."""
    rows = repository.list_customers(search=text, limit=limit)
    return [FoundCustomer(r.id, r.name, format_phone(r.phone), r.city) for r in rows]


def customer_page(search: str, sort: str, descending: bool, offset: int, limit: int) -> list[CustomerRow]:
    return repository.list_customers(search, sort, descending, offset, limit)


def count_customers(search: str = "") -> int:
    return repository.count_customers(search)


def customer_detail(customer_id: int) -> CustomerDetail | None:
    return repository.get_customer(customer_id)


def add_customer(draft: CustomerDraft) -> int:
    return repository.create_customer(draft.validated())


def save_customer(customer_id: int, draft: CustomerDraft, version: int) -> int:
    return repository.update_customer(customer_id, draft.validated(), version)


def list_segments() -> list[tuple[int, str]]:
    return repository.list_segments()


def delete_customer_check(customer_id: int) -> str:
    """What deleting this customer would take with it, in words (the owner's language), for the
    confirmation: "2 sites, 1 piece of equipment"."""
    detail = repository.get_customer(customer_id)
    if detail is None:
        return ""
    counts = [
        (len(detail.sites), "site", None),
        (len(detail.equipment), "piece of equipment", "pieces of equipment"),
        (len(detail.sales), "sale", None),
        (len(detail.visits), "visit", None),
        (len(detail.touches), "contact", None),
    ]
    return and_list(count_words(n, one, many) for n, one, many in counts if n)
