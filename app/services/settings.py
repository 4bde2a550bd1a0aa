"""Business settings: read as a whole, saved as a whole or just the ones a form changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from app.domain.settings import BusinessSettings, setting_names
from app.persistence import settings as repository
from app.services.language import apply_language


def load_settings() -> BusinessSettings:
    return repository.load_settings()


def save_settings(settings: BusinessSettings) -> BusinessSettings:
    """Validate and store; returns the cleaned settings that were stored."""
    cleaned = settings.validated()
    repository.save_settings(cleaned)
    apply_language(cleaned.language)
    return cleaned


def update_settings(changes: Mapping[str, object]) -> BusinessSettings:
    """Apply `changes` to the settings as stored now and store only those; returns the settings after.

    A form filled in earlier writes only what its owner changed, never its copy of the rest: the
    demo's letterhead or a backup folder chosen since then stays as it is.
    """
    unknown = set(changes) - set(setting_names())
    if unknown:
        raise ValueError(f"not settings: {sorted(unknown)}")
    cleaned = dataclasses.replace(repository.load_settings(), **changes).validated()
    repository.save_settings(cleaned, names=changes)
    if "language" in changes:
        apply_language(cleaned.language)  # what is printed or shown next is in the new language
    return cleaned
