"""What a column can be imported as, and the column names real exports and hand-made sheets use.

The names come from the customer exports of QuickBooks Desktop ("Customer",
"Bill to 1".."Bill to 5", "Main Phone", "Main Email"), QuickBooks Online ("Phone
Numbers" with labelled numbers, "Billing Address"), Jobber (one row per service
property: "Service Street 1", "Billing Street 1", "Main Phone #s"), Housecall Pro
("Mobile Number", "Home Number", "Street Line 2"), ServiceTitan ("Customer Id",
"Customer Name", "Location Address") and the sheets owners make themselves
("Cust Name", "Town", "Model #", "Installed"). Matching is on a normalised form
(see `normalise_header`), so case, punctuation and "#"/"No." do not matter.

The targets for the fields of customers, sites and equipment, their labels and kinds come from the
declaration (app/domain/fields.py); the names other programs give those columns are kept here.
"""

from __future__ import annotations

import re

from app.domain.fields import CUSTOMER, DATE_KINDS, EQUIPMENT, SITE, Entity, FieldKind
from app.domain.said import Said


def _targets(entity: Entity) -> list[tuple[str, str]]:
    """The entity's importable fields as (target key, label), in the declared order; a target that fills
    several fields (the e-mail target: email, then email2) once, under its first field's label."""
    found: dict[str, str] = {}
    for spec in entity.importable:
        found.setdefault(spec.imports, spec.label)
    return list(found.items())


# The entities' fields come from their declaration; the others here are the importer's own: a whole name or
# address to be split, the old program's number, billing and "Bill to" lines, the last visit, a note.
TARGET_FIELDS: list[tuple[str, str]] = [
    ("full_name", "Name (whole)"),
    *_targets(CUSTOMER),
    ("customer_ref", "Customer number in the old program"),
    ("full_address", "Service address (whole)"),
    *_targets(SITE),
    ("billing_full_address", "Billing address (whole)"),
    ("billing_street", "Billing street"),
    ("billing_street2", "Billing street line 2"),
    ("billing_city", "Billing city"),
    ("billing_region", "Billing state"),
    ("billing_postal_code", "Billing ZIP code"),
    ("billing_country", "Billing country"),
    *[(f"bill_to_{n}", Said("Bill to line {n}", n=n)) for n in range(1, 6)],
    *[(f"ship_to_{n}", Said("Ship to line {n}", n=n)) for n in range(1, 6)],
    *_targets(EQUIPMENT),
    ("last_service", "Last service visit"),
    # What the customer bought before, as one total: an opening-balance sale, so lifetime value counts it.
    ("lifetime_value", "Sales to date (opening balance)"),
    ("last_sale", "Last sale (the opening balance's date)"),
    ("note", "Keep as a note"),
    ("ignore", "Ignore"),
]
TARGET_KEYS = frozenset(key for key, _ in TARGET_FIELDS)
LABELS = dict(TARGET_FIELDS)  # English; `target_label` for the owner's language where it is shown


def target_label(target: str) -> Said:
    """What a target is called, in English and, where it is shown (said.shown), in the owner's language."""
    name = LABELS[target]
    return name if isinstance(name, Said) else Said(name)


IMPORTED_ENTITIES = (CUSTOMER, SITE, EQUIPMENT)
_IMPORTED = [spec for entity in IMPORTED_ENTITIES for spec in entity.importable]
DATE_TARGETS = frozenset(
    {spec.imports for spec in _IMPORTED if spec.kind in DATE_KINDS} | {"last_service", "last_sale"}
)
# Dates that may lie ahead (a warranty's end); any other day after today is a typing mistake.
FUTURE_TARGETS = frozenset(spec.imports for spec in _IMPORTED if spec.may_be_future)
PHONE_TARGETS = frozenset(spec.imports for spec in _IMPORTED if spec.kind is FieldKind.PHONE)
FLAG_TARGETS = frozenset({spec.imports for spec in _IMPORTED if spec.kind is FieldKind.BOOL})
# The parts of an address, as the service address's targets and the billing address's.
ADDRESS_PARTS = ("full_address", "street", "street2", "city", "region", "postal_code", "country")
SERVICE_ADDRESS_TARGETS = frozenset({*ADDRESS_PARTS, "site_label", "site_is_billing"})
BILLING_ADDRESS_TARGETS = frozenset(f"billing_{part}" for part in ADDRESS_PARTS)
# Targets that take several columns and combine them; any other target keeps the first filled value that
# fits it, and the other columns' values go to the notes (see rows.py).
MULTI_TARGETS = (
    PHONE_TARGETS
    | {spec.imports for spec in _IMPORTED if spec.kind in (FieldKind.EMAIL, FieldKind.MULTILINE)}
    | {"note", "ignore"}
)

_KNOWN: dict[str, tuple[str, ...]] = {
    "full_name": (
        "name", "customer", "customer name", "cust name", "cust", "client", "client name", "full name",
        "customer full name", "display name", "display name as", "contact name", "homeowner", "owner",
        "owner name", "customer display name", "account name", "primary contact", "contact", "job name",
        "customer job", "household",
    ),
    "first_name": ("first name", "first", "fname", "given name", "contact first name", "first nm"),
    "last_name": ("last name", "last", "lname", "surname", "family name", "contact last name", "last nm"),
    "company": (
        "company", "company name", "business", "business name", "organization", "organisation", "employer",
        "organization name", "organisation name", "associated company",
    ),
    "customer_type": (
        "customer type", "type of customer", "client type", "is company", "residential commercial",
        "account type",
    ),
    "customer_ref": (
        "customer id", "client id", "customer number", "customer no", "account no", "account number",
        "account", "cust id", "id", "j id", "customer code", "record id", "contact id", "crm id",
        "hubspot id", "zoho id", "record id contact",
    ),
    "phone": (
        "phone", "phone number", "phone numbers", "main phone", "home phone", "home number", "telephone",
        "tel", "phone no", "primary phone", "main phone s", "home phone s", "phone 1", "contact phone",
        "daytime phone", "alt phone", "alt. phone", "other phone", "other phone s", "phone 2", "home phone 2",
        "other phone 2", "primary phone number",
    ),
    "phone_mobile": (
        "mobile", "mobile phone", "mobile number", "cell", "cell phone", "cell number", "mobile phone s",
        "mobile no", "cellphone", "mobile phone number", "cell phone number", "car phone",
    ),
    "phone_work": (
        "work phone", "work number", "office phone", "business phone", "work phone s", "work",
        "business phone 2", "company main phone", "work phone number",
    ),
    "email": (
        "email", "email address", "e mail", "main email", "emails", "e mails", "primary email", "email 1",
        "email 2", "additional emails", "cc email", "email addresses", "mail", "secondary email",
        "work email", "personal email", "other email", "email 2 address", "email 3 address",
    ),
    "notes": (
        "notes", "note", "comments", "comment", "remarks", "customer notes", "memo", "description",
        "private notes",
    ),
    "customer_since": (
        "customer since", "created", "created date", "created on", "date created", "since", "start date",
        "first job", "first service", "date added", "added", "create date", "created time", "created at",
        "customer since date",
    ),
    "segment": ("segment", "customer segment", "category", "class"),
    "source": (
        "source", "lead source", "referral source", "how did you hear", "referred by", "marketing source",
        "campaign", "original source",
    ),
    "do_not_call": ("do not call", "dnc", "do not phone", "no calls", "do not call flag"),
    "do_not_mail": ("do not mail", "no mail", "do not send mail", "mail opt out"),
    "do_not_email": (
        "do not email", "no email", "unsubscribed", "email opt out", "unsubscribed from all email",
        "opted out of all email", "email unsubscribed",
    ),
    "do_not_service": ("do not service", "dns", "no service", "do not serve", "do not service flag"),
    "full_address": (
        "address", "service address", "full address", "location address", "property address", "site address",
        "shipping address", "ship to", "ship to address", "street address", "service location", "job address",
        "location",
    ),
    "street": (
        "street", "street 1", "street1", "address 1", "address line 1", "address1", "service street 1",
        "service street", "location street", "property street", "ship street",
    ),
    "street2": (
        "street 2", "street2", "address 2", "address line 2", "address2", "street line 2", "unit", "apt",
        "suite", "service street 2", "location unit", "street address 2", "street address line 2",
        "extended address", "po box", "unit number", "apt number", "suite number", "apartment", "street 3",
    ),
    "city": (
        "city", "town", "service city", "location city", "property city", "city town", "municipality",
        "ship city",
    ),
    "region": (
        "state", "st", "province", "region", "state province", "service state", "location state",
        "property state", "ship state", "state region", "state or province",
    ),
    "postal_code": (
        "zip", "zip code", "zipcode", "postal code", "postcode", "post code", "service zip code",
        "service zip", "location zip", "property zip", "zip postal code", "ship zip",
    ),
    "country": (
        "country", "service country", "location country", "ship country", "country region",
        "country or region",
    ),
    "site_label": (
        "service property name", "property name", "location name", "site", "site name", "job site",
        "property", "address label", "address type",
    ),
    "site_is_billing": ("billing site", "is billing", "billing address flag", "is billing address"),
    "billing_full_address": (
        "billing address", "bill address", "bill to address", "mailing address", "customer address",
        "bill to",
    ),
    "billing_street": (
        "billing street 1", "billing street", "bill street", "billing address 1", "billing address line 1",
        "mailing street", "bill address line 1",
    ),
    "billing_street2": (
        "billing street 2", "billing address 2", "billing address line 2", "mailing street 2",
    ),
    "billing_city": ("billing city", "bill city", "mailing city"),
    "billing_region": ("billing state", "bill state", "mailing state", "billing province"),
    "billing_postal_code": (
        "billing zip", "billing zip code", "bill zip", "billing postal code", "mailing zip",
        "billing zip postal code",
    ),
    "billing_country": ("billing country", "mailing country", "bill country", "billing country region"),
    "equipment_kind": (
        "equipment", "equipment type", "unit type", "system", "system type", "equipment kind", "type",
        "appliance", "product", "item", "unit installed",
    ),
    "brand": ("brand", "make", "manufacturer", "mfr", "mfg", "equipment brand", "unit brand"),
    "model": ("model", "model number", "model no", "equipment model", "unit model", "model num"),
    "serial": ("serial", "serial number", "serial no", "s n", "sn", "serial num", "equipment serial"),
    "installed_on": (
        "installed", "install date", "installed on", "date installed", "installation date", "install",
        "installed date", "year installed", "install year", "date of install",
    ),
    "warranty_until": (
        "warranty", "warranty until", "warranty expires", "warranty exp", "warranty expiration",
        "warranty end", "warranty end date", "warranty expiry",
    ),
    "last_service": (
        "last service", "last service date", "last visit", "last serviced", "last maintenance",
        "last tune up", "last job", "last job date", "serviced", "last appointment",
    ),
    "lifetime_value": (
        "total sales", "lifetime value", "lifetime revenue", "ltv", "total revenue", "total spent",
        "total invoiced", "lifetime sales", "sales to date", "total billed", "customer lifetime value",
        "lifetime spend",
    ),
    "last_sale": (
        "last sale", "last sale date", "last invoice", "last invoice date", "last purchase",
        "last purchase date", "last transaction", "last transaction date", "recent deal close date",
        "last paid invoice date",
    ),
    # Kept with their headings: what the owner may want to read, though no field holds it.
    "note": (
        "fax", "fax phone s", "business fax", "home fax", "other fax", "website", "web page", "title",
        "job title", "department", "job status", "job type", "job description", "sms enabled",
        "notifications enabled", "m i", "middle name", "middle initial", "additional name", "pager",
    ),
    # Bookkeeping of the old program, stale the day after the export: left out unless the owner maps it.
    "ignore": (
        "balance", "open balance", "balance total", "terms", "tax code", "sales tax code", "tax item",
        "credit limit", "rep", "resale num", "attachments", "active status", "archived", "currency",
        "price level", "preferred payment method", "preferred delivery method", "taxable", "tax resale no",
        "billing rate level", "payment method", "mr ms", "projected end", "end date", "row number", "no",
        "number", "email type", "email 2 type", "email 3 type",
    ),
}  # fmt: skip

# Words in an unknown header that give its meaning away, tried in this order.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("billing zip", "billing_postal_code"), ("billing city", "billing_city"),
    ("billing state", "billing_region"), ("billing street", "billing_street"),
    ("billing country", "billing_country"), ("billing", "billing_full_address"), ("mobile", "phone_mobile"),
    ("cell", "phone_mobile"), ("fax", "note"), ("work phone", "phone_work"), ("business phone", "phone_work"),
    ("do not service", "do_not_service"), ("do not call", "do_not_call"), ("do not mail", "do_not_mail"),
    ("do not email", "do_not_email"), ("opt out", "note"), ("lifetime", "lifetime_value"),
    ("total sales", "lifetime_value"), ("last sale", "last_sale"), ("last invoice", "last_sale"),
    ("phone", "phone"), ("tel", "phone"), ("email", "email"),
    ("zip", "postal_code"), ("postal", "postal_code"), ("city", "city"), ("town", "city"),
    ("state", "region"), ("province", "region"), ("country", "country"), ("street", "street"),
    ("address", "full_address"), ("install", "installed_on"),
    ("warranty", "warranty_until"), ("serial", "serial"), ("model", "model"), ("brand", "brand"),
    ("manufacturer", "brand"), ("last service", "last_service"), ("last visit", "last_service"),
    ("first name", "first_name"), ("last name", "last_name"), ("company", "company"), ("note", "notes"),
    ("comment", "notes"), ("balance", "ignore"),
)  # fmt: skip


def normalise_header(text: object) -> str:
    """Lower-case words without punctuation: "Model #" → "model number", "E-mail" → "email"."""
    value = str(text or "").strip().lower()
    value = value.replace("e-mail", "email").replace("#", " number ").replace("&", " and ")
    value = re.sub(r"\bno\.", "no ", value)
    value = re.sub(r"[^0-9a-z]+", " ", value)
    return " ".join(value.split())


KNOWN_HEADERS: dict[str, str] = {
    normalise_header(alias): target for target, aliases in _KNOWN.items() for alias in aliases
}
# "Phone #s" normalises to "phone number s": the Jobber forms, spelled out.
KNOWN_HEADERS.update({
    "main phone number s": "phone", "home phone number s": "phone", "work phone number s": "phone_work",
    "mobile phone number s": "phone_mobile", "other phone number s": "phone", "fax phone number s": "ignore",
    "model number": "model", "serial number": "serial", "phone number": "phone",
    "account number": "customer_ref", "mobile phone number": "phone_mobile",
})  # fmt: skip
KNOWN_HEADERS.update({f"bill to {n}": f"bill_to_{n}" for n in range(1, 6)})
KNOWN_HEADERS.update({f"ship to {n}": f"ship_to_{n}" for n in range(1, 6)})
