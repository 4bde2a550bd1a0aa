"""Address labels on Avery sheets, exactly to the sheets' geometry, starting at any label of a used sheet.

A long address line (a 79-character company) is wrapped within the label and the text
shrunk down to the sheet's smallest size; only an address that still does not fit is
listed. Geometry (first label's top-left corner, label size, pitch) is Avery's
published layout, the same figures as gLabels' template database. Labels fill
left to right, then down, as Word's mail merge does. A printer that feeds a
little off is corrected with an X/Y offset in millimetres (positive = right and
down), kept in the settings as "label_offset_mm".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER

from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.postal import AddressProblem, MailingAddress, postal_lines
from app.domain.settings import BusinessSettings
from app.services.documents import fonts, text
from app.services.documents.common import (
    INCH,
    MM,
    Batch,
    BatchResult,
    Cancel,
    Progress,
    pdf_canvas,
    refuse_if_empty,
    warn_missing_glyphs,
)
from app.services.documents.text import Line

MAX_OFFSET_MM = 10.0
LEADING = 1.15


@dataclass(frozen=True)
class LabelSheet:
    name: str
    title: str
    page: tuple[float, float]
    columns: int
    rows: int
    label_width: float
    label_height: float
    left: float  # the first label's left edge, from the page's left edge
    top: float  # the first label's top edge, from the page's top edge
    pitch_x: float  # from one label's left edge to the next one's
    pitch_y: float
    padding_x: float  # inside the label, where nothing is printed
    padding_y: float
    size: float  # the text's size, shrunk down to min_size for a long address
    min_size: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def label_box(self, position: int) -> tuple[float, float, float, float]:
        """(left, bottom, width, height) of label `position` (0-based, row by row) in PDF coordinates."""
        row, column = divmod(position, self.columns)
        left = self.left + column * self.pitch_x
        top = self.top + row * self.pitch_y
        return left, self.page[1] - top - self.label_height, self.label_width, self.label_height


SHEETS = {
    sheet.name: sheet
    for sheet in (
        # 30 per sheet, 1" x 2 5/8"; also 5260, 5520, 8160, 8460, 18160, 48160...
        LabelSheet("avery5160", "Avery 5160 (30 per sheet, 1\" × 2⅝\")", LETTER, 3, 10, 2.625 * INCH,
                   1.0 * INCH, 0.1875 * INCH, 0.5 * INCH, 2.75 * INCH, 1.0 * INCH, 0.15 * INCH,
                   0.0625 * INCH, 10.0, 6.5),
        # 10 per sheet, 2" x 4" shipping labels; also 5263, 8163, 18163...
        LabelSheet("avery5163", "Avery 5163 (10 per sheet, 2\" × 4\")", LETTER, 2, 5, 4.0 * INCH,
                   2.0 * INCH, 0.15625 * INCH, 0.5 * INCH, 4.1875 * INCH, 2.0 * INCH, 0.25 * INCH,
                   0.125 * INCH, 13.0, 8.0),
        # 80 per sheet, 1/2" x 1 3/4" return-address labels; also 8167, 18167...
        LabelSheet("avery5167", "Avery 5167 (80 per sheet, ½\" × 1¾\")", LETTER, 4, 20, 1.75 * INCH,
                   0.5 * INCH, 0.28125 * INCH, 0.5 * INCH, 2.0625 * INCH, 0.5 * INCH, 0.07 * INCH,
                   0.03 * INCH, 6.5, 4.5),
        # 21 per A4 sheet, 63.5 x 38.1 mm, for owners on A4 paper.
        LabelSheet("averyl7160", "Avery L7160 (21 per A4 sheet, 63.5 × 38.1 mm)", A4, 3, 7, 63.5 * MM,
                   38.1 * MM, 7.25 * MM, 15.15 * MM, 66.0 * MM, 38.1 * MM, 4 * MM, 2 * MM, 10.0, 6.5),
    )
}  # fmt: skip


@dataclass(frozen=True)
class AddressLabel:
    key: str  # names the record in the exceptions list
    address: MailingAddress


def label_offset(settings: BusinessSettings) -> tuple[float, float]:
    """The printer's calibration offset from settings.extra["label_offset_mm"], (0, 0) if unset."""
    stored = settings.extra.get("label_offset_mm")
    try:
        x, y = (float(v) for v in stored)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return 0.0, 0.0
    return x, y


def render_labels(
    addresses: Iterable[AddressLabel | MailingAddress],
    out: Path,
    *,
    sheet: str = "avery5160",
    start_at: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    sender_country: str = "US",
    upper_names: bool = False,
    progress: Progress = None,
    cancel: Cancel = None,
) -> BatchResult:
    """Address labels, the first on label `start_at` (1 = top left) of the first sheet."""
    layout = SHEETS.get(sheet.lower().replace(" ", "").replace("-", ""))
    if layout is None:
        raise UserError(
            t("Unknown label sheet “{sheet}”; choose one of {sheets}.", sheet=sheet, sheets=", ".join(SHEETS))
        )
    if not 1 <= start_at <= layout.per_sheet:
        raise UserError(
            t(
                "Start at label: give a number from 1 to {count} for {sheet}.",
                count=layout.per_sheet,
                sheet=t(layout.title),
            )
        )
    dx, dy = (float(v) for v in offset_mm)
    if abs(dx) > MAX_OFFSET_MM or abs(dy) > MAX_OFFSET_MM:
        raise UserError(t("Label offset: at most {mm} mm in each direction.", mm=f"{MAX_OFFSET_MM:g}"))
    shift = (dx * MM, -dy * MM)
    result = BatchResult(Path(out))
    batch = Batch(result, progress=progress, cancel=cancel)

    def prepare(item: AddressLabel | MailingAddress) -> tuple[list[str], float]:
        address = item.address if isinstance(item, AddressLabel) else item
        lines = postal_lines(address, sender_country=sender_country, upper_names=upper_names)
        fitted = _fit(lines, layout)
        warn_missing_glyphs(batch, _key(item), fitted[0])
        return fitted

    with pdf_canvas(out, layout.page, title=t("Labels, {sheet}", sheet=t(layout.title))) as canvas:
        position = start_at - 1
        page_lines: list[Line] = []
        for lines, size in batch.each(addresses, prepare, key=_key):
            page_lines += _label_lines(layout, position, lines, size, shift)
            position += 1
            if position == layout.per_sheet:
                text.draw(canvas, page_lines)
                canvas.showPage()
                result.pages += 1
                page_lines, position = [], 0
        if page_lines:
            text.draw(canvas, page_lines)
            canvas.showPage()
            result.pages += 1
        refuse_if_empty(batch, "addresses")
    return result


def _key(item: AddressLabel | MailingAddress) -> str:
    if isinstance(item, AddressLabel):
        return item.key
    return item.name or item.company or t("an address without a name")


def _fit(lines: list[str], layout: LabelSheet) -> tuple[list[str], float]:
    """The address's lines, a long one wrapped within the label, and the size they print at."""
    fitted = text.fit_wrapped(
        lines,
        fonts.REGULAR,
        size=layout.size,
        min_size=layout.min_size,
        max_width=layout.label_width - 2 * layout.padding_x,
        max_height=layout.label_height - 2 * layout.padding_y,
        leading=LEADING,
    )
    if fitted is None:
        raise AddressProblem(
            t(
                "The address ({lines} lines) does not fit a {sheet} label.",
                lines=len(lines),
                sheet=t(layout.title),
            )
        )
    size, wrapped = fitted
    return wrapped, size


def _label_lines(
    layout: LabelSheet, position: int, lines: list[str], size: float, shift: tuple[float, float]
) -> list[Line]:
    """The address centred top to bottom in its label, starting at the left padding."""
    left, bottom, _width, height = layout.label_box(position)
    block = text.block_height(len(lines), size, LEADING)
    top = bottom + height / 2 + block / 2
    return text.block_lines(
        left + layout.padding_x + shift[0], top + shift[1], lines, fonts.REGULAR, size, LEADING
    )
