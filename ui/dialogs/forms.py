"""The forms of the app: which fields each record has, and how its values become a domain draft."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.domain.kinds import Channel, PlanStatus
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
from ui.dialogs.form_dialog import Field

Form = tuple[list[Field], Callable[[dict[str, Any]], Any]]
CHANNEL_LABELS = {
    Channel.CALL: "Phone call",
    Channel.MAIL: "Letter or postcard",
    Channel.EMAIL: "E-mail",
    Channel.TEXT: "Text message",
    Channel.VISIT: "Visit",
    Channel.IN_PERSON: "In person",
}


def customer_form(segments: Sequence[tuple[int, str]]) -> Form:
    fields = [
        Field("kind", "Kind", "choice", (("Household", "household"), ("Business", "business"))),
        Field("first_name", "First name"),
        Field("last_name", "Last name"),
        Field("company", "Company"),
        Field("phone", "Phone", placeholder="(410) 555-0123"),
        Field("phone_mobile", "Mobile"),
        Field("phone_work", "Work phone"),
        Field("email", "E-mail"),
        Field("email2", "Other e-mail"),
        Field(
            "segment_id", "Segment", "choice", (("(none)", None), *((name, id_) for id_, name in segments))
        ),
        Field("call_window_start", "Best time to call from", placeholder="e.g. 10:00"),
        Field("call_window_end", "… until", placeholder="e.g. 4:30 pm"),
        Field("do_not_call", "Do not call", "bool"),
        Field("do_not_mail", "Do not mail", "bool"),
        Field("do_not_email", "Do not e-mail", "bool"),
        Field("do_not_service", "Do not service (no contact at all)", "bool"),
        Field("share_with_partners", "May share details with partners", "bool"),
        Field("source", "How they found us"),
        Field("customer_since", "Customer since", "optional_date"),
        Field("notes", "Notes", "multiline"),
    ]
    return fields, lambda values: CustomerDraft(**values)


def site_form(customer_id: int) -> Form:
    fields = [
        Field("label", "Name of the site", placeholder="e.g. Home, Rental on 5th St"),
        Field("street", "Street"),
        Field("street2", "Apartment, suite"),
        Field("city", "City"),
        Field("region", "State"),
        Field("postal_code", "ZIP code"),
        Field("country", "Country", "choice", (("United States", "US"), ("Canada", "CA"))),
        Field("is_billing", "Billing address", "bool"),
        Field("notes", "Notes", "multiline"),
    ]
    return fields, lambda values: SiteDraft(customer_id, **values)


def equipment_form(sites: Sequence[tuple[str, int]]) -> Form:
    fields = [
        Field("site_id", "Site", "choice", sites),
        Field("kind", "Kind", placeholder="e.g. Furnace, Water heater"),
        Field("brand", "Brand"),
        Field("model", "Model"),
        Field("serial", "Serial number"),
        Field("installed_on", "Installed on", "optional_date"),
        Field("installed_by_us", "Installed by us", "bool"),
        Field("warranty_until", "Warranty until", "optional_date"),
        Field("notes", "Notes", "multiline"),
    ]
    return fields, lambda values: EquipmentDraft(**values)


def visit_form(
    customer_id: int, sites: Sequence[tuple[str, int]], equipment: Sequence[tuple[str, int]]
) -> Form:
    fields = [
        Field("visited_on", "Date", "date"),
        Field("kind", "Kind", "choice", [(k.capitalize(), k) for k in VISIT_KINDS]),
        Field("site_id", "Site", "choice", (("(none)", None), *sites)),
        Field("equipment_id", "Equipment", "choice", (("(none)", None), *equipment)),
        Field("technician", "Technician"),
        Field("findings", "Findings", "multiline"),
    ]
    return fields, lambda values: VisitDraft(customer_id, **values)


def sale_form(customer_id: int, sites: Sequence[tuple[str, int]]) -> Form:
    fields = [
        Field("sold_on", "Date", "date"),
        Field("description", "Description", placeholder="e.g. Furnace replacement"),
        Field("total", "Total", "money", placeholder="e.g. 4,250.00"),
        Field("job_number", "Job number"),
        Field("site_id", "Site", "choice", (("(none)", None), *sites)),
    ]
    return fields, lambda values: SaleDraft(customer_id, **values)


def plan_form(customer_id: int, sites: Sequence[tuple[str, int]]) -> Form:
    fields = [
        Field("name", "Plan", placeholder="e.g. Comfort Club"),
        Field("started_on", "Starts on", "date"),
        Field("ends_on", "Renews on", "date"),
        Field("price", "Price per term", "money"),
        Field("visits_per_year", "Visits per year", "int", maximum=52),
        Field("auto_renew", "Renews automatically", "bool"),
        Field("status", "Status", "choice", [(s.capitalize(), s.value) for s in PlanStatus]),
        Field("site_id", "Site", "choice", (("(none)", None), *sites)),
    ]
    return fields, lambda values: PlanDraft(customer_id, **values)


def touch_form(customer_id: int) -> Form:
    fields = [
        Field("channel", "Channel", "choice", [(label, c.value) for c, label in CHANNEL_LABELS.items()]),
        Field("happened_at", "When", "datetime"),
        Field("outcome", "Outcome", "choice", [(o.capitalize() or "(none)", o) for o in TOUCH_OUTCOMES]),
        Field("reason", "About", placeholder="e.g. Furnace check-in"),
        Field("by_whom", "By"),
        Field("is_marketing", "Marketing contact", "bool"),
        Field("notes", "Notes", "multiline"),
    ]
    return fields, lambda values: TouchDraft(customer_id, **values)


def new_plan_values() -> dict[str, Any]:
    today = clock.today()
    return {
        "started_on": today,
        "ends_on": today.replace(year=today.year + 1)
        if (today.month, today.day) != (2, 29)
        else today + datetime.timedelta(days=365),
        "visits_per_year": 2,
        "status": "active",
    }
