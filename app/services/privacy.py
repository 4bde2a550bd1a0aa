"""Privacy: everything about one customer in a workbook, erasure on request, and private files.

Erasing a customer deletes them with their whole history and keeps only one-way
hashes (SHA-256) of their phones, e-mails and name with postal code, so that a
later import recognises them and leaves them out: they are never brought back
and never sent a letter. A hash can't be turned back into the number or name it
came from, but anyone holding the database could test a guessed phone number
against it; that is the price of recognising someone without keeping their data.

Backups taken before the erasure still hold the customer until the rotation
removes them (at most 12 months); the owner is told so when erasing.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from app.domain import i18n
from app.domain.errors import UserError
from app.domain.fields import CHANNEL_LABELS, ENTITIES, FieldKind
from app.domain.kinds import OPPORTUNITY_KIND_LABELS
from app.domain.values import normalize_phone
from app.persistence import privacy as repository

KEY_VERSION = "cfl-suppression-v1"
SHEET_TITLES = {
    "customer": "Customer",
    "site": "Sites",
    "equipment": "Equipment",
    "service_plan": "Service plans",
    "sale": "Sales",
    "sale_line": "Sale lines",
    "visit": "Visits",
    "touch": "Contacts",
    "opportunity": "Opportunities",
    "campaign_recipient": "Campaigns",
    "disclosure": "Shared with partners",
    "referral": "Referrals",
}
# In the owner's language other than English, what the customer reads: a field's own label as its
# heading (a link to another row keeps its "… number" heading: the cell holds a number), the words
# of a coded value (the form's choices), and the app's own English (reasons) read back.
_NOT_LABELLED = {FieldKind.REFERENCE, FieldKind.TIME}  # the call window reads better by its column
FIELD_LABELS = {
    (entity.table, spec.column_name): spec.label
    for entity in ENTITIES
    for spec in entity.fields
    if spec.kind not in _NOT_LABELLED
}
VALUE_WORDS: dict[tuple[str, str], dict[object, str]] = {
    **{
        (entity.table, spec.column_name): {value: label for label, value in spec.choices if value}
        for entity in ENTITIES
        for spec in entity.fields
        if spec.choices
    },
    ("opportunity", "kind"): {kind.value: label for kind, label in OPPORTUNITY_KIND_LABELS.items()},
    ("campaign_recipient", "channel"): {channel.value: label for channel, label in CHANNEL_LABELS.items()},
    ("referral", "direction"): {
        "to_partner": "we sent them the customer",
        "from_partner": "they sent us the customer",
    },
    ("referral", "status"): {
        status: f"{status} (referral)" for status in ("referred", "contacted", "won", "lost", "paid")
    },
}
WRITTEN_BY_THE_APP = {
    ("touch", "reason"),
    ("opportunity", "reason"),
    ("opportunity", "status"),
    ("campaign_recipient", "exclusion_reason"),
    ("disclosure", "what"),
    ("referral", "commission_note"),
}


# ---------------------------------------------------------------- suppression keys


def _hash(kind: str, value: str) -> str:
    return hashlib.sha256(f"{KEY_VERSION}:{kind}:{value}".encode()).hexdigest()


def _phone_value(phone: str, region: str) -> str:
    try:
        return normalize_phone(phone, "phone", region)
    except UserError:
        digits = "".join(ch for ch in phone if ch.isdigit())
        return digits if len(digits) >= 7 else ""


def _name_value(name: str) -> str:
    """The words of a name without accents, case or order: "Núñez, José" = "jose nunez"."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = re.findall(r"\w+", plain)
    return " ".join(sorted(words))


def _postal_value(postal_code: str) -> str:
    text = re.sub(r"[^0-9A-Za-z]", "", postal_code).upper()
    if re.fullmatch(r"\d{9}", text):  # a US ZIP+4 is the same place as its ZIP
        text = text[:5]
    return text


def match_keys(
    *,
    phone: str | list[str] = "",
    email: str | list[str] = "",
    name: str | list[str] = "",
    postal_code: str | list[str] = "",
    region: str = "US",
) -> list[str]:
    """The suppression keys for what is known of a person (each argument: one value or several).

    A name only counts together with a postal code: a name alone is too common.
    """
    keys = set()
    for value in _listed(phone):
        if cleaned := _phone_value(value, region):
            keys.add(_hash("phone", cleaned))
    for value in _listed(email):
        if cleaned := value.strip().lower().removeprefix("mailto:"):
            keys.add(_hash("email", cleaned))
    postal_codes = [p for p in (_postal_value(v) for v in _listed(postal_code)) if p]
    for value in _listed(name):
        if cleaned := _name_value(value):
            keys.update(_hash("name", f"{cleaned}|{postal}") for postal in postal_codes)
    return sorted(keys)


def _listed(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def is_suppressed(*, phone: str = "", email: str = "", name: str = "", postal_code: str = "") -> bool:
    """True when this person was erased on request and must not be imported again."""
    return repository.any_suppressed(match_keys(phone=phone, email=email, name=name, postal_code=postal_code))


def suppressed_keys() -> frozenset[str]:
    """The suppression list, to check a large import row by row without a query per row:
    `not suppressed.isdisjoint(match_keys(...))` means leave the row out."""
    return repository.suppressed_keys()


def customer_keys(data: dict[str, list[dict[str, Any]]]) -> list[str]:
    customer = data["customer"][0]
    names = [
        customer["display_name"],
        f"{customer['first_name']} {customer['last_name']}",
        customer["company"],
    ]
    return match_keys(
        phone=[customer["phone"], customer["phone_mobile"], customer["phone_work"]],
        email=[customer["email"], customer["email2"]],
        name=[n for n in names if n.strip()],
        postal_code=[site["postal_code"] for site in data.get("site", [])],
    )


# ---------------------------------------------------------------- erasure


@dataclass(frozen=True)
class Erasure:
    removed: dict[str, int]  # rows removed per table
    keys_kept: int  # suppression keys stored


def erase_customer(customer_id: int) -> Erasure:
    """Delete the customer and all their history, keeping only their suppression keys.

    There is no undo: take the export first if the customer asked for their data.
    """
    data = repository.customer_data(customer_id)
    keys = customer_keys(data)
    removed = repository.erase_customer(customer_id, keys)
    return Erasure(removed=removed, keys_kept=len(keys))


# ---------------------------------------------------------------- export


def export_customer(customer_id: int, out: Path) -> Path:
    """Everything stored about one customer, one sheet per kind of record, in an .xlsx workbook."""
    data = repository.customer_data(customer_id)
    out = Path(out).expanduser()
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    workbook = Workbook()
    _customer_sheet(workbook.active, data["customer"][0])
    for table in repository.EXPORT_TABLES[1:]:
        rows = data.get(table) or []
        if rows:
            _table_sheet(workbook.create_sheet(i18n.t(SHEET_TITLES[table])), table, rows)
    partial = out.with_name(out.name + ".partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(partial)
        restrict_to_owner(partial)
        partial.replace(out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"The export could not be written to {out}: {error.strerror or error}.") from error
    return out


def _in_english() -> bool:
    return i18n.language() == i18n.DEFAULT_LANGUAGE


def _heading(table: str, column: str) -> str:
    """The column's heading: in English as the column is named ("Phone mobile"), otherwise the
    field's label or the column's name in the owner's language ("Celular")."""
    if _in_english():
        return _header(column)
    return i18n.t(FIELD_LABELS.get((table, column)) or _header(column))


def _shown(table: str, column: str, value: Any) -> Any:
    """A value as the customer reads it: in English as stored; otherwise yes/no, a coded value's
    word and the app's own sentences in the owner's language (the owner's typing stays as typed)."""
    if _in_english() or value is None:
        return _value(column, value)
    if isinstance(value, bool):
        return i18n.t("Yes") if value else i18n.t("No")
    words = VALUE_WORDS.get((table, column))
    if words is not None and value in words:
        return i18n.t(words[value])
    if (table, column) in WRITTEN_BY_THE_APP and isinstance(value, str):
        return _value(column, i18n.translated(value))
    return _value(column, value)


def _header(column: str) -> str:
    for suffix, word in (("_cents", ""), ("_bp", " (%)"), ("_id", " number")):
        if column.endswith(suffix):
            column = column[: -len(suffix)] + word
    return column.replace("_", " ").strip().capitalize()


def _value(column: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # control characters have no place in xlsx
    if column.endswith("_cents") and isinstance(value, int):
        return Decimal(value) / 100
    if column.endswith("_bp") and isinstance(value, int):
        return Decimal(value) / 100
    return value


def _put(sheet, row: int, column: int, value: Any) -> None:
    """Write a value as data: text that looks like a formula ("=…") stays text."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"


def _customer_sheet(sheet, customer: dict[str, Any]) -> None:
    sheet.title = i18n.t(SHEET_TITLES["customer"])
    _put(sheet, 1, 1, i18n.t("Field"))
    _put(sheet, 1, 2, i18n.t("Value"))
    for index, (column, value) in enumerate(customer.items(), start=2):
        _put(sheet, index, 1, _heading("customer", column))
        _put(sheet, index, 2, _shown("customer", column, value))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60


def _table_sheet(sheet, table: str, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    for index, column in enumerate(columns, start=1):
        heading = _heading(table, column)
        _put(sheet, 1, index, heading)
        wide = column if _in_english() else heading  # as English always had it
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(wide) + 4))
    for row_index, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            _put(sheet, row_index, index, _shown(table, column, row.get(column)))
    sheet.freeze_panes = "A2"


# ---------------------------------------------------------------- private files


def restrict_to_owner(path: Path) -> None:
    """Readable by the owner only (POSIX mode 600). On Windows, the app's data folder under
    %LOCALAPPDATA% is already private to the user (its ACL grants only the user, SYSTEM and
    Administrators), so nothing is changed there."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        path.chmod(0o600)


def protect_data_files(database: str | Path, data_dir: Path | None = None) -> None:
    """Make the database (with its -wal and -shm), the backups and the logs private to the owner.

    Call after opening the database: SQLite creates new files with the process's umask
    (usually readable by everyone), and its -wal and -shm take the database file's mode.
    """
    if sys.platform == "win32" or "://" in str(database):
        return
    path = Path(database).expanduser()
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            restrict_to_owner(companion)
    folders = [path.parent / "backups"]
    if data_dir is not None:
        folders += [data_dir / "backups", data_dir / "logs"]
    for folder in folders:
        if folder.is_dir():
            with contextlib.suppress(OSError):
                folder.chmod(0o700)
            for child in folder.iterdir():
                if child.is_file():
                    restrict_to_owner(child)
