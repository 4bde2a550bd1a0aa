"""The customer search index: one text per customer (names, phone digits, addresses, e-mails).

SQLite gets an FTS5 table with the trigram tokenizer, so any fragment of three
characters or more (a street, part of a phone number) is found through the
index. PostgreSQL gets a plain table searched with ILIKE.
"""

from peewee import SqliteDatabase


def up(migrator, db):
    if isinstance(db, SqliteDatabase):
        db.execute_sql("CREATE VIRTUAL TABLE customer_search USING fts5(doc, tokenize='trigram')")
    else:
        db.execute_sql(
            "CREATE TABLE customer_search (rowid BIGINT PRIMARY KEY "
            "REFERENCES customer(id) ON DELETE CASCADE, doc TEXT NOT NULL)"
        )
    # The customer list sorts by name case-insensitively; this index lets the
    # first page of 100,000 customers come back without sorting them all.
    if isinstance(db, SqliteDatabase):
        db.execute_sql("CREATE INDEX customer_name_nocase ON customer (display_name COLLATE NOCASE, id)")
    else:
        db.execute_sql("CREATE INDEX customer_name_nocase ON customer (lower(display_name), id)")
