"""Office mode: looking at a PostgreSQL server before using it, and guarding edits against each other.

Several people share one database; two of them may open the same customer. Every
change to a customer or anything of theirs raises the customer's `version`, and a
save checks that the version is still the one its editor started from, so the
second save is told about the first instead of silently overwriting it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg

from app.domain.errors import UserError
from app.persistence.db import APPLICATION_NAME
from app.persistence.postgres import server_params
from app.persistence.tables import Customer, database_proxy

CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class ServerFacts:
    host: str
    port: int
    database: str
    server_version: str  # "15.18"
    tables: int  # tables in the public schema
    application: str  # "customers-for-life" when ours, else ""
    schema_version: int | None
    customers: int | None


class ConnectionProblem(Exception):
    """Why the server could not be used, as one of: refused, unreachable, no_database, login, other."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind


def probe_postgres(url: str, password: str | None = None) -> ServerFacts:
    """Connect once, outside the app's own connection, and read what the database holds.

    `password` (from this computer's password store) is used when the address has none.
    """
    database, params = server_params(url, password, timeout=CONNECT_TIMEOUT_S)
    host, port = str(params.get("host") or "localhost"), int(params.get("port") or 5432)
    try:
        connection = psycopg.connect(dbname=database, **params)
    except psycopg.Error as error:
        raise ConnectionProblem(_kind(str(error)), str(error)) from error
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = str(cursor.fetchone()[0]).split()[0]
            cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            tables = {row[0] for row in cursor.fetchall()}
            application, schema_version, customers = "", None, None
            if "app_meta" in tables:
                cursor.execute("SELECT key, value FROM app_meta")
                meta = dict(cursor.fetchall())
                if meta.get("application") == APPLICATION_NAME:
                    application = APPLICATION_NAME
                    schema_version = int(meta.get("schema_version") or 0)
                    if "customer" in tables:
                        cursor.execute("SELECT count(*) FROM customer")
                        customers = int(cursor.fetchone()[0])
    finally:
        connection.close()
    return ServerFacts(host, port, database, version, len(tables), application, schema_version, customers)


def _kind(message: str) -> str:
    lowered = message.lower()
    if "password authentication failed" in lowered or "no pg_hba.conf entry" in lowered:
        return "login"
    if "does not exist" in lowered and "database" in lowered:
        return "no_database"
    if "role" in lowered and "does not exist" in lowered:
        return "login"
    if "connection refused" in lowered:
        return "refused"
    if "timeout" in lowered or "could not translate host name" in lowered or "no route" in lowered:
        return "unreachable"
    return "other"


@contextmanager
def customer_unchanged(customer_id: int, expected_version: int) -> Iterator[None]:
    """A transaction that goes ahead only if nobody changed the customer since `expected_version`.

    It claims the customer first (raising its version), so a second editor racing this one
    waits on PostgreSQL's row lock and then finds the version moved on. The write inside
    raises the version once more, as every change of a customer's records does.
    """
    with database_proxy.atomic():
        claimed = (
            Customer.update(version=Customer.version + 1)
            .where((Customer.id == customer_id) & (Customer.version == expected_version))
            .execute()
        )
        if not claimed:
            if not Customer.select().where(Customer.id == customer_id).exists():
                raise UserError("This customer no longer exists; someone deleted it.")
            raise UserError(
                "Someone else changed this customer after you opened it. "
                "Reopen the customer to see their changes, then make yours again."
            )
        yield


def customer_version(customer_id: int) -> int | None:
    return Customer.select(Customer.version).where(Customer.id == customer_id).scalar()
