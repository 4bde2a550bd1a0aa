"""Is this sheet a list of customers at all? Judged from its columns and values, before anything is planned.

Files that are not customer lists reach the importer too, and each of their rows became a
"customer" without a word: a price book (62 customers named "Week, 3 Dogs 1x"), a payments
export (403 customers, one name 23 times), an orders export, an HR data set (14,999
businesses named "2" to "10"). A list of people or businesses to keep for life has, with the
columns as guessed from their headings:

- a row of column headings (a file without one has data where the headings should be);
- a column of names, and what it holds reads as names: not numbers, amounts or dates;
- a phone number, e-mail or address on most rows;
- one row per customer (or per site or piece of equipment), not one per sale: the same
  name again and again beside columns of amounts and payments is a list of transactions.

Only a guessed mapping is judged: an owner who chose the columns by hand has said what they
hold (the wizard's mapping step shows this judgement and lets them).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from app.domain.said import Said, clause, quoted
from app.domain.values import is_email_address
from app.services.importing.fields import KNOWN_HEADERS, PHONE_TARGETS, normalise_header
from app.services.importing.headers import SheetTable

NAME_TARGETS = ("full_name", "first_name", "last_name", "company", "bill_to_1")  # in the order read
ADDRESS_TARGETS = frozenset(
    {"full_address", "street", "street2", "city", "postal_code"}
    | {"billing_full_address", "billing_street", "billing_street2", "billing_city", "billing_postal_code"}
    | {f"bill_to_{n}" for n in range(2, 6)}
    | {f"ship_to_{n}" for n in range(1, 6)}
)
NAME_SHARE = 0.5  # at least this share of the names must read as names of people or businesses
CONTACT_SHARE = 0.5  # at least this share of the named rows must have a phone, e-mail or address
# The same name on this many rows, or rows per name at least this, beside amounts: one row per sale.
REPEATED_NAME, ROWS_PER_NAME = 10, 2.0
# Words of headings that belong to sales, orders and payments, not to customers (whole words).
SALE_WORDS = frozenset(
    {"amount", "gross", "net", "fee", "fees", "subtotal", "total", "price", "qty", "quantity", "sku"}
    | {"currency", "tax", "discount", "payment", "paid", "invoice", "order", "transaction", "receipt"}
    | {"refund", "charge", "sale", "sales", "cost", "revenue", "payout", "tip"}
)
SALE_HEADINGS = 2  # this many such headings, with names repeating, make a list of transactions
SAMPLE_ROWS = 5000  # enough to judge shares by; a 100,000-row sheet is judged in a blink, not a second
_PLACEHOLDERS = frozenset({"", "n/a", "na", "none", "-", "--", "?", "unknown", "null", ".", "0"})
# Text that is a quantity, an amount, a code of digits, a date or a time, not a name.
_NUMBERISH = re.compile(r"^[\s$€£¥#+\-(]*\d[\d\s.,:/\-]*[)%]?\s*[a-z]{0,3}\.?$", re.IGNORECASE)
_TOKENS = re.compile(r"[\s,;<>()]+")  # a cell may hold several addresses, or "Name <address>"
_DATE_TEXT = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d{2}.*)?$")


@dataclass(frozen=True)
class NotAList:
    """Why the sheet, with the columns as guessed, does not look like a list of customers."""

    reason: str  # a clause naming the file, from a capital letter: "The file … so it does not look like …"
    fix: str  # what to do about it, for the command line (the wizard lets the owner map instead)

    def sentence(self) -> str:
        """The refusal in one sentence (the command line's, and any caller's without a mapping step)."""
        return Said("Nothing was imported: {reason}; {fix}.", reason=clause(self.reason), fix=self.fix)


_BY_HAND = Said(
    "if it is your customer list all the same, import it with File ▸ Import in the app and choose what "
    "each column holds"
)


def judge(table: SheetTable, mapping: dict[int, str], file_name: str) -> NotAList | None:
    """None when the sheet looks like a list of customers; else why not."""
    if missing := _no_headings(table, file_name):
        return missing
    names = [index for target in NAME_TARGETS for index, t in sorted(mapping.items()) if t == target]
    if not names:
        return NotAList(
            Said(
                "The file {file} has no column of names (such as Name, Customer, First name, Last name or "
                "Company), so it does not look like a list of customers",
                file=file_name,
            ),
            _BY_HAND,
        )
    phones = [index for index, t in sorted(mapping.items()) if t in PHONE_TARGETS]
    emails = [index for index, t in sorted(mapping.items()) if t == "email"]
    places = [index for index, t in sorted(mapping.items()) if t in ADDRESS_TARGETS]
    rows = table.rows
    step = max(1, len(rows) // SAMPLE_ROWS)  # shares are judged on rows spread through the file
    seen = _Seen(sampled=step > 1, reachable_columns=bool(phones or emails or places))
    for _, cells in rows[::step]:
        seen.add(cells, names, phones, emails, places)
    if refusal := seen.verdict(table, file_name):
        return refusal
    return _sales(table, mapping, names, file_name)


class _Seen:
    """What the rows hold: their names, whether those read as names, whether a way to reach them is there."""

    def __init__(self, sampled: bool, reachable_columns: bool) -> None:
        self.sampled = sampled
        self.reachable_columns = reachable_columns  # any column of phones, e-mails or addresses at all
        self.named = 0
        self.namelike = 0
        self.reachable = 0
        self.not_names: list[str] = []  # a few examples, for the sentence
        self.columns: Counter[int] = Counter()  # the column each row's name came from

    def add(
        self, cells: list[object], names: list[int], phones: list[int], emails: list[int], places: list[int]
    ) -> None:
        name_at = next((i for i in names if _filled(cells[i])), None)
        if name_at is None:
            return
        value = cells[name_at]
        self.named += 1
        self.columns[name_at] += 1
        if looks_like_name(value):
            self.namelike += 1
        elif len(self.not_names) < 2 and str(value).strip() not in self.not_names:
            self.not_names.append(str(value).strip())
        if (
            any(_is_phone(cells[i]) for i in phones)
            or any(_has_email(cells[i]) for i in emails if _filled(cells[i]))
            or any(_is_place(cells[i]) for i in places)
        ):
            self.reachable += 1

    def verdict(self, table: SheetTable, file_name: str) -> NotAList | None:
        if not self.named:
            return NotAList(
                Said(
                    "None of the rows of {file} has a name in its name columns, so it does not look like a "
                    "list of customers",
                    file=file_name,
                ),
                _BY_HAND,
            )
        column = table.headers[self.columns.most_common(1)[0][0]]
        if self.namelike < NAME_SHARE * self.named:
            examples = [quoted(text[:40]) for text in self.not_names]
            return NotAList(
                Said(
                    "The column “{column}” of {file}, read as the names, holds {examples} and the like, not "
                    "names of people or businesses, so it does not look like a list of customers",
                    column=column,
                    file=file_name,
                    examples=examples[0]
                    if len(examples) == 1
                    else Said("{first} and {second}", first=examples[0], second=examples[1]),
                ),
                _BY_HAND,
            )
        if not self.reachable_columns:
            return NotAList(
                Said(
                    "The file {file} has no column of phone numbers, e-mails or addresses, so it "
                    "does not look like a list of customers to keep in touch with",
                    file=file_name,
                ),
                _BY_HAND,
            )
        if self.reachable < CONTACT_SHARE * self.named:
            some = (
                Said("{share} in 100", share=self.reachable * 100 // self.named)
                if self.sampled
                else Said("{count:,} of the {total:,}", count=self.reachable, total=self.named)
            )
            return NotAList(
                Said(
                    "Only {some} rows of {file} have a phone number, e-mail or address, so it does not look "
                    "like a list of customers to keep in touch with",
                    some=some,
                    file=file_name,
                ),
                _BY_HAND,
            )
        return None


def _sales(table: SheetTable, mapping: dict[int, str], names: list[int], file_name: str) -> NotAList | None:
    """Columns of amounts and payments, and the same names again and again: one row per sale."""
    sales = sale_headings(table.headers, mapping)
    if len(sales) < SALE_HEADINGS:
        return None
    counts: Counter[str] = Counter()
    for _, cells in table.rows:  # every row: a sample would hide how often a name comes back
        value = next((cells[i] for i in names if _filled(cells[i])), None)
        if value is not None:
            counts[" ".join(str(value).casefold().split())] += 1
    if not counts:
        return None
    most = counts.most_common(1)[0][1]
    if most < REPEATED_NAME and counts.total() < ROWS_PER_NAME * len(counts):
        return None
    return NotAList(
        Said(
            "The file {file} looks like a list of sales or payments, not of customers (it has "
            "columns such as {headings}, and the same name on up to {most:,} rows)",
            file=file_name,
            headings=tuple(quoted(h) for h in sales[:3]),
            most=most,
        ),
        _BY_HAND,
    )


def _no_headings(table: SheetTable, file_name: str) -> NotAList | None:
    """A first row of data, taken for headings: none is a heading we know, some are e-mails, numbers…"""
    headers = [h for h in table.headers if not re.fullmatch(r"Column [A-Z]+", h)]
    if any(normalise_header(h) in KNOWN_HEADERS for h in headers):
        return None
    data = [h for h in headers if _has_email(h) or _is_phone(h) or _NUMBERISH.match(h) or _DATE_TEXT.match(h)]
    if not data:
        return None
    return NotAList(
        Said(
            "The file {file} has no row of column headings (row {row} holds {shown}: data, not headings)",
            file=file_name,
            row=table.header_row,
            shown=tuple(quoted(h[:40]) for h in headers[:3]),
        ),
        Said("add a row of headings (such as Name, Phone, E-mail, Address) at the top and import it again"),
    )


def sale_headings(headers: list[str], mapping: dict[int, str]) -> list[str]:
    """The headings of columns not taken as something of the customer's that name sales or payments."""
    found = []
    for index, header in enumerate(headers):
        if mapping.get(index, "note") not in ("note", "ignore", "notes"):
            continue
        if SALE_WORDS.intersection(normalise_header(header).split()):
            found.append(header)
    return found


def looks_like_name(value: object) -> bool:
    """A name of a person or business: words with letters, not a number, an amount, a date or a sentence."""
    if isinstance(value, (bool, int, float, datetime.date, datetime.time, datetime.timedelta)):
        return False
    text = str(value).strip()
    if not 2 <= len(text) <= 100 or sum(ch.isalpha() for ch in text) < 2:
        return False
    return not (_NUMBERISH.match(text) or _DATE_TEXT.match(text))


def _has_email(value: object) -> bool:
    return any(is_email_address(token) for token in _TOKENS.split(str(value)))


def _filled(value: object) -> bool:
    return value is not None and value != "" and str(value).strip().casefold() not in _PLACEHOLDERS


def _is_phone(value: object) -> bool:
    if value is None or isinstance(value, bool) or value == "":
        return False
    text = f"{value:.0f}" if isinstance(value, float) else str(value)
    return 7 <= sum(ch.isdigit() for ch in text) <= 20


def _is_place(value: object) -> bool:
    """Part of an address: words (a street, a town) or a postal code."""
    if not _filled(value) or isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value >= 100  # a ZIP code that lost its leading zero still has three digits or more
    text = str(value)
    return sum(ch.isalpha() for ch in text) >= 2 or sum(ch.isdigit() for ch in text) >= 3
