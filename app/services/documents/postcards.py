"""Postcards, 4×6 and 6×9: a message side and an address side laid out as the USPS reads mail.

The address side follows the USPS automation rules for cards: the return
address top left, the postage area top right, the delivery address inside the
OCR read area (at least 1/2" from the left and right edges, between 5/8" and
2 3/4" from the bottom), and the barcode clear zone (the bottom 5/8" of the
rightmost 4 3/4") left empty for the barcode the post sprays on. Cards print
several to a sheet with cut marks (both sides on facing pages, so a duplex
print backs each message with its own address) or one per page.

The message side is laid out to fill the card: the business (and logo) along the top, the
subject as a headline, the greeting and the template's postcard message in the largest size
that fits, the campaign's offer in a tinted box when there is one, and a band along the
bottom with the phone number in large type on one line (it is never broken: a line that
cannot hold it is drawn smaller).
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
from app.domain.i18n import or_list, t
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
    warn_missing_glyphs,
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
    message_size: float  # the message's largest size; it shrinks to MESSAGE_MIN_SIZE to fit
    headline_size: float
    header: float  # the band along the top with the business's name and logo
    footer: float  # the band along the bottom with the phone number
    phone_size: float


CARD_SIZES = {
    "4x6": CardSize(
        "4x6", 6 * INCH, 4 * INCH, 2.75 * INCH, (0.9 * INCH, 1.05 * INCH), 15.0, 18.0, 0.5 * INCH,
        0.75 * INCH, 20.0,
    ),
    "6x9": CardSize(
        "6x9", 9 * INCH, 6 * INCH, 4.5 * INCH, (1.0 * INCH, 1.2 * INCH), 22.0, 28.0, 0.7 * INCH,
        1.05 * INCH, 30.0,
    ),
}  # fmt: skip
MESSAGE_MIN_SIZE = 8.0
MESSAGE_LEADING = 1.3
PAD = 0.35 * INCH
ACCENT = (0.12, 0.27, 0.45)  # the footer band and the header's rule
OFFER_FILL = (0.93, 0.95, 0.98)
CALL_WORD = "Call"


@dataclass(frozen=True)
class _Card:
    message: list[Line]
    address: list[Line]
    boxes: tuple[tuple[float, float, float, float], ...] = ()  # the offer's box, on the message side


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
        raise UserError(t("Postcard size: choose {sizes}.", sizes=or_list(CARD_SIZES)))
    positions, page = _sheet_positions(card, page_size(settings)) if per_sheet else ([(0.0, 0.0)], None)
    page = page or (card.width, card.height)
    business = business_values(settings, day or clock.today())
    result = BatchResult(Path(out))
    batch = Batch(result, progress=progress, cancel=cancel)

    def prepare(record: LetterData) -> _Card:
        lines = postal_lines(record.address, sender_country=settings.country or "US")
        filled = fill_letter(
            template, letter_values(record, business), recent_days=settings.check_in_after_days
        )
        signature = clean_text(settings.signature_name)
        message, boxes = _message_lines(
            card, filled.subject, filled.greeting, filled.postcard, filled.offer, signature
        )
        prepared = _Card(message, _address(card, lines), boxes)
        warn_missing_glyphs(batch, record.key, (line.text for line in (*message, *prepared.address)))
        return prepared

    title = t("{title} postcards", title=template.title)
    with pdf_canvas(out, page, title=title, author=settings.company_name) as canvas:
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
            if side == "message":
                _draw_boxes(canvas, prepared.boxes)
            text.draw(canvas, getattr(prepared, side))
            canvas.restoreState()
            if per_sheet:
                _cut_marks(canvas, x, y, card)
        canvas.showPage()
    return 2


def _draw_boxes(canvas: Canvas, boxes: tuple[tuple[float, float, float, float], ...]) -> None:
    # Its own graphics state: the box's pale fill must not become the colour of the text drawn next
    # (it did: the message printed a faint blue and the offer vanished into its box).
    canvas.saveState()
    for x, y, width, height in boxes:
        canvas.setFillColorRGB(*OFFER_FILL)
        canvas.setStrokeColorRGB(*ACCENT)
        canvas.setLineWidth(0.8)
        canvas.rect(x, y, width, height, stroke=1, fill=1)
    canvas.restoreState()


def _cut_marks(canvas: Canvas, x: float, y: float, card: CardSize) -> None:
    near, far = CUT_MARK
    canvas.setLineWidth(0.3)
    canvas.setStrokeColorRGB(0, 0, 0)
    for corner_x, direction_x in ((x, -1), (x + card.width, 1)):
        for corner_y, direction_y in ((y, -1), (y + card.height, 1)):
            canvas.line(corner_x + direction_x * near, corner_y, corner_x + direction_x * far, corner_y)
            canvas.line(corner_x, corner_y + direction_y * near, corner_x, corner_y + direction_y * far)


def phone_line(card: CardSize, phone: str, width: float) -> Line | None:
    """ "Call (410) 296-4820" centred in the footer band, on one line whatever its length."""
    if not phone:
        return None
    words = f"{t(CALL_WORD)} {phone}"
    size = card.phone_size
    while size > 9 and fonts.width(words, fonts.BOLD, size) > width:
        size -= 0.5
    if fonts.width(words, fonts.BOLD, size) > width:
        words = phone  # a very long number keeps its digits together before its label
    baseline = card.footer / 2 + 0.12 * card.footer - fonts.ASCENT * size / 2
    return text.line_at(card.width / 2, baseline, words, fonts.BOLD, size, align="center")


def _define_sides(
    canvas: Canvas, card: CardSize, settings: BusinessSettings, logo: ImageReader | None
) -> None:
    """What every card repeats: the business and its phone on the message side; return address and
    stamp box behind."""
    company = clean_text(settings.company_name)
    phone = format_phone(settings.phone, settings.country or "US")
    canvas.beginForm("card_message")
    # The header: the business's name (or its logo) top left, a rule under it.
    logo_box = (card.width * 0.35, card.header - 0.12 * INCH)
    header_base = card.height - card.header
    if logo is not None:
        w, h = letterhead.logo_size(logo, logo_box)
        canvas.drawImage(logo, PAD, header_base + (card.header - h) / 2, w, h, mask="auto")
    elif company:
        name_size = card.header * 0.36
        name = text.ellipsize(company, fonts.BOLD, name_size, card.width - 2 * PAD)
        baseline = header_base + card.header / 2 - fonts.ASCENT * name_size / 2 + 0.02 * INCH
        text.draw(canvas, [Line(PAD, baseline, name, fonts.BOLD, name_size)], color=ACCENT)
    canvas.setFillColorRGB(*ACCENT)
    canvas.rect(PAD, header_base, card.width - 2 * PAD, 1.2, stroke=0, fill=1)
    # The footer band: the phone in large type, and the business's contact line under it.
    canvas.rect(0, 0, card.width, card.footer, stroke=0, fill=1)
    footer: list[Line] = []
    call = phone_line(card, phone, card.width - 2 * PAD)
    if call is not None:
        footer.append(call)
    contact = " · ".join(p for p in (company if logo is not None else "", settings.email) if clean_text(p))
    if contact:
        small = max(7.0, card.phone_size * 0.34)
        contact = text.ellipsize(contact, fonts.REGULAR, small, card.width - 2 * PAD)
        footer.append(
            text.line_at(card.width / 2, 0.14 * card.footer, contact, fonts.REGULAR, small, "center")
        )
    text.draw(canvas, footer, color=(1, 1, 1))
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
            text.line_at(stamp_x, top - stamp_h / 2 + 2, t("PLACE"), fonts.REGULAR, 6, align="center"),
            text.line_at(stamp_x, top - stamp_h / 2 - 6, t("STAMP HERE"), fonts.REGULAR, 6, align="center"),
        ],
        color=(0.5, 0.5, 0.5),
    )
    divider_x = card.address_left - 0.2 * INCH
    canvas.line(divider_x, READ_AREA_BOTTOM + 0.2 * INCH, divider_x, top - 1.1 * INCH)
    if logo is not None:
        w, h = letterhead.logo_size(logo, (divider_x - 0.5 * INCH, 0.6 * INCH))
        canvas.drawImage(logo, 0.25 * INCH, READ_AREA_BOTTOM + 0.2 * INCH, w, h, mask="auto")
    canvas.endForm()


def _message_lines(
    card: CardSize, subject: str, greeting: str, message: str, offer: str = "", signature: str = ""
) -> tuple[list[Line], tuple[tuple[float, float, float, float], ...]]:
    """The headline, greeting, message, signature and offer between the header and the footer, in
    the largest size (from the card's down to MESSAGE_MIN_SIZE) at which they fit, a little above
    the middle of the room left; a UserError when no size fits."""
    width = card.width - 2 * PAD
    top = card.height - card.header - 0.22 * INCH
    bottom = card.footer + 0.18 * INCH
    size = card.message_size
    while size >= MESSAGE_MIN_SIZE:
        placed = _place(card, subject, greeting, message, offer, signature, size, width, top)
        if placed is not None and placed[2] >= bottom:
            lines, boxes, lowest = placed
            drop = (lowest - bottom) / 3  # a short message does not hang under the header
            return (
                [Line(line.x, line.y - drop, line.text, line.font, line.size) for line in lines],
                tuple((x, y - drop, w, h) for x, y, w, h in boxes),
            )
        size -= 0.5
    raise UserError(
        t("The postcard message is too long for a {size} card; shorten it in the template.", size=card.name)
    )


def _place(
    card: CardSize,
    subject: str,
    greeting: str,
    message: str,
    offer: str,
    signature: str,
    size: float,
    width: float,
    top: float,
) -> tuple[list[Line], tuple[tuple[float, float, float, float], ...], float] | None:
    """Everything laid out from `top` down at one message size: the lines, the boxes, and the lowest y."""
    lines: list[Line] = []
    heading = min(card.headline_size, size * 1.35)
    headline = text.wrap(subject, fonts.BOLD, heading, width) if subject else []
    if len(headline) > 2:
        return None  # a headline is one or two lines; longer, the message size comes down with it
    y = top - fonts.ASCENT * heading
    for part in headline:
        lines.append(Line(PAD, y, part, fonts.BOLD, heading))
        y -= heading * 1.15
    if headline:
        y -= heading * 0.35 - fonts.ASCENT * size + fonts.ASCENT * heading
    else:
        y = top - fonts.ASCENT * size
    leading = size * MESSAGE_LEADING
    if greeting:
        lines.append(Line(PAD, y, greeting, fonts.REGULAR, size))
        y -= leading + size * 0.3
    for part in text.wrap(message, fonts.REGULAR, size, width):
        lines.append(Line(PAD, y, part, fonts.REGULAR, size))
        y -= leading
    if signature:
        y -= size * 0.3
        lines.append(Line(PAD, y, f"— {signature}", fonts.REGULAR, size * 0.85))
        y -= leading
    lowest = y + leading - fonts.DESCENT * size
    boxes: tuple[tuple[float, float, float, float], ...] = ()
    if offer:
        pad = size * 0.5
        offer_lines = text.wrap(offer, fonts.BOLD, size, width - 2 * pad)
        box_top = lowest - size * 0.6
        height = text.block_height(len(offer_lines), size, MESSAGE_LEADING) + 2 * pad
        boxes = ((PAD, box_top - height, width, height),)
        lines += text.block_lines(PAD + pad, box_top - pad, offer_lines, fonts.BOLD, size, MESSAGE_LEADING)
        lowest = box_top - height
    return lines, boxes, lowest


def _address(card: CardSize, lines: list[str]) -> list[Line]:
    """The delivery address inside the read area, clear of the barcode zone and the stamp; a long
    line is wrapped within the area rather than refused."""
    left = card.address_left
    width = card.width - READ_AREA_SIDE - left
    bottom = READ_AREA_BOTTOM + 0.15 * INCH  # above the barcode clear zone, with a little air
    top = min(READ_AREA_TOP, card.height - 0.25 * INCH - card.stamp[1] - 0.1 * INCH)
    fitted = text.fit_wrapped(
        lines, fonts.REGULAR, size=11, min_size=8, max_width=width, max_height=top - bottom
    )
    if fitted is None:
        raise AddressProblem(t("The address does not fit the address area of a {size} card.", size=card.name))
    size, wrapped = fitted
    block = text.block_height(len(wrapped), size)
    # Low in the read area (where the post's reader looks first), never inside the clear zone.
    block_top = max(bottom + block, (top + bottom) / 2 + block / 2)
    return text.block_lines(left, block_top, wrapped, fonts.REGULAR, size)
