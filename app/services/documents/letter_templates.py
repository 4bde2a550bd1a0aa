"""The letter templates: the ones shipped in resources/letters, overlaid with the owner's edits.

An edited template is saved in the database (so it travels with the data and
its backups) under the same name and wins over the shipped file; resetting it
deletes the saved copy and the shipped wording comes back. A template the owner
created under a new name lives only in the database.

What the letters say about each kind of equipment (resources/letters/wording/equipment.toml)
is wording too: `equipment_wording("Water heater")` gives the {upgrade_benefit} and
{failure_risk} sentences for a water heater, never a furnace's.
"""

from __future__ import annotations

import logging
import tomllib
from functools import cache
from pathlib import Path

from app.domain import i18n
from app.domain.errors import UserError
from app.domain.templates import LetterTemplate, check_template, template_from_dict, template_to_dict
from app.persistence import templates as repository

log = logging.getLogger(__name__)

LETTERS_DIR = Path(__file__).resolve().parents[3] / "resources" / "letters"
EQUIPMENT_WORDING = LETTERS_DIR / "wording" / "equipment.toml"
WORDING_FIELDS = ("upgrade_benefit", "failure_risk")
# The template each opportunity kind is written with (CLI.md's kinds, plus the partner introduction).
TEMPLATE_FOR_KIND = {
    "replacement": "replacement",
    "renewal": "renewal",
    "maintenance_due": "maintenance_due",
    "upgrade": "upgrade",
    "add_on": "add_on",
    "follow_up": "thank_you",
    "check_in": "check_in",
    "warranty_ending": "warranty_ending",
    "new_product": "new_product",
    "other_site": "other_site",
    "partner_intro": "partner_intro",
}


@cache
def shipped_templates() -> dict[str, LetterTemplate]:
    """The templates in resources/letters, read once per process."""
    found = {}
    for path in sorted(LETTERS_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = template_from_dict(data, path.stem)
    return found


def load_templates() -> dict[str, LetterTemplate]:
    """Every template by name: shipped ones, with the owner's saved edits and new ones over them."""
    return _load()[0]


def _load() -> tuple[dict[str, LetterTemplate], dict[str, str]]:
    """The templates, and why each saved copy that is not usable was set aside (by name)."""
    templates = dict(shipped_templates())
    set_aside: dict[str, str] = {}
    for name, data in repository.saved_templates().items():
        try:
            templates[name] = template_from_dict(data, name)
        except UserError as error:
            # A saved copy that no longer checks out (say, it prints a note meant for the owner only,
            # or a field renamed since) must not hide the rest, nor print.
            log.warning(
                "saved letter template %r is not usable; the shipped one is kept", name, exc_info=True
            )
            set_aside[name] = error.message
    return templates, set_aside


def template_for(kind_or_name: str) -> LetterTemplate:
    templates = load_templates()
    name = TEMPLATE_FOR_KIND.get(kind_or_name, kind_or_name)
    translation = shipped_translations(i18n.language()).get(name)
    if translation is not None:
        return translation  # the owner reads Spanish: the letter goes out in it (resources/letters/es)
    if name not in templates:
        raise UserError(f"There is no letter template called “{kind_or_name}”.")
    return templates[name]


def set_aside_note(template: LetterTemplate) -> str:
    """Why the owner's edited copy of this template was not used ("" when it was, or there is none),
    worded for the batch's warnings: the owner must learn that their wording did not print."""
    reason = _load()[1].get(template.name)
    if not reason:
        return ""
    shipped = " the shipped wording was printed instead;" if template.name in shipped_templates() else ""
    return (
        f"your edited “{template.title}” letter could not be used ({reason.rstrip('.')});{shipped} "
        "edit it on the Letters page"
    )


@cache
def shipped_translations(language: str) -> dict[str, LetterTemplate]:
    """The shipped templates written in `language` (resources/letters/<language>/, same names as
    the English ones), read once per process; none for English. An owner's edits are made to the
    English templates and are not carried over: a translated template prints as shipped."""
    folder = LETTERS_DIR / language
    if language == i18n.DEFAULT_LANGUAGE or not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*.toml")):
        found[path.stem] = template_from_dict(tomllib.loads(path.read_text(encoding="utf-8")), path.stem)
    return found


@cache
def _wording_table(language: str = i18n.DEFAULT_LANGUAGE) -> dict[str, dict[str, str]]:
    translated = LETTERS_DIR / language / "wording" / "equipment.toml"
    path = translated if language != i18n.DEFAULT_LANGUAGE and translated.is_file() else EQUIPMENT_WORDING
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {" ".join(kind.casefold().split()): dict(values) for kind, values in data.items()}


def equipment_wording(kind: str) -> dict[str, str]:
    """The sentences about a kind of equipment: its own entry, else the longest entry its name ends
    with ("Gas furnace" → furnace), else the default; {} for no kind (the fields then stay empty)."""
    words = " ".join(kind.casefold().split())
    if not words:
        return {}
    table = _wording_table(i18n.language())
    entry = table.get(words)
    # A translation names the kind itself in the reader's language, only for an exact match: a
    # "Gas furnace" stays as the owner wrote it rather than lose its "gas".
    named = ("equipment_kind",) if entry is not None else ()
    if entry is None:
        endings = [key for key in table if key != "default" and words.endswith(" " + key)]
        entry = table[max(endings, key=len)] if endings else table.get("default", {})
    return {name: entry[name] for name in (*WORDING_FIELDS, *named) if entry.get(name)}


def save_template(template: LetterTemplate) -> LetterTemplate:
    """Check and store the owner's version; returns the template as stored."""
    checked = check_template(template)
    repository.save_template(checked.name, template_to_dict(checked))
    return checked


def reset_template(name: str) -> LetterTemplate | None:
    """Forget the owner's version: the shipped template comes back (None for one the owner created)."""
    repository.delete_template(name)
    return shipped_templates().get(name)


def is_edited(name: str) -> bool:
    return name in repository.saved_templates()
