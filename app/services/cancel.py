"""Cancelling a long job."""

from __future__ import annotations


class Cancelled(Exception):
    """The user cancelled a long job; whatever it had written was rolled back."""
