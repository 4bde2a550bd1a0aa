"""The Letters page in Spanish: the letters, what they are for, the Spanish template in the editor and
its preview; the owner's Spanish edits are kept apart from their English ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services.documents import load_templates, shipped_templates
from tests.ui.helpers import close_when_idle

ENGLISH_WORDS = ("Dear", "Kind regards", "furnace", "your", "Call us", "Hello")


def _pdf_text(path: Path) -> str:
    return " ".join((PdfReader(path).pages[0].extract_text() or "").split())


@pytest.fixture
def page(qtbot, window, spanish):
    from ui.pages.letters_page import LettersPage

    letters = LettersPage(window.runner)
    qtbot.addWidget(letters)
    letters.resize(1366, 768)
    letters.show()
    letters.load()
    close_when_idle(window)
    return letters


def _rows(page) -> list[tuple[str, str]]:
    model = page.model
    return [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]


def _choose(page, name: str) -> None:
    names = [page.model.row_object(row).name for row in range(page.model.rowCount())]
    page.table.selectRow(names.index(name))
    assert page.current.name == name


def test_the_letters_and_what_they_are_for_read_in_spanish(page) -> None:
    rows = dict(_rows(page))
    assert rows["Renovación del plan"] == "Renovación"
    assert rows["Complemento"] == "Complemento"
    assert rows["Contacto de seguimiento"] == "Contacto de seguimiento"
    assert rows["Gracias / seguimiento después de una venta"] == "Seguimiento"
    assert rows["Presentación de un socio"] == "Presentación de un socio"
    assert rows["Otras propiedades"] == "Otra dirección"
    english_titles = {template.title for template in shipped_templates("en").values()}
    assert len(rows) == 11 and not english_titles & set(rows)
    assert page.reset_button.text() == "Volver al texto original"
    tips = {
        page.field_list.item(i).text(): page.field_list.item(i).toolTip()
        for i in range(page.field_list.count())
    }
    assert tips["{first_name}"] == "el nombre del cliente"
    assert tips["[[when household: ]]"] == "el cliente es un hogar"


def test_the_editor_shows_the_spanish_template_and_its_preview_is_spanish_throughout(page) -> None:
    _choose(page, "add_on")
    spanish = shipped_templates("es")["add_on"]
    assert page.subject.text() == "Aproveche más su {equipment_kind}"
    assert page.greetings.toPlainText().splitlines()[0] == "Apreciable {first_name}:"
    assert page.closing.text() == "Saludos cordiales,"
    assert page.body.toPlainText() == spanish.body.strip()
    assert page.postcard.toPlainText() == spanish.postcard.strip()

    text = _pdf_text(page.preview_path)
    assert "Muestra (Ann Smith)" in page.sample_label.text()
    assert "Aproveche más su calefactor" in text
    assert "Apreciable Ann:" in text
    assert "el termostato inteligente a su calefactor Carrier" in text
    assert "Saludos cordiales," in text
    assert "2 de diciembre de 2026" in text
    for word in ENGLISH_WORDS:
        assert word not in text, word


def test_a_spanish_edit_is_saved_in_spanish_and_english_keeps_its_own(qtbot, page) -> None:
    _choose(page, "check_in")
    page.body.setPlainText("Pensamos en usted, {first_name}.\n\nLlámenos cuando quiera.")
    page.save_button.click()
    assert page.message.text() == ""

    assert "Pensamos en usted, {first_name}." in load_templates("es")["check_in"].body
    assert load_templates("en")["check_in"] == shipped_templates("en")["check_in"]

    page.load()  # the page shown again reads what is stored
    _choose(page, "renewal")
    _choose(page, "check_in")
    assert page.body.toPlainText().startswith("Pensamos en usted")


def test_an_english_edit_does_not_show_in_spanish(qtbot, window, spanish) -> None:
    import dataclasses

    from app.services.documents import save_template
    from ui.pages.letters_page import LettersPage

    english = shipped_templates("en")["upgrade"]
    save_template(dataclasses.replace(english, body="An owner's own English words."), "en")
    letters = LettersPage(window.runner)
    qtbot.addWidget(letters)
    letters.load()
    _choose(letters, "upgrade")
    assert letters.body.toPlainText() == shipped_templates("es")["upgrade"].body.strip()
    assert "An owner's own English words." not in _pdf_text(letters.preview_path)


def test_going_back_brings_the_spanish_original_and_keeps_the_english_edit(qtbot, page, monkeypatch) -> None:
    import dataclasses

    from app.services.documents import save_template

    monkeypatch.setattr("ui.pages.letters_page.confirm", lambda *_args: True)
    english_edit = dataclasses.replace(shipped_templates("en")["upgrade"], body="English words.")
    save_template(english_edit, "en")
    _choose(page, "upgrade")
    page.body.setPlainText("Palabras del dueño.")
    page.save_button.click()
    assert load_templates("es")["upgrade"].body == "Palabras del dueño."

    page.reset_button.click()

    original = shipped_templates("es")["upgrade"]
    assert page.body.toPlainText() == original.body.strip()
    assert load_templates("es")["upgrade"] == original
    assert load_templates("en")["upgrade"].body == "English words."


def test_a_mistake_in_the_template_is_explained_in_spanish(qtbot, page) -> None:
    _choose(page, "thank_you")
    page.body.setPlainText("Gracias, {frist_name}.")
    qtbot.waitUntil(lambda: "{frist_name}" in page.message.text(), timeout=3000)
    assert page.message.text() == (
        "La plantilla usa {frist_name}, que la aplicación no conoce. Revise cómo está escrito."
    )


def test_every_title_and_what_it_is_for_shows_whole_in_the_narrow_pane(page) -> None:
    from PySide6.QtCore import QRect, Qt

    metrics = page.table.fontMetrics()
    for row in range(page.model.rowCount()):
        for column in (0, 1):
            text = page.model.index(row, column).data()
            width = page.table.columnWidth(column) - 8  # the cell's own margins
            needed = metrics.boundingRect(QRect(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, text).height()
            assert needed <= page.table.rowHeight(row), text
