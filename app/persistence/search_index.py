"""The customer search index: one document per customer, searched by fragments.

A document holds the display name, company, phone digits, e-mails and every
site's street, city and postal code. Queries are split into words; a word of
three characters or more goes through the FTS5 trigram index, shorter words
are checked with LIKE on the matches (or on all documents, if the query has no
longer word). A word that looks like a phone fragment ("632-05", "(410) 41")
is reduced to its digits, which is how phones are indexed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from peewee import SqliteDatabase

from app.persistence.tables import database_proxy

_PHONE_FRAGMENT = re.compile(r"^[\d\s().+\-]+$")
_TRIGRAM = 3


def _is_sqlite() -> bool:
    return isinstance(database_proxy.obj, SqliteDatabase)


def _document_sql(where: str) -> str:
    """SELECT (customer id, document) for the customers matching `where`."""
    concat = "group_concat" if _is_sqlite() else "string_agg"
    find = "instr" if _is_sqlite() else "strpos"
    # The name parts already in the display name are left out: fewer trigrams to index, same matches.
    return f"""
        SELECT c.id,
               c.display_name
               || CASE WHEN {find}(c.display_name, c.company) > 0 THEN '' ELSE ' ' || c.company END
               || CASE WHEN {find}(c.display_name, c.first_name) > 0 THEN '' ELSE ' ' || c.first_name END
               || CASE WHEN {find}(c.display_name, c.last_name) > 0 THEN '' ELSE ' ' || c.last_name END
               || ' ' || replace(c.phone, '+', '') || ' ' || replace(c.phone_mobile, '+', '')
               || ' ' || replace(c.phone_work, '+', '') || ' ' || c.email || ' ' || c.email2
               || ' ' || coalesce((SELECT {concat}(s.street || ' ' || s.city || ' ' || s.postal_code, ' ')
                                   FROM site s WHERE s.customer_id = c.id), '')
        FROM customer c {where}
    """


def reindex(customer_ids: Iterable[int] | None = None) -> None:
    """Rebuild the documents of these customers (all when None); call inside the write's transaction."""
    db = database_proxy.obj
    if customer_ids is None:
        db.execute_sql("DELETE FROM customer_search")
        db.execute_sql(f"INSERT INTO customer_search (rowid, doc) {_document_sql('')}")
        return
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join([db.param] * len(chunk))
        db.execute_sql(f"DELETE FROM customer_search WHERE rowid IN ({marks})", chunk)
        db.execute_sql(
            f"INSERT INTO customer_search (rowid, doc) {_document_sql(f'WHERE c.id IN ({marks})')}",
            chunk,
        )


def index_new(first_id: int, last_id: int) -> None:
    """Index the customers with ids first_id..last_id, created together (an import): one range, no lookups."""
    db = database_proxy.obj
    # A row left behind by a customer removed outside the app would block the insert.
    between = f"BETWEEN {db.param} AND {db.param}"
    db.execute_sql(f"DELETE FROM customer_search WHERE rowid {between}", [first_id, last_id])
    db.execute_sql(
        f"INSERT INTO customer_search (rowid, doc) {_document_sql(f'WHERE c.id {between}')}",
        [first_id, last_id],
    )


def query_words(text: str) -> list[str]:
    """The words of a search, phone fragments reduced to digits."""
    text = text.strip()
    if text and _PHONE_FRAGMENT.match(text) and sum(ch.isdigit() for ch in text) >= _TRIGRAM:
        return ["".join(ch for ch in text if ch.isdigit())]
    words = []
    for word in text.split():
        if _PHONE_FRAGMENT.match(word) and any(ch.isdigit() for ch in word):
            word = "".join(ch for ch in word if ch.isdigit()) or word
        words.append(word)
    return [w for w in words if w]


def matching_ids_sql(text: str) -> tuple[str, list[str]] | None:
    """A subquery selecting the ids of customers matching `text`, with its parameters; None for no filter."""
    words = query_words(text)
    if not words:
        return None
    if not _is_sqlite():
        conditions = " AND ".join(["doc ILIKE %s"] * len(words))
        return f"SELECT rowid FROM customer_search WHERE {conditions}", [
            f"%{_escape_like(w)}%" for w in words
        ]
    long_words = [w for w in words if len(w) >= _TRIGRAM]
    short_words = [w for w in words if len(w) < _TRIGRAM]
    conditions, params = [], []
    if long_words:
        conditions.append("customer_search MATCH ?")
        params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
    for word in short_words:
        conditions.append("doc LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(word)}%")
    return f"SELECT rowid FROM customer_search WHERE {' AND '.join(conditions)}", params


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
