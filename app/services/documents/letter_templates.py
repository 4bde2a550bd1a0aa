"""The letter templates: the ones shipped in resources/letters, overlaid with the owner's edits.

Templates are kept per language: resources/letters holds the English ones and
resources/letters/<language>/ the same templates written in that language. An
edited template is saved in the database (so it travels with the data and its
backups) under its name and the language it was written in, and wins over the
file shipped in that language only; resetting it deletes that saved copy and
the shipped wording of that language comes back. A template the owner created
under a new name lives only in the database.

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


def _language(language: str | None) -> str:
    return language or i18n.language()


def shipped_templates(language: str | None = None) -> dict[str, LetterTemplate]:
    """The templates the app ships in `language` (default: the one in use), by name.

    English is resources/letters; another language's are in resources/letters/<language>/, under the
    same names, and a template not translated yet is the English one rather than missing."""
    return _shipped(_language(language))


@cache
def _shipped(language: str) -> dict[str, LetterTemplate]:
    """Read once per process and language."""
    folder = LETTERS_DIR if language == i18n.DEFAULT_LANGUAGE else LETTERS_DIR / language
    found = {} if folder == LETTERS_DIR else dict(_shipped(i18n.DEFAULT_LANGUAGE))
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = template_from_dict(data, path.stem)
    return found


def load_templates(language: str | None = None) -> dict[str, LetterTemplate]:
    """Every template in `language` (default: the one in use), by name: the shipped ones, with the
    owner's edits saved in that language and the templates they created over them."""
    return _load(_language(language))[0]


def _load(language: str) -> tuple[dict[str, LetterTemplate], dict[str, str]]:
    """The templates, and why each saved copy that is not usable was set aside (by name).

    Each language keeps its own edits: the owner's English wording never prints in a Spanish
    letter, nor the other way round. A template the owner created has no shipped wording in any
    language, so the one they wrote serves every language until they save one in it."""
    shipped = shipped_templates(language)
    templates = dict(shipped)
    set_aside: dict[str, str] = {}
    saved = repository.saved_templates(language)
    if language != i18n.DEFAULT_LANGUAGE:
        created = repository.saved_templates(i18n.DEFAULT_LANGUAGE).items()
        saved = {name: data for name, data in created if name not in shipped} | saved
    for name, data in saved.items():
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
    """The template an opportunity kind is written with (or the template of that name), in the
    language in use."""
    templates = load_templates()
    name = TEMPLATE_FOR_KIND.get(kind_or_name, kind_or_name)
    if name not in templates:
        raise UserError(i18n.t("There is no letter template called “{name}”.", name=kind_or_name))
    return templates[name]


def set_aside_note(template: LetterTemplate) -> str:
    """Why the owner's edited copy of this template was not used ("" when it was, or there is none),
    worded for the batch's warnings: the owner must learn that their wording did not print."""
    reason = _load(i18n.language())[1].get(template.name)
    if not reason:
        return ""
    shipped = (
        i18n.t(" the shipped wording was printed instead;") if template.name in shipped_templates() else ""
    )
    return i18n.t(
        "your edited “{title}” letter could not be used ({reason});{shipped} edit it on the Letters page",
        title=template.title,
        reason=i18n.translated(reason).rstrip("."),
        shipped=shipped,
    )


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


def save_template(template: LetterTemplate, language: str | None = None) -> LetterTemplate:
    """Check and store the owner's version in `language` (default: the one in use); returns the
    template as stored. The same template in the other languages keeps its own wording."""
    checked = check_template(template)
    repository.save_template(checked.name, template_to_dict(checked), _language(language))
    return checked


def reset_template(name: str, language: str | None = None) -> LetterTemplate | None:
    """Forget the owner's version in `language` (default: the one in use): the template shipped in
    that language comes back (None for one the owner created)."""
    language = _language(language)
    repository.delete_template(name, language)
    return shipped_templates(language).get(name)


def is_edited(name: str, language: str | None = None) -> bool:
    return name in repository.saved_templates(_language(language))
