"""The Catalog page and its forms with Spanish chosen: every tab, form and message in Spanish; the
owner's own names and kinds of equipment as typed. English reads as it always did."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.catalog import CatalogItemDraft
from app.domain.customers import CustomerDraft
from app.domain.records import EquipmentDraft, PlanDraft, SiteDraft
from app.services import catalog as catalog_service
from app.services import records as record_service
from app.services.customers import add_customer
from tests.ui.helpers import click_button, when_dialog_opens
from ui.pages.catalog_page import CatalogPage


@pytest.fixture
def language() -> Iterator[None]:
    """The language a test sets is undone after it (the translator is process-wide)."""
    yield
    from ui.translation import install_language

    install_language("en")


@pytest.fixture
def catalog(database) -> None:
    """The default catalog, a product, and a customer with gaps the Missing information tab lists."""
    catalog_service.load_default_catalog()
    catalog_service.save_catalog_item(
        CatalogItemDraft(
            kind="product", name="Air scrubber", equipment_kind="Air cleaner", price="899",
            launched_on=datetime.date(2026, 10, 1),
        )
    )  # fmt: skip
    catalog_service.save_catalog_item(CatalogItemDraft(kind="plan", name="Drain Club"))
    customer = add_customer(CustomerDraft(first_name="Ana", last_name="Pérez"))
    site = record_service.add_record(SiteDraft(customer, street="12 Elm St", city="Towson"))
    record_service.add_record(EquipmentDraft(site, kind="Attic fan", brand="Broan"))
    record_service.add_record(
        PlanDraft(customer, "Comfort Club", datetime.date(2024, 1, 1), datetime.date(2025, 1, 1))
    )


def open_page(qtbot, window, code: str) -> CatalogPage:
    from ui.translation import install_language

    install_language(code)
    page = CatalogPage(window.runner)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.load()
    qtbot.waitUntil(lambda: not page.runner.busy, timeout=15_000)
    return page


def column(page: CatalogPage, key: str, heading: str) -> list[str]:
    tab = page.missing if key == "missing" else page.lists[key]
    model = tab.model
    headings = [model.headerData(n, _horizontal()) for n in range(model.columnCount())]
    number = headings.index(heading)
    return [str(model.data(model.index(row, number))) for row in range(model.rowCount())]


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def row_of(page: CatalogPage, key: str, name: str, heading: str, name_heading: str = "Nombre") -> str:
    return dict(zip(column(page, key, name_heading), column(page, key, heading), strict=True))[name]


def tab_titles(page: CatalogPage) -> list[str]:
    return [page.tabs.tabText(n) for n in range(page.tabs.count())]


def test_every_tab_of_the_catalog_reads_in_spanish(qtbot, window, catalog, language) -> None:
    page = open_page(qtbot, window, "es")

    assert page.heading.text() == "43 artículos en el catálogo · 5 segmentos"
    assert tab_titles(page) == [
        "Equipos (21)", "Planes de servicio (5)", "Complementos (9)", "Escalas de mejora (18)",
        "Paquetes (1)", "Productos nuevos (1)", "Servicios (6)", "Segmentos (5)", "Información que falta (5)",
    ]  # fmt: skip
    # Equipment: lifespans, an inactive line, its step on a ladder; the owner's kinds as typed.
    assert (
        row_of(page, "equipment", "14 SEER2 central air conditioner", "Vida útil típica") == "de 12 a 17 años"
    )
    assert row_of(page, "equipment", "14 SEER2 central air conditioner", "Tipo de equipo") == "Central AC"
    assert "13 SEER central air conditioner (inactivo)" in column(page, "equipment", "Nombre")
    ladders = column(page, "equipment", "Escala de mejora")
    assert {"Central AC, escalón 1 (básico)", "Central AC, escalón 2 (mejor)"} <= set(ladders)
    assert "Central AC, escalón 3 (de lujo)" in ladders
    # Service plans: the renewal period, or that it is not set.
    assert row_of(page, "plan", "Comfort Club", "Se renueva cada") == "12 meses"
    assert row_of(page, "plan", "Drain Club", "Se renueva cada") == "sin definir"
    # Upgrade ladders: the step, the kind of item and the top of the ladder.
    steps = list(zip(column(page, "ladder", "Escalón"), column(page, "ladder", "Tipo"), strict=True))
    assert {("1 (básico)", "Equipo"), ("3 (de lujo)", "Equipo")} <= set(steps)
    assert "tope de la escala" in column(page, "ladder", "Siguiente escalón")
    # Add-ons, bundles, new products and services.
    assert row_of(page, "add_on", "Surge protector", "Va con") == "Central AC"
    assert column(page, "bundle", "Descuento") == ["8%"]
    assert row_of(page, "product", "Air scrubber", "Disponibles") == "sin límite"
    assert row_of(page, "product", "Air scrubber", "Lanzamiento") == "1 oct 2026"
    assert "Repair" in column(page, "service", "Nombre")
    # What is missing, and where it is filled in.
    problems = dict(zip(column(page, "missing", "Cuál"), column(page, "missing", "Qué falta"), strict=True))
    assert problems["Drain Club"] == "sin periodo de renovación"
    assert problems["Attic fan"] == (
        "1 unidad de este tipo, y ninguna línea de equipo del catálogo indica su vida útil: nunca se revisa "
        "para reemplazo"
    )
    assert problems["Pérez, Ana: Attic fan Broan"].startswith("fecha de instalación desconocida")
    assert problems["Pérez, Ana: Comfort Club"] == (
        "venció el 1 de enero de 2025 pero sigue marcado como activo: registre su renovación o márquelo "
        "como vencido"
    )
    about = dict(zip(column(page, "missing", "Cuál"), column(page, "missing", "Se refiere a"), strict=True))
    assert (about["Drain Club"], about["Attic fan"]) == ("Artículo del catálogo", "Tipo de equipo")
    page.missing.select_id(None)
    page.missing.view.selectRow(column(page, "missing", "Cuál").index("Pérez, Ana: Comfort Club"))
    assert page.missing.detail.text().endswith("(complételo en la página Clientes)")


def test_the_same_catalog_in_english_reads_as_before(qtbot, window, catalog, language) -> None:
    page = open_page(qtbot, window, "en")

    assert page.heading.text() == "43 items in the catalog · 5 segments"
    assert tab_titles(page)[0] == "Equipment (21)"
    assert row_of(page, "equipment", "14 SEER2 central air conditioner", "Typical lifespan", "Name") == (
        "12–17 years"
    )
    assert "13 SEER central air conditioner (inactive)" in column(page, "equipment", "Name")
    assert "Central AC, step 3 (deluxe)" in column(page, "equipment", "Upgrade ladder")
    assert row_of(page, "plan", "Comfort Club", "Renews every", "Name") == "12 months"
    assert "Equipment" in column(page, "ladder", "Kind")
    problems = dict(
        zip(column(page, "missing", "Which"), column(page, "missing", "What is missing"), strict=True)
    )
    assert problems["Attic fan"].startswith("1 unit of this kind, and no equipment line")
    assert problems["Drain Club"] == "no renewal period"


def form_labels(dialog: QWidget) -> set[str]:
    return {label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None}


def test_the_equipment_form_asks_and_explains_in_spanish(qtbot, window, catalog, language) -> None:
    page = open_page(qtbot, window, "es")
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        seen["title"] = dialog.windowTitle()
        seen["labels"] = form_labels(dialog)
        seen["placeholder"] = dialog.editors["tier"].placeholderText()
        qtbot.keyClicks(dialog.editors["name"], "Bomba de calor")
        qtbot.keyClicks(dialog.editors["lifespan_min_years"], "veinte")
        seen["not_a_number"] = dialog.form.errors["lifespan_min_years"].text()
        dialog.editors["lifespan_min_years"].clear()
        qtbot.keyClicks(dialog.editors["lifespan_min_years"], "20")
        qtbot.keyClicks(dialog.editors["lifespan_max_years"], "15")
        seen["wrong_way_round"] = dialog.form.errors["lifespan_max_years"].text()
        dialog.editors["lifespan_max_years"].clear()
        dialog.editors["lifespan_min_years"].clear()
        qtbot.keyClicks(dialog.editors["tier"], "2")
        seen["no_ladder"] = dialog.form.errors["ladder"].text()
        qtbot.keyClicks(dialog.editors["ladder"], "Bombas")
        qtbot.keyClicks(dialog.editors["price"], "mucho")
        seen["price"] = dialog.form.errors["price"].text()
        dialog.reject()

    when_dialog_opens(fill)
    page.lists["equipment"].buttons["new"].click()

    assert seen["title"] == "Nuevo artículo del catálogo"
    assert {
        "Nombre", "Tipo de equipo", "Marca", "Dura al menos (años)", "… y como máximo (años)", "Precio",
        "Escala de mejora", "Escalón en la escala", "Activo (se ofrece a los clientes)", "Notas",
    } <= seen["labels"]  # fmt: skip
    assert seen["placeholder"] == "1 = básico, 2 = mejor, 3 = de lujo"
    assert seen["not_a_number"] == "Vida útil más corta: “veinte” no es un número entero."
    assert seen["wrong_way_round"] == "Vida útil: la más corta (20 años) es mayor que la más larga (15 años)."
    assert seen["no_ladder"] == "Escala: escriba el nombre de la escala a la que pertenece este escalón."
    assert seen["price"] == "Precio: “mucho” no es una cantidad de dinero."


def test_the_other_forms_read_in_spanish(qtbot, window, catalog, language) -> None:
    page = open_page(qtbot, window, "es")
    seen: dict[str, object] = {}

    def plan(dialog: QWidget) -> None:
        seen["plan"] = form_labels(dialog)
        dialog.reject()

    def bundle(dialog: QWidget) -> None:
        seen["bundle"] = form_labels(dialog)
        checklist = dialog.checklist
        seen["items"] = [checklist.item(row).text() for row in range(checklist.count())]
        qtbot.keyClicks(dialog.editors["discount_bp"], "ocho")
        seen["discount"] = dialog.form.errors["discount_bp"].text()
        dialog.editors["discount_bp"].clear()
        qtbot.keyClicks(dialog.editors["discount_bp"], "120")
        seen["too_much"] = dialog.form.errors["discount_bp"].text()
        dialog.reject()

    def add_on(dialog: QWidget) -> None:
        seen["add_on"] = form_labels(dialog)
        dialog.reject()

    def product(dialog: QWidget) -> None:
        seen["product"] = form_labels(dialog)
        seen["quantity"] = dialog.editors["quantity_available"].placeholderText()
        qtbot.keyClicks(dialog.editors["launched_on"], "pronto")
        seen["launched"] = dialog.form.errors["launched_on"].text()
        dialog.reject()

    def segment(dialog: QWidget) -> None:
        seen["segment"] = form_labels(dialog)
        seen["segment_name"] = dialog.editors["name"].placeholderText()
        dialog.reject()

    for key, handle in (("plan", plan), ("bundle", bundle), ("add_on", add_on), ("product", product),
                        ("segment", segment)):  # fmt: skip
        when_dialog_opens(handle)
        page.lists[key].buttons["new"].click()

    assert {"Se renueva cada (meses)", "Visitas por año", "Precio por periodo"} <= seen["plan"]
    assert {"Descuento (%)", "Precio del paquete"} <= seen["bundle"]
    assert {"Duct cleaning  (Servicio, $495.00)", "Surge protector  (Complemento, $275.00)"} <= set(
        seen["items"]
    )
    assert seen["discount"] == "Descuento: “ocho” no es un porcentaje."
    assert seen["too_much"] == "Descuento: escriba un porcentaje de 0 a 100, p. ej. 8 o 7.5."
    assert "Va con (tipo de equipo)" in seen["add_on"]
    assert {"Lanzado el", "Cuántos se pueden ofrecer"} <= seen["product"]
    assert seen["quantity"] == "vacío = sin límite; los mejores clientes se enteran primero"
    assert seen["launched"].startswith("Lanzado el: “pronto” no es una fecha")
    assert {"Segmento", "Enfoque de venta", "Puntos clave (uno por línea)"} <= seen["segment"]
    assert seen["segment_name"] == "p. ej. Jubilado con presupuesto fijo"


def test_a_refused_delete_says_why_in_spanish(qtbot, window, catalog, language, message_boxes) -> None:
    page = open_page(qtbot, window, "es")
    page.tabs.setCurrentWidget(page.lists["add_on"])
    page.lists["add_on"].view.selectRow(column(page, "add_on", "Nombre").index("Smart thermostat"))
    when_dialog_opens(lambda box: click_button(box, "Borrar"))
    page.lists["add_on"].buttons["delete"].click()
    qtbot.waitUntil(lambda: not page.runner.busy, timeout=15_000)

    [(kind, _title, text)] = message_boxes
    assert kind == "warning"
    assert text == (
        "“Smart thermostat” figura en 1 paquete, así que no se puede borrar. Desmarque “Activo”: ya no se "
        "ofrecerá."
    )
