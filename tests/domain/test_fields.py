"""Each entity's fields are declared once, and the declaration agrees with the draft."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.domain.fields import ENTITIES, Entity, FieldKind
from app.domain.records import EquipmentDraft, PlanDraft, SaleDraft, SiteDraft, TouchDraft, VisitDraft

DAY = datetime.date(2024, 3, 4)
# One valid draft of each entity: a choice the form offers must be one its draft accepts.
VALID = {
    "customer": CustomerDraft(last_name="Lee"),
    "site": SiteDraft(1, street="1 Elm St", city="Towson", postal_code="21204"),
    "equipment": EquipmentDraft(1, kind="Furnace"),
    "visit": VisitDraft(1, visited_on=DAY),
    "sale": SaleDraft(1, sold_on=DAY, description="Furnace replacement"),
    "service_plan": PlanDraft(1, "Comfort Club", DAY, DAY.replace(year=2025)),
    "touch": TouchDraft(1, "call", datetime.datetime(2024, 3, 4, 10, 30)),
}
BY_TABLE = {entity.table: entity for entity in ENTITIES}


def _validated(draft: object) -> object:
    return draft.validated()  # type: ignore[attr-defined]


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.table)
def test_every_field_of_the_draft_is_declared_and_nothing_else(entity: Entity) -> None:
    declared = [spec.name for spec in entity.fields]
    link = [entity.parent] if entity.parent else []
    assert len(declared) == len(set(declared)), "a field is declared twice"
    assert sorted(entity.draft_fields) == sorted([*declared, *link]), (
        f"declare each field of {entity.draft.__name__} in app/domain/fields.py, and only those"
    )


def test_every_entity_with_a_form_is_declared() -> None:
    assert set(BY_TABLE) == set(VALID)
    assert {type(draft) for draft in VALID.values()} == {entity.draft for entity in ENTITIES}


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.table)
def test_labels_are_there_and_tell_the_fields_apart(entity: Entity) -> None:
    labels = [spec.label for spec in entity.fields]
    assert all(label.strip() for label in labels)
    assert len(labels) == len(set(labels)), "two fields of one form would read the same"


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.table)
def test_every_choice_offered_is_one_the_draft_accepts(entity: Entity) -> None:
    valid = VALID[entity.table]
    assert _validated(valid)
    for spec in entity.fields:
        if spec.kind is FieldKind.CHOICE:
            assert spec.choices, f"{spec.name} offers nothing to choose"
            for _label, value in spec.choices:
                _validated(dataclasses.replace(valid, **{spec.name: value}))
        else:
            assert not spec.choices, f"{spec.name} is not a choice; its choices would never be shown"


def test_the_check_bites_a_value_the_form_does_not_offer() -> None:
    """The choice check above would catch a declared choice the draft refuses."""
    with pytest.raises(UserError):
        _validated(dataclasses.replace(VALID["visit"], kind="demolition"))
    with pytest.raises(UserError):
        _validated(dataclasses.replace(VALID["customer"], kind="landlord"))


def test_money_has_its_cents_column_and_only_money_does() -> None:
    for entity in ENTITIES:
        for spec in entity.fields:
            if spec.kind is FieldKind.MONEY:
                assert spec.column_name == f"{spec.name}_cents"
            else:
                assert spec.column_name == spec.name


def test_importable_fields_are_customers_sites_and_equipment() -> None:
    """The importer reads customers with their sites and equipment; a visit is its "last service" only."""
    importing = {entity.table for entity in ENTITIES if entity.importable}
    assert importing == {"customer", "site", "equipment"}
    customer = BY_TABLE["customer"]
    assert customer.field("email2").imports == "email"  # a second address in the e-mail columns
    assert customer.field("kind").imports == "customer_type"  # the key remembered mappings hold
