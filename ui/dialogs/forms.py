"""The forms of the app: each record's fields (declared in app/domain/fields.py), and how its values become
a domain draft. What only the data knows (the segments, the customer's sites) is supplied here."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.domain.fields import CUSTOMER, EQUIPMENT, PLAN, SALE, SITE, TOUCH, VISIT, Entity, FieldKind
from app.domain.i18n import t
from app.domain.records import EquipmentDraft, PlanDraft, SaleDraft, SiteDraft, TouchDraft, VisitDraft
from ui.dialogs.form_dialog import KEPT, Field

Form = tuple[list[Field], Callable[[dict[str, Any]], Any]]
Choices = Sequence[tuple[str, Any]]
# The editor of each declared kind; the form's own kinds are named as the declaration names them.
_EDITOR_KIND = {
    FieldKind.PHONE: "text",
    FieldKind.EMAIL: "text",
    FieldKind.TIME: "text",
    FieldKind.REFERENCE: "choice",
}
NONE = "(none)"


def _none() -> tuple[str, None]:
    """The "(none)" choice among the data's own, in the owner's language (the data's stay as typed)."""
    return (t(NONE), None)


def form_fields(entity: Entity, choices: Mapping[str, Choices] | None = None) -> list[Field]:
    """The entity's declared fields in their order; those the app sets itself are kept out of sight
    (an edit carries their stored value back: the consent's date, an incoming contact's direction).

    `choices` gives each REFERENCE field its options (segments, sites, equipment), which only the data knows.
    """
    given = dict(choices or {})
    result = []
    for spec in entity.fields:
        if not spec.on_form:
            result.append(Field(spec.name, spec.label, KEPT))
            continue
        if spec.kind is FieldKind.REFERENCE and spec.name not in given:
            raise ValueError(f"the form of {entity.table} needs the choices of {spec.name}")
        extra: dict[str, Any] = {"maximum": spec.maximum} if spec.maximum is not None else {}
        result.append(
            Field(
                spec.name,
                spec.label,
                _EDITOR_KIND.get(spec.kind, spec.kind.value),
                tuple(given.get(spec.name, spec.choices)),
                spec.placeholder,
                data_choices=spec.kind is FieldKind.REFERENCE,  # the owner's segments and sites, as typed
                **extra,
            )
        )
    return result


def customer_form(segments: Sequence[tuple[int, str]]) -> Form:
    segment_choices = (_none(), *((name, id_) for id_, name in segments))
    fields = form_fields(CUSTOMER, {"segment_id": segment_choices})
    return fields, lambda values: CustomerDraft(**values)


def site_form(customer_id: int) -> Form:
    return form_fields(SITE), lambda values: SiteDraft(customer_id, **values)


def equipment_form(sites: Sequence[tuple[str, int]]) -> Form:
    # Equipment is always at a site: no "(none)" here, unlike the records below.
    return form_fields(EQUIPMENT, {"site_id": sites}), lambda values: EquipmentDraft(**values)


def visit_form(
    customer_id: int, sites: Sequence[tuple[str, int]], equipment: Sequence[tuple[str, int]]
) -> Form:
    choices = {"site_id": (_none(), *sites), "equipment_id": (_none(), *equipment)}
    return form_fields(VISIT, choices), lambda values: VisitDraft(customer_id, **values)


def sale_form(customer_id: int, sites: Sequence[tuple[str, int]]) -> Form:
    fields = form_fields(SALE, {"site_id": (_none(), *sites)})
    return fields, lambda values: SaleDraft(customer_id, **values)


def plan_form(customer_id: int, sites: Sequence[tuple[str, int]]) -> Form:
    fields = form_fields(PLAN, {"site_id": (_none(), *sites)})
    return fields, lambda values: PlanDraft(customer_id, **values)


def touch_form(customer_id: int) -> Form:
    return form_fields(TOUCH), lambda values: TouchDraft(customer_id, **values)


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
