"""With Español chosen in Settings, the printed pieces speak Spanish: letters, postcards, the call sheet."""

from __future__ import annotations

import datetime
from pathlib import Path

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds.replacement import EquipmentAge, replacement
from app.persistence.tables import Opportunity
from app.services import mailings
from app.services.callsheet import print_callsheet
from app.services.settings import update_settings
from tests.services.test_mailings import TODAY, Shop, flowing, page_texts
from tests.services.test_mailings import shop as shop


def _landlord_with_an_old_furnace(shop: Shop) -> int:
    landlord = shop.customer("Grace", "Okafor", street="9 Bellona Ave", postal="21204", segment=shop.retiree)
    rental = shop.site(landlord, "479 St Paul St", "Baltimore", "21202")
    shop.opportunity(landlord, equipment=shop.furnace(rental))
    return landlord


def test_a_replacement_letter_prints_in_spanish_and_in_english_again(shop: Shop, tmp_path: Path) -> None:
    _landlord_with_an_old_furnace(shop)
    update_settings({"language": "es", "licence_number": "HVAC-1234"})
    spanish = tmp_path / "cartas.pdf"
    mailings.print_letters(spanish, "replacement", today=TODAY)
    page = flowing(page_texts(spanish)[0])
    assert "Planee con tiempo el reemplazo de su calefactor Carrier" in page  # the kind in Spanish too
    assert "Apreciable Grace:" in page
    assert "se instaló en 2006, así que tiene unos 19 años" in page and "de 15 a 20 años" in page
    assert "Un calefactor cerca del final de su vida útil suele fallar" in page  # its kind's words
    assert "3 de marzo de 2026" in page  # the date in Spanish (es_US)
    assert "Licencia HVAC-1234" in page
    for english in ("Dear", "Planning ahead", "Sincerely", "years old", "March"):
        assert english not in page

    update_settings({"language": "en"})
    english = tmp_path / "letters.pdf"
    mailings.print_letters(english, "replacement", today=TODAY)
    page = flowing(page_texts(english)[0])
    assert "Planning ahead for your Carrier furnace" in page and "March 3, 2026" in page
    assert "License HVAC-1234" in page and "Apreciable" not in page


def test_postcards_in_spanish(shop: Shop, tmp_path: Path) -> None:
    _landlord_with_an_old_furnace(shop)
    update_settings({"language": "es"})
    out = tmp_path / "postales.pdf"
    mailings.print_postcards(out, "replacement", today=TODAY)
    text = flowing(" ".join(page_texts(out)))
    assert "Planee su reemplazo a su ritmo" in text
    assert "Llame al" in text and "Call " not in text


def test_the_call_sheet_in_spanish_reads_the_stored_reasons_in_spanish(shop: Shop, tmp_path: Path) -> None:
    _landlord_with_an_old_furnace(shop)
    # The reason as the engine writes and stores it: in English (app.domain.opportunity_kinds).
    unit = EquipmentAge(1, 1, 1, "Furnace", datetime.date(2006, 5, 1), 15, 20, 540_000, from_item=False)
    stored = replacement(unit, Rules(today=TODAY)).reason  # type: ignore[union-attr]
    Opportunity.update(reason=stored).execute()
    update_settings({"language": "es"})
    out = tmp_path / "llamadas.pdf"
    print_callsheet(out, day=TODAY)
    text = flowing(" ".join(page_texts(out)))
    assert "Llamadas del martes, 3 de marzo de 2026" in text
    assert "Por qué ahora" in text and "No contestó" in text
    # The reason, stored in English, printed in Spanish.
    assert (
        "Furnace: instalado en mayo de 2006, tiene 19 años; este tipo de equipo suele durar de 15 a 20 años"
        in text
    )
    assert "Último contacto: ninguno registrado" in text and "1 llamada de las 1 pendientes" in text
    for english in ("Why now", "installed", "Last contact", "most urgent"):
        assert english not in text
