"""Postcards: the address side follows the USPS layout, sheets carry cut marks, messages print as text."""

from __future__ import annotations

import datetime
from pathlib import Path

import pdfplumber
import pytest

from app.domain.errors import UserError
from app.domain.postal import MailingAddress
from app.domain.settings import BusinessSettings
from app.domain.templates import LetterTemplate
from app.services.documents.letter_templates import shipped_templates
from app.services.documents.letters import LetterData
from app.services.documents.postcards import CARD_SIZES, render_postcards

INCH = 72.0
DAY = datetime.date(2026, 3, 3)
SETTINGS = BusinessSettings(
    company_name="Comfort Heating", address="1200 York Rd\nTowson, MD 21204", phone="+14105550100"
)
NAMES = ["Αλέξανδρος Παπαδόπουλος", "王秀英", "Nguyễn Văn An", "Smith & Sons <b>", "Ольга Петрова"]


def _cards(count: int) -> list[LetterData]:
    return [
        LetterData(
            f"Customer {i}",
            MailingAddress(NAMES[i % len(NAMES)], "", f"{10 + i} Elm Street", "", "Towson", "MD", "21204"),
            {
                "display_name": NAMES[i % len(NAMES)],
                "plan_name": "Comfort Club",
                "plan_end_date": datetime.date(2026, 4, 30),
            },
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("size", ["4x6", "6x9"])
def test_the_address_is_in_the_read_area_and_the_barcode_zone_is_empty(tmp_path: Path, size: str) -> None:
    out = tmp_path / "cards.pdf"
    card = CARD_SIZES[size]
    result = render_postcards(
        _cards(2), out, SETTINGS, shipped_templates()["renewal"], size=size, per_sheet=False, day=DAY
    )
    assert result.printed == 2 and result.pages == 4
    with pdfplumber.open(out) as pdf:
        message, address = pdf.pages[0], pdf.pages[1]
        assert (address.width, address.height) == pytest.approx((card.width, card.height))
        assert "Your Comfort Club ends on April 30, 2026" in " ".join(message.extract_text().split())
        words = address.extract_words()
    name = [w for w in words if w["text"] in ("Αλέξανδρος", "Παπαδόπουλος")]
    city = [w for w in words if w["text"] == "TOWSON"]
    assert len(name) == 2 and city
    stamp_words = {"PLACE", "STAMP", "HERE"}
    address_words = [w for w in words if w["x0"] >= card.address_left - 1 and w["text"] not in stamp_words]
    assert len(address_words) == 8  # the name (two words), the street (three), the city line (three)
    for word in address_words:
        from_bottom = card.height - word["bottom"]
        assert from_bottom >= 0.625 * INCH and card.height - word["top"] <= 2.75 * INCH  # OCR read area
        assert word["x0"] >= 0.5 * INCH and word["x1"] <= card.width - 0.5 * INCH
    clear_left = card.width - 4.75 * INCH
    for word in words:  # nothing at all in the barcode clear zone
        assert not (word["x1"] > clear_left and card.height - word["bottom"] < 0.625 * INCH), word
    return_address = [w for w in words if w["text"] == "York"]
    assert return_address and return_address[0]["top"] < 0.6 * INCH and return_address[0]["x0"] < 1 * INCH


def test_a_sheet_holds_two_4x6_cards_with_cut_marks_outside_them(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    result = render_postcards(_cards(5), out, SETTINGS, shipped_templates()["renewal"], size="4x6")
    assert result.printed == 5 and result.pages == 6  # three sheets, front and back
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx((8.5 * INCH, 11 * INCH))
        marks = page.lines
        assert len(marks) == 16  # 8 per card: two at each corner
        cards = [(1.25 * INCH, top, 7.25 * INCH, top + 4 * INCH) for top in (1.375 * INCH, 5.625 * INCH)]
        for line in marks:  # each mark stays outside both cards, pointing at a corner
            for left, top, right, bottom in cards:
                overlaps_x = line["x0"] < right - 0.01 and line["x1"] > left + 0.01
                overlaps_y = line["top"] < bottom - 0.01 and line["bottom"] > top + 0.01
                assert not (overlaps_x and overlaps_y), line
        words = page.extract_words()
        greeting = next(w for w in words if w["text"] == "Dear")
        assert 1.25 * INCH < greeting["x0"] < 2 * INCH and 1.375 * INCH < greeting["top"] < 5.375 * INCH
        back_text = pdf.pages[1].extract_text()
        assert NAMES[0] in back_text and NAMES[1] in back_text
        assert NAMES[2] in pdf.pages[3].extract_text()


def test_6x9_cards_go_one_to_a_landscape_sheet(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    render_postcards(_cards(1), out, SETTINGS, shipped_templates()["renewal"], size="6x9")
    with pdfplumber.open(out) as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((11 * INCH, 8.5 * INCH))


def test_names_print_exactly_and_a_bad_record_is_listed(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    cards = _cards(5)
    cards[2] = LetterData("Customer 2", MailingAddress("No Zip", "", "1 Elm St", "", "Towson", "MD", ""))
    result = render_postcards(cards, out, SETTINGS, shipped_templates()["renewal"], per_sheet=False)
    assert result.printed == 4 and [i.key for i in result.exceptions] == ["Customer 2"]
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    for name in (NAMES[0], NAMES[1], NAMES[3], NAMES[4]):
        assert name in text
    assert "Dear Smith & Sons <b>," in text


def test_a_message_too_long_for_the_card_is_refused(tmp_path: Path) -> None:
    template = LetterTemplate("long", "Long", body="x", postcard="word " * 600)
    with pytest.raises(UserError, match="too long"):
        render_postcards(_cards(1), tmp_path / "c.pdf", SETTINGS, template)


def test_an_unknown_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="4x6 or 6x9"):
        render_postcards(_cards(1), tmp_path / "c.pdf", SETTINGS, shipped_templates()["renewal"], size="5x7")


def test_the_message_and_the_offer_print_in_ink_not_in_the_offer_box_s_tint(tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    card = LetterData(
        "Customer 1",
        MailingAddress("Jane Smith", "", "10 Elm Street", "", "Towson", "MD", "21204"),
        {**_cards(1)[0].fields, "offer": "$50 off", "offer_ends": datetime.date(2026, 5, 1)},
    )
    render_postcards([card], out, SETTINGS, shipped_templates()["renewal"], per_sheet=False, day=DAY)
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
    offer = [c for c in chars if c["fontname"].endswith("Bold") and c["y0"] > 0.75 * INCH]
    assert "Our offer for you: $50 off" in "".join(c["text"] for c in offer)
    message = [c for c in chars if c["y0"] > 0.75 * INCH and c["y1"] < 3.5 * INCH]
    assert message and all(tuple(c["non_stroking_color"] or (0,)) in {(0,), (0, 0, 0)} for c in message)
