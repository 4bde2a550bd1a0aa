"""'Everything about one customer' in the owner's language: with Español chosen, the workbook the owner
hands to the customer reads Spanish (sheets, headings, coded values, yes/no, the app's own reasons);
the customer's own data stays as typed, and in English the workbook is as it always was."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from app.domain import clock
from app.domain.campaigns import AudienceCriteria
from app.domain.customers import CustomerDraft
from app.domain.records import PlanDraft, SiteDraft, TouchDraft, VisitDraft
from app.persistence.tables import Partner, Referral
from app.services import campaigns, customers, privacy, records
from app.services.opportunities import recompute_opportunities
from app.services.settings import update_settings

DAY = datetime.timedelta(days=1)


def _renewal_due(first_name: str, **consent: bool) -> int:
    customer_id = customers.add_customer(CustomerDraft(first_name=first_name, last_name="Hill", **consent))
    site_id = records.add_record(
        SiteDraft(customer_id, street="12 Elm St", city="Towson", postal_code="21204", is_billing=True)
    )
    ends_on = clock.today() + 20 * DAY
    records.add_record(
        PlanDraft(customer_id, "Comfort Club", ends_on - 365 * DAY, ends_on, price="189", site_id=site_id)
    )
    return customer_id


@pytest.fixture
def dan(db) -> int:
    """A customer who asked for no mail: left out of a renewal campaign, with a visit, a call and a
    referral to a partner."""
    _renewal_due("Ann")
    customer_id = _renewal_due("Dan", do_not_mail=True)
    records.add_record(VisitDraft(customer_id, datetime.date(2025, 10, 1), kind="repair", findings="Igniter"))
    records.add_record(
        TouchDraft(customer_id, "call", datetime.datetime(2026, 1, 5, 10, 0), outcome="no answer")
    )
    Referral.create(
        partner=Partner.create(business="Bay Plumbing"),
        customer=customer_id,
        direction="to_partner",
        status="won",
        referred_on=datetime.date(2026, 5, 1),
        commission_cents=15_000,
    )
    recompute_opportunities()
    campaigns.create_campaign("Spring renewals", AudienceCriteria(kind="renewal"))
    return customer_id


def _sheets(path: Path) -> dict[str, list[dict[str, object]]]:
    """Each sheet as rows keyed by heading (the first sheet: its field → value pairs as one row)."""
    workbook = openpyxl.load_workbook(path)
    first, *others = workbook.worksheets
    sheets = {first.title: [{row[0]: row[1] for row in first.iter_rows(min_row=2, values_only=True)}]}
    for sheet in others:
        heading, *rows = sheet.iter_rows(values_only=True)
        sheets[sheet.title] = [dict(zip(heading, row, strict=True)) for row in rows]
    return sheets


def test_the_customers_workbook_reads_in_spanish(dan: int, tmp_path: Path) -> None:
    update_settings({"language": "es"})
    sheets = _sheets(privacy.export_customer(dan, tmp_path / "dan"))
    assert list(sheets) == [
        "Cliente", "Direcciones", "Planes de servicio", "Visitas", "Contactos", "Oportunidades",
        "Campañas", "Referidos",
    ]  # fmt: skip
    assert openpyxl.load_workbook(tmp_path / "dan.xlsx")["Cliente"]["A1"].value == "Campo"
    customer = sheets["Cliente"][0]
    assert customer["Nombre"] == "Dan" and customer["Hogar o empresa"] == "Hogar"
    assert customer["No enviar correo postal"] == "Sí" and customer["No llamar"] == "No"
    assert customer["Número de segmento"] is None and "Creado el" in customer
    site = sheets["Direcciones"][0]
    assert (site["Calle"], site["País"], site["La dirección es la de facturación"]) == (
        "12 Elm St", "Estados Unidos", "Sí"
    )  # fmt: skip
    plan = sheets["Planes de servicio"][0]
    assert (plan["Plan"], plan["Estado"], plan["Se renueva automáticamente"]) == (
        "Comfort Club",
        "Activo",
        "No",
    )
    assert sheets["Visitas"][0]["Tipo"] == "Reparación" and sheets["Visitas"][0]["Hallazgos"] == "Igniter"
    call = sheets["Contactos"][0]
    assert (call["Medio"], call["Resultado"], call["Quién buscó a quién"]) == (
        "Llamada",
        "No contestó",
        "Nosotros",
    )
    opportunity = sheets["Oportunidades"][0]
    assert (opportunity["Tipo"], opportunity["Estado"]) == ("Renovación", "abierta")
    assert str(opportunity["Motivo"]).startswith("Comfort Club vence el ")  # the stored reason, read back
    recipient = sheets["Campañas"][0]
    assert recipient["Nombre de la campaña"] == "Spring renewals"  # the owner's name for it, as typed
    assert (recipient["Medio"], recipient["Incluido"]) == ("Carta o postal", "No")
    assert recipient["Motivo de exclusión"] == "pidió no recibir correo postal"
    referral = sheets["Referidos"][0]
    assert (referral["Sentido"], referral["Estado"], referral["Nombre del socio"]) == (
        "les enviamos al cliente", "ganado", "Bay Plumbing"
    )  # fmt: skip
    assert float(referral["Comisión"]) == 150.0  # amounts stay numbers

    english = {"Customer", "Sites", "Field", "Value", "True", "False", "household", "asked not", "Kind"}
    for sheet, rows in sheets.items():
        words = {str(cell) for row in rows for pair in row.items() for cell in pair} | {sheet}
        assert not any(word in text for word in english for text in words), sheet


def test_in_english_the_workbook_is_as_it_always_was(dan: int, tmp_path: Path) -> None:
    sheets = _sheets(privacy.export_customer(dan, tmp_path / "dan"))
    assert list(sheets) == [
        "Customer", "Sites", "Service plans", "Visits", "Contacts", "Opportunities", "Campaigns", "Referrals"
    ]  # fmt: skip
    customer = sheets["Customer"][0]
    assert (customer["Kind"], customer["Do not mail"], customer["Phone mobile"]) == ("household", True, None)
    recipient = sheets["Campaigns"][0]
    assert (recipient["Channel"], recipient["Included"]) == ("mail", False)
    assert recipient["Exclusion reason"] == "asked not to be mailed"
    opportunity = sheets["Opportunities"][0]
    assert (opportunity["Kind"], opportunity["Status"]) == ("renewal", "open")
    assert sheets["Referrals"][0]["Direction"] == "to_partner"
