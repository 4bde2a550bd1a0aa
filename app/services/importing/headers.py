"""Finding the header row, cutting off what is not data, and guessing what each column is.

Report exports put a title, the company name and a date above the header, and a
"TOTAL" or a print timestamp below the data; the header row is the one among the
first rows that looks most like column names (known names weigh most), and the
rows below it that look like totals, page footers or timestamps are dropped with
a warning that says which rows they were.

A heading alone can mislead ("Address_1 Billing?" holds yes/no, "State Tax Exempt" TRUE/FALSE, "Address
ID" a record number), so a mapping is checked against the column's values before it is used
(`fit_mapping`): a column most of whose values cannot be what it is mapped to is taken as a yes/no field
its heading names, or kept as a note, and the plan says so. Address columns are grouped into one address
per heading prefix ("Business Street", "Home Street", "Address 2 - City"): each is a site of its own.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from app.domain.errors import UserError
from app.domain.said import Said
from app.domain.values import clean_text
from app.services.importing import addresses as addr
from app.services.importing.cleaning import (
    CUSTOMER_TYPE_WORDS,
    PLACEHOLDERS,
    flag_problem,
    is_flag,
    money_problem,
    name_problem,
    text,
    text_problem,
)
from app.services.importing.fields import (
    BILLING_ADDRESS_TARGETS,
    FLAG_TARGETS,
    KEYWORDS,
    KNOWN_HEADERS,
    SERVICE_ADDRESS_TARGETS,
    TARGET_KEYS,
    normalise_header,
    target_label,
)
from app.services.importing.reading import MAX_ROWS, Grid, column_letter, too_many_rows

HEADER_SEARCH_ROWS = 50
_TOTAL = re.compile(r"^\s*(grand\s+)?totals?\b|^\s*sum\b|^\s*count\b", re.IGNORECASE)
_FOOTER = re.compile(
    r"^\s*(page\s+\d+(\s+of\s+\d+)?|printed\b|report\s+(run|generated|date)\b|accrual basis|cash basis|"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*,\s+\w+\s+\d{1,2},\s+\d{4}|\d{1,2}:\d{2}\s*[ap]m\b)",
    re.IGNORECASE,
)


@dataclass
class SheetTable:
    """The data of one sheet: its header row and every data row (Excel row number, cell values)."""

    sheet: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[object]]]
    warnings: list[str] = field(default_factory=list)
    date1904: bool = False
    uncached: set[tuple[int, int]] = field(default_factory=set)
    from_text: bool = False
    from_export: bool = False  # our own export: names are kept exactly as they were stored


def build_table(grid: Grid, file_name: str) -> SheetTable:
    """The header row found, data rows kept (blank ones skipped), totals and footers dropped."""
    rows = grid.rows
    header_index = find_header_row(rows)
    if header_index is None:
        raise UserError(
            Said(
                "The sheet “{sheet}” of {file} is empty; pick the sheet that holds the customer list.",
                sheet=grid.sheet,
                file=file_name,
            )
        )
    header_cells = rows[header_index]
    width = _data_width(rows, header_index)
    headers = [_header_text(header_cells, i) for i in range(width)]
    data: list[tuple[int, list[object]]] = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        size = len(row)
        if row.count("") + row.count(None) == size:  # blank (count() runs in C: this is the hot loop)
            continue
        if size != width:
            row = row[:width] if size > width else [*row, *[""] * (width - size)]
        data.append((index + 1, row))
    warnings = []
    data, dropped = drop_summary_rows(data)
    if dropped:
        rows = ", ".join(str(r) for r in dropped[:10])
        if len(dropped) == 1:
            left_out = Said(
                "Left out 1 row that looks like a total, a page footer or a print date, not a customer "
                "(row {rows}).",
                rows=rows,
            )
        else:
            left_out = Said(
                "Left out {count} rows that look like totals, page footers or print dates, not customers "
                "(rows {rows}{more}).",
                count=len(dropped),
                rows=rows,
                more="…" if len(dropped) > 10 else "",
            )
        warnings.append(left_out)
    if not data:
        raise UserError(
            Said(
                "The sheet “{sheet}” of {file} has column headings but no rows of customers below them.",
                sheet=grid.sheet,
                file=file_name,
            )
        )
    if len(data) > MAX_ROWS:
        raise UserError(too_many_rows(file_name, len(data), of_data=True))
    if header_index > 0:
        warnings.append(
            Said(
                "The column headings are on row {row}; the rows above them were skipped.",
                row=header_index + 1,
            )
        )
    return SheetTable(
        grid.sheet, header_index + 1, headers, data, warnings, grid.date1904, grid.uncached, grid.from_text
    )


def _header_text(cells: Sequence[object], index: int) -> str:
    text = clean_text(cells[index]) if index < len(cells) else ""
    return text or Said("Column {letter}", letter=column_letter(index))


def _data_width(rows: list[list[object]], header_index: int) -> int:
    """The widest row from the header down, less the columns on the right that are empty throughout."""
    below = rows[header_index:]
    width = max((len(row) for row in below), default=0)
    while width and all(len(row) < width or row[width - 1] in ("", None) for row in below):
        width -= 1
    return width


def find_header_row(rows: list[list[object]]) -> int | None:
    """The index of the row that looks most like column names among the first rows; None if all are blank."""
    best, best_score = None, 0.0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(row)
        if score > best_score:
            best, best_score = index, score
    if best is None:
        for index, row in enumerate(rows):
            if any(v != "" and v is not None for v in row):
                return index
    return best


def _header_score(row: Sequence[object]) -> float:
    texts = [normalise_header(v) for v in row if isinstance(v, str) and v.strip()]
    distinct = set(texts)
    if len(distinct) < 2:  # a title, a date, a lone total: not a header (merged titles repeat one text)
        return 0.0
    known = sum(1 for t in distinct if t in KNOWN_HEADERS)
    numbers = sum(1 for v in row if isinstance(v, (int, float, datetime.date)) and not isinstance(v, bool))
    wordy = sum(1 for t in distinct if t and not any(ch.isdigit() for ch in t) and len(t) <= 40)
    return known * 3 + wordy - numbers * 2


def drop_summary_rows(
    data: list[tuple[int, list[object]]],
) -> tuple[list[tuple[int, list[object]]], list[int]]:
    """Rows starting with "Total" anywhere, and footer/timestamp rows at the bottom, are not customers."""
    dropped = []
    kept = []
    for excel_row, cells in data:
        first = cells[0]
        if first == "" or first is None:
            first = next((v for v in cells if v != "" and v is not None), "")
        if type(first) is str and first[:1] in "TtGgSsCc " and _TOTAL.match(first):
            dropped.append(excel_row)
        else:
            kept.append((excel_row, cells))
    while kept and _is_footer(kept[-1][1]):
        dropped.append(kept.pop()[0])
    return kept, sorted(dropped)


def _is_footer(cells: list[object]) -> bool:
    filled = [v for v in cells if v != "" and v is not None]
    if len(filled) > 2:
        return False
    if all(isinstance(v, (datetime.date, datetime.time, datetime.timedelta)) for v in filled):
        return True
    return any(isinstance(v, str) and _FOOTER.match(v) for v in filled)


# ----------------------------------------------------------------------------- mapping guesses


# The part of an address a grouped heading names after its group ("Address 1 - Street", "Address_2 City").
_ADDRESS_PART_NAMES = {
    "street": "street", "street 1": "street", "street line 1": "street", "line 1": "street",
    "address line 1": "street", "street address": "street", "address 1": "street",
    "street 2": "street2", "street line 2": "street2", "line 2": "street2", "address line 2": "street2",
    "extended address": "street2", "po box": "street2", "unit": "street2", "apt": "street2",
    "suite": "street2", "street 3": "street2", "street line 3": "street2",
    "city": "city", "town": "city", "state": "region", "region": "region", "province": "region",
    "state region": "region", "zip": "postal_code", "zip code": "postal_code", "postal code": "postal_code",
    "postcode": "postal_code", "country": "country", "country region": "country",
    "formatted": "full_address", "full": "full_address", "address": "full_address", "label": "site_label",
    "type": "site_label", "name": "site_label", "billing": "site_is_billing", "is billing": "site_is_billing",
    "billing address": "site_is_billing",
}  # fmt: skip
_GROUPED = re.compile(r"^(address|addr|location|property|site|phone|telephone|email|organization|website)"
                      r" (\d+) (.+)$")  # fmt: skip
_ID_HEADING = re.compile(r"\b(id|ids|guid|uuid)$")
_WORD_FORMS = r"(?:s|es|ed|ation|ations|ing)?\b"
# Yes/no fields a heading may name, by its words: what a column of yes/no values is imported as.
_FLAG_WORDS = (
    (re.compile(r"\bdo not service\b|\bdns\b|\bno service\b"), "do_not_service"),
    (re.compile(r"\bdo not call\b|\bdnc\b|\bno call"), "do_not_call"),
    (re.compile(r"\bdo not mail\b|\bno mail\b"), "do_not_mail"),
    (re.compile(r"\bdo not e ?mail\b|\bopt(ed)? out\b|\bunsubscribed\b|\bno e ?mail\b"), "do_not_email"),
    (re.compile(r"\bbill(ing)?\b"), "site_is_billing"),
    (re.compile(r"\b(commercial|business|company)\b"), "customer_type"),
)


def guess_target(header: str) -> str:
    """The target key a header most likely means; "note" (kept with its heading) when unknown."""
    key = normalise_header(header)
    if not key or re.fullmatch(r"column [a-z]+", key):
        return "note"
    if key in KNOWN_HEADERS:
        return KNOWN_HEADERS[key]
    if str(header).strip().endswith("?"):  # "Address_1 Billing?", "Commercial?": a yes or a no
        return flag_target(key)
    if grouped := _GROUPED.match(key):
        return _grouped_target(grouped.group(1), grouped.group(3))
    if _ID_HEADING.search(key):  # "Associated Company ID", "Address ID": a record number, not the thing
        return "note"
    if (part := _address_part(key)) is not None:  # Outlook's "Business Street 2", "Home Postal Code"
        return part
    digits = re.findall(r"\d+", key)
    for alias, _score, _index in process.extract(
        key, KNOWN_HEADERS.keys(), scorer=fuzz.ratio, score_cutoff=88, limit=5
    ):
        if re.findall(r"\d+", alias) == digits:  # "Street Address 2" is not "Street Address"
            return KNOWN_HEADERS[alias]
    for word, target in KEYWORDS:
        if re.search(rf"\b{word}{_WORD_FORMS}", key):
            return target
    return "note"


def _address_part(key: str) -> str | None:
    """The address target of a heading that is a known part after a prefix of its own ("business street
    2" → the street's second line), or None."""
    words = key.split()
    start = 0
    while start < len(words) and words[start] not in _PART_WORDS:
        start += 1
    rest = " ".join(words[start:])
    if 0 < start < len(words) and KNOWN_HEADERS.get(rest) in SERVICE_ADDRESS_TARGETS:
        return KNOWN_HEADERS[rest]
    return None


def flag_target(key: str) -> str:
    """The yes/no field a (normalised) heading names, or "note" when it names none."""
    for pattern, target in _FLAG_WORDS:
        if pattern.search(key):
            return target
    return "note"


def _grouped_target(group: str, part: str) -> str:
    """Google's and Housecall Pro's numbered groups: "Address 1 - City", "Phone 2 - Value"."""
    if group in ("address", "addr", "location", "property", "site"):
        return _ADDRESS_PART_NAMES.get(part, "note")
    if group in ("phone", "telephone"):
        # A number's label ("Mobile", "Work") is read with the number (see `phone_labels`).
        return "phone" if part in ("value", "number") else "ignore" if part in ("label", "type") else "note"
    if group == "email":
        return "email" if part in ("value", "address") else "ignore" if part in ("label", "type") else "note"
    if group == "organization" and part == "name":
        return "company"
    return "note"


def guess_mapping_fresh(headers: list[str]) -> dict[int, str]:
    """Column index → target key, from the header names alone (`fit_mapping` then checks the values).

    Several columns may map to one target (QuickBooks' "Customer" and "Full Name", HubSpot's "Company Name"
    and "Associated Company"): the first filled value that fits is used and the others are kept in the
    notes (rows.py), so no column is set aside here.
    """
    return {index: guess_target(header) for index, header in enumerate(headers)}


def phone_labels(headers: list[str], mapping: dict[int, str]) -> dict[int, int]:
    """Phone column → the column holding its label: Google's "Phone 1 - Value" and "Phone 1 - Label"."""
    keys = [normalise_header(h) for h in headers]
    found = {}
    for index, target in mapping.items():
        grouped = _GROUPED.match(keys[index])
        if target not in ("phone", "phone_mobile", "phone_work") or not grouped:
            continue
        if grouped.group(1) not in ("phone", "telephone") or grouped.group(3) not in ("value", "number"):
            continue
        for kind in ("label", "type"):
            label = f"{grouped.group(1)} {grouped.group(2)} {kind}"
            if label in keys:
                found[index] = keys.index(label)
                break
    return found


# ----------------------------------------------------------------------------- do the values fit


def _postal_problem(cleaned: str) -> str:
    """A column-wide look only (rows.py repairs and checks each ZIP): a US ZIP or a Canadian postal code."""
    if is_flag(cleaned) and not cleaned.isdigit():
        return Said("“{value}” is a yes/no value, not a ZIP code", value=cleaned)
    compact = cleaned.replace("-", "").replace(" ", "")
    if compact.isdigit() and 3 <= len(compact) <= 9:
        return ""
    if re.fullmatch(r"[A-Za-z]\d[A-Za-z]\d[A-Za-z]\d", compact):
        return ""
    return Said("“{value}” is not a ZIP code", value=cleaned)


def _equipment_kind_problem(cleaned: str) -> str:
    if cleaned.lower() in CUSTOMER_TYPE_WORDS:
        return Said("“{value}” is a kind of customer, not of equipment", value=cleaned)
    return text_problem(cleaned)


_NAMES = {"first_name", "last_name", "company", "full_name"}
_WORDS = {"segment", "source", "site_label", "brand", "model", "serial"}
# Target → why a value (cleaned text) cannot be it, "" when it can. Phones, e-mails and dates have parsers of
# their own that keep what they cannot read; notes take anything.
VALUE_CHECKS = {
    **dict.fromkeys(_NAMES, name_problem),
    **dict.fromkeys(_WORDS, text_problem),
    "equipment_kind": _equipment_kind_problem,
    **dict.fromkeys(FLAG_TARGETS, flag_problem),
    **{f"{prefix}street": addr.street_problem for prefix in ("", "billing_")},
    **{f"{prefix}street2": addr.unit_problem for prefix in ("", "billing_")},
    **{f"{prefix}city": addr.city_problem for prefix in ("", "billing_")},
    **{f"{prefix}region": addr.region_problem for prefix in ("", "billing_")},
    **{f"{prefix}postal_code": _postal_problem for prefix in ("", "billing_")},
    **{f"{prefix}country": addr.country_problem for prefix in ("", "billing_")},
    "lifetime_value": money_problem,
}
_REFUSALS = {"do_not_call", "do_not_mail", "do_not_email", "do_not_service"}
SAMPLE_VALUES = 200  # per column, spread over the sheet: enough to judge a column by, fast at 100,000 rows
MISFIT_SHARE = (
    0.5  # more than this share of a column's values misfit: the column is not what it was taken for
)


def fit_mapping(
    headers: list[str], rows: list[tuple[int, list[object]]], mapping: dict[int, str], north_american: bool
) -> tuple[dict[int, str], list[str]]:
    """The mapping with each column whose values mostly cannot be its target remapped, and what was changed.

    A column of yes/no values becomes the yes/no field its heading names ("Address_1 Billing?": the site is
    the billing address) or a note; any other misfit column becomes a note (kept with its heading). A
    refusal column whose values are words ("moved away") keeps its mapping: each row is read on its own.
    `north_american`: states are checked as US states and Canadian provinces (the business's region).
    """
    fitted = dict(mapping)
    changes = []
    for index, target in sorted(mapping.items()):
        check = VALUE_CHECKS.get(target)
        if check is None or target in _REFUSALS or (target.endswith("region") and not north_american):
            continue
        sample = _sample(rows, index)
        misfits = [value for value in sample if check(value)]
        if not sample or len(misfits) <= len(sample) * MISFIT_SHARE:
            continue
        flags = all(is_flag(value) for value in sample)
        new = flag_target(normalise_header(headers[index])) if flags else "note"
        if all(value.lower() in CUSTOMER_TYPE_WORDS for value in sample):
            new = "customer_type"  # ServiceTitan's "Type": Residential or Commercial, not a furnace
        if new == target or (target in FLAG_TARGETS and new in FLAG_TARGETS):
            new = "note"
        fitted[index] = new
        changes.append(
            Said(
                "Column “{header}” holds {what}, not “{field}”: imported as {new}",
                header=headers[index],
                what=Said("yes/no values") if flags else Said("values such as “{value}”", value=misfits[0]),
                field=target_label(target),
                new=Said("“{field}”.", field=target_label(new))
                if new != "note"
                else Said("a note with its heading."),
            )
        )
    return fitted, changes


def _sample(rows: list[tuple[int, list[object]]], index: int) -> list[str]:
    """Up to SAMPLE_VALUES filled values of a column, taken from the whole sheet, not just its top."""
    step = max(1, len(rows) // (SAMPLE_VALUES * 5))
    found = []
    for position in range(0, len(rows), step):
        cells = rows[position][1]
        if index >= len(cells):
            continue
        value = text(cells[index])
        if value and value.lower() not in PLACEHOLDERS:
            found.append(value)
            if len(found) >= SAMPLE_VALUES:
                break
    return found


# ----------------------------------------------------------------------------- addresses


@dataclass
class AddressColumns:
    """The columns of one address of a row: the service address, another one ("Home", "Address 2") or the
    billing address. `parts`: part name (see fields.ADDRESS_PARTS, "site_label", "site_is_billing") →
    the columns mapped to it, in the sheet's order; `lines`: "Ship to"/"Bill to" lines."""

    prefix: str
    billing: bool = False
    parts: dict[str, list[int]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The site's name when the row gives none: "Business", "Home"; "" for a plain or numbered one."""
        if self.billing or not self.prefix or re.fullmatch(r"address \d+", self.prefix):
            return ""
        return self.prefix.capitalize()

    def has_address(self) -> bool:
        return bool(self.lines) or any(part in self.parts for part in _WHERE_PARTS)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# The parts that say where a place is (a state or a country alone does not).
_WHERE_PARTS = ("full_address", "street", "street2", "city", "postal_code")
_PART_WORDS = _words(
    "street address addr line lines city town state st region province zip zipcode postal postcode code "
    "country formatted extended po box unit apt apartment suite ste label type name billing is number no s "
    "or and full whole 1 2 3 4 5"
)
# Words that say "the service address" and nothing else: Jobber's "Service City", ServiceTitan's "Location".
_SERVICE_WORDS = _words(
    "service location property site job ship shipping primary main customer client contact"
)


def address_prefix(header: str) -> str:
    """What tells one address's columns from another's: "business" of "Business Street 2", "address 2" of
    "Address 2 - City", "" of "Street", "Service City" or "Zip"."""
    key = normalise_header(header)
    if numbered := re.match(r"^(?:address|addr) (\d+) ", key):
        return f"address {numbered.group(1)}"
    return " ".join(w for w in key.split() if w not in _PART_WORDS and w not in _SERVICE_WORDS)


def address_columns(headers: list[str], mapping: dict[int, str]) -> list[AddressColumns]:
    """The row's addresses: service ones in the order their columns come (the first is the main site),
    then the billing one. A prefix with no street, town or ZIP of its own (a lone "Country" or "Property
    Name") belongs to the main address."""
    service: dict[str, AddressColumns] = {}
    billing = AddressColumns("billing", billing=True)
    for index in sorted(mapping):
        target = mapping[index]
        if target in SERVICE_ADDRESS_TARGETS:
            prefix = address_prefix(headers[index])
            service.setdefault(prefix, AddressColumns(prefix)).parts.setdefault(target, []).append(index)
        elif target in BILLING_ADDRESS_TARGETS:
            billing.parts.setdefault(target.removeprefix("billing_"), []).append(index)
        elif target.startswith("ship_to_"):
            service.setdefault("", AddressColumns("")).lines.append(index)
        elif target.startswith("bill_to_"):
            billing.lines.append(index)
    sets = list(service.values())
    real = [s for s in sets if s.has_address()]
    if real:
        for extra in (s for s in sets if not s.has_address()):
            for part, columns in extra.parts.items():
                real[0].parts.setdefault(part, []).extend(columns)
        sets = real
    for found in sets:
        for columns in found.parts.values():
            columns.sort()
    if billing.parts or billing.lines:
        sets.append(billing)
    return sets


def check_mapping(mapping: dict[int, str], width: int) -> dict[int, str]:
    """Mapping keys may arrive as text (from JSON); every target must be known."""
    checked = {}
    for index, target in mapping.items():
        column = int(index)
        if target not in TARGET_KEYS:
            raise UserError(Said("“{target}” is not something a column can be imported as.", target=target))
        if 0 <= column < width:
            checked[column] = target
    return checked
