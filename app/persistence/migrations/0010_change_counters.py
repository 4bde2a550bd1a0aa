"""Every table counts its writes (app/persistence/change_counters.py): the one source of what changed.

A later migration that adds a table calls `change_counters.install(db, ["new_table"])` too;
tests/persistence/test_change_counters.py fails for a table that does not count.
"""

from app.persistence import change_counters


def up(migrator, db):
    names = [
        name
        for name in db.get_tables()
        if name not in change_counters.UNCOUNTED and not name.startswith("customer_search")
    ]
    change_counters.install(db, names)
