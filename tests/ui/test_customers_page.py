"""The main window as an owner uses it: open, search, select, see the detail."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_an_empty_database_opens_on_the_welcome_page(window) -> None:
    assert window.current_page_key() == "welcome"
    assert window.welcome_page.demo_button.isVisible()


def test_customers_are_listed_by_name(three_customers, window) -> None:
    assert window.current_page_key() == "customers"
    model = window.customers_page.model
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == ["Acme Property Management", "Jones, Bob", "Smith, Ann"]
    assert window.customers_page.count_label.text() == "3 customers"


def test_a_fragment_of_a_phone_number_finds_the_customer(qtbot, three_customers, window) -> None:
    page = window.customers_page
    qtbot.keyClicks(page.search, "632-05")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 0).data() == "Smith, Ann"
    assert page.model.index(0, 2).data() == "(410) 632-0571"
    # A single match is selected, so its detail is on screen at once.
    qtbot.waitUntil(lambda: "Smith, Ann" in page.detail.heading.text())
    assert "Phone (410) 632-0571" in page.detail.contact.text()


def test_selecting_a_customer_shows_their_detail(qtbot, three_customers, window) -> None:
    page = window.customers_page
    page.table.selectRow(0)
    assert "Acme Property Management" in page.detail.heading.text()
    assert "office@acme.example" in page.detail.contact.text()
    page.search.setText("zzzz-nobody")
    page.search.returnPressed.emit()
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 found"


def test_sorting_by_a_column_happens_in_sql(three_customers, window) -> None:
    page = window.customers_page
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert page.model.index(0, 0).data() == "Smith, Ann"
