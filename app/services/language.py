"""The owner's language, applied: the app's catalog (the TOML files of resources/translations/
app_<language>/, one per part of the app, merged) and the dates and amounts (app.domain.formatting),
from the Language setting.

The setting lives in the database, so it is applied when the database opens (the GUI and the
command line alike) and again when the owner changes it; the screens' Qt translator follows it
(ui/translation.py).
"""

from __future__ import annotations

import logging
import tomllib
from functools import cache
from pathlib import Path

from app.domain import i18n

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


def catalog_paths(language: str) -> list[Path]:
    """The language's catalog files, in name order (a pattern in an earlier file is tried first)."""
    return sorted((TRANSLATIONS_DIR / f"app_{language}").glob("*.toml"))


def catalog_data(language: str) -> dict[str, object]:
    """The language's catalog files as one: their messages, patterns and counts together. A message
    or counted noun in two files is refused, since only one of the two translations could be shown."""
    merged: dict[str, object] = {"messages": {}, "patterns": [], "counts": {}}
    for path in catalog_paths(language):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for table in ("messages", "counts"):
            part = data.get(table, {})
            twice = sorted(set(part) & set(merged[table]))  # type: ignore[arg-type]
            if twice:
                raise ValueError(f"{path.name} repeats {table} of an earlier file: {', '.join(twice)}")
            merged[table].update(part)  # type: ignore[attr-defined]
        merged["patterns"].extend(data.get("patterns", []))  # type: ignore[attr-defined]
    return merged


@cache
def catalog(language: str) -> i18n.Catalog:
    """The language's catalog, read once per process (English needs none: its ids are its words)."""
    if language == i18n.DEFAULT_LANGUAGE:
        return i18n.Catalog()
    return i18n.catalog_from_dict(language, catalog_data(language))


def apply_language(language: str) -> str:
    """Write in `language` from now on; an unknown one (a newer version's) falls back to English."""
    known = {code for code, _name in i18n.LANGUAGES}
    if language not in known:
        log.warning("language %r is not one this version knows; English is used", language)
        language = i18n.DEFAULT_LANGUAGE
    i18n.use(catalog(language))
    return language


def apply_saved_language() -> str:
    """The Language setting as the database holds it, applied; its code."""
    from app.services.settings import load_settings  # here: settings are read only once it is open

    return apply_language(load_settings().language)
