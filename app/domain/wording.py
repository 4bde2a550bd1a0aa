"""Counted nouns and articles in plain English: "1 page", "2 pages", "a site", "an e-mail", "equipment".

The one place the app builds them, so no screen, reason or letter says "1 pages" or "a equipment":
ui/text.py hands these to the screens, and the domain's own sentences (the reasons of opportunities,
the dashboard's findings) use them directly. Stdlib only, like the rest of the domain.
"""

from __future__ import annotations

# Nouns that take no "a": "Add equipment", never "Add a equipment".
UNCOUNTABLE = frozenset({"equipment", "information", "advice", "feedback", "mail", "software", "work"})
# Words spelled with a vowel that begin with a consonant sound ("a unit", "a one-time fee") ...
_CONSONANT_SOUND = ("one", "once", "unit", "union", "uniq", "unif", "univ", "use", "usu", "uti", "eu", "ewe")
# ... and words spelled with a consonant that begin with a vowel sound ("an hour").
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")
# Letters said as a vowel sound when an abbreviation is read letter by letter ("an HVAC", "an SMS").
_VOWEL_LETTERS = set("AEFHILMNORSX")


def plural_word(count: int, singular: str, plural: str | None = None) -> str:
    """The noun for `count` things: "customer" for one, "customers" (or the given plural) otherwise."""
    return singular if count == 1 else (plural or singular + "s")


def count_text(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 customer", "2,000 customers", "0 pieces of equipment" (with `plural` where "+s" is wrong)."""
    return f"{count:,} {plural_word(count, singular, plural)}"


def with_article(noun: str) -> str:
    """ "a site", "an e-mail", "an hour", "a unit", "an HVAC unit"; an uncountable noun stays bare."""
    text = noun.strip()
    if not text:
        return text
    first = text.split()[0]
    if first.lower() in UNCOUNTABLE:
        return text
    return f"{article(text)} {text}"


def article(noun: str) -> str:
    """ "a" or "an", by how the noun sounds when read out."""
    first = noun.strip().split()[0] if noun.strip() else ""
    if not first:
        return "a"
    word = first.lower()
    if len(first) > 1 and first.isupper() and first.isalpha():
        return "an" if first[0] in _VOWEL_LETTERS else "a"  # an abbreviation, read letter by letter
    if word.startswith(_VOWEL_SOUND):
        return "an"
    if word.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if word[0] in "aeiou" else "a"
