"""The one error type whose message is meant for the owner."""

from __future__ import annotations


class UserError(Exception):
    """A problem the owner can understand and fix: a bad value, file or state.

    `field` names the form field at fault, when there is one, so a form can
    show the message next to it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message

    def in_owners_language(self) -> str:
        """The sentence, written in English where it was raised, in the owner's language: the
        importer's words (a `Said`) from their message id, any other by the catalog's patterns."""
        from app.domain.said import shown  # said → i18n → formatting: loaded only when shown

        return shown(self.message)
