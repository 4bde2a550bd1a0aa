"""Issue 15: the mailed pieces as the post and the customer see them.

The #10 window holds the address at both limits of the slide; letters and cards say nothing the
owner wrote for themselves; the copy fits the customer (household or business, seen last week or
last year, a water heater or a furnace, a repair or a new unit); a campaign's offer prints; long
addresses wrap; every script prints; every warning is told; postcards fill the card and never
break the phone number.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pdfplumber
import pytest

from app.cli import main
from app.domain.campaigns import AudienceCriteria
from app.domain.errors import UserError
from app.domain.postal import MailingAddress
from app.domain.settings import BusinessSettings
from app.domain.templates import LetterTemplate, check_template, fill_letter
from app.persistence import templates as template_rows
from app.persistence.tables import CatalogItem, Equipment, Opportunity, Sale, SaleLine, Visit
from app.services import campaigns, mailings
from app.services.documents.labels import SHEETS, AddressLabel, render_labels
from app.services.documents.letter_templates import shipped_templates
from app.services.documents.letters import LetterData, render_letters
from app.services.documents.postcards import CARD_SIZES, render_postcards
from app.services.settings import load_settings, save_settings
from tests.services.test_mailings import DAY, TODAY, Shop, _referral, flowing, page_texts

INCH = 72.0
PITCH = "A plan spreads the cost over the year."  # the Shop's segment pitch: the owner's words
LONG_COMPANY = "Featherstonehaugh-Cholmondeley Mechanical Contractors and Property Holdings Ltd"


@pytest.fixture
def shop(db) -> Shop:
    return Shop()


# ---------------------------------------------------------------- 1. the #10 window, tapped


# The geometry assumed (US #10 single-window envelope, the usual stock): the envelope is
# 9 1/2" x 4 1/8" and the folded letter moves freely inside it; the window is 4 1/2" x 1 1/8",
# 7/8" from the left edge and 1/2" from the bottom edge. The page is folded at the marks the
# letter prints; its top panel faces the window with the page's top toward the flap. USPS
# (DMM 601.6.3): at least 1/8" clear between the address and every edge of the window when the
# insert is moved to its full limits in each direction.
ENVELOPE_W, ENVELOPE_H = 9.5 * INCH, 4.125 * INCH
WINDOW_LEFT, WINDOW_BOTTOM, WINDOW_W, WINDOW_H = 0.875 * INCH, 0.5 * INCH, 4.5 * INCH, 1.125 * INCH
CLEAR = 0.125 * INCH
PAGE_W = 8.5 * INCH


def _window_positions(top_panel: float) -> list[tuple[float, float, float, float]]:
    """The window as a rectangle on the flat page (left, top, right, bottom, from the top-left), at
    each limit: resting on the envelope's bottom or pushed against the flap, left or right."""
    shown = []
    for page_top in (top_panel, ENVELOPE_H):  # the page's top edge, above the envelope's bottom
        for page_left in (0.0, ENVELOPE_W - PAGE_W):
            shown.append(
                (
                    WINDOW_LEFT - page_left,
                    page_top - WINDOW_BOTTOM - WINDOW_H,
                    WINDOW_LEFT - page_left + WINDOW_W,
                    page_top - WINDOW_BOTTOM,
                )
            )
    return shown


def _clear_at_every_limit(box: tuple[float, float, float, float], top_panel: float) -> bool:
    x0, top, x1, bottom = box
    return all(
        x0 >= left + CLEAR - 0.01 and x1 <= right - CLEAR + 0.01 and top >= upper + CLEAR - 0.01
        and bottom <= lower - CLEAR + 0.01
        for left, upper, right, lower in _window_positions(top_panel)
    )  # fmt: skip


def _shows_at_some_limit(box: tuple[float, float, float, float], top_panel: float) -> bool:
    x0, top, x1, bottom = box
    return any(
        x1 > left and x0 < right and bottom > upper and top < lower
        for left, upper, right, lower in _window_positions(top_panel)
    )


def _fold_marks(page: pdfplumber.page.Page) -> list[float]:
    """The heights (from the top) of the fold marks at the page's left edge."""
    return sorted({round(line["top"], 2) for line in page.lines if line["x1"] < 0.75 * INCH})


def test_the_simulation_rejects_the_old_placement() -> None:
    # The address block used to sit 2.05–2.51" from the top, with the page folded in thirds: it
    # disappears when the letter slides toward the flap, and the simulation must say so.
    old = (1.0 * INCH, 2.05 * INCH, 4.0 * INCH, 2.51 * INCH)
    assert not _clear_at_every_limit(old, 11 / 3 * INCH)


@pytest.mark.parametrize("company", ["", "Smith Family Holdings LLC", LONG_COMPANY])
def test_the_address_stays_in_the_10_window_with_an_eighth_clear_at_every_limit(
    tmp_path: Path, company: str
) -> None:
    out = tmp_path / "letters.pdf"
    address = MailingAddress(
        "Jane Smith", company, "456 Loch Raven Boulevard", "Suite 210", "Baltimore", "MD", "212391234"
    )
    result = render_letters(
        [LetterData("c1", address, {"first_name": "Jane"})],
        out,
        BusinessSettings(company_name="Comfort", address="1 Main St\nTowson, MD 21204", phone="+14105550100"),
        shipped_templates()["check_in"],
        day=TODAY,
    )
    assert result.printed == 1 and not result.exceptions
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        marks = _fold_marks(page)
        chars = page.chars
        assert marks and min(line["x0"] for line in page.lines if line["x1"] < 0.75 * INCH) >= 0.25 * INCH
    assert len(marks) == 2  # two folds: the top panel and the middle one
    top_panel = marks[0]
    assert 11 * INCH - marks[1] <= top_panel <= ENVELOPE_H - 0.1 * INCH  # it fits, and folds flat
    address_text = [
        c for c in chars if _shows_at_some_limit((c["x0"], c["top"], c["x1"], c["bottom"]), top_panel)
    ]
    printed = "".join(c["text"] for c in address_text).replace(" ", "")
    expected = ["JaneSmith", "456LOCHRAVENBLVDSTE210", "BALTIMOREMD21239-1234", company.replace(" ", "")]
    for part in expected:
        assert part in printed, (part, printed)
    for char in address_text:  # every character of the address in view with 1/8" clear, whatever the slide
        box = (char["x0"], char["top"], char["x1"], char["bottom"])
        assert _clear_at_every_limit(box, top_panel), char
    # Nothing but the address shows through the window: the date, the rule and the text stay out.
    assert len(printed) == sum(len(part) for part in expected)


# ---------------------------------------------------------------- 2 and 3. the owner's notes stay home


def _opportunity(customer_id: int, kind: str, reason: str, **columns: object) -> int:
    return Opportunity.create(
        customer=customer_id, kind=kind, reason=reason, value_cents=18_900, due_on=TODAY, status="open",
        trigger_key=f"{kind}:issue15:{customer_id}:{columns.get('equipment', '')}", **columns,
    ).id  # fmt: skip


def test_no_letter_or_card_prints_the_owners_reason_or_the_segments_pitch(shop: Shop, tmp_path: Path) -> None:
    ann = shop.customer("Ann", "Smith", segment=shop.retiree)
    home = shop.billing_site(ann)
    unit = Equipment.create(
        site=home, kind="Water softener", brand="Kinetico", installed_on=datetime.date(2017, 1, 12),
        warranty_until=TODAY + 40 * DAY,
    ).id  # fmt: skip
    product = CatalogItem.create(kind="product", name="Smart water-leak sensor kit", price_cents=29_900).id
    notes = {
        "warranty_ending": "Water softener warranty ends soon; no service plan: offer Comfort Club ($189.00)",
        "new_product": "Sensor kit, offered first to our best customers: $27,685.00 with us since 2013",
        "replacement": "Water softener installed January 2017, 9 years old; usually lasts 10–15 years",
    }
    _opportunity(ann, "warranty_ending", notes["warranty_ending"], equipment=unit, site=home)
    _opportunity(ann, "new_product", notes["new_product"], catalog_item=product)
    _opportunity(ann, "replacement", notes["replacement"], equipment=unit, site=home)
    for kind in notes:
        letters, cards = tmp_path / f"{kind}-letters.pdf", tmp_path / f"{kind}-cards.pdf"
        mailings.print_letters(letters, kind, today=TODAY)
        mailings.print_postcards(cards, kind, today=TODAY)
        printed = flowing(" ".join(page_texts(letters) + page_texts(cards)))
        assert "Dear Ann," in printed
        for owner_words in (notes[kind], "$27,685.00", "offer Comfort Club", "best customers: $", PITCH):
            assert owner_words not in printed, (kind, owner_words)
    warranty = flowing(" ".join(page_texts(tmp_path / "warranty_ending-letters.pdf")))
    assert (
        f"ends on {(TODAY + 40 * DAY):%B} {(TODAY + 40 * DAY).day}, 2026" in warranty
    )  # in the customer's words
    assert "A service plan can keep it protected" in warranty


def test_a_template_naming_an_owners_note_is_refused_and_a_saved_copy_is_set_aside(
    shop: Shop, tmp_path: Path
) -> None:
    for note in ("reason", "segment_pitch", "last_job"):
        with pytest.raises(UserError, match="never prints your own notes"):
            check_template(LetterTemplate("x", "X", body=f"Because [[{{{note}}}]]"))
    # An edit saved before this rule: it must not print, and the owner must be told.
    edited = {**shipped_templates()["replacement"].__dict__, "body": "Why now: {reason}. {segment_pitch}"}
    edited["greetings"] = list(edited["greetings"])
    edited["requires"] = list(edited["requires"])
    template_rows.save_template("replacement", edited)
    grace = shop.customer("Grace", "Okafor", segment=shop.retiree)
    shop.opportunity(grace, equipment=shop.furnace(shop.billing_site(grace)), reason="OWNER NOTE 19 years")
    out = tmp_path / "letters.pdf"
    result = mailings.print_letters(out, "replacement", today=TODAY)
    printed = flowing(page_texts(out)[0])
    assert "OWNER NOTE" not in printed and PITCH not in printed and "Why now" not in printed
    assert "Planning ahead for your Carrier furnace" in printed  # the shipped wording printed instead
    assert result.warnings and "edited “Replacement” letter could not be used" in result.warnings[0].reason


# ---------------------------------------------------------------- 4. copy that fits the customer


def _visit(customer_id: int, day: datetime.date) -> None:
    Visit.create(customer=customer_id, visited_on=day, kind="maintenance")


def test_a_check_in_speaks_to_a_business_and_knows_when_we_last_came(shop: Shop, tmp_path: Path) -> None:
    recent = shop.customer("Ann", "Recent", street="1 Elm St")
    _visit(recent, TODAY - 5 * DAY)
    old = shop.customer("Bob", "Old", street="2 Elm St")
    _visit(old, TODAY - 400 * DAY)
    shop.customer("Cy", "Never", street="3 Elm St")
    shop.customer(company="Gunpowder Dental", street="4 Elm St")
    out = tmp_path / "letters.pdf"
    mailings.print_letters(out, today=TODAY)
    pages = {page.split("Dear ")[1].split(",")[0]: flowing(page) for page in page_texts(out)}
    assert "Thank you for having us out on February 26, 2026" in pages["Ann"]
    assert "It has been a while" not in pages["Ann"]
    assert "It has been a while since we last saw you" in pages["Bob"]
    assert "It has been a while" not in pages["Cy"] and "We wanted to check" in pages["Cy"]
    assert "How is everything at home?" in pages["Ann"]
    assert "How is everything at Gunpowder Dental?" in pages["Gunpowder Dental"]
    assert "at home" not in pages["Gunpowder Dental"]


def test_the_wording_follows_the_kind_of_equipment(shop: Shop, tmp_path: Path) -> None:
    ann = shop.customer("Ann", "Smith")
    home = shop.billing_site(ann)
    heater = Equipment.create(
        site=home, kind="Water heater", brand="Rheem", installed_on=datetime.date(2015, 1, 1)
    ).id
    pump = Equipment.create(site=home, kind="Sump pump", installed_on=datetime.date(2014, 1, 1)).id
    tankless = CatalogItem.create(
        kind="equipment", name="Tankless water heater", equipment_kind="Tankless water heater"
    ).id
    _opportunity(ann, "upgrade", "owner", equipment=heater, site=home, catalog_item=tankless)
    shop.opportunity(ann, equipment=pump, site=home, reason="owner")
    upgrade, replacement = tmp_path / "upgrade.pdf", tmp_path / "replacement.pdf"
    mailings.print_letters(upgrade, "upgrade", today=TODAY)
    mailings.print_letters(replacement, "replacement", today=TODAY)
    upgrade_text, replacement_text = flowing(page_texts(upgrade)[0]), flowing(page_texts(replacement)[0])
    assert "room to room" not in upgrade_text and "temperature" not in upgrade_text
    assert (
        "the tankless water heater" in upgrade_text and "hot water for as long as you need it" in upgrade_text
    )
    assert "flooded basement" in replacement_text and "temperature" not in replacement_text
    assert "weather" not in replacement_text


def test_a_thank_you_names_no_job_description_and_fits_a_repair_or_an_install(
    shop: Shop, tmp_path: Path
) -> None:
    repaired = shop.customer("Ann", "Repair")
    Sale.create(
        customer=repaired,
        sold_on=TODAY - 20 * DAY,
        total_cents=18_900,
        description="Repair: replaced inducer motor",
    )
    installed = shop.customer("Bob", "Install", street="9 Elm St")
    sale = Sale.create(
        customer=installed,
        sold_on=TODAY - 21 * DAY,
        total_cents=540_000,
        description="Furnace replacement: 80%",
    ).id
    SaleLine.create(sale=sale, catalog_item=shop.furnace_line, description="96% furnace", total_cents=540_000)
    for customer in (repaired, installed):
        shop.opportunity(customer, "follow_up", reason="check all is well", value=0)
    out = tmp_path / "letters.pdf"
    mailings.print_letters(out, "follow_up", today=TODAY)
    pages = {page.split("Dear ")[1].split(",")[0]: flowing(page) for page in page_texts(out)}
    assert "Repair:" not in pages["Ann"] and "inducer" not in pages["Ann"]
    assert "Thank you for having us out on February 11, 2026" in pages["Ann"]
    assert "new equipment" not in pages["Ann"]
    assert "Thank you for choosing us to install your new furnace on February 10, 2026" in pages["Bob"]
    assert "a question about your new furnace" in pages["Bob"]


def test_a_partners_trade_reads_as_words(shop: Shop, tmp_path: Path) -> None:
    out = tmp_path / "intro.pdf"
    mailings.print_introduction(_referral(shop.customer("Ann", "Smith")), out, today=TODAY)
    page = flowing(page_texts(out)[0])
    assert "Bay Electric (electrician), a business we know and trust" in page
    assert "a Electrician" not in page


# ---------------------------------------------------------------- 5. the offer prints


def test_a_campaigns_offer_prints_on_every_letter_and_card(shop: Shop, tmp_path: Path) -> None:
    for first, street in (("Ann", "1 Elm St"), ("Bob", "2 Elm St")):
        shop.plan(shop.customer(first, "Smith", street=street), TODAY + 20 * DAY)
    campaign = campaigns.create_campaign(
        "Spring tune-up", AudienceCriteria(kind="renewal"), offer="$20 off a spring tune-up",
        offer_ends=datetime.date(2026, 4, 30), today=TODAY,
    )  # fmt: skip
    results = campaigns.print_campaign(
        campaign, tmp_path, letters=True, labels=False, postcards=True, today=TODAY
    )
    for document in ("letters", "postcards"):
        pages = [flowing(page) for page in page_texts(results[document].path)]
        printed = " ".join(pages)
        assert printed.count("Dear ") == 2  # two letters, two cards (one sheet holds both cards)
        assert printed.count("Our offer for you: $20 off a spring tune-up, until April 30, 2026.") == 2, (
            document
        )


def test_an_offer_line_without_the_offer_is_refused() -> None:
    with pytest.raises(UserError, match="offer line must say"):
        check_template(LetterTemplate("x", "X", body="Hi", offer_line="A great deal!"))
    filled = fill_letter(shipped_templates()["check_in"], {"offer": "Free filter"})
    assert filled.offer == "Our offer for you: Free filter."
    assert fill_letter(shipped_templates()["check_in"], {}).offer == ""


# ---------------------------------------------------------------- 6. long addresses, scripts, warnings


def test_a_long_company_wraps_on_the_label_and_the_card(tmp_path: Path) -> None:
    address = MailingAddress("Jane Smith", LONG_COMPANY, "1 Elm St", "", "Towson", "MD", "21204")
    assert len(LONG_COMPANY) == 79
    labels = render_labels([AddressLabel("c1", address)], tmp_path / "labels.pdf", sheet="avery5160")
    assert labels.printed == 1 and not labels.exceptions
    sheet = SHEETS["avery5160"]
    left, bottom, width, height = sheet.label_box(0)
    with pdfplumber.open(labels.path) as pdf:
        chars = pdf.pages[0].chars
    assert "".join(c["text"] for c in chars).replace(" ", "") == (
        "Jane Smith" + LONG_COMPANY + "1 ELM ST" + "TOWSON MD 21204"
    ).replace(" ", "")
    for char in chars:
        assert left <= char["x0"] and char["x1"] <= left + width
        assert sheet.page[1] - bottom - height <= char["top"] and char["bottom"] <= sheet.page[1] - bottom
    cards = render_postcards(
        [LetterData("c1", address, {"first_name": "Jane"})], tmp_path / "cards.pdf",
        BusinessSettings(company_name="Comfort", phone="+14105550100"), shipped_templates()["check_in"],
        per_sheet=False, day=TODAY,
    )  # fmt: skip
    assert cards.printed == 1 and not cards.exceptions
    with pdfplumber.open(cards.path) as pdf:
        back = pdf.pages[1].extract_text()
    assert "Featherstonehaugh-Cholmondeley" in back and "Property Holdings Ltd" in back


def test_devanagari_thai_and_emoji_print_with_no_box_and_no_warning(tmp_path: Path) -> None:
    names = [("प्रिया", "शर्मा"), ("สมชาย", "ใจดี"), ("Sunny 🌞", "Day 👍")]
    records = [
        LetterData(f"c{i}", MailingAddress(f"{first} {last}", "", "1 Elm St", "", "Towson", "MD", "21204"),
                   {"first_name": first, "plan_name": "Comfort Club", "plan_end_date": TODAY})
        for i, (first, last) in enumerate(names)
    ]  # fmt: skip
    out = tmp_path / "letters.pdf"
    settings = BusinessSettings(company_name="Comfort", address="1 Main St", phone="+14105550100")
    result = render_letters(records, out, settings, shipped_templates()["renewal"], day=TODAY)
    assert result.printed == 3 and not result.warnings
    with pdfplumber.open(out) as pdf:
        for page, (first, _last) in zip(pdf.pages, names, strict=True):
            fonts_used = {c["fontname"].split("+")[-1] for c in page.chars if c["text"] in first}
            assert (fonts_used and not fonts_used & {"DejaVuSans"}) or first.startswith("Sunny"), fonts_used
    text = "".join(page_texts(out))
    assert "🌞" in text and "👍" in text and "สมชาย" in text


def test_every_warning_is_told_on_stderr(tmp_path: Path, capsys) -> None:
    db = tmp_path / "t.sqlite3"
    assert main(["--db", str(db), "demo", "--customers", "40", "--seed", "5"]) == 0
    settings = load_settings()
    save_settings(
        BusinessSettings(**{**settings.__dict__, "company_name": "", "logo_png": b"\x89PNG broken"})
    )
    capsys.readouterr()
    command = ["--db", str(db), "--debug", "letters", str(tmp_path / "l.pdf"), "--limit", "3"]
    assert main(command) == 0, capsys.readouterr()
    err = capsys.readouterr().err
    assert "warning: Settings: the business name: empty in the settings" in err
    assert "warning: Letterhead: the logo in the settings could not be read" in err


# ---------------------------------------------------------------- 7. postcards that fill the card


def _shop_for_cards(shop: Shop, count: int) -> None:
    for index in range(count):
        shop.plan(shop.customer(f"Customer{index}", "Smith", street=f"{index + 1} Elm St"), TODAY + 20 * DAY)


@pytest.mark.parametrize("size", ["4x6", "6x9"])
def test_the_message_side_fills_the_card_and_the_phone_never_breaks(
    shop: Shop, tmp_path: Path, size: str
) -> None:
    _shop_for_cards(shop, 6)
    save_settings(
        BusinessSettings(**{**load_settings().__dict__, "phone": "+14105550100", "signature_name": "Dana"})
    )
    out = tmp_path / "cards.pdf"
    result = mailings.print_postcards(out, "renewal", size, today=TODAY, per_sheet=False)
    assert result.printed == 6
    card = CARD_SIZES[size]
    with pdfplumber.open(out) as pdf:
        fronts = [page for page in pdf.pages if "Dear " in (page.extract_text() or "")]
        assert len(fronts) == 6
        for page in fronts:
            lines = (page.extract_text() or "").splitlines()
            with_phone = [line for line in lines if "(410)" in line or "0100" in line]
            assert with_phone and all("(410) 555-0100" in line for line in with_phone), with_phone
            words = page.extract_words()
            dear = next(w for w in words if w["text"] == "Dear")
            message = [
                w for w in words if dear["top"] <= w["top"] and w["bottom"] < card.height - card.footer
            ]
            filled = max(w["bottom"] for w in message) - min(
                w["top"] for w in words if w["top"] > card.header
            )
            assert filled >= 0.4 * (card.height - card.header - card.footer), filled  # not three lines
            sizes = {round(c["size"]) for c in page.chars if c["text"] == "D"}
            assert max(sizes) >= card.message_size - 4
            assert any(re.search(r"Renew", line) for line in lines)
