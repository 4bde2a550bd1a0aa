"""Letter templates: wording as data, with named fields filled in as plain text.

A template's text names fields in braces, "{first_name}". A part in double
square brackets is printed only when every field inside it has a value:
"[[Your {equipment_brand} ]]furnace" drops the brand cleanly when it is unknown.
The greeting is a list of alternatives; the first whose fields all have values
wins, and the last one names no field, so a letter never opens "Dear ," or
"Dear None,". A value is only ever inserted as text: a customer called
"{first_name}" or "Smith & Sons <b>" prints exactly that.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal

from app.domain import formatting
from app.domain.errors import UserError
from app.domain.money import format_money

# Every field a template may use, with what it holds (shown in the template editor).
FIELDS: dict[str, str] = {
    "first_name": "the customer's first name",
    "last_name": "the customer's last name",
    "full_name": "first and last name",
    "display_name": "the name the customer is filed under (a person's or a company's)",
    "company": "the customer's company",
    "street": "the site's street",
    "city": "the site's city",
    "site_address": "the site's address on one line",
    "equipment_kind": "what the equipment is (furnace, water heater...)",
    "equipment_brand": "its brand",
    "equipment_model": "its model",
    "equipment_age": "its age in whole years",
    "installed_year": "the year it was installed",
    "lifespan": 'how long such equipment usually lasts ("15–20 years")',
    "plan_name": "the service plan's name",
    "plan_end_date": "the day the plan ends",
    "product_name": "the product offered (new product, upgrade, add-on)",
    "offer": "the offer, in a few words",
    "offer_ends": "the last day of the offer",
    "reason": "why now, in plain words",
    "segment_pitch": "the pitch for the customer's segment",
    "last_job": "the last job done for the customer",
    "partner_name": "the partner's business",
    "partner_trade": "the partner's trade",
    "partner_contact": "the partner's contact person",
    "partner_phone": "the partner's phone",
    "business_name": "your business's name",
    "business_phone": "your business's phone",
    "business_email": "your business's e-mail",
    "business_address": "your business's address",
    "licence_number": "your license number",
    "signature_name": "who signs the letter",
    "date": "the date of the letter",
}
# Values that mean "nobody typed anything" (spreadsheets and other programs write them).
_BLANK_WORDS = frozenset({"none", "null", "nan", "n/a", "na", "-", "--", "?"})
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([,.;:!?)])")
_SPACE_AFTER_PARENTHESIS = re.compile(r"\( +")
DEFAULT_GREETINGS = ("Dear {first_name},", "Dear {display_name},", "Hello,")
LAST_RESORT_GREETING = "Hello,"


@dataclass(frozen=True)
class LetterTemplate:
    name: str  # its key: "renewal", "upgrade", or a name the owner gave a copy
    title: str  # shown in the app: "Plan renewal"
    purpose: str = ""  # the opportunity kind it serves, or "partner_intro"
    subject: str = ""
    greetings: tuple[str, ...] = DEFAULT_GREETINGS
    body: str = ""  # paragraphs separated by a blank line
    closing: str = "Kind regards,"
    postcard: str = ""  # the short message for a postcard; empty = the body's first paragraph
    requires: tuple[str, ...] = ()  # fields without which the letter makes no sense (the record is listed)

    def texts(self) -> list[str]:
        return [self.subject, *self.greetings, self.body, self.closing, self.postcard]


@dataclass(frozen=True)
class FilledLetter:
    subject: str
    greeting: str
    paragraphs: tuple[str, ...]
    closing: str
    postcard: str


def is_blank(value: object) -> bool:
    if value is None:
        return True
    text = field_text(value)
    return not text or text.casefold() in _BLANK_WORDS


def field_text(value: object) -> str:
    """A value as a letter prints it: dates in words, money with its sign, nothing for None."""
    if type(value) is str:
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return formatting.long_date(value)
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, list | tuple):
        return ", ".join(field_text(v) for v in value if not is_blank(v))
    return " ".join(str(value).split())


def fields_used(text: str) -> list[str]:
    return _FIELD.findall(text)


def check_template(template: LetterTemplate) -> LetterTemplate:
    """The template as it will be used, or a UserError saying what to fix."""
    name = " ".join(template.name.split())
    if not name or any(ch in name for ch in "/\\:"):
        raise UserError("Template name: give a name without / \\ or :.", "name")
    used = {f for text in template.texts() for f in fields_used(text)} | set(template.requires)
    unknown = sorted(used - FIELDS.keys())
    if unknown:
        listed = ", ".join("{" + f + "}" for f in unknown)
        raise UserError(
            f"The template uses {listed}, which the app does not know. Check the spelling.", "body"
        )
    for text in template.texts():
        if text.count("[[") != text.count("]]"):
            raise UserError("Every optional part that opens with [[ must close with ]].", "body")
    greetings = tuple(g.strip() for g in template.greetings if g.strip())
    if not greetings or fields_used(greetings[-1]):
        greetings = (*greetings, LAST_RESORT_GREETING)  # the fallback that always works
    if not template.body.strip():
        raise UserError("The letter has no text.", "body")
    title = " ".join(template.title.split()) or name
    return dataclasses.replace(template, name=name, title=title, greetings=greetings)


def fill(text: str, values: Mapping[str, object]) -> str:
    """Put values into a text in one pass (a value's own braces are never filled again)."""

    def optional(match: re.Match[str]) -> str:
        inner = match.group(1)
        return "" if any(is_blank(values.get(f)) for f in fields_used(inner)) else inner

    if "{" not in text:
        return text
    text = _OPTIONAL.sub(optional, text)
    return _FIELD.sub(
        lambda m: "" if is_blank(values.get(m.group(1))) else field_text(values[m.group(1)]), text
    )


def greeting(template: LetterTemplate, values: Mapping[str, object]) -> str:
    for alternative in template.greetings:
        if all(not is_blank(values.get(f)) for f in fields_used(alternative)):
            return _tidy(fill(alternative, values))
    return LAST_RESORT_GREETING


def fill_letter(
    template: LetterTemplate, values: Mapping[str, object], *, with_postcard: bool = True
) -> FilledLetter:
    missing = [name for name in template.requires if is_blank(values.get(name))]
    if missing:
        raise UserError(
            f"The {template.title.lower()} letter needs {' and '.join(FIELDS[m] for m in missing)}."
        )
    paragraphs = tuple(
        p for p in (_tidy(fill(part, values)) for part in split_paragraphs(template.body)) if p
    )
    postcard = _tidy(fill(template.postcard, values)) if with_postcard and template.postcard.strip() else ""
    return FilledLetter(
        subject=_tidy(fill(template.subject, values)),
        greeting=greeting(template, values),
        paragraphs=paragraphs,
        closing=_tidy(fill(template.closing, values)),
        postcard=postcard or (paragraphs[0] if paragraphs else ""),
    )


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single line breaks inside one are spaces."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def template_to_dict(template: LetterTemplate) -> dict[str, object]:
    return {
        f.name: list(v) if isinstance(v := getattr(template, f.name), tuple) else v for f in fields(template)
    }


def template_from_dict(data: Mapping[str, object], name: str | None = None) -> LetterTemplate:
    """Read a stored or shipped template; unknown keys are ignored, missing ones take defaults."""
    known = {f.name for f in fields(LetterTemplate)}
    values = {k: v for k, v in data.items() if k in known}
    if name is not None:
        values["name"] = name
    for key in ("greetings", "requires"):
        if key in values:
            listed = values[key]
            values[key] = (listed,) if isinstance(listed, str) else tuple(listed)  # type: ignore[arg-type]
    for key, value in values.items():
        if key not in ("greetings", "requires") and not isinstance(value, str):
            raise UserError(f"Template {name or ''}: “{key}” must be text.")
    values.setdefault("title", str(values.get("name", "")))
    return check_template(LetterTemplate(**values))  # type: ignore[arg-type]


def _tidy(text: str) -> str:
    """Spaces left by empty fields: doubled, before punctuation, at the ends."""
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _SPACE_AFTER_PARENTHESIS.sub("(", text)
    return text.strip()
