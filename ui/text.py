"""Small wording helpers for the screens."""

from __future__ import annotations


def count_text(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 customer", "2,000 customers"."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"
