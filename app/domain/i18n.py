"""The app's own words in the owner's language: message ids with parameters, outside Qt.

The screens' words are Qt's (ui/, resources/translations/cfl_<language>.ts). What app/ writes
(the labels of settings and fields, printed pieces, reasons, the owner-facing UserErrors) uses
English text as the message id, translated here from a catalog (resources/translations/
app_<language>.toml, loaded by app.services.language):

- `t("Calls per day")` or `t("{count} of {total} printed", count=3, total=9)`: a message and its
  named fields, for text written at the moment it is shown or printed;
- `translated(text)`: text that was written in English earlier and kept (an opportunity's reason
  in the database, a UserError's message) is read back against the catalog's patterns, which name
  its parameters and their kinds, and written again in the owner's language: "Furnace installed
  March 2009, 17 years old; …" → "Furnace: instalado en marzo de 2009, tiene 17 años; …". A text
  no pattern matches is shown as it was written.

A pattern's parameters are written `{name}` (kept as it was: the owner's own words, a model name),
or `{name:kind}`: `text` (itself translated), `date` ("March 3, 2009"), `month` ("March 2009"),
`short_date` ("Mar 3, 2009"), `money` ("$1,234.50"), `number` ("1,234"), `relative` ("today",
"in 3 days", "3 days ago"), or a counted noun by its English singular (`{age:year}`: "17 years" → "17 años").
Stdlib only, like the rest of the domain; the current language is process-wide, as the screens'.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain import formatting
from app.domain.wording import count_text

LANGUAGES = (("en", "English"), ("es", "Español"))
DEFAULT_LANGUAGE = "en"
_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")
_ENGLISH_MONTHS = {name: n for n, name in enumerate(formatting.ENGLISH.months, 1)}
_MONTH = "|".join(formatting.ENGLISH.months)
_ENGLISH_SHORT_MONTHS = {name: n for n, name in enumerate(formatting.ENGLISH.short_months, 1)}
_SHORT_MONTH = "|".join(formatting.ENGLISH.short_months)
# What each kind of parameter looks like in English; a counted noun is built in `_counted`.
_SHAPES = {
    "": r".+?",
    "text": r".+?",
    "date": rf"(?:{_MONTH}) \d{{1,2}}, \d{{4}}",
    "month": rf"(?:{_MONTH}) \d{{4}}",
    "short_date": rf"(?:{_SHORT_MONTH}) \d{{1,2}}, \d{{4}}",
    "money": r"-?\$[\d,]+\.\d\d",
    "number": r"-?[\d,]+",
    "relative": r"today|in [\d,]+ days?|[\d,]+ days? ago",
}


@dataclass(frozen=True)
class Pattern:
    """An English sentence with parameters, and what it says in the catalog's language."""

    english: str
    translation: str
    regex: re.Pattern[str]
    kinds: dict[str, str]


@dataclass
class Catalog:
    """One language's messages (English id → translation), patterns and counted nouns."""

    language: str = DEFAULT_LANGUAGE
    messages: dict[str, str] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    counts: dict[str, tuple[str, str]] = field(default_factory=dict)  # "year" → ("año", "años")


def pattern(english: str, translation: str) -> Pattern:
    """The regular expression that reads `english` back, with a named group per parameter."""
    kinds: dict[str, str] = {}
    parts, at = [], 0
    for found in _FIELD.finditer(english):
        parts.append(re.escape(english[at : found.start()]))
        name, kind = found.group(1), found.group(2) or ""
        kinds[name] = kind
        shape = _SHAPES.get(kind) or rf"[\d,]+ (?:{re.escape(kind)}|{re.escape(kind)}s)"
        parts.append(f"(?P<{name}>{shape})")
        at = found.end()
    parts.append(re.escape(english[at:]))
    return Pattern(english, translation, re.compile("".join(parts) + r"\Z", re.DOTALL), kinds)


def catalog_from_dict(language: str, data: Mapping[str, object]) -> Catalog:
    """A catalog from its TOML form: [messages] "English" = "…", [[patterns]] en/es, [counts]."""
    messages = {str(k): str(v) for k, v in dict(data.get("messages", {})).items()}  # type: ignore[call-overload]
    for each in data.get("patterns", []):  # type: ignore[attr-defined]
        if set(each) != {"en", language}:  # messages written below a [[patterns]] land in it, unused
            raise ValueError(f"a pattern holds {sorted(set(each) - {'en', language})}: {each.get('en')!r}")
    patterns = [pattern(str(p["en"]), str(p[language])) for p in data.get("patterns", [])]  # type: ignore[attr-defined]
    counts = {str(k): (str(v[0]), str(v[1])) for k, v in dict(data.get("counts", {})).items()}  # type: ignore[call-overload]
    return Catalog(language, messages, patterns, counts)


_catalog = Catalog()


def use(catalog: Catalog) -> None:
    """Write from now on in the catalog's language, dates and amounts too (the one switch)."""
    global _catalog
    _catalog = catalog
    formatting.use_language(catalog.language)


def language() -> str:
    return _catalog.language


def t(message: str, **fields: object) -> str:
    """The message in the owner's language, its `{fields}` filled in (English when untranslated)."""
    text = _catalog.messages.get(message, message)
    return text.format(**fields) if fields else text


def knows(message: str) -> bool:
    """Whether the current catalog has the message (English knows every one)."""
    return _catalog.language == DEFAULT_LANGUAGE or message in _catalog.messages


def translated(text: str) -> str:
    """English written earlier (a stored reason, an error's message) in the owner's language."""
    if _catalog.language == DEFAULT_LANGUAGE or not text:
        return text
    exact = _catalog.messages.get(text)
    if exact is not None:
        return exact
    for each in _catalog.patterns:
        found = each.regex.match(text)
        if found:
            values = {name: _value(kind, found.group(name)) for name, kind in each.kinds.items()}
            return each.translation.format(**values)
    return text


def _value(kind: str, english: str) -> str:
    if kind == "":
        return english
    if kind == "text":
        return translated(english)
    if kind in ("date", "month", "short_date"):
        return _date(kind, english)
    if kind == "money":
        return formatting.money(Decimal(english.replace("$", "").replace(",", "")))
    if kind == "number":
        return formatting.number(int(english.replace(",", "")))
    if kind == "relative":
        return _relative(english)
    return _counted(kind, english)


def _date(kind: str, english: str) -> str:
    words = english.replace(",", "").split()
    if kind == "short_date":
        day = datetime.date(int(words[2]), _ENGLISH_SHORT_MONTHS[words[0]], int(words[1]))
        return formatting.short_date(day)
    month = _ENGLISH_MONTHS[words[0]]
    if kind == "month":
        return formatting.month_year(datetime.date(int(words[1]), month, 1))
    return formatting.long_date(datetime.date(int(words[2]), month, int(words[1])))


def _relative(english: str) -> str:
    if english == "today":
        return t("today")
    count = int(re.sub(r"\D", "", english))
    days = _counted("day", f"{count} day")
    return t("in {days}", days=days) if english.startswith("in ") else t("{days} ago", days=days)


def _counted(noun: str, english: str) -> str:
    count = int(english.split()[0].replace(",", ""))
    one, many = _catalog.counts.get(noun, (noun, noun + "s"))
    return f"{formatting.number(count)} {one if count == 1 else many}"


def and_list(parts: Iterable[str]) -> str:
    """ "2 sites, 4 visits and 5 contacts" ("… y 5 contactos"): the parts joined in the owner's language."""
    return _listed(list(parts), "{first} and {second}")


def or_list(parts: Iterable[str]) -> str:
    """ "4x6, 5x7 or 6x9": the choices joined in the owner's language."""
    return _listed(list(parts), "{first} or {second}")


def _listed(parts: list[str], last_join: str) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return t(last_join, first=", ".join(parts[:-1]), second=parts[-1])


def counted(count: int, noun: str) -> str:
    """ "3 años", "1 cliente": a counted noun by its English singular, in the owner's language."""
    return _counted(noun, f"{count} {noun}")


def count_words(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 customer", "2,000 customers" for a noun the screen has already translated ("cliente"):
    English adds an "s"; Spanish its own plural ("mes" → "meses", "línea más" → "líneas más"),
    or the catalog's when it has the word (by its English or its Spanish singular)."""
    if _catalog.language == DEFAULT_LANGUAGE:
        return count_text(count, singular, plural)
    entry = _catalog.counts.get(singular) or next(
        (pair for pair in _catalog.counts.values() if pair[0] == singular), None
    )
    # A noun the catalog knows takes its forms, even when the screen gave the English plural too.
    one, many = entry if entry else (singular, plural or _plural_es(singular))
    return f"{formatting.number(count)} {one if count == 1 else many}"


def _plural_es(phrase: str) -> str:
    """The Spanish plural of a noun phrase's first word: vowels take -s, consonants -es (z → ces)."""
    first, space, rest = phrase.partition(" ")
    if not first:
        return phrase
    unaccented = first.translate(_UNSTRESS) if first[-1] in "nsl" else first  # canción → canciones
    if first[-1] in "aeiouáéó":
        word = first + "s"
    elif first[-1] == "z":
        word = first[:-1] + "ces"
    elif first[-1] == "s" and len(first) > 3 and first[-2:] not in ("és", "ás", "ís"):
        word = first  # lunes, crisis
    else:
        word = unaccented + "es"
    return word + space + rest


_UNSTRESS = str.maketrans("áéíóú", "aeiou")
