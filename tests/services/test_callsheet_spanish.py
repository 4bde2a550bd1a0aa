"""The printed call sheet says how each customer was last contacted, and what came of it, in Spanish;
in English as it always has."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from app.domain.records import TouchDraft
from app.services import records
from app.services.callsheet import print_callsheet
from app.services.settings import update_settings
from tests.services.test_mailings import TODAY, Shop, flowing, page_texts
from tests.services.test_mailings import shop as shop


@pytest.mark.parametrize(
    ("language", "expected", "english"),
    [
        ("es", "llamada · dejé mensaje · Tasha Greene", "left message"),
        ("en", "call · left message · Tasha Greene", None),
    ],
)
def test_the_call_sheets_last_contact(
    shop: Shop, tmp_path: Path, language: str, expected: str, english: str | None
) -> None:
    customer = shop.customer("Grace", "Okafor", street="9 Bellona Ave", postal="21204", segment=shop.retiree)
    shop.opportunity(
        customer, equipment=shop.furnace(shop.site(customer, "479 St Paul St", "Baltimore", "21202"))
    )
    called = datetime.datetime.combine(TODAY - datetime.timedelta(days=40), datetime.time(9, 30))
    records.add_record(
        TouchDraft(customer, "call", called, outcome="left message", reason="Tune-up", by_whom="Tasha Greene")
    )
    update_settings({"language": language})
    out = tmp_path / "calls.pdf"
    print_callsheet(out, day=TODAY)
    text = flowing(" ".join(page_texts(out)))
    assert expected in text
    if english:
        assert english not in text


def test_the_spanish_call_sheet_stays_inside_its_cards(shop: Shop, tmp_path: Path) -> None:
    """ "Volver a llamar el ____ a las ____" is longer than "Callback on ____ at ____": it takes a line
    of its own rather than run past the card; the quiet hours end "8:30 p.m.", not "p.m.."."""
    import pdfplumber

    customer = shop.customer("Grace", "Okafor", street="9 Bellona Ave", postal="21204", segment=shop.retiree)
    shop.opportunity(
        customer, equipment=shop.furnace(shop.site(customer, "9 Bellona Ave", "Towson", "21204"))
    )
    update_settings({"language": "es"})
    out = tmp_path / "calls.pdf"
    print_callsheet(out, day=TODAY)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        card_right = max(curve["x1"] for curve in page.curves) + 0.5  # the card's rounded border
        assert page.lines and all(line["x1"] <= card_right for line in page.lines)
        assert all(word["x1"] <= card_right for word in page.extract_words())
        text = page.extract_text()
    assert "Volver a llamar el" in text and "p.m.." not in text and "8:30 p.m." in text
