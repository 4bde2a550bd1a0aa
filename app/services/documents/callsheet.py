"""The call sheet: the day's calls on paper, one block per customer, with outcome boxes to tick.

Each block carries what the caller needs without the screen: the name, the
phones, when to call, why now, what they own and how old it is, the last
contact, the segment's talking points, and boxes for the outcome. Blocks are
measured first and never split across pages, so the sheet can say "page 3 of 40".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.domain.errors import UserError
from app.domain.money import format_money
from app.domain.settings import BusinessSettings
from app.domain.templates import field_text
from app.domain.values import format_phone
from app.services.documents import fonts, text
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
from app.services.documents.text import Line

OUTCOMES = ("No answer", "Left message", "Booked", "Not interested", "Do not call again")
MARGIN = 0.55 * INCH
SIZE = 8.5
LEADING = 10.5
NAME_SIZE = 11.0
PAD = 6.0
BOX = 7.0
MAX_ITEMS = 4  # reasons or equipment listed per block; the rest are counted
MAX_TALKING_LINES = 3


@dataclass(frozen=True)
class Phone:
    label: str  # "Home", "Mobile", "Work"
    number: str  # E.164, as stored


@dataclass(frozen=True)
class OwnedItem:
    description: str  # "Furnace, Carrier 58STA"
    installed_on: datetime.date | None = None
    age_years: int | None = None


@dataclass(frozen=True)
class LastContact:
    on: datetime.date
    channel: str = ""  # "call", "visit"...
    outcome: str = ""
    by_whom: str = ""


@dataclass(frozen=True)
class CallReason:
    reason: str  # the opportunity's reason in plain words
    kind: str = ""
    value: Decimal | None = None


@dataclass(frozen=True)
class CallSheetEntry:
    key: str  # names the record in the exceptions list
    name: str
    phones: Sequence[Phone] = ()
    address: str = ""  # the site on one line
    best_time: str = ""  # "9:00–12:00", "after 17:30"
    reasons: Sequence[CallReason] = ()
    owns: Sequence[OwnedItem] = ()
    last_contact: LastContact | None = None
    segment: str = ""
    talking_points: str = ""  # one point per line
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # printed as "label: value" lines


@dataclass(frozen=True)
class _Block:
    height: float
    lines: list[Line]  # y measured down from the block's top (negative)
    boxes: list[tuple[float, float]]  # outcome boxes' bottom-left corners, same coordinates
    rule: tuple[float, float, float]  # the line to write notes on: from x, to x, at y


def render_callsheet(
    entries: Iterable[CallSheetEntry],
    out: Path,
    settings: BusinessSettings,
    *,
    day: datetime.date,
    progress: Progress = None,
    cancel: Cancel = None,
) -> BatchResult:
    """The call sheet for `day`: the entries in the order given, numbered."""
    page = page_size(settings)
    width = page[0] - 2 * MARGIN
    result = BatchResult(Path(out))
    batch = Batch(result, progress=progress, cancel=cancel)
    region = settings.country or "US"
    numbered = iter(range(1, 1_000_000_000))

    def prepare(entry: CallSheetEntry) -> _Block:
        if not text.plain(entry.name):
            raise UserError("The customer has no name.")
        return _layout_block(entry, width, region, next(numbered))

    blocks = list(batch.each(entries, prepare, key=lambda entry: entry.key))
    pages = _paginate(blocks, page[1] - 2 * MARGIN - 0.45 * INCH)
    title = f"Calls for {day:%A}, {field_text(day)}"
    with pdf_canvas(out, page, title=title, author=settings.company_name) as canvas:
        refuse_if_empty(batch, "customers to call")
        for number, page_blocks in enumerate(pages, start=1):
            _header(canvas, page, title, settings.company_name, number, len(pages))
            y = page[1] - MARGIN - 0.45 * INCH
            for block in page_blocks:
                _draw_block(canvas, block, MARGIN, y, width)
                y -= block.height + 4
            canvas.showPage()
            result.pages += 1
    return result


def _paginate(blocks: list[_Block], usable: float) -> list[list[_Block]]:
    pages: list[list[_Block]] = [[]]
    left = usable
    for block in blocks:
        if pages[-1] and block.height > left:
            pages.append([])
            left = usable
        pages[-1].append(block)
        left -= block.height + 4
    return pages if pages[0] else []


def _layout_block(entry: CallSheetEntry, width: float, region: str, number: int) -> _Block:
    left_x, right_x = PAD, width * 0.5
    column = width * 0.5 - 2 * PAD
    y = -PAD - fonts.ASCENT * NAME_SIZE
    lines = [
        Line(
            left_x,
            y,
            text.ellipsize(f"{number}. {text.plain(entry.name)}", fonts.BOLD, NAME_SIZE, column),
            fonts.BOLD,
            NAME_SIZE,
        )
    ]
    left = [text.plain(entry.address)] if text.plain(entry.address) else []
    left += [f"{p.label}: {_phone(p.number, region)}" for p in entry.phones if p.number] or [
        "No phone on file"
    ]
    if entry.best_time:
        left.append(f"Best time: {text.plain(entry.best_time)}")
    if entry.segment:
        left.append(f"Segment: {text.plain(entry.segment)}")
    left += [f"{text.plain(k)}: {text.plain(v)}" for k, v in entry.extra.items()]
    if entry.notes:
        left += text.wrap(f"Notes: {text.plain(entry.notes)}", fonts.REGULAR, SIZE, column)[:2]
    left_y = y - NAME_SIZE * 0.4 - LEADING
    for item in left:
        lines.append(
            Line(left_x, left_y, text.ellipsize(item, fonts.REGULAR, SIZE, column), fonts.REGULAR, SIZE)
        )
        left_y -= LEADING
    right_y = y
    for heading, items in (
        ("Why now", [_reason_text(r) for r in entry.reasons]),
        ("Owns", [_owned_text(o) for o in entry.owns]),
        ("Last contact", [_contact_text(entry.last_contact)]),
    ):
        right_y = _section(lines, right_x, right_y, column, heading, items)
    y = min(left_y + LEADING, right_y + LEADING) - LEADING * 0.6
    if entry.talking_points.strip():
        points = "  •  ".join(text.plain(p) for p in entry.talking_points.splitlines() if text.plain(p))
        wrapped = text.wrap(f"Talking points: {points}", fonts.REGULAR, SIZE - 0.5, width - 2 * PAD)
        if len(wrapped) > MAX_TALKING_LINES:
            wrapped = [
                *wrapped[: MAX_TALKING_LINES - 1],
                text.ellipsize(
                    " ".join(wrapped[MAX_TALKING_LINES - 1 :]), fonts.REGULAR, SIZE - 0.5, width - 2 * PAD
                ),
            ]
        for part in wrapped:
            y -= LEADING
            lines.append(Line(left_x, y, part, fonts.REGULAR, SIZE - 0.5))
    y -= LEADING + 4
    boxes = []
    x = left_x
    for outcome in OUTCOMES:
        boxes.append((x, y - 1))
        lines.append(Line(x + BOX + 3, y, outcome, fonts.REGULAR, SIZE))
        x += BOX + 3 + fonts.width(outcome, fonts.REGULAR, SIZE) + 12
    lines.append(Line(x, y, "Notes:", fonts.REGULAR, SIZE))
    rule = (x + fonts.width("Notes: ", fonts.REGULAR, SIZE), width - PAD, y - 1.5)
    return _Block(height=-y + PAD + 2, lines=lines, boxes=boxes, rule=rule)


def _section(lines: list[Line], x: float, y: float, width: float, heading: str, items: list[str]) -> float:
    items = [item for item in items if item]
    if not items:
        return y
    if len(items) > MAX_ITEMS:
        items = [*items[: MAX_ITEMS - 1], f"… and {len(items) - MAX_ITEMS + 1} more"]
    if len(items) > 1:
        items = [f"• {item}" for item in items]
    label = f"{heading}: "
    indent = fonts.width(label, fonts.BOLD, SIZE)
    lines.append(Line(x, y, label, fonts.BOLD, SIZE))
    for index, item in enumerate(items):
        hang = fonts.width("• ", fonts.REGULAR, SIZE) if item.startswith("• ") else 0.0
        for part_index, part in enumerate(text.wrap(item, fonts.REGULAR, SIZE, width - indent - hang)[:2]):
            if index or part_index:
                y -= LEADING
            lines.append(Line(x + indent + (hang if part_index else 0.0), y, part, fonts.REGULAR, SIZE))
    return y - LEADING


def _reason_text(reason: CallReason) -> str:
    value = f" ({format_money(reason.value)})" if reason.value else ""
    return f"{text.plain(reason.reason)}{value}"


def _owned_text(item: OwnedItem) -> str:
    age = f"{item.age_years} yrs" if item.age_years is not None else "age unknown"
    year = f", {item.installed_on.year}" if item.installed_on else ""
    return f"{text.plain(item.description)} ({age}{year})"


def _contact_text(contact: LastContact | None) -> str:
    if contact is None:
        return "none on record"
    parts = [field_text(contact.on), contact.channel, contact.outcome, contact.by_whom]
    return " · ".join(text.plain(p) for p in parts if text.plain(p))


def _header(
    canvas: Canvas, page: tuple[float, float], title: str, company: str, number: int, total: int
) -> None:
    y = page[1] - MARGIN - fonts.ASCENT * 13
    text.draw(
        canvas,
        [
            Line(MARGIN, y, title, fonts.BOLD, 13),
            text.line_at(
                page[0] - MARGIN,
                y,
                f"{text.plain(company)}   page {number} of {total}",
                fonts.REGULAR,
                8.5,
                align="right",
            ),
        ],
    )


def _draw_block(canvas: Canvas, block: _Block, x: float, top: float, width: float) -> None:
    canvas.saveState()
    canvas.translate(x, top)
    canvas.setStrokeColorRGB(0.55, 0.55, 0.55)
    canvas.setLineWidth(0.6)
    canvas.roundRect(0, -block.height, width, block.height, 3)
    canvas.setStrokeColorRGB(0, 0, 0)
    for box_x, box_y in block.boxes:
        canvas.rect(box_x, box_y, BOX, BOX)
    canvas.setLineWidth(0.3)
    canvas.line(block.rule[0], block.rule[2], block.rule[1], block.rule[2])
    text.draw(canvas, block.lines)
    canvas.restoreState()


def _phone(number: str, region: str) -> str:
    """ "(410) 555-1234" for a North American number at home (phonenumbers is slow for 4,000 of them)."""
    if region in ("US", "CA") and len(number) == 12 and number.startswith("+1") and number[1:].isdigit():
        return f"({number[2:5]}) {number[5:8]}-{number[8:]}"
    return format_phone(number, region)
