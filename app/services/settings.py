"""Business settings, read and saved as a whole."""

from __future__ import annotations

from app.domain.settings import BusinessSettings
from app.persistence import settings as repository


def load_settings() -> BusinessSettings:
    return repository.load_settings()


def save_settings(settings: BusinessSettings) -> BusinessSettings:
    """Validate and store; returns the cleaned settings that were stored."""
    cleaned = settings.validated()
    repository.save_settings(cleaned)
    return cleaned
