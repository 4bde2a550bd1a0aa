"""What the importer says to the owner: English text that remembers the message it was written from.

A warning, a row's problem, the reason a row or a file was refused are written while 100,000 rows are
cleaned, long before (and whether or not) anyone reads them, and they are kept as English: in the JSON
of `import --json`, in the import's record in the database, in the tests. Each is a `Said`: a `str`
holding the English, which also keeps its message id and fields, so that `shown()` writes it again in
the owner's language when it is shown or saved (the wizard's steps, the report, its workbook) with one
catalog look-up (app.domain.i18n.t), not by trying every pattern of the catalog on each line.

A field that is itself a `Said` (a reason inside a warning) is shown in the owner's language too; any
other text (a column heading, a cell's value, a file name: the owner's own words) is kept as it is. A
field that is a tuple is a list, written with ", " between its items (each shown the same way).
Text that is not a `Said` is read back by the catalog's patterns (`translated`), as elsewhere.
"""

from __future__ import annotations

from typing import Any

from app.domain.i18n import DEFAULT_LANGUAGE, language, t, translated


class Said(str):
    """`Said("Row {row}: {problem}", row=7, problem=...)`: the English filled in, message and fields kept."""

    message: str
    fields: dict[str, Any]
    shape: str = ""  # "" as written; CLAUSE or FIRST_CLAUSE: a part of a longer sentence (see `clause`)

    def __new__(cls, message: str, /, **fields: Any) -> Said:
        # Written for every problem of every row (400,000 of them in a 40,000-row file that has three a
        # row): about 1.3 µs, where the dict comprehension and three attributes took 2.1 µs.
        if not fields:
            said = _new_str(cls, message)
        elif any(value.__class__ is tuple for value in fields.values()):
            said = _new_str(cls, message.format_map({name: _english(v) for name, v in fields.items()}))
        else:
            said = _new_str(cls, message.format_map(fields))
        said.message = message
        said.fields = fields
        return said

    def __deepcopy__(self, memo: dict[int, Any]) -> Said:
        return self  # immutable, like any str (dataclasses.asdict deep-copies the report's lists)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (self.message, self.fields, self.shape)


CLAUSE = "clause"  # its first letter small: "the file … does not look like a list of customers"
FIRST_CLAUSE = "first clause"  # and only up to its first "; ", without the full stop


_new_str = str.__new__


def _english(value: Any) -> Any:
    return ", ".join(value) if value.__class__ is tuple else value


def _rebuilt(message: str, fields: dict[str, Any], shape: str) -> Said:
    return (
        clause(Said(message, **fields), first_only=shape == FIRST_CLAUSE)
        if shape
        else Said(message, **fields)
    )


def clause(text: str, first_only: bool = False) -> str:
    """The sentence as a clause of a longer one, in English and when shown: its first letter small and,
    `first_only`, only its first clause ("The row has no name; …." → "the row has no name")."""
    shape = FIRST_CLAUSE if first_only else CLAUSE
    english = _shaped(text, shape)
    if not isinstance(text, Said):
        return english
    part = str.__new__(Said, english)
    part.message, part.fields, part.shape = text.message, text.fields, shape
    return part


def shown(text: str) -> str:
    """The text in the owner's language: a `Said` by its message, any other text by the catalog's patterns."""
    if language() == DEFAULT_LANGUAGE:
        return str(text)
    if not isinstance(text, Said):
        return translated(text)
    if not text.fields:  # plain English too: a message, or a pattern's ("snoozed until March 3, 2027")
        return _shaped(translated(text.message), text.shape)
    values = {name: _shown_field(value) for name, value in text.fields.items()}
    return _shaped(t(text.message, **values), text.shape)


def owners_or_shown(text: str) -> str:
    """A text that is the owner's own (a column heading they wrote) as it is, or the importer's words in
    place of it (a `Said`: "Column B" for a column without a heading) in the owner's language."""
    return shown(text) if isinstance(text, Said) else text


def _shown_field(value: Any) -> Any:
    if isinstance(value, tuple):
        return ", ".join(_shown_field(item) for item in value)
    return shown(value) if isinstance(value, Said) else value


def quoted(text: str) -> Said:
    """ "“Home”": a heading, a name or a value in quotation marks (the marks are the same in Spanish)."""
    return Said("“{text}”", text=text)


def _shaped(text: str, shape: str) -> str:
    if not shape:
        return text
    if shape == FIRST_CLAUSE:
        text = text.split("; ")[0].rstrip(". ")
    return text[:1].lower() + text[1:]
