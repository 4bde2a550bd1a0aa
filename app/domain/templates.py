"""Letter templates: wording as data, with named fields filled in as plain text.

A template's text names fields in braces, "{first_name}". A part in double
square brackets is printed only when every field inside it has a value:
"[[Your {equipment_brand} ]]furnace" drops the brand cleanly when it is unknown.
Parts nest ("[[Offer: {offer}[[, until {offer_ends}]].]]": a field counts for the
innermost part it is in). A part that starts with "when" and a condition prints
only when the condition holds: "[[when business: How is everything at {company}?]]"
(a space before "when" is printed: "…[[ when has_plan: Your plan…]]"). CONDITIONS
lists them (household or business, when we last saw the customer, a plan or none,
what the job installed), so one template reads right for a family and for a
dental office. The greeting is a list of alternatives; the first whose
fields all have values wins, and the last one names no field, so a letter never
opens "Dear ," or "Dear None,". A value is only ever inserted as text: a customer
called "{first_name}" or "Smith & Sons <b>" prints exactly that, and brackets in
a value are never read as a part.

What the owner notes about a customer is never a field: the opportunity's reason
("offered first to our best customers: $27,685.00 with us") and the segment's
pitch ("keeps the old system safe") are written for the owner and the call sheet,
so a template that names them is refused (OWNER_ONLY says why).
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
from app.domain.i18n import t
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
    "warranty_end_date": "the day the equipment's warranty ends",
    "upgrade_benefit": "what a newer one of this kind of equipment does better (a sentence)",
    "failure_risk": "how one of this kind tends to fail near the end of its life (a sentence)",
    "plan_name": "the service plan's name",  # the plan renewed or visited, else their active plan
    "plan_end_date": "the day the plan ends",
    "product_name": "the product offered (new product, upgrade, add-on)",
    "offer": "the campaign's offer, in a few words",
    "offer_ends": "the last day of the offer",
    "last_visit": "the last day we worked for the customer (a visit or a job)",
    "job_date": "the day of the job a thank-you letter follows",
    "new_equipment": "what that job installed (furnace, water heater...); empty for a repair or service",
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
# What "[[when NAME: ...]]" may ask, with what it means (shown in the template editor).
CONDITIONS: dict[str, str] = {
    "household": "the customer is a household",
    "business": "the customer is a business",
    "seen_recently": "we worked for them (a visit or a job) within the check-in period",
    "seen_long_ago": "we worked for them, but longer ago than the check-in period",
    "never_seen": "no visit or job on record",
    "has_plan": "they have an active service plan",
    "no_plan": "they have no active service plan",
    "plan_ending": "the plan's end date is today or later",
    "plan_ended": "the plan's end date has passed",
    "installed": "the job a thank-you letter follows installed equipment",
    "serviced": "that job was a repair or a service (nothing new installed)",
}
DEFAULT_RECENT_DAYS = 180  # seen within this many days: seen recently (the check-in period's default)
# Notes written for the owner, never for the customer: a template naming one is refused, with why.
OWNER_ONLY: dict[str, str] = {
    "reason": "the opportunity's reason is your note (it is on the call sheet)",
    "segment_pitch": "the segment's pitch is how you label the customer (it is on the call sheet)",
    "talking_points": "the segment's talking points are for your calls",
    "last_job": "the job's description is your own record; use {job_date} and {new_equipment}",
}
# Values that mean "nobody typed anything" (spreadsheets and other programs write them).
_BLANK_WORDS = frozenset({"none", "null", "nan", "n/a", "na", "-", "--", "?"})
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# "[[when business: text]]"; a space before "when" is kept: "…[[ when has_plan: Your plan…]]".
_WHEN = re.compile(r"^(\s*)when\s+([a-z_]+(?:\s*,\s*[a-z_]+)*)\s*:\s?")
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([,.;:!?)])")
_SPACE_AFTER_PARENTHESIS = re.compile(r"\( +")
DEFAULT_GREETINGS = ("Dear {first_name},", "Dear {display_name},", "Hello,")
LAST_RESORT_GREETING = "Hello,"
# Where the offer goes when a campaign carries one: every letter and postcard prints it, set apart.
DEFAULT_OFFER_LINE = "Our offer for you: {offer}[[, until {offer_ends}]]."


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
    offer_line: str = DEFAULT_OFFER_LINE  # printed set apart on letters and cards when there is an offer

    def texts(self) -> list[str]:
        return [self.subject, *self.greetings, self.body, self.closing, self.postcard, self.offer_line]


@dataclass(frozen=True)
class FilledLetter:
    subject: str
    greeting: str
    paragraphs: tuple[str, ...]
    closing: str
    postcard: str
    offer: str = ""  # the offer line, filled; empty when there is no offer


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


def conditions_used(text: str) -> list[str]:
    """The condition names of every "[[when ...: ...]]" part of a text, nested ones included."""
    found: list[str] = []
    for _start, inner in _parts(text, nested=True):
        match = _WHEN.match(inner)
        if match:
            found += [name.strip() for name in match.group(2).split(",")]
    return found


def _parts(text: str, *, nested: bool = False) -> list[tuple[int, str]]:
    """(start, inside) of each bracketed part, outermost first; an unclosed "[[" is text."""
    found: list[tuple[int, str]] = []
    depth, opened = 0, 0
    index = 0
    while index < len(text) - 1:
        pair = text[index : index + 2]
        if pair == "[[":
            if depth == 0:
                opened = index
            depth += 1
            index += 2
        elif pair == "]]" and depth:
            depth -= 1
            if depth == 0:
                inner = text[opened + 2 : index]
                found.append((opened, inner))
                if nested:
                    found += _parts(inner, nested=True)
            index += 2
        else:
            index += 1
    return found


def _balanced(text: str) -> bool:
    depth = 0
    for token in re.findall(r"\[\[|\]\]", text):
        depth += 1 if token == "[[" else -1
        if depth < 0:
            return False
    return depth == 0


def check_template(template: LetterTemplate) -> LetterTemplate:
    """The template as it will be used, or a UserError saying what to fix."""
    name = " ".join(template.name.split())
    if not name or any(ch in name for ch in "/\\:"):
        raise UserError("Template name: give a name without / \\ or :.", "name")
    used = {f for text in template.texts() for f in fields_used(text)} | set(template.requires)
    private = sorted(used & OWNER_ONLY.keys())
    if private:
        why = "; ".join(f"{{{f}}}: {OWNER_ONLY[f]}" for f in private)
        raise UserError(
            f"A letter never prints your own notes about a customer ({why}). Take it out.", "body"
        )
    unknown = sorted(used - FIELDS.keys())
    if unknown:
        listed = ", ".join("{" + f + "}" for f in unknown)
        raise UserError(
            f"The template uses {listed}, which the app does not know. Check the spelling.", "body"
        )
    for text in template.texts():
        if not _balanced(text):
            raise UserError("Every optional part that opens with [[ must close with ]].", "body")
    asked = {c for text in template.texts() for c in conditions_used(text)}
    strange = sorted(asked - CONDITIONS.keys())
    if strange:
        raise UserError(
            f"“when {strange[0]}” is not a condition the app knows; use one of {', '.join(CONDITIONS)}.",
            "body",
        )
    greetings = tuple(g.strip() for g in template.greetings if g.strip())
    if not greetings or fields_used(greetings[-1]):
        greetings = (*greetings, t(LAST_RESORT_GREETING))  # the fallback that always works
    if not template.body.strip():
        raise UserError("The letter has no text.", "body")
    offer_line = " ".join(template.offer_line.split()) or t(DEFAULT_OFFER_LINE)
    if "offer" not in fields_used(offer_line):
        # Without it an offer the campaign carries would silently not print (issue 15).
        raise UserError("The offer line must say {offer}, or the campaign's offer would not print.", "body")
    title = " ".join(template.title.split()) or name
    return dataclasses.replace(template, name=name, title=title, greetings=greetings, offer_line=offer_line)


def fill(text: str, values: Mapping[str, object]) -> str:
    """Put values into a text in one pass (a value's own braces and brackets are never read again)."""
    if "{" not in text and "[[" not in text:
        return text
    pieces: list[str] = []
    done = 0
    for start, inner in _parts(text):
        pieces.append(_fields(text[done:start], values))
        pieces.append(_optional(inner, values))
        done = start + len(inner) + 4
    pieces.append(_fields(text[done:], values))
    return "".join(pieces)


def _optional(inner: str, values: Mapping[str, object]) -> str:
    """A bracketed part: its conditions must hold and its own fields (not a nested part's) be given."""
    match = _WHEN.match(inner)
    if match:
        names = [name.strip() for name in match.group(2).split(",")]
        if not all(values.get(name) is True for name in names):
            return ""
        inner = match.group(1) + inner[match.end() :]
    own = _without_parts(inner) if "[[" in inner else inner
    if any(is_blank(values.get(f)) for f in fields_used(own)):
        return ""
    return fill(inner, values)


def _without_parts(text: str) -> str:
    """The text outside its bracketed parts (whose fields count for those parts only)."""
    kept, done = [], 0
    for start, inner in _parts(text):
        kept.append(text[done:start])
        done = start + len(inner) + 4
    kept.append(text[done:])
    return "".join(kept)


def _fields(text: str, values: Mapping[str, object]) -> str:
    if "{" not in text:
        return text
    return _FIELD.sub(
        lambda m: "" if is_blank(values.get(m.group(1))) else field_text(values[m.group(1)]), text
    )


def with_conditions(values: Mapping[str, object], *, recent_days: int = DEFAULT_RECENT_DAYS) -> dict:
    """The values with every condition of CONDITIONS set, from the fields when not given.

    A household or a business: as given, else a company without a person's name is a business.
    A plan: as given, else none. The rest follow from the fields and the letter's date: when we
    last saw them (within `recent_days`, the check-in period, is recently), whether the plan's
    end date has passed, whether the job installed equipment.
    """
    given = dict(values)
    day = given.get("date")
    today = day.date() if isinstance(day, datetime.datetime) else day
    if not isinstance(today, datetime.date):
        today = None
    if "business" not in given:
        person = not (is_blank(given.get("first_name")) and is_blank(given.get("last_name")))
        given["business"] = given.get("household") is False or (
            not is_blank(given.get("company")) and not person
        )
    given.setdefault("household", not given["business"])
    given.setdefault("has_plan", False)
    given.setdefault("no_plan", not given["has_plan"])
    seen = _day(given.get("last_visit"))
    days = (today - seen).days if seen is not None and today is not None else None
    given.setdefault("seen_recently", days is not None and days <= recent_days)
    given.setdefault("seen_long_ago", days is not None and days > recent_days)
    given.setdefault("never_seen", seen is None)
    ends = _day(given.get("plan_end_date"))
    given.setdefault("plan_ended", ends is not None and today is not None and ends < today)
    given.setdefault("plan_ending", ends is not None and not given["plan_ended"])
    job = _day(given.get("job_date")) is not None
    installed = not is_blank(given.get("new_equipment"))
    given.setdefault("installed", job and installed)
    given.setdefault("serviced", job and not installed)
    return given


def _day(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def greeting(template: LetterTemplate, values: Mapping[str, object]) -> str:
    for alternative in template.greetings:
        if all(not is_blank(values.get(f)) for f in fields_used(alternative)):
            return _tidy(fill(alternative, values))
    return t(LAST_RESORT_GREETING)


def fill_letter(
    template: LetterTemplate,
    values: Mapping[str, object],
    *,
    with_postcard: bool = True,
    recent_days: int = DEFAULT_RECENT_DAYS,
) -> FilledLetter:
    values = with_conditions(values, recent_days=recent_days)
    missing = [name for name in template.requires if is_blank(values.get(name))]
    if missing:
        raise UserError(
            f"The {template.title.lower()} letter needs {' and '.join(FIELDS[m] for m in missing)}."
        )
    paragraphs = tuple(
        p for p in (_tidy(fill(part, values)) for part in split_paragraphs(template.body)) if p
    )
    postcard = _tidy(fill(template.postcard, values)) if with_postcard and template.postcard.strip() else ""
    offer = ""
    if not is_blank(values.get("offer")):
        offer = _tidy(fill(template.offer_line or t(DEFAULT_OFFER_LINE), values))
    return FilledLetter(
        subject=_tidy(fill(template.subject, values)),
        greeting=greeting(template, values),
        paragraphs=paragraphs,
        closing=_tidy(fill(template.closing, values)),
        postcard=postcard or (paragraphs[0] if paragraphs else ""),
        offer=offer,
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
