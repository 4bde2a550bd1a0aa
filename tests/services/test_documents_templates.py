"""Letter templates: fields filled as text, greetings that never read "Dear ,", shipped and edited copies."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

import pytest

from app.domain.errors import UserError
from app.domain.templates import (
    FIELDS,
    LetterTemplate,
    check_template,
    field_text,
    fields_used,
    fill,
    fill_letter,
    greeting,
)
from app.services.documents import letter_templates
from app.services.documents.letter_templates import (
    TEMPLATE_FOR_KIND,
    load_templates,
    reset_template,
    save_template,
    shipped_templates,
    template_for,
)
from app.services.settings import load_settings, save_settings

REQUIRED = {"upgrade", "replacement", "renewal", "thank_you", "check_in", "new_product", "partner_intro"}


def test_every_required_template_ships_and_uses_only_known_fields() -> None:
    shipped = shipped_templates()
    assert set(shipped) >= REQUIRED
    for template in shipped.values():
        assert set(fields_used(" ".join(template.texts()))) <= FIELDS.keys()
        assert not fields_used(template.greetings[-1])  # the last greeting always works
    assert set(TEMPLATE_FOR_KIND.values()) <= set(shipped)


@pytest.mark.parametrize("blank", [None, "", "   ", "None", "null", "N/A", "-"])
def test_the_greeting_falls_back_and_never_prints_an_empty_or_none_name(blank: object) -> None:
    template = shipped_templates()["renewal"]
    assert greeting(template, {"first_name": "Ольга", "display_name": "Ольга Петрова"}) == "Dear Ольга,"
    assert (
        greeting(template, {"first_name": blank, "display_name": "Smith & Sons <b>"})
        == "Dear Smith & Sons <b>,"
    )
    assert greeting(template, {"first_name": blank, "display_name": blank}) == "Dear Neighbor,"


SAMPLE = {
    "plan_name": "Comfort Club",
    "plan_end_date": datetime.date(2026, 4, 30),
    "equipment_kind": "furnace",
    "product_name": "Smart thermostat",
    "partner_name": "Bay Remodeling",
}


@pytest.mark.parametrize("name", sorted(shipped_templates()))
def test_a_letter_with_only_its_required_values_reads_cleanly(name: str) -> None:
    template = shipped_templates()[name]
    filled = fill_letter(template, {field: SAMPLE[field] for field in template.requires})
    everything = " ".join(
        [filled.subject, filled.greeting, *filled.paragraphs, filled.closing, filled.postcard]
    )
    for bad in ("Dear ,", "None", "{", "}", "[[", "]]", "  ", " ,", " .", "at ,", "at .", "us at and"):
        assert bad not in everything, (name, bad, everything)


def test_a_letter_missing_a_required_value_is_refused_with_the_reason() -> None:
    with pytest.raises(UserError, match="needs the service plan's name and the day the plan ends"):
        fill_letter(shipped_templates()["renewal"], {"first_name": "Jane"})


def test_values_are_inserted_as_text_once() -> None:
    values = {"first_name": "{last_name} <b>&amp;", "last_name": "Smith"}
    assert fill("Hi {first_name} {last_name}", values) == "Hi {last_name} <b>&amp; Smith"


def test_optional_parts_drop_when_a_field_inside_is_empty() -> None:
    text = "Your [[{equipment_brand} ]]{equipment_kind}[[, installed in {installed_year}]]."
    assert fill(text, {"equipment_kind": "furnace"}) == "Your furnace."
    full = {"equipment_kind": "furnace", "equipment_brand": "Carrier", "installed_year": 2009}
    assert fill(text, full) == "Your Carrier furnace, installed in 2009."


def test_values_print_in_words() -> None:
    assert field_text(datetime.date(2026, 4, 30)) == "April 30, 2026"
    assert field_text(Decimal("1234.5")) == "$1,234.50"
    assert field_text(["a", None, "b"]) == "a, b"
    assert field_text("  two   spaces ") == "two spaces"


def test_a_template_with_an_unknown_field_or_no_text_is_refused() -> None:
    with pytest.raises(UserError, match="fist_name"):
        check_template(LetterTemplate("x", "X", body="Dear {fist_name}"))
    with pytest.raises(UserError, match="no text"):
        check_template(LetterTemplate("x", "X", body="  "))
    with pytest.raises(UserError, match=r"\[\["):
        check_template(LetterTemplate("x", "X", body="[[oops"))
    checked = check_template(LetterTemplate("x", "", greetings=("Dear {first_name},",), body="Hi"))
    assert checked.greetings == ("Dear {first_name},", "Hello,") and checked.title == "x"


def test_an_edit_is_saved_in_the_database_and_reset_brings_the_shipped_one_back(db) -> None:
    shipped = shipped_templates()["renewal"]
    edited = dataclasses.replace(shipped, subject="Renew {plan_name} today")
    save_template(edited)
    assert load_templates()["renewal"].subject == "Renew {plan_name} today"
    assert template_for("renewal").subject == "Renew {plan_name} today"
    assert letter_templates.is_edited("renewal")
    assert reset_template("renewal") == shipped
    assert load_templates()["renewal"] == shipped and not letter_templates.is_edited("renewal")


def test_a_new_template_lives_in_the_database_only(db) -> None:
    save_template(LetterTemplate("spring promo", "Spring promotion", body="Hello {first_name}!"))
    assert load_templates()["spring promo"].title == "Spring promotion"
    assert reset_template("spring promo") is None
    assert "spring promo" not in load_templates()


def test_saved_templates_stay_out_of_the_business_settings(db) -> None:
    save_template(dataclasses.replace(shipped_templates()["check_in"], closing="Cheers,"))
    settings = load_settings()
    assert not any(key.startswith("letter_template") for key in settings.extra)
    save_settings(dataclasses.replace(settings, company_name="Comfort"))  # a settings save after an edit
    assert load_templates()["check_in"].closing == "Cheers,"


def test_unknown_template_or_kind_is_a_user_error(db) -> None:
    with pytest.raises(UserError, match="no letter template"):
        template_for("nonsense")
    assert template_for("follow_up").name == "thank_you"
