"""The call sheet: everything a caller needs per customer, outcome boxes, whole blocks per page."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.domain.errors import UserError
from app.domain.settings import BusinessSettings
from app.services.documents.callsheet import (
    MARGIN,
    OUTCOMES,
    CallReason,
    CallSheetEntry,
    LastContact,
    OwnedItem,
    Phone,
    render_callsheet,
)

DAY = datetime.date(2026, 3, 3)
MARGIN_PT = MARGIN
SETTINGS = BusinessSettings(company_name="Comfort Heating")
NAMES = [
    "Αλέξανδρος Παπαδόπουλος",
    "王秀英",
    "Nguyễn Thị Hương",
    "Smith & Sons <b>",
    "Ольга Петрова",
    "Zoë Gonçalves",
]


def _entry(i: int, name: str | None = None, **changes: object) -> CallSheetEntry:
    values: dict = {
        "key": f"Customer {i}",
        "name": name or NAMES[i % len(NAMES)],
        "phones": (Phone("Home", "+14105551234"), Phone("Mobile", "+14435550199")),
        "address": "123 N Main St, Apt 4, Towson MD 21204",
        "call_at": datetime.time(17, 0),
        "call_times": "5:00–5:30 PM, 7:30–8:00 PM",
        "window": "5:00–8:00 PM",
        "reasons": (
            CallReason(
                "Furnace installed March 2009, 17 years old; this model lasts 15–20 years",
                "replacement",
                Decimal("6800"),
            ),
        ),
        "owns": (OwnedItem("Furnace, Carrier 58STA", datetime.date(2009, 3, 1), 17),),
        "last_contact": LastContact(datetime.date(2026, 1, 14), "call", "left message", "Donna"),
        "segment": "Retiree on a fixed budget",
        "pitch": "Predictable costs and no surprises.",
        "talking_points": "Lead with safety\nMention the senior discount",
    }
    values.update(changes)
    return CallSheetEntry(**values)


def test_each_block_shows_what_the_caller_needs(tmp_path: Path) -> None:
    out = tmp_path / "calls.pdf"
    result = render_callsheet([_entry(i) for i in range(len(NAMES))], out, SETTINGS, day=DAY)
    assert result.printed == len(NAMES) and not result.exceptions
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Calls for Tuesday, March 3, 2026" in text
    for number, name in enumerate(NAMES, start=1):
        assert f"{number}. {name}" in text
    for expected in (
        "Home (410) 555-1234",
        "Mobile (443) 555-0199",
        "Call at 5:00 PM",
        "May call 5:00–5:30 PM, 7:30–8:00 PM (their window 5:00–8:00 PM)",
        "Furnace installed March 2009, 17 years old",
        "($6,800.00)",
        "Furnace, Carrier 58STA (17 yrs, 2009)",
        "January 14, 2026 · call · left message",
        "Pitch (Retiree on a fixed budget): Predictable costs and no surprises.",
        "Lead with safety · Mention the senior discount",
        "Quiet hours, no calls: before 9:00 AM, 5:30–7:30 PM, after 8:30 PM.",
        "Callback on",
        "Notes:",
        *OUTCOMES,
    ):
        assert expected in text
    assert "17:" not in text and "any time" not in text


def test_there_is_a_tick_box_for_every_outcome_of_every_block(tmp_path: Path) -> None:
    out = tmp_path / "calls.pdf"
    render_callsheet([_entry(i) for i in range(3)], out, SETTINGS, day=DAY)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        boxes = [r for r in page.rects if abs(r["width"] - 7) < 0.1 and abs(r["height"] - 7) < 0.1]
        words = page.extract_words()
    assert len(boxes) == 3 * len(OUTCOMES)
    first_words = [outcome.split()[0] for outcome in OUTCOMES] * 3
    beside = []
    for box in sorted(boxes, key=lambda b: (round(b["top"]), b["x0"])):  # the label starts just right of it
        word = next(w for w in words if 0 < w["x0"] - box["x1"] < 5 and abs(w["top"] - box["top"]) < 4)
        beside.append(word["text"])
    assert beside == first_words


def test_blocks_never_split_and_pages_are_counted(tmp_path: Path) -> None:
    out = tmp_path / "calls.pdf"
    result = render_callsheet([_entry(i, name=f"Person{i:03d}") for i in range(23)], out, SETTINGS, day=DAY)
    assert result.pages >= 4
    with pdfplumber.open(out) as pdf:
        seen = []
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text()
            assert f"page {number} of {result.pages}" in text
            people = [w["text"] for w in page.extract_words() if w["text"].startswith("Person")]
            seen += people
            # each person on the page has their whole block there: name, reason and outcome boxes
            assert text.count("No answer") == len(people) and text.count("Why now:") == len(people)
    assert seen == [f"Person{i:03d}" for i in range(23)]


def test_missing_information_prints_as_such_and_a_nameless_entry_is_listed(tmp_path: Path) -> None:
    out = tmp_path / "calls.pdf"
    entries = [
        _entry(1, phones=(), owns=(OwnedItem("Water heater"),), last_contact=None, window="", call_times=""),
        _entry(2, name="   "),
        _entry(3, reasons=tuple(CallReason(f"Reason {n}", value=Decimal(100)) for n in range(7))),
        _entry(4, call_at=None, call_times="", window="5:30–7:30 PM"),
    ]
    result = render_callsheet(entries, out, SETTINGS, day=DAY)
    assert result.printed == 3 and [(i.key, i.reason) for i in result.exceptions] == [
        ("Customer 2", "The customer has no name.")
    ]
    text = PdfReader(out).pages[0].extract_text()
    assert "No phone on file" in text and "Water heater (age unknown)" in text and "none on record" in text
    assert "No preferred time" in text
    assert "2. Smith & Sons <b>" in text  # numbered in the order printed
    # The first three reasons in full, the rest counted with what they are worth.
    assert "Reason 2 ($100.00)" in text and "+ 4 more reasons, $400.00 in all" in text
    assert "Reason 3" not in text
    assert "No time to call today" in text and "Their window (5:30–7:30 PM) is all in quiet hours" in text


def test_an_empty_call_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Nothing to print"):
        render_callsheet([], tmp_path / "calls.pdf", SETTINGS, day=DAY)
    assert not (tmp_path / "calls.pdf").exists()


def test_a4_paper(tmp_path: Path) -> None:
    out = tmp_path / "calls.pdf"
    render_callsheet([_entry(1)], out, BusinessSettings(paper_size="a4"), day=DAY)
    with pdfplumber.open(out) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)


def _overlaps(words: list[dict]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cross: text printed over other text."""
    found = []
    for index, first in enumerate(words):
        for second in words[index + 1 :]:
            across = min(first["x1"], second["x1"]) - max(first["x0"], second["x0"])
            down = min(first["bottom"], second["bottom"]) - max(first["top"], second["top"])
            if across > 0.5 and down > 0.5:
                found.append((first["text"], second["text"]))
    return found


def test_reasons_wrap_in_full_and_nothing_prints_over_anything(tmp_path: Path) -> None:
    long_reason = (
        "Has had the Ductless mini-split, single zone since 2014 (11 years); the next step up is the "
        "Ductless mini-split, multi zone, which heats and cools every room on its own schedule and "
        "pays for itself within eight winters at the customer's current oil price"
    )
    company = "Chesapeake Comfort Heating, Cooling, Plumbing & Indoor Air Quality of Greater Baltimore"
    out = tmp_path / "calls.pdf"
    entries = [_entry(i, reasons=(CallReason(long_reason, value=Decimal("9800")),)) for i in range(9)]
    render_callsheet(entries, out, BusinessSettings(company_name=company), day=DAY)
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            assert _overlaps(words) == []  # the header no longer prints the business over the title
            assert all(w["x0"] >= MARGIN_PT - 1 and w["x1"] <= page.width - MARGIN_PT + 1 for w in words)
        first = pdf.pages[0].extract_text()
    blocks = first.count("No answer")
    assert blocks > 1
    assert " ".join(first.split()).count("at the customer's current oil price ($9,800.00)") == blocks
    assert "…" not in first  # a reason is never cut short
    assert company in first and "page 1 of 2" in first


def test_a_reason_that_names_its_value_does_not_say_it_twice(tmp_path: Path) -> None:
    out = tmp_path / "calls.pdf"
    reason = CallReason(
        "The next step up is the Ductless mini-split, multi zone ($9,800.00)", value=Decimal(9800)
    )
    render_callsheet([_entry(1, reasons=(reason,))], out, SETTINGS, day=DAY)
    assert PdfReader(out).pages[0].extract_text().count("$9,800.00") == 1


def test_every_block_has_room_to_write(tmp_path: Path) -> None:
    out = tmp_path / "calls.pdf"
    render_callsheet([_entry(i) for i in range(2)], out, SETTINGS, day=DAY)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        rules = [line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.1]
    width = page.width - 2 * MARGIN_PT
    long_rules = [r for r in rules if r["x1"] - r["x0"] > 0.8 * width]
    callback_rules = [r for r in rules if 30 < r["x1"] - r["x0"] < 60]
    assert len(long_rules) == 2 * 2  # two lines for notes in each block
    assert len(callback_rules) == 2 * 2  # the callback's day and time
