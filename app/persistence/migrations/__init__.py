"""Numbered schema migrations, applied by playhouse.migrations (see app/persistence/db.py)."""
