"""Letters: what is printed, where the address lands, and a batch that survives bad records."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from app.domain.errors import UserError
from app.domain.postal import MailingAddress
from app.domain.settings import BusinessSettings
from app.domain.templates import LetterTemplate
from app.services.cancel import Cancelled
from app.services.documents import letters as letters_module
from app.services.documents.letter_templates import shipped_templates
from app.services.documents.letters import DEFAULT_WINDOWS, EnvelopeWindow, LetterData, render_letters

DAY = datetime.date(2026, 3, 3)
NAMES = {
    "greek": ("Αλέξανδρος", "Παπαδόπουλος"),
    "cyrillic": ("Ольга", "Петрова"),
    "vietnamese": ("Thị Hương", "Trần"),
    "chinese": ("秀英", "李"),
    "latin": ("Siobhán", "Ó Briain"),
    "markup": ("", "Smith & Sons <b>"),
}


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "navy").save(buffer, "PNG")
    return buffer.getvalue()


SETTINGS = BusinessSettings(
    company_name="Chesapeake Comfort Heating & Air",
    address="1200 York Rd\nTowson, MD 21204",
    phone="+14105550100",
    email="service@comfort.example",
    signature_name="Rick Calloway",
    logo_png=_logo(),
)


def _letter(key: str, first: str, last: str, **fields: object) -> LetterData:
    name = f"{first} {last}".strip()
    address = MailingAddress(name, "", "123 north Main Street", "Apt 4", "Towson", "Maryland", "21204")
    values = {
        "first_name": first,
        "last_name": last,
        "plan_name": "Comfort Club",
        "plan_end_date": datetime.date(2026, 4, 30),
        **fields,
    }
    return LetterData(key, address, values)


def _renewal() -> LetterTemplate:
    return shipped_templates()["renewal"]


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_names_in_every_script_print_exactly(tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    records = [_letter(script, first, last) for script, (first, last) in NAMES.items()]
    result = render_letters(records, out, SETTINGS, _renewal(), day=DAY)
    assert result.printed == len(NAMES) and result.pages == len(NAMES) and not result.exceptions
    pages = _page_texts(out)
    for page, (first, last) in zip(pages, NAMES.values(), strict=True):
        assert f"{first} {last}".strip() in page
        assert "TOWSON MD 21204" in page and "123 N MAIN ST APT 4" in page
        assert "March 3, 2026" in page


def test_markup_like_text_prints_literally_and_greeting_falls_back(tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    records = [_letter("c1", "", "Smith & Sons <b>", offer="Save <i>10%</i> & more {first_name}")]
    render_letters(records, out, SETTINGS, _renewal(), day=DAY)
    page = _page_texts(out)[0]
    assert "Smith & Sons <b>" in page
    assert "Save <i>10%</i> & more {first_name}" in page  # a value's braces are not filled again
    assert "Dear Smith & Sons <b>," in page
    assert "Dear ," not in page and "None" not in page


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_address_sits_inside_the_envelope_window(tmp_path: Path, paper: str) -> None:
    out = tmp_path / "letters.pdf"
    settings = BusinessSettings(company_name="Comfort", paper_size=paper)
    record = LetterData(
        "c1",
        MailingAddress(
            "Jane Smith",
            "Smith Family Holdings LLC",
            "456 Loch Raven Boulevard",
            "Suite 210",
            "Baltimore",
            "MD",
            "212391234",
        ),
        {"first_name": "Jane"},
    )
    render_letters([record], out, settings, shipped_templates()["check_in"], day=DAY)
    window = DEFAULT_WINDOWS[paper]
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == ((612, 792) if paper == "letter" else (595, 842))
        address_chars = [c for c in page.chars if window.top - 5 < c["top"] < window.top + window.height + 5]
        address_chars = [c for c in address_chars if c["x0"] < window.left + window.width]
    text = "".join(c["text"] for c in address_chars)
    for expected in (
        "JaneSmith",
        "SmithFamilyHoldingsLLC",
        "456LOCHRAVENBLVDSTE210",
        "BALTIMOREMD21239-1234",
    ):
        assert expected in text.replace(" ", "")
    for char in address_chars:
        assert window.left - 0.01 <= char["x0"] and char["x1"] <= window.left + window.width + 0.01
        assert window.top - 0.01 <= char["top"] and char["bottom"] <= window.top + window.height + 0.01


def test_a_custom_window_moves_the_address_and_a_long_address_shrinks_to_fit(tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    window = EnvelopeWindow.from_mm(30, 55, 80, 22)
    long_name = "Bartholomew Featherstonehaugh-Cholmondeley"
    record = LetterData("c1", MailingAddress(long_name, "", "9 Elm St", "", "Baltimore", "MD", "21201"))
    render_letters([record], out, SETTINGS, shipped_templates()["check_in"], window=window, day=DAY)
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[0].chars if window.top - 1 <= c["top"] <= window.top + window.height]
        chars = [c for c in chars if c["x0"] < window.left + window.width]
    printed = "".join(c["text"] for c in chars).replace(" ", "")
    assert printed == (long_name + "9 ELM ST" + "BALTIMORE MD 21201").replace(" ", "")
    assert all(window.left - 0.01 <= c["x0"] and c["x1"] <= window.left + window.width + 0.01 for c in chars)
    sizes = {round(c["size"], 2) for c in chars}
    assert max(sizes) < 10 and min(sizes) >= 8  # shrunk, but not below the readable limit


def test_bad_records_are_listed_and_the_rest_print(tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    good = [_letter(f"Customer {i}", "Jane", f"Smith{i}") for i in range(5)]
    no_street = LetterData(
        "Customer 98", MailingAddress("No Street", city="Towson", region="MD", postal_code="21204")
    )
    bad_zip = LetterData("Customer 99", MailingAddress("Bad Zip", "", "1 Elm St", "", "Towson", "MD", "2120"))
    too_big = LetterData(  # wrapped, still eight lines: more than the window holds at 8 pt
        "Customer 97",
        MailingAddress("A" * 90, "B" * 90, "1 Elm St", "Building " + "C" * 60, "Towson", "MD", "21204"),
    )
    records = [good[0], no_street, good[1], bad_zip, good[2], too_big, good[3], good[4]]
    result = render_letters(records, out, SETTINGS, _renewal(), day=DAY)
    assert result.printed == 5 and result.pages == 5
    assert [issue.key for issue in result.exceptions] == ["Customer 98", "Customer 99", "Customer 97"]
    assert "street" in result.exceptions[0].reason and "2120" in result.exceptions[1].reason
    assert "window" in result.exceptions[2].reason
    text = "\n".join(_page_texts(out))
    assert all(f"Smith{i}" in text for i in range(5)) and "Bad Zip" not in text


def test_a_record_without_the_templates_required_values_is_listed(tmp_path: Path) -> None:
    records = [
        _letter("ok", "A", "B"),
        _letter("no plan", "C", "D", plan_name=None),
        _letter("ok2", "E", "F"),
    ]
    result = render_letters(records, tmp_path / "l.pdf", SETTINGS, _renewal(), day=DAY)
    assert result.printed == 2
    assert [(i.key, i.reason) for i in result.exceptions] == [
        ("no plan", "The plan renewal letter needs the service plan's name.")
    ]


def test_a_bug_in_one_record_is_listed_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = letters_module.layout_letter

    def flaky(letter, *args, **kwargs):
        if letter.key == "boom":
            raise RuntimeError("a bug")
        return real(letter, *args, **kwargs)

    monkeypatch.setattr(letters_module, "layout_letter", flaky)
    records = [_letter("ok1", "A", "B"), _letter("boom", "C", "D"), _letter("ok2", "E", "F")]
    result = render_letters(records, tmp_path / "l.pdf", SETTINGS, _renewal(), day=DAY)
    assert result.printed == 2 and [i.key for i in result.exceptions] == ["boom"]
    bugs = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(bugs) == 1 and "boom" in bugs[0].getMessage() and bugs[0].exc_info  # logged as the bug it is


def test_nothing_printable_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    with pytest.raises(UserError, match="Nothing to print"):
        render_letters([LetterData("c1", MailingAddress("X"))], out, SETTINGS, _renewal(), day=DAY)
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_no_file_and_the_old_one_untouched(tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    out.write_bytes(b"the previous run")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 30

    records = [_letter(f"c{i}", "Jane", "Smith") for i in range(100)]
    with pytest.raises(Cancelled):
        render_letters(records, out, SETTINGS, _renewal(), day=DAY, cancel=cancel)
    assert out.read_bytes() == b"the previous run"
    assert [p.name for p in tmp_path.iterdir()] == ["letters.pdf"]


def test_progress_is_reported_to_the_end(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    records = [_letter(f"c{i}", "Jane", "Smith") for i in range(60)]
    render_letters(
        records, tmp_path / "l.pdf", SETTINGS, _renewal(), day=DAY, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (60, 60) and len(seen) >= 3


def test_a_long_letter_continues_on_a_second_page(tmp_path: Path) -> None:
    template = LetterTemplate(
        "long", "Long", body="\n\n".join(f"Paragraph {i} " + "word " * 90 for i in range(9))
    )
    result = render_letters([_letter("c1", "Jane", "Smith")], tmp_path / "l.pdf", SETTINGS, template, day=DAY)
    assert result.pages >= 2
    pages = _page_texts(tmp_path / "l.pdf")
    assert "Paragraph 8" in pages[-1] and "page 2" in pages[1]
    assert "Rick Calloway" in pages[-1]


def test_the_logo_is_embedded_once_for_the_whole_batch(tmp_path: Path) -> None:
    out = tmp_path / "l.pdf"
    render_letters([_letter(f"c{i}", "Jane", "Smith") for i in range(20)], out, SETTINGS, _renewal(), day=DAY)
    raw = out.read_bytes()
    assert raw.count(b"/Subtype /Image") == 1  # one copy of the logo for twenty letters
    assert len(PdfReader(out).pages[19].images) == 1  # and it is on the last page too


def test_a_logo_that_cannot_be_read_is_a_warning(tmp_path: Path) -> None:
    settings = BusinessSettings(company_name="Comfort", logo_png=b"\x89PNG not really")
    result = render_letters(
        [_letter("c1", "Jane", "Smith")], tmp_path / "l.pdf", settings, _renewal(), day=DAY
    )
    assert result.printed == 1 and result.warnings and "logo" in result.warnings[0].reason


def test_a_character_no_font_has_is_a_warning(tmp_path: Path) -> None:
    result = render_letters(
        [_letter("c1", "Ra", "𓀀"), _letter("c2", "สมชาย", "ใจดี")],
        tmp_path / "l.pdf",
        SETTINGS,
        _renewal(),
        day=DAY,
    )
    assert result.printed == 2
    assert [w.key for w in result.warnings] == ["c1"] and "box" in result.warnings[0].reason  # Thai prints


def test_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        render_letters([_letter("c1", "A", "B")], tmp_path / "nope" / "l.pdf", SETTINGS, _renewal(), day=DAY)
