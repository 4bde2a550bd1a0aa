"""Each entity's fields, declared once: name, what the owner reads, kind, choices and how it is imported.

Derived from these tuples, in their order: the forms (ui/dialogs/forms.py); the importer's targets for
these fields with their labels, which of them are dates or phones or take several columns, and how a
mapped value becomes the field (app/services/importing: fields.py, rows.py, merging.py); the columns and
headings of the export as the importer reads it back (app/services/importing/exported.py). The export
writes every column of every table (app/persistence/exports.py); the tests check that each declared field
is a column of its table and each column of these tables is declared or kept by the app (`app_columns`).

Adding a field: its attribute on the draft and its entry here (tests/domain/test_fields.py fails until the
two agree), the table's column and its migration, and a value for it in
tests/services/test_declared_fields.py. Nothing else needs to change; the headings other programs give
such a column, for the importer to guess it, are kept in app/services/importing/fields.py.

Each FieldSpec's `name` is the draft's attribute and, unless `column` says otherwise, the table's column.
Choices that depend on the data (the business's segments, the customer's sites) are not declared: the
form builder supplies them for the fields of kind REFERENCE.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from app.domain.customers import CustomerDraft
from app.domain.kinds import Channel, CustomerKind, PlanStatus
from app.domain.records import (
    TOUCH_OUTCOMES,
    VISIT_KINDS,
    EquipmentDraft,
    PlanDraft,
    SaleDraft,
    SiteDraft,
    TouchDraft,
    VisitDraft,
)


class FieldKind(StrEnum):
    """What a field holds; it picks the form's editor and how the importer reads a cell."""

    TEXT = "text"  # one line
    MULTILINE = "multiline"
    PHONE = "phone"  # typed as people write it, kept as E.164
    EMAIL = "email"
    TIME = "time"  # a time of day, kept as "HH:MM"
    BOOL = "bool"
    DATE = "date"  # always given
    OPTIONAL_DATE = "optional_date"
    DATETIME = "datetime"
    CHOICE = "choice"  # one of the declared `choices`
    REFERENCE = "reference"  # a row of another table (a segment, a site): choices come from the data
    MONEY = "money"  # a Decimal in the draft, integer cents in the table
    INT = "int"


DATE_KINDS = frozenset({FieldKind.DATE, FieldKind.OPTIONAL_DATE})


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # the owner's word for it: the form's label, the import target, the export heading
    kind: FieldKind = FieldKind.TEXT
    choices: tuple[tuple[str, object], ...] = ()  # CHOICE: (what the owner reads, stored value)
    placeholder: str = ""
    maximum: int | None = None  # INT: the largest value the form takes
    column: str = ""  # the table's column, when it is not `name` (money: "total" is kept as "total_cents")
    # The importer's target that fills this field ("" = not offered). Usually the name; a different key
    # where the importer has long called it otherwise (and remembered mappings hold that key), or where
    # one target fills several fields (the e-mail target's second address is `email2`).
    imports: str = ""
    on_form: bool = True  # False: the app sets it (a consent's date, a contact's direction)
    may_be_future: bool = False  # a date still to come is fine (a warranty's end, a plan's renewal)

    @property
    def column_name(self) -> str:
        return self.column or self.name


@dataclass(frozen=True)
class Entity:
    table: str
    draft: type
    fields: tuple[FieldSpec, ...]
    parent: str = ""  # the draft's link to the record it belongs to, given by the app (never on a form)
    # Table columns that are no field of the owner's: ids, links and stamps the app keeps by itself.
    app_columns: tuple[str, ...] = ("id",)

    def field(self, name: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.name == name)

    @property
    def importable(self) -> tuple[FieldSpec, ...]:
        return tuple(spec for spec in self.fields if spec.imports)

    @property
    def draft_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self.draft))


_TEXT, _MULTILINE, _BOOL = FieldKind.TEXT, FieldKind.MULTILINE, FieldKind.BOOL
_OPTIONAL_DATE, _REFERENCE = FieldKind.OPTIONAL_DATE, FieldKind.REFERENCE

CUSTOMER = Entity(
    "customer",
    CustomerDraft,
    (
        FieldSpec(
            "kind",
            "Household or business",
            FieldKind.CHOICE,
            (("Household", CustomerKind.HOUSEHOLD.value), ("Business", CustomerKind.BUSINESS.value)),
            imports="customer_type",
        ),
        FieldSpec("first_name", "First name", imports="first_name"),
        FieldSpec("last_name", "Last name", imports="last_name"),
        FieldSpec("company", "Company", imports="company"),
        FieldSpec("phone", "Phone", FieldKind.PHONE, placeholder="(410) 555-0123", imports="phone"),
        FieldSpec("phone_mobile", "Mobile phone", FieldKind.PHONE, imports="phone_mobile"),
        FieldSpec("phone_work", "Work phone", FieldKind.PHONE, imports="phone_work"),
        FieldSpec("email", "E-mail", FieldKind.EMAIL, imports="email"),
        FieldSpec("email2", "Other e-mail", FieldKind.EMAIL, imports="email"),
        FieldSpec("segment_id", "Segment", _REFERENCE, imports="segment"),
        FieldSpec("call_window_start", "Best time to call from", FieldKind.TIME, placeholder="e.g. 10:00"),
        FieldSpec("call_window_end", "… until", FieldKind.TIME, placeholder="e.g. 4:30 pm"),
        FieldSpec("do_not_call", "Do not call", _BOOL, imports="do_not_call"),
        FieldSpec("do_not_mail", "Do not mail", _BOOL, imports="do_not_mail"),
        FieldSpec("do_not_email", "Do not e-mail", _BOOL, imports="do_not_email"),
        FieldSpec("do_not_service", "Do not service (no contact at all)", _BOOL, imports="do_not_service"),
        FieldSpec("share_with_partners", "May share details with partners", _BOOL),
        # Stamped by the draft when sharing is ticked: the day consent was given, not the owner's to type.
        FieldSpec("share_consent_on", "Consent to share given on", _OPTIONAL_DATE, on_form=False),
        FieldSpec("source", "How they found us", imports="source"),
        FieldSpec("customer_since", "Customer since", _OPTIONAL_DATE, imports="customer_since"),
        FieldSpec("notes", "Notes", _MULTILINE, imports="notes"),
    ),
    app_columns=("id", "display_name", "referred_by_id", "created_at", "updated_at", "version"),
)

SITE = Entity(
    "site",
    SiteDraft,
    (
        FieldSpec(
            "label", "Name of the site", placeholder="e.g. Home, Rental on 5th St", imports="site_label"
        ),
        FieldSpec("street", "Street", imports="street"),
        FieldSpec("street2", "Apartment, suite", imports="street2"),
        FieldSpec("city", "City", imports="city"),
        FieldSpec("region", "State", imports="region"),
        FieldSpec("postal_code", "ZIP code", imports="postal_code"),
        FieldSpec(
            "country",
            "Country",
            FieldKind.CHOICE,
            (("United States", "US"), ("Canada", "CA")),
            imports="country",
        ),
        FieldSpec("is_billing", "Site is the billing address", _BOOL, imports="site_is_billing"),
        FieldSpec("notes", "Notes", _MULTILINE),
    ),
    parent="customer_id",
    app_columns=("id", "customer_id"),
)

EQUIPMENT = Entity(
    "equipment",
    EquipmentDraft,
    (
        FieldSpec("site_id", "Site", _REFERENCE),
        FieldSpec(
            "kind",
            "Kind of equipment",
            placeholder="e.g. Furnace, Water heater",
            imports="equipment_kind",
        ),
        FieldSpec("brand", "Brand", imports="brand"),
        FieldSpec("model", "Model", imports="model"),
        FieldSpec("serial", "Serial number", imports="serial"),
        FieldSpec("installed_on", "Installed on", _OPTIONAL_DATE, imports="installed_on"),
        FieldSpec("installed_by_us", "Installed by us", _BOOL),
        FieldSpec(
            "warranty_until", "Warranty until", _OPTIONAL_DATE, imports="warranty_until", may_be_future=True
        ),
        FieldSpec("notes", "Notes", _MULTILINE),
    ),
    app_columns=("id", "catalog_item_id", "removed_on"),
)

VISIT = Entity(
    "visit",
    VisitDraft,
    (
        FieldSpec("visited_on", "Date", FieldKind.DATE),
        FieldSpec("kind", "Kind", FieldKind.CHOICE, tuple((k.capitalize(), k) for k in VISIT_KINDS)),
        FieldSpec("site_id", "Site", _REFERENCE),
        FieldSpec("equipment_id", "Equipment", _REFERENCE),
        FieldSpec("technician", "Technician"),
        FieldSpec("findings", "Findings", _MULTILINE),
    ),
    parent="customer_id",
    app_columns=("id", "customer_id", "plan_id"),
)

SALE = Entity(
    "sale",
    SaleDraft,
    (
        FieldSpec("sold_on", "Date", FieldKind.DATE),
        FieldSpec("description", "Description", placeholder="e.g. Furnace replacement"),
        FieldSpec("total", "Total", FieldKind.MONEY, placeholder="e.g. 4,250.00", column="total_cents"),
        FieldSpec("job_number", "Job number"),
        FieldSpec("site_id", "Site", _REFERENCE),
    ),
    parent="customer_id",
    app_columns=("id", "customer_id", "campaign_id", "opportunity_id", "referral_id"),
)

PLAN = Entity(
    "service_plan",
    PlanDraft,
    (
        FieldSpec("name", "Plan", placeholder="e.g. Comfort Club"),
        FieldSpec("started_on", "Starts on", FieldKind.DATE),
        FieldSpec("ends_on", "Renews on", FieldKind.DATE, may_be_future=True),
        FieldSpec("price", "Price per term", FieldKind.MONEY, column="price_cents"),
        FieldSpec("visits_per_year", "Visits per year", FieldKind.INT, maximum=52),
        FieldSpec("auto_renew", "Renews automatically", _BOOL),
        FieldSpec("status", "Status", FieldKind.CHOICE, tuple((s.capitalize(), s.value) for s in PlanStatus)),
        FieldSpec("site_id", "Site", _REFERENCE),
    ),
    parent="customer_id",
    app_columns=("id", "customer_id", "catalog_item_id"),
)

CHANNEL_LABELS = {
    Channel.CALL: "Phone call",
    Channel.MAIL: "Letter or postcard",
    Channel.EMAIL: "E-mail",
    Channel.TEXT: "Text message",
    Channel.VISIT: "Visit",
    Channel.IN_PERSON: "In person",
}

TOUCH = Entity(
    "touch",
    TouchDraft,
    (
        FieldSpec(
            "channel",
            "Channel",
            FieldKind.CHOICE,
            tuple((label, channel.value) for channel, label in CHANNEL_LABELS.items()),
        ),
        FieldSpec("happened_at", "When", FieldKind.DATETIME),
        FieldSpec(
            "outcome",
            "Outcome",
            FieldKind.CHOICE,
            tuple((o.capitalize() or "(none)", o) for o in TOUCH_OUTCOMES),
        ),
        FieldSpec("reason", "About", placeholder="e.g. Furnace check-in"),
        FieldSpec("by_whom", "By"),
        FieldSpec("is_marketing", "Marketing contact", _BOOL),
        FieldSpec("notes", "Notes", _MULTILINE),
        # Not on the form: a contact logged by hand is the business reaching out ("out", the default).
        FieldSpec(
            "direction",
            "Who reached out",
            FieldKind.CHOICE,
            (("We did", "out"), ("They did", "in")),
            on_form=False,
        ),
    ),
    parent="customer_id",
    app_columns=("id", "customer_id", "campaign_id", "opportunity_id"),
)

ENTITIES: tuple[Entity, ...] = (CUSTOMER, SITE, EQUIPMENT, VISIT, SALE, PLAN, TOUCH)
