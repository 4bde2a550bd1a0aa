"""Office mode: pointing the app at a shared PostgreSQL server, and edits that don't overwrite each other.

`test_connection` answers the setup page's "Test" button in one sentence. The
`*_if_unchanged` functions save a record of a customer only if nobody changed
that customer since the editor opened it (the customer's version, which every
change of theirs raises): the second of two people editing the same customer is
told about the first instead of silently overwriting it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.domain.errors import UserError
from app.domain.records import columns_of
from app.persistence import db as database_files
from app.persistence import office as repository
from app.persistence import records as records_repository
from app.services.records import Draft, Snapshot

EXAMPLE_URL = "postgresql://user:password@server/database"


def test_connection(url: str) -> str:
    """Try the server once and say, in one sentence, whether the app can use it."""
    url = url.strip()
    if not database_files.is_postgres_url(url):
        return f"That is not a PostgreSQL address; it should look like {EXAMPLE_URL}."
    where = _where(url)
    try:
        facts = repository.probe_postgres(url)
    except repository.ConnectionProblem as problem:
        return _problem_sentence(problem.kind, where, urlsplit(url).path.lstrip("/"))
    except Exception:  # a malformed address (bad port number and the like)
        return f"That address can't be used; it should look like {EXAMPLE_URL}."
    server = f"Connected to PostgreSQL {facts.server_version} on {where}"
    if facts.application:
        if (facts.schema_version or 0) > database_files.schema_version():
            return (
                f"{server}, but its data was written by a newer version of Customers for Life; "
                "install that version on this computer first."
            )
        return f"{server}; the database “{facts.database}” holds {facts.customers or 0:,} customers."
    if facts.tables:
        return f"{server}, but the database “{facts.database}” belongs to another program; use an empty one."
    return f"{server}; the database “{facts.database}” is empty and ready for Customers for Life."


def _where(url: str) -> str:
    """host:port, never the user name or password."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    try:
        port = parts.port or 5432
    except ValueError:
        port = 5432
    return f"{host}:{port}"


def _problem_sentence(kind: str, where: str, database: str) -> str:
    return {
        "login": f"The server at {where} refused the user name or password.",
        "no_database": (
            f"The server at {where} has no database named “{database}”; ask whoever runs it to create one."
        ),
        "refused": f"Nothing answered at {where}; check the address and that the server is running.",
        "unreachable": f"The server {where} could not be reached; check the address and the network.",
    }.get(kind, f"Could not connect to {where}; check the address, user name and password.")


def save_record_if_unchanged(row_id: int, draft: Draft, *, customer_id: int, customer_version: int) -> int:
    """Save an edited record unless its customer changed since `customer_version`; returns the new version."""
    columns = columns_of(draft.validated())
    with repository.customer_unchanged(customer_id, customer_version):
        records_repository.update_record(draft.TABLE, row_id, columns)
    return _version(customer_id)


def delete_record_if_unchanged(
    table: str, row_id: int, *, customer_id: int, customer_version: int
) -> tuple[Snapshot, int]:
    """Delete a record unless its customer changed meanwhile; returns the undo snapshot and new version."""
    with repository.customer_unchanged(customer_id, customer_version):
        snapshot = records_repository.delete_record(table, row_id)
    return snapshot, _version(customer_id)


def _version(customer_id: int) -> int:
    version = repository.customer_version(customer_id)
    if version is None:
        raise UserError("This customer no longer exists; someone deleted it.")
    return version
