"""Every declared field of a record is on its form, in the declared order, under its declared label."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from app.domain.fields import CUSTOMER, ENTITIES, EQUIPMENT, SALE, Entity, FieldKind
from ui.dialogs import forms
from ui.dialogs.form_dialog import FormWidget

SITES = [("Home", 11), ("Rental on 5th St", 12)]
FORMS: dict[str, Callable[[], forms.Form]] = {
    "customer": lambda: forms.customer_form([(3, "Landlords")]),
    "site": lambda: forms.site_form(1),
    "equipment": lambda: forms.equipment_form(SITES),
    "visit": lambda: forms.visit_form(1, SITES, [("Furnace Trane XR80", 21)]),
    "sale": lambda: forms.sale_form(1, SITES),
    "service_plan": lambda: forms.plan_form(1, SITES),
    "touch": lambda: forms.touch_form(1),
}
# Fields no form shows because the app sets them; adding one here is a decision, not an accident.
SET_BY_THE_APP = {("customer", "share_consent_on"), ("touch", "direction")}
EDITOR = {
    FieldKind.TEXT: QLineEdit,
    FieldKind.PHONE: QLineEdit,
    FieldKind.EMAIL: QLineEdit,
    FieldKind.TIME: QLineEdit,
    FieldKind.MULTILINE: QPlainTextEdit,
    FieldKind.BOOL: QCheckBox,
    FieldKind.CHOICE: QComboBox,
    FieldKind.REFERENCE: QComboBox,
}


def _form(qtbot, table: str) -> FormWidget:
    fields, build = FORMS[table]()
    widget = FormWidget(fields, build)
    qtbot.addWidget(widget)
    return widget


def _labels(widget: FormWidget) -> dict[str, str]:
    """Editor name → the text of the label the owner reads next to it."""
    return {
        label.buddy().objectName(): label.text() for label in widget.findChildren(QLabel) if label.buddy()
    }


def test_every_declared_entity_has_a_form() -> None:
    assert set(FORMS) == {entity.table for entity in ENTITIES}


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.table)
def test_every_declared_field_is_on_its_form_under_its_label(qtbot, entity: Entity) -> None:
    widget = _form(qtbot, entity.table)
    shown = [spec for spec in entity.fields if (entity.table, spec.name) not in SET_BY_THE_APP]
    assert list(widget.editors) == [spec.name for spec in shown]
    labels = _labels(widget)
    for spec in shown:
        assert labels[spec.name] == spec.label
        if spec.kind in EDITOR:
            assert isinstance(widget.editors[spec.name], EDITOR[spec.kind]), spec.name
        if spec.placeholder:
            assert widget.editors[spec.name].placeholderText() == spec.placeholder
    for table, name in SET_BY_THE_APP:
        if table == entity.table:
            assert not entity.field(name).on_form


def test_declared_choices_and_the_datas_choices_are_offered(qtbot) -> None:
    def offered(widget: FormWidget, name: str) -> list[tuple[str, object]]:
        combo = widget.editors[name]
        return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]

    customer = _form(qtbot, "customer")
    assert offered(customer, "kind") == list(CUSTOMER.field("kind").choices)
    assert offered(customer, "segment_id") == [("(none)", None), ("Landlords", 3)]
    # Equipment is always at a site; a sale may be at none.
    assert offered(_form(qtbot, "equipment"), "site_id") == SITES
    assert offered(_form(qtbot, "sale"), "site_id") == [("(none)", None), *SITES]
    assert EQUIPMENT.field("site_id").kind is SALE.field("site_id").kind is FieldKind.REFERENCE


def test_a_form_without_the_datas_choices_is_refused() -> None:
    with pytest.raises(ValueError, match="segment_id"):
        forms.form_fields(CUSTOMER)


def test_a_new_declared_field_reaches_the_form(qtbot) -> None:
    """What adding a customer field to the declaration does to the form, with no other change."""
    from dataclasses import replace

    from app.domain.fields import FieldSpec

    extra = FieldSpec("gate_code", "Gate code", placeholder="e.g. #4512")
    declared = replace(CUSTOMER, fields=(*CUSTOMER.fields, extra))
    fields = forms.form_fields(declared, {"segment_id": [("(none)", None)]})
    assert (fields[-1].name, fields[-1].label, fields[-1].kind, fields[-1].placeholder) == (
        "gate_code",
        "Gate code",
        "text",
        "e.g. #4512",
    )


def test_a_new_record_s_empty_fields_are_not_called_mistakes_until_the_owner_acts(qtbot) -> None:
    """Add equipment opens without "Kind: this cannot be empty."; Save stays off until it can save;
    a wrong value already there is pointed out at once; pressing Save shows what is missing."""
    from ui.dialogs.form_dialog import FormDialog

    dialog = FormDialog("Add equipment", *forms.equipment_form(SITES), {"site_id": 11})
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.buttons()[0]
    assert dialog.form.error_text() == "" and not save.isEnabled()
    dialog.form.editors["kind"].setText("Furnace")
    dialog.form.editors["kind"].setText("")
    assert dialog.form.error_text() == "Kind: this cannot be empty."  # the owner emptied it

    wrong = FormDialog(
        "Edit customer", *forms.customer_form([]), {"first_name": "Ann", "phone": "410-555-01"}
    )
    qtbot.addWidget(wrong)
    assert "Phone" in wrong.form.error_text()


def test_a_form_that_does_not_save_says_what_its_button_does(qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.form_dialog import FormDialog

    dialog = FormDialog("Print", *forms.touch_form(1), {}, action="Preview")
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Preview"
