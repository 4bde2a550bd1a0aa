"""The catalog's messages, as its services and repository write them in English, read back in Spanish:
what is missing, the checks of an item, and the refusals."""

from __future__ import annotations

import datetime

import pytest

from app.domain import i18n
from app.domain.catalog import CatalogItemDraft, SegmentDraft
from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.domain.records import EquipmentDraft, SiteDraft
from app.persistence.tables import Equipment
from app.services import catalog as catalog_service
from app.services import opportunities as opportunity_service
from app.services import records as record_service
from app.services.customers import add_customer


def _error(action) -> str:
    with pytest.raises(UserError) as raised:
        action()
    return raised.value.message


def _problems() -> dict[str, str]:
    return {info.name: info.problem for info in opportunity_service.missing_information()}


def test_what_is_missing_reads_in_spanish(db, spanish) -> None:
    customer = add_customer(CustomerDraft(first_name="Ana", last_name="Pérez"))  # no phone
    site = record_service.add_record(SiteDraft(customer, street="12 Elm St", city="Towson"))
    for _ in range(2):
        record_service.add_record(
            EquipmentDraft(site, kind="Attic fan", installed_on=datetime.date(2010, 1, 1))
        )
    catalog_service.save_catalog_item(
        CatalogItemDraft(kind="equipment", name="Furnace", equipment_kind="Furnace", lifespan_min_years=15,
                         lifespan_max_years=20)
    )  # fmt: skip
    record_service.add_record(EquipmentDraft(site, kind="Furnace", installed_on=datetime.date(2005, 1, 1)))
    for kind, name in (("add_on", "UV light"), ("product", "Air scrubber"), ("bundle", "Summer pack")):
        catalog_service.save_catalog_item(CatalogItemDraft(kind=kind, name=name))
    opportunity_service.recompute_opportunities()

    problems = {name: i18n.translated(problem) for name, problem in _problems().items()}
    assert problems["Attic fan"] == (
        "2 unidades de este tipo, y ninguna línea de equipo del catálogo indica su vida útil: nunca se "
        "revisan para reemplazo"
    )
    assert problems["UV light"] == "no dice con qué equipo va, así que nunca se ofrece"
    assert problems["Air scrubber"] == "sin fecha de lanzamiento, así que nunca se ofrece como producto nuevo"
    assert problems["Summer pack"] == "un paquete sin artículos"
    assert (
        problems["Pérez, Ana"]
        == "sin número de teléfono, así que no se puede llamar por 1 oportunidad abierta"
    )


def test_the_checks_of_an_item_read_in_spanish(spanish) -> None:
    def check(**values) -> str:
        draft = CatalogItemDraft(**{"kind": "equipment", "name": "Furnace", **values})
        return i18n.translated(_error(draft.validated))

    assert check(name=" ") == "Nombre: no puede quedar vacío."
    assert check(kind="gadget") == "Tipo: elija equipo, plan, complemento, producto, paquete o servicio."
    assert check(lifespan_min_years=15) == "Vida útil: indique la más corta y la más larga, o ninguna."
    assert check(lifespan_min_years=2, lifespan_max_years=1) == (
        "Vida útil: la más corta (2 años) es mayor que la más larga (1 año)."
    )
    assert check(renewal_months=500) == "Periodo de renovación: escriba un número entero de 1 a 120."
    assert check(ladder="Furnace") == "Escalón: indique el escalón del artículo en la escala (1 = básico)."
    assert check(bundle_item_ids=(1,)) == "Solo un paquete puede contener otros artículos."
    assert check(kind="bundle", id=4, bundle_item_ids=(4,)) == "Un paquete no puede contenerse a sí mismo."
    assert check(price="-5") == "Precio no puede ser negativo."
    assert check(price="mucho") == "Precio: “mucho” no es una cantidad de dinero."


def test_refusals_read_in_spanish_and_english_is_unchanged(db, spanish) -> None:
    thermostat = catalog_service.save_catalog_item(CatalogItemDraft(kind="add_on", name="Smart thermostat"))
    catalog_service.save_catalog_item(
        CatalogItemDraft(kind="bundle", name="Comfort pack", bundle_item_ids=(thermostat,))
    )
    customer = add_customer(CustomerDraft(first_name="Ana", last_name="Pérez"))
    site = record_service.add_record(SiteDraft(customer, street="12 Elm St", city="Towson"))
    for _ in range(3):
        unit = record_service.add_record(EquipmentDraft(site, kind="Thermostat"))
        Equipment.update(catalog_item=thermostat).where(Equipment.id == unit).execute()

    refusal = _error(lambda: catalog_service.delete_catalog_item(thermostat))
    assert refusal == (
        "“Smart thermostat” is recorded on 3 units, 1 bundle, so it cannot be deleted. "
        "Untick “active” instead: it will no longer be offered."
    )
    assert i18n.translated(refusal) == (
        "“Smart thermostat” figura en 3 unidades, 1 paquete, así que no se puede borrar. "
        "Desmarque “Activo”: ya no se ofrecerá."
    )
    catalog_service.save_segment(SegmentDraft("Landlord"))
    twice = _error(lambda: catalog_service.save_segment(SegmentDraft("Landlord")))
    assert i18n.translated(twice) == "Ya existe un segmento llamado “Landlord”."


def _shipped() -> tuple[dict[str, CatalogItemDraft], dict[str, object]]:
    items = {row.name: row for row in catalog_service.list_catalog()}
    segments = {row.name: row for row in catalog_service.list_segments_full()}
    return items, segments


def test_the_shipped_catalog_goes_in_in_the_owners_language(db, spanish: None) -> None:
    """A Spanish owner's first catalog reads as they would have typed it: the names the letters and the
    call sheet print, the upgrade ladders, the notes and the segments' pitches. The kinds the customers'
    equipment is matched on stay as they are."""
    assert catalog_service.load_default_catalog() == 41
    items, segments = _shipped()
    furnace = items["Calefactor de alta eficiencia 96%"]
    assert furnace.equipment_kind == "Furnace" and furnace.ladder == "Calefactor"
    assert items["Club Confort"].notes.startswith("Afinación de aire en primavera")
    bundle = items["Paquete de Mejora de Confort"]
    assert len(bundle.bundle_item_ids) == 4
    landlord = segments["Propietario que alquila"]
    assert landlord.pitch.startswith("Menos llamadas de inquilinos")
    assert landlord.talking_points[0] == "Agrupe el mantenimiento de todas las propiedades en alquiler"
    assert not [name for name in items if name in ("Comfort Club", "Smart thermostat", "Repair")]


def test_in_english_it_goes_in_as_shipped(db) -> None:
    catalog_service.load_default_catalog()
    items, segments = _shipped()
    assert "Comfort Club" in items and "Landlord" in segments
