"""The Catalog page as the owner uses it: forms that explain a bad value, segments, refusals, the default."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from app.domain.catalog import CatalogItemDraft, SegmentDraft
from app.services import catalog as catalog_service
from app.services.catalog import DEFAULT_CATALOG
from tests.ui.helpers import click_button, click_save, when_dialog_opens
from ui.events import data_events
from ui.pages.catalog_page import CatalogPage


@pytest.fixture
def page(qtbot, window) -> CatalogPage:
    catalog_page = CatalogPage(window.runner)
    qtbot.addWidget(catalog_page)
    catalog_page.resize(1366, 768)
    catalog_page.show()
    return catalog_page


@pytest.fixture
def announced() -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    data_events().data_changed.connect(lambda changes, _initiator: seen.append(changes))
    return seen


def settle(qtbot, page: CatalogPage) -> None:
    """Wait for the page's jobs (reading the catalog, the missing information) to finish and show."""
    qtbot.waitUntil(lambda: not page.runner.busy, timeout=15_000)


def table_texts(page: CatalogPage, key: str, column: int = 0) -> list[str]:
    model = page.lists[key].model if key != "missing" else page.missing.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def save_button(dialog: QWidget):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_a_lifespan_the_wrong_way_round_is_explained_then_fixed_and_saved(qtbot, page, announced) -> None:
    page.load()
    settle(qtbot, page)
    seen = {}

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.editors["name"], "Tankless water heater")
        qtbot.keyClicks(dialog.editors["equipment_kind"], "Water heater")
        qtbot.keyClicks(dialog.editors["lifespan_min_years"], "20")
        qtbot.keyClicks(dialog.editors["lifespan_max_years"], "15")
        error = dialog.form.errors["lifespan_max_years"]
        seen["error"] = error.text() if error.isVisible() else ""
        seen["save_enabled"] = save_button(dialog).isEnabled()
        dialog.editors["lifespan_max_years"].clear()
        qtbot.keyClicks(dialog.editors["lifespan_max_years"], "25")
        seen["error_after_fix"] = error.isVisible()
        qtbot.keyClicks(dialog.editors["price"], "3,150.00")
        click_save(dialog)

    when_dialog_opens(fill)
    page.lists["equipment"].buttons["new"].click()
    settle(qtbot, page)

    assert "the shortest (20 years) is longer than the longest (15 years)" in seen["error"]
    assert seen["save_enabled"] is False
    assert seen["error_after_fix"] is False
    [item] = catalog_service.list_catalog()
    assert (item.kind, item.name, item.lifespan_min_years, item.lifespan_max_years, item.price) == (
        "equipment",
        "Tankless water heater",
        20,
        25,
        Decimal("3150.00"),
    )
    assert table_texts(page, "equipment") == ["Tankless water heater"]
    assert table_texts(page, "equipment", 3) == ["20–25 years"]
    assert page.lists["equipment"].selected().id == item.id
    assert any("catalog_item" in changes for changes in announced)  # the database says what was written


def test_editing_a_segments_talking_points(qtbot, page, announced) -> None:
    catalog_service.save_segment(
        SegmentDraft("Retiree on a fixed budget", "Predictable costs, no surprises", "Ask about the furnace")
    )
    catalog_service.save_segment(SegmentDraft("Landlord", "Fewer tenant calls"))
    page.load()
    settle(qtbot, page)
    assert table_texts(page, "segment") == ["Landlord", "Retiree on a fixed budget"]
    page.tabs.setCurrentWidget(page.lists["segment"])
    page.lists["segment"].view.selectRow(1)

    def rewrite(dialog: QWidget) -> None:
        assert dialog.editors["talking_points"].toPlainText() == "Ask about the furnace"
        dialog.editors["talking_points"].setPlainText(
            "Spread the cost over 12 months\n\n  Seniors get 10 % off a tune-up  "
        )
        click_save(dialog)

    when_dialog_opens(rewrite)
    page.lists["segment"].buttons["edit"].click()
    settle(qtbot, page)

    retiree = next(s for s in catalog_service.list_segments_full() if s.name == "Retiree on a fixed budget")
    assert retiree.talking_points == ("Spread the cost over 12 months", "Seniors get 10 % off a tune-up")
    assert retiree.pitch == "Predictable costs, no surprises"
    points = "Spread the cost over 12 months · Seniors get 10 % off a tune-up"
    assert table_texts(page, "segment", 3)[1] == points
    assert page.lists["segment"].selected().id == retiree.id
    assert page.lists["segment"].detail.text() == (
        "Retiree on a fixed budget: Predictable costs, no surprises\n"
        "  – Spread the cost over 12 months\n"
        "  – Seniors get 10 % off a tune-up"
    )
    assert any("segment" in changes for changes in announced)


def test_an_item_in_a_bundle_cannot_be_deleted_and_the_refusal_says_why(qtbot, page, message_boxes) -> None:
    catalog_service.save_catalog_item(
        CatalogItemDraft(kind="add_on", name="Surge protector", goes_with_kind="Central AC", price="250")
    )
    catalog_service.save_catalog_item(CatalogItemDraft(kind="service", name="AC tune-up", price="129"))
    page.load()
    settle(qtbot, page)

    def bundle(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.editors["name"], "Summer ready")
        qtbot.keyClicks(dialog.editors["discount_bp"], "7.5")
        for row in range(dialog.checklist.count()):
            dialog.checklist.item(row).setCheckState(dialog.checklist.item(row).checkState().Checked)
        click_save(dialog)

    when_dialog_opens(bundle)
    page.lists["bundle"].buttons["new"].click()
    settle(qtbot, page)
    [made] = [item for item in catalog_service.list_catalog() if item.kind == "bundle"]
    assert made.discount_bp == 750 and len(made.bundle_item_ids) == 2
    assert sorted(table_texts(page, "bundle", 4)[0].split(", ")) == ["AC tune-up", "Surge protector"]

    page.tabs.setCurrentWidget(page.lists["add_on"])
    page.lists["add_on"].view.selectRow(0)
    when_dialog_opens(lambda box: click_button(box, "Delete"))
    page.lists["add_on"].buttons["delete"].click()
    settle(qtbot, page)

    [(kind, _title, text)] = message_boxes
    assert kind == "warning"
    assert "“Surge protector” is recorded on 1 bundle, so it cannot be deleted" in text
    assert "Surge protector" in [item.name for item in catalog_service.list_catalog()]
    assert table_texts(page, "add_on") == ["Surge protector"]

    page.tabs.setCurrentWidget(page.lists["bundle"])
    page.lists["bundle"].view.selectRow(0)
    when_dialog_opens(lambda box: click_button(box, "Delete"))
    page.lists["bundle"].buttons["delete"].click()
    settle(qtbot, page)
    assert table_texts(page, "bundle") == []
    assert len(message_boxes) == 1


def test_the_default_catalog_goes_into_an_empty_database(qtbot, page) -> None:
    page.load()
    settle(qtbot, page)
    assert not page.default_button.isHidden()
    assert "The catalog is empty" in page.heading.text()

    page.default_button.click()
    settle(qtbot, page)

    document = json.loads(DEFAULT_CATALOG.read_text(encoding="utf-8"))
    equipment = sorted(
        i["name"] + ("" if i.get("active", True) else " (inactive)")
        for i in document["items"]
        if i["kind"] == "equipment"
    )
    assert sorted(table_texts(page, "equipment")) == equipment
    assert len(catalog_service.list_catalog()) == len(document["items"])
    assert sorted(table_texts(page, "segment")) == sorted(s["name"] for s in document["segments"])
    assert page.default_button.isHidden()
    # The ladders read basic → better → deluxe, each step naming the next one up.
    ladder = [
        (table_texts(page, "ladder", 1)[row], table_texts(page, "ladder", 5)[row])
        for row, name in enumerate(table_texts(page, "ladder"))
        if name == "Furnace"
    ]
    assert ladder == [
        ("1 (basic)", "96% high-efficiency furnace"),
        ("2 (better)", "Modulating variable-speed furnace"),
        ("3 (deluxe)", "top of the ladder"),
    ]


def test_a_line_with_no_lifespan_is_listed_as_missing_and_can_be_filled_in(qtbot, page) -> None:
    item_id = catalog_service.save_catalog_item(
        CatalogItemDraft(kind="equipment", name="Mini-split", equipment_kind="Ductless")
    )
    catalog_service.save_catalog_item(CatalogItemDraft(kind="plan", name="Comfort Club", visits_per_year=2))
    page.load()
    settle(qtbot, page)
    assert table_texts(page, "equipment", 3) == ["not set"]
    problems = dict(zip(table_texts(page, "missing", 1), table_texts(page, "missing", 2), strict=True))
    assert "no typical lifespan" in problems["Mini-split"]
    assert problems["Comfort Club"] == "no renewal period"
    assert "(2)" in page.tabs.tabText(page.tabs.indexOf(page.missing))

    page.tabs.setCurrentWidget(page.missing)
    page.missing.view.selectRow(table_texts(page, "missing", 1).index("Mini-split"))

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.editors["lifespan_min_years"], "12")
        qtbot.keyClicks(dialog.editors["lifespan_max_years"], "18")
        click_save(dialog)

    when_dialog_opens(fill)
    page.missing.buttons["fix"].click()
    settle(qtbot, page)

    [line] = [item for item in catalog_service.list_catalog() if item.id == item_id]
    assert (line.name, line.lifespan_min_years, line.lifespan_max_years) == ("Mini-split", 12, 18)
    assert table_texts(page, "missing", 1) == ["Comfort Club"]


def test_a_new_step_goes_on_top_of_the_selected_ladder(qtbot, page) -> None:
    softener = CatalogItemDraft(
        kind="equipment", name="", equipment_kind="Water softener", lifespan_min_years=10,
        lifespan_max_years=15, ladder="Softener", price="1500",
    )  # fmt: skip
    for tier, name in ((1, "Basic softener"), (2, "Better softener")):
        catalog_service.save_catalog_item(dataclasses.replace(softener, name=name, tier=tier))
    page.load()
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.lists["ladder"])
    page.lists["ladder"].view.selectRow(0)
    seen = {}

    def fill(dialog: QWidget) -> None:
        seen["prefilled"] = tuple(
            dialog.editors[name].text()
            for name in ("ladder", "tier", "equipment_kind", "lifespan_min_years", "name")
        )
        qtbot.keyClicks(dialog.editors["name"], "Deluxe softener with filter")
        click_save(dialog)

    when_dialog_opens(fill)
    page.lists["ladder"].buttons["new"].click()
    settle(qtbot, page)

    assert seen["prefilled"] == ("Softener", "3", "Water softener", "10", "")
    assert table_texts(page, "ladder", 1) == ["1 (basic)", "2 (better)", "3 (deluxe)"]
    assert table_texts(page, "ladder", 5) == [
        "Better softener",
        "Deluxe softener with filter",
        "top of the ladder",
    ]
    assert page.lists["ladder"].selected().name == "Deluxe softener with filter"
