"""Address labels: Avery geometry, start at label N, calibration offset, postal style, bad records."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from app.domain.errors import UserError
from app.domain.postal import MailingAddress
from app.domain.settings import BusinessSettings
from app.services.documents.labels import SHEETS, AddressLabel, label_offset, render_labels

INCH = 72.0
MM = 72 / 25.4


def _address(i: int, name: str | None = None) -> AddressLabel:
    return AddressLabel(
        f"Customer {i}",
        MailingAddress(
            name or f"Label{i:03d} Person", "", f"{100 + i} Loch Raven Boulevard", "", "Towson", "MD", "21204"
        ),
    )


def _name_positions(path: Path) -> list[dict[int, tuple[float, float]]]:
    """Per page: label number → (x0, top) of the "L" that starts its name."""
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            positions = {}
            for word in page.extract_words():
                if word["text"].startswith("Label"):
                    positions[int(word["text"][5:8])] = (word["x0"], word["top"])
            found.append(positions)
    return found


@pytest.mark.parametrize("name", ["avery5160", "avery5163", "avery5167", "averyl7160"])
def test_sheet_geometry_is_symmetric_and_fills_the_page(name: str) -> None:
    sheet = SHEETS[name]
    right = sheet.page[0] - (sheet.left + (sheet.columns - 1) * sheet.pitch_x + sheet.label_width)
    bottom = sheet.page[1] - (sheet.top + (sheet.rows - 1) * sheet.pitch_y + sheet.label_height)
    assert right == pytest.approx(sheet.left, abs=0.5)
    assert bottom == pytest.approx(sheet.top, abs=0.5)
    assert sheet.pitch_x >= sheet.label_width and sheet.pitch_y >= sheet.label_height


def test_avery_5160_published_dimensions() -> None:
    sheet = SHEETS["avery5160"]
    assert (sheet.columns, sheet.rows, sheet.per_sheet) == (3, 10, 30)
    assert sheet.page == pytest.approx((8.5 * INCH, 11 * INCH))
    assert (sheet.label_width, sheet.label_height) == pytest.approx((2.625 * INCH, 1.0 * INCH))
    assert (sheet.left, sheet.top) == pytest.approx((0.1875 * INCH, 0.5 * INCH))
    assert (sheet.pitch_x, sheet.pitch_y) == pytest.approx((2.75 * INCH, 1.0 * INCH))
    assert (SHEETS["avery5163"].columns, SHEETS["avery5163"].rows) == (2, 5)
    assert (SHEETS["avery5167"].columns, SHEETS["avery5167"].rows) == (4, 20)


@pytest.mark.parametrize("name", ["avery5160", "avery5163", "avery5167"])
def test_each_address_prints_inside_its_label_in_row_order(tmp_path: Path, name: str) -> None:
    sheet = SHEETS[name]
    out = tmp_path / "labels.pdf"
    count = sheet.per_sheet + 3
    result = render_labels([_address(i) for i in range(count)], out, sheet=name)
    assert result.pages == 2 and result.printed == count
    pages = _name_positions(out)
    assert len(pages[0]) == sheet.per_sheet and len(pages[1]) == 3
    for i in range(count):
        page, position = divmod(i, sheet.per_sheet)
        row, column = divmod(position, sheet.columns)
        x0, top = pages[page][i]
        assert x0 == pytest.approx(sheet.left + column * sheet.pitch_x + sheet.padding_x, abs=0.6)
        label_top = sheet.top + row * sheet.pitch_y
        assert label_top + sheet.padding_y - 0.5 <= top <= label_top + sheet.label_height / 2


def test_start_at_n_skips_the_used_labels(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    render_labels([_address(i) for i in range(30)], out, sheet="avery5160", start_at=7)
    pages = _name_positions(out)
    assert len(pages[0]) == 24 and len(pages[1]) == 6
    x0, top = pages[0][0]
    assert x0 == pytest.approx(0.1875 * INCH + 0.15 * INCH, abs=0.6)  # label 7: third row, first column
    assert 2.5 * INCH < top < 3.0 * INCH
    x0, top = pages[1][24]
    assert x0 == pytest.approx(0.1875 * INCH + 0.15 * INCH, abs=0.6) and top < 1.0 * INCH


def test_the_calibration_offset_moves_everything(tmp_path: Path) -> None:
    plain, shifted = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_labels([_address(1)], plain)
    render_labels([_address(1)], shifted, offset_mm=(2.0, -3.0))
    (x1, t1), (x2, t2) = _name_positions(plain)[0][1], _name_positions(shifted)[0][1]
    assert x2 - x1 == pytest.approx(2 * MM, abs=0.05)
    assert t2 - t1 == pytest.approx(-3 * MM, abs=0.05)  # negative: up the page
    settings = BusinessSettings(extra={"label_offset_mm": [1.5, -0.5]})
    assert label_offset(settings) == (1.5, -0.5) and label_offset(BusinessSettings()) == (0.0, 0.0)


def test_labels_are_in_postal_style_and_names_exact(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    addresses = [
        MailingAddress("王伟", "", "12 west Elm Street", "apartment 3b", "Baltimore", "maryland", "21201"),
        MailingAddress("Ольга Петрова", "Smith & Sons <b>", "PO Box 55", "", "Towson", "MD", "21204-1234"),
        MailingAddress(
            "Renée Gagné", "", "10 rue Sainte-Catherine", "", "Montréal", "Québec", "h3b1a7", "Canada"
        ),
    ]
    render_labels(addresses, out)
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    for line in (
        "王伟",
        "12 W ELM ST APT 3B",
        "BALTIMORE MD 21201",
        "Ольга Петрова",
        "Smith & Sons <b>",
        "PO BOX 55",
        "TOWSON MD 21204-1234",
        "Renée Gagné",
        "MONTRÉAL QC H3B 1A7",
        "CANADA",
    ):
        assert line in text


def test_a_bad_address_is_listed_and_the_rest_print(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    items = [_address(i) for i in range(10)]
    items[4] = AddressLabel("Customer 4", MailingAddress("No City", "", "1 Elm St", "", "", "MD", "21204"))
    items[7] = AddressLabel(
        "Customer 7", MailingAddress("Nowhere", "", "1 Elm St", "", "Towson", "ZZ", "21204")
    )
    result = render_labels(items, out)
    assert result.printed == 8
    assert [(i.key, i.reason) for i in result.exceptions] == [
        ("Customer 4", "The address has no city."),
        ("Customer 7", "“ZZ” is not a US state."),
    ]
    positions = _name_positions(out)[0]
    assert sorted(positions) == [0, 1, 2, 3, 5, 6, 8, 9]
    assert positions[5][0] == pytest.approx(
        SHEETS["avery5160"].left + SHEETS["avery5160"].pitch_x + 0.15 * INCH, abs=0.6
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sheet": "avery9999"}, "Unknown label sheet"),
        ({"start_at": 31}, "from 1 to 30"),
        ({"start_at": 0}, "from 1 to 30"),
        ({"offset_mm": (11, 0)}, "at most 10 mm"),
    ],
)
def test_wrong_options_are_refused(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        render_labels([_address(1)], tmp_path / "l.pdf", **kwargs)
    assert not (tmp_path / "l.pdf").exists()
