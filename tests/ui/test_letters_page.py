"""The Letters page: editing a template's wording, its live preview, saving and going back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services.documents import load_templates, shipped_templates
from tests.ui.helpers import close_when_idle


def _pdf_text(path: Path) -> str:
    return " ".join((PdfReader(path).pages[0].extract_text() or "").split())


@pytest.fixture
def page(qtbot, window):
    from ui.pages.letters_page import LettersPage

    letters = LettersPage(window.runner)
    qtbot.addWidget(letters)
    letters.resize(1366, 768)
    letters.show()
    letters.load()
    close_when_idle(window)
    return letters


def _choose(page, name: str) -> None:
    names = [page.model.row_object(row).name for row in range(page.model.rowCount())]
    page.table.selectRow(names.index(name))
    assert page.current.name == name


def test_editing_the_body_changes_the_preview_after_a_pause(qtbot, page):
    _choose(page, "renewal")
    first = page.preview_path
    assert first is not None and "Ann Smith" in _pdf_text(first)  # the built-in sample: no customers

    page.body.setPlainText("Your furnace deserves a pelican-shaped filter this winter.")
    assert page.preview_path == first  # nothing is drawn while the owner is still typing
    qtbot.waitUntil(lambda: page.preview_path != first, timeout=3000)

    text = _pdf_text(page.preview_path)
    assert "pelican-shaped filter" in text
    assert page.message.text() == ""


def test_saving_keeps_the_new_wording(qtbot, page):
    _choose(page, "check_in")
    page.body.setPlainText("We think of you, {first_name}.\n\nCall us any time.")
    page.save_button.click()

    stored = load_templates()["check_in"]
    assert "We think of you, {first_name}." in stored.body
    assert page.message.text() == ""


def test_going_back_to_the_shipped_wording(qtbot, page, monkeypatch):
    monkeypatch.setattr("ui.pages.letters_page.confirm", lambda *_args: True)
    _choose(page, "upgrade")
    page.body.setPlainText("An owner's own words.")
    page.save_button.click()
    assert load_templates()["upgrade"].body == "An owner's own words."

    page.reset_button.click()

    shipped = shipped_templates()["upgrade"]
    assert load_templates()["upgrade"].body == shipped.body
    assert page.body.toPlainText() == shipped.body.strip()


def test_an_unknown_field_is_shown_and_not_saved(qtbot, page):
    _choose(page, "thank_you")
    before = load_templates()["thank_you"].body
    page.body.setPlainText("Thank you, {frist_name}.")
    qtbot.waitUntil(lambda: "{frist_name}" in page.message.text(), timeout=3000)

    page.save_button.click()

    assert "{frist_name}" in page.message.text()
    assert load_templates()["thank_you"].body == before


def test_the_preview_uses_a_real_customer_when_one_is_due(qtbot, window, database):
    from app.services.demo import build_demo
    from app.services.opportunities import recompute_opportunities
    from ui.pages.letters_page import LettersPage

    build_demo(customers=40)
    recompute_opportunities()
    letters = LettersPage(window.runner)
    qtbot.addWidget(letters)
    letters.load()
    _choose(letters, "check_in")
    qtbot.waitUntil(lambda: "check_in" in letters.samples, timeout=10_000)
    due = letters.samples["check_in"].address.name
    qtbot.waitUntil(lambda: letters.sample_label.text() == f"Preview for {due}", timeout=3000)
    assert "Ann Smith" not in letters.sample_label.text() and "Customer" not in letters.sample_label.text()


def test_unsaved_edits_are_not_dropped_without_asking(qtbot, page, monkeypatch):
    asked = []
    monkeypatch.setattr("ui.pages.letters_page.confirm", lambda *args: asked.append(args) or False)
    _choose(page, "renewal")
    page.body.setPlainText("Half-written thoughts.")

    page.table.selectRow(0)
    page.load()  # the window shows the page again

    assert asked and page.current.name == "renewal"
    assert page.body.toPlainText() == "Half-written thoughts."
