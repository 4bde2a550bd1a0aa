"""Postcards, 4×6 and 6×9: a message side and an address side laid out as the USPS reads mail.

The address side follows the USPS automation rules for cards: the return
address top left, the postage area top right, the delivery address inside the
OCR read area (at least 1/2" from the left and right edges, between 5/8" and
2 3/4" from the bottom), and the barcode clear zone (the bottom 5/8" of the
rightmost 4 3/4") left empty for the barcode the post sprays on. Cards print
several to a sheet with cut marks (both sides on facing pages, so a duplex
print backs each message with its own address) or one per page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.domain import clock
from app.domain.errors import UserError
from app.domain.postal import AddressProblem, postal_lines
from app.domain.settings import BusinessSettings
from app.domain.templates import LetterTemplate, fill_letter
from app.domain.values import clean_text, format_phone
from app.services.documents import fonts, letterhead, text
from app.services.documents.common import (
    INCH,
    Batch,
    BatchResult,
    Cancel,
    Progress,
    page_size,
    pdf_canvas,
    refuse_if_empty,
)
from app.services.documents.letters import LetterData, business_values, letter_values
from app.services.documents.text import Line

# USPS: the OCR read area and the barcode clear zone, in points from the card's bottom-left corner.
READ_AREA_SIDE = 0.5 * INCH
READ_AREA_BOTTOM = 0.625 * INCH
READ_AREA_TOP = 2.75 * INCH
CLEAR_ZONE = (4.75 * INCH, 0.625 * INCH)  # width from the right edge, height from the bottom
CUT_MARK = (0.0625 * INCH, 0.3125 * INCH)  # a cut mark runs from this far outside the card to this far


@dataclass(frozen=True)
class CardSize:
    name: str
    width: float  # landscape: the long side across
    height: float
    address_left: float  # where the address column begins
    stamp: tuple[float, float]  # the postage area's width and height, in the top right corner
    message_size: float


CARD_SIZES = {
    "4x6": CardSize("4x6", 6 * INCH, 4 * INCH, 2.75 * INCH, (0.9 * INCH, 1.05 * INCH), 13.0),
    "6x9": CardSize("6x9", 9 * INCH, 6 * INCH, 4.5 * INCH, (1.0 * INCH, 1.2 * INCH), 16.0),
}


@dataclass(frozen=True)
class _Card:
    message: list[Line]
    address: list[Line]


def render_postcards(
    cards: Iterable[LetterData],
    out: Path,
    settings: BusinessSettings,
    template: LetterTemplate,
    *,
    size: str = "4x6",
    per_sheet: bool = True,
    day: datetime.date | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> BatchResult:
    """Postcards from the template's postcard message; the records that cannot be printed are listed."""
    card = CARD_SIZES.get(size.lower().replace("×", "x").replace(" ", ""))
    if card is None:
        raise UserError(f"Postcard size: choose {' or '.join(CARD_SIZES)}.")
    positions, page = _sheet_positions(card, page_size(settings)) if per_sheet else ([(0.0, 0.0)], None)
    page = page or (card.width, card.height)
    business = business_values(settings, day or clock.today())
    result = BatchResult(Path(out))
    batch = Batch(result, progress=progress, cancel=cancel)

    def prepare(record: LetterData) -> _Card:
        lines = postal_lines(record.address, sender_country=settings.country or "US")
        filled = fill_letter(template, letter_values(record, business))
        return _Card(
            _message_lines(card, filled.subject, filled.greeting, filled.postcard), _address(card, lines)
        )

    with pdf_canvas(out, page, title=f"{template.title} postcards", author=settings.company_name) as canvas:
        logo = letterhead.load_logo(settings, batch)
        letterhead.check_business(settings, batch)
        _define_sides(canvas, card, settings, logo)
        pending: list[_Card] = []
        for prepared in batch.each(cards, prepare, key=lambda record: record.key):
            pending.append(prepared)
            if len(pending) == len(positions):
                result.pages += _print_sheet(canvas, card, positions, pending, per_sheet)
                pending = []
        if pending:
            result.pages += _print_sheet(canvas, card, positions, pending, per_sheet)
        refuse_if_empty(batch, "postcards")
    return result


def _sheet_positions(
    card: CardSize, paper: tuple[float, float]
) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """Cards centred on the sheet: 4×6 two to a portrait page, 6×9 one to a landscape page."""
    page = paper if card.width <= paper[0] else landscape(paper)
    across = 1
    down = max(1, int((page[1] - 0.5 * INCH) // (card.height + 0.25 * INCH)))
    gap = 0.25 * INCH
    total_height = down * card.height + (down - 1) * gap
    x = (page[0] - across * card.width) / 2
    first_bottom = (page[1] + total_height) / 2 - card.height
    return [(x, first_bottom - row * (card.height + gap)) for row in range(down)], page


def _print_sheet(
    canvas: Canvas, card: CardSize, positions: list[tuple[float, float]], cards: list[_Card], per_sheet: bool
) -> int:
    """The message sides on one page, the address sides behind them on the next."""
    for side in ("message", "address"):
        for (x, y), prepared in zip(positions, cards, strict=False):
            canvas.saveState()
            canvas.translate(x, y)
            canvas.doForm(f"card_{side}")
            text.draw(canvas, getattr(prepared, side))
            canvas.restoreState()
            if per_sheet:
                _cut_marks(canvas, x, y, card)
        canvas.showPage()
    return 2


def _cut_marks(canvas: Canvas, x: float, y: float, card: CardSize) -> None:
    near, far = CUT_MARK
    canvas.setLineWidth(0.3)
    canvas.setStrokeColorRGB(0, 0, 0)
    for corner_x, direction_x in ((x, -1), (x + card.width, 1)):
        for corner_y, direction_y in ((y, -1), (y + card.height, 1)):
            canvas.line(corner_x + direction_x * near, corner_y, corner_x + direction_x * far, corner_y)
            canvas.line(corner_x, corner_y + direction_y * near, corner_x, corner_y + direction_y * far)


def _define_sides(
    canvas: Canvas, card: CardSize, settings: BusinessSettings, logo: ImageReader | None
) -> None:
    """What every card repeats: the business on the message side; return address and stamp box behind."""
    pad = 0.3 * INCH
    canvas.beginForm("card_message")
    company = clean_text(settings.company_name)
    footer = " · ".join(p for p in (company, format_phone(settings.phone, settings.country or "US")) if p)
    text.draw(canvas, [text.line_at(card.width / 2, pad, footer, fonts.BOLD, 9, align="center")])
    if logo is not None:
        w, h = letterhead.logo_size(logo, (1.6 * INCH, 0.55 * INCH))
        canvas.drawImage(logo, card.width - pad - w, card.height - pad - h, w, h, mask="auto")
    canvas.endForm()

    canvas.beginForm("card_address")
    top = card.height - 0.25 * INCH
    lines = [company] if company else []
    lines += [clean_text(line) for line in settings.address.splitlines() if clean_text(line)]
    text.draw(canvas, text.block_lines(0.25 * INCH, top, lines, fonts.REGULAR, 7.5, 1.2))
    stamp_w, stamp_h = card.stamp
    canvas.setLineWidth(0.5)
    canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
    canvas.setDash(2, 2)
    canvas.rect(card.width - 0.25 * INCH - stamp_w, top - stamp_h, stamp_w, stamp_h)
    canvas.setDash()
    stamp_x = card.width - 0.25 * INCH - stamp_w / 2
    text.draw(
        canvas,
        [
            text.line_at(stamp_x, top - stamp_h / 2 + 2, "PLACE", fonts.REGULAR, 6, align="center"),
            text.line_at(stamp_x, top - stamp_h / 2 - 6, "STAMP HERE", fonts.REGULAR, 6, align="center"),
        ],
        color=(0.5, 0.5, 0.5),
    )
    divider_x = card.address_left - 0.2 * INCH
    canvas.line(divider_x, READ_AREA_BOTTOM + 0.2 * INCH, divider_x, top - 1.1 * INCH)
    if logo is not None:
        w, h = letterhead.logo_size(logo, (divider_x - 0.5 * INCH, 0.6 * INCH))
        canvas.drawImage(logo, 0.25 * INCH, READ_AREA_BOTTOM + 0.2 * INCH, w, h, mask="auto")
    canvas.endForm()


def _message_lines(card: CardSize, subject: str, greeting: str, message: str) -> list[Line]:
    pad = 0.4 * INCH
    width = card.width - 2 * pad
    lines: list[Line] = []
    heading = card.message_size + 3
    y = card.height - pad - fonts.ASCENT * heading
    for part in text.wrap(subject, fonts.BOLD, heading, width - 1.7 * INCH):  # beside the logo
        lines.append(Line(pad, y, part, fonts.BOLD, heading))
        y -= heading * 1.2
    y -= heading * 0.6
    body = [greeting, *text.wrap(message, fonts.REGULAR, card.message_size, width)]
    size = card.message_size
    while size > 7 and (len(body) + 1) * size * 1.3 > y - 0.7 * INCH:
        size -= 0.5
        body = [greeting, *text.wrap(message, fonts.REGULAR, size, width)]
    if (len(body) + 1) * size * 1.3 > y - 0.7 * INCH:
        raise UserError(
            f"The postcard message is too long for a {card.name} card; shorten it in the template."
        )
    for index, part in enumerate(body):
        lines.append(
            Line(pad, y - index * size * 1.3 - (size * 0.5 if index else 0), part, fonts.REGULAR, size)
        )
    return lines


def _address(card: CardSize, lines: list[str]) -> list[Line]:
    """The delivery address inside the read area, clear of the barcode zone and the stamp."""
    left = card.address_left
    width = card.width - READ_AREA_SIDE - left
    bottom = READ_AREA_BOTTOM + 0.15 * INCH  # above the barcode clear zone, with a little air
    top = min(READ_AREA_TOP, card.height - 0.25 * INCH - card.stamp[1] - 0.1 * INCH)
    size = text.fit_block(lines, fonts.REGULAR, size=11, min_size=8, max_width=width, max_height=top - bottom)
    if size is None:
        raise AddressProblem(f"The address does not fit the address area of a {card.name} card.")
    block = text.block_height(len(lines), size)
    # Low in the read area (where the post's reader looks first), never inside the clear zone.
    block_top = max(bottom + block, (top + bottom) / 2 + block / 2)
    return text.block_lines(left, block_top, lines, fonts.REGULAR, size)
