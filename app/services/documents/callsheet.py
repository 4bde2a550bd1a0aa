"""The call sheet: a day's calls on paper, one block per customer, with room to write what came of each.

Each block carries what the caller needs without the screen: the name and the time to call
(the first time allowed: in the customer's window, outside the quiet hours), the phones, when
else they may be called, why now, what they own, the last contact, the pitch for their segment,
and then the outcome boxes, a callback date and time and lines for notes. Every reason is
wrapped in full, never cut; past the first few the rest are counted with their value. The
header says the day, the business, the quiet hours and the page. Blocks are measured first
and never split across pages, so the sheet can say "page 3 of 7".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.domain import formatting
from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.opportunities import reason_with_value
from app.domain.settings import BusinessSettings
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
MARGIN = 0.5 * INCH
SIZE = 8.0
LEADING = 9.5
SMALL = 7.5  # the pitch and the last contact: read before the call, not during it
NAME_SIZE = 10.5
PAD = 5.0
BOX = 7.0
GAP = 4.0  # between blocks
WRITE_GAP = 14.0  # the height of a line to write on
MAX_REASONS = 3  # listed in full; the rest are counted with their value
TITLE_SIZE = 13.0


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
    call_at: datetime.time | None = None  # the suggested time: the first allowed one (None: none that day)
    call_times: str = ""  # when they may be called: "9:00 AM–5:30 PM, 7:30–8:30 PM"
    window: str = ""  # their preferred window, "5:00–8:00 PM"; "" for none
    reasons: Sequence[CallReason] = ()
    owns: Sequence[OwnedItem] = ()
    last_contact: LastContact | None = None
    segment: str = ""
    pitch: str = ""  # what the segment cares about, in the owner's words
    talking_points: str = ""  # one point per line
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # printed as "label: value" lines


@dataclass(frozen=True)
class _Block:
    height: float
    lines: list[Line]  # y measured down from the block's top (negative)
    boxes: list[tuple[float, float]]  # outcome boxes' bottom-left corners, same coordinates
    rules: list[tuple[float, float, float]]  # lines to write on: from x, to x, at y


def render_callsheet(
    entries: Iterable[CallSheetEntry],
    out: Path,
    settings: BusinessSettings,
    *,
    day: datetime.date,
    note: str = "",
    progress: Progress = None,
    cancel: Cancel = None,
) -> BatchResult:
    """The call sheet for `day`: the entries in the order given, numbered; `note` goes under the title
    (what the list is: "40 of 1,549 due …")."""
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
    title = t("Calls for {day}", day=formatting.weekday_date(day))
    quiet = formatting.periods_text(settings.quiet_hours)
    facts = [
        _one_full_stop(t("Quiet hours, no calls: {quiet}.", quiet=quiet))
        if quiet
        else t("No quiet hours are set."),
        text.plain(note),
    ]
    header, header_height = _header_lines(page, title, text.plain(settings.company_name), facts)
    pages = _paginate(blocks, page[1] - 2 * MARGIN - header_height)
    with pdf_canvas(out, page, title=title, author=settings.company_name) as canvas:
        refuse_if_empty(batch, "customers to call")
        for number, page_blocks in enumerate(pages, start=1):
            page_number = t("page {number} of {count}", number=number, count=len(pages))
            text.draw(
                canvas,
                [
                    *header,
                    text.line_at(page[0] - MARGIN, header[0].y, page_number, fonts.REGULAR, 9, "right"),
                ],
            )
            y = page[1] - MARGIN - header_height
            for block in page_blocks:
                _draw_block(canvas, block, MARGIN, y, width)
                y -= block.height + GAP
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
        left -= block.height + GAP
    return pages if pages[0] else []


def _header_lines(
    page: tuple[float, float], title: str, company: str, facts: list[str]
) -> tuple[list[Line], float]:
    """The title (room kept on its right for "page 12 of 12"), the business, then the facts, each
    wrapped to the page; and the height they take with the gap under them."""
    width = page[0] - 2 * MARGIN
    room = width - fonts.width("page 000 of 000", fonts.REGULAR, 9) - 12
    size = text.fit_block([title], fonts.BOLD, size=TITLE_SIZE, min_size=9, max_width=room, max_height=30)
    size = size or 9.0
    y = page[1] - MARGIN - fonts.ASCENT * size
    lines = [Line(MARGIN, y, text.ellipsize(title, fonts.BOLD, size, room), fonts.BOLD, size)]
    y -= size * 0.35 + 10
    if company:
        lines.append(Line(MARGIN, y, text.ellipsize(company, fonts.REGULAR, 9, width), fonts.REGULAR, 9))
        y -= 11
    for fact in (f for f in facts if f):
        for part in text.wrap(fact, fonts.REGULAR, SIZE, width):
            lines.append(Line(MARGIN, y, part, fonts.REGULAR, SIZE))
            y -= LEADING
    return lines, page[1] - MARGIN - y + 2


def _layout_block(entry: CallSheetEntry, width: float, region: str, number: int) -> _Block:
    """The name and the time to call across the top; where, the phones, when else and the last
    contact; why now and what they own; the pitch; then the outcome boxes, the callback and the
    lines to write on. Full-width rows: a reason then fits on one line and the block stays short."""
    inner = width - 2 * PAD
    call_at = (
        t("Call at {time}", time=formatting.time_text(entry.call_at))
        if entry.call_at
        else t("No time to call today")
    )
    call_width = fonts.width(call_at, fonts.BOLD, NAME_SIZE)
    y = -PAD - fonts.ASCENT * NAME_SIZE
    name = text.ellipsize(
        f"{number}. {text.plain(entry.name)}", fonts.BOLD, NAME_SIZE, inner - call_width - 12
    )
    lines = [
        Line(PAD, y, name, fonts.BOLD, NAME_SIZE),
        text.line_at(width - PAD, y, call_at, fonts.BOLD, NAME_SIZE, align="right"),
    ]
    y -= NAME_SIZE * 0.3 + LEADING

    where = [text.plain(entry.address)] if text.plain(entry.address) else []
    phones = [f"{t(p.label)} {formatting.phone(p.number, region)}" for p in entry.phones if p.number]
    where += phones or [t("No phone on file")]
    facts = [
        "  ·  ".join(where),
        f"{_when_text(entry)}  ·  " + t("Last contact: {last}", last=_contact_text(entry.last_contact)),
    ]
    if entry.segment and not _pitch_text(entry):  # else the pitch names the segment
        facts.append(t("Segment: {segment}", segment=text.plain(entry.segment)))
    facts += [f"{text.plain(k)}: {text.plain(v)}" for k, v in entry.extra.items()]
    if entry.notes:
        facts.append(t("Notes: {notes}", notes=text.plain(entry.notes)))
    for fact in facts:
        for part in text.wrap(fact, fonts.REGULAR, SIZE, inner):
            lines.append(Line(PAD, y, part, fonts.REGULAR, SIZE))
            y -= LEADING
    y = _section(lines, PAD, y, inner, t("Why now"), _reason_items(entry.reasons))
    owned = _owned_line(entry.owns, inner - fonts.width("Owns: ", fonts.BOLD, SIZE))
    if owned:
        y = _section(lines, PAD, y, inner, t("Owns"), [owned])

    pitch = _pitch_text(entry)
    for part in text.wrap(pitch, fonts.REGULAR, SMALL, inner) if pitch else []:
        lines.append(Line(PAD, y + 0.5, part, fonts.REGULAR, SMALL))
        y -= SMALL * 1.25
    y -= 5
    boxes = []
    x = PAD
    for outcome in (t(outcome) for outcome in OUTCOMES):
        boxes.append((x, y - 1))
        lines.append(Line(x + BOX + 3, y, outcome, fonts.REGULAR, SIZE))
        x += BOX + 3 + fonts.width(outcome, fonts.REGULAR, SIZE) + 11
    rules = []
    callback = ((t("Callback on"), 52.0), (t("at"), 40.0))
    needed = sum(fonts.width(label + " ", fonts.REGULAR, SIZE) + length + 6 for label, length in callback)
    if x + needed > width - PAD:  # longer words (Spanish) put the callback on a line of its own
        y -= LEADING + 2
        x = PAD
    for label, length in callback:
        lines.append(Line(x, y, label, fonts.REGULAR, SIZE))
        x += fonts.width(label + " ", fonts.REGULAR, SIZE)
        rules.append((x, x + length, y - 1.5))
        x += length + 6
    y -= WRITE_GAP
    lines.append(Line(PAD, y, t("Notes:"), fonts.REGULAR, SIZE))
    rules.append((PAD + fonts.width("Notes: ", fonts.REGULAR, SIZE), width - PAD, y - 1.5))
    y -= WRITE_GAP
    rules.append((PAD, width - PAD, y - 1.5))
    return _Block(height=-y + PAD + 1, lines=lines, boxes=boxes, rules=rules)


def _when_text(entry: CallSheetEntry) -> str:
    """When else the call may be made: the allowed times, with the customer's own window."""
    times = text.plain(entry.call_times)
    window = text.plain(entry.window)
    if entry.call_at is None:
        return (
            t("Their window ({window}) is all in quiet hours", window=window)
            if window
            else t("No time outside quiet hours")
        )
    if window:
        return (
            t("May call {times} (their window {window})", times=times, window=window)
            if times
            else t("Their window: {window}", window=window)
        )
    return t("May call {times} (no preferred time)", times=times) if times else t("No preferred time")


def _section(lines: list[Line], x: float, y: float, width: float, heading: str, items: list[str]) -> float:
    """A bold heading and its items, each wrapped in full under the heading's indent; returns the next
    line's y."""
    items = [item for item in items if item]
    if not items:
        return y
    if len(items) > 2 and items[-1].startswith("+ "):  # the count goes after the last reason if it fits
        joined = f"{items[-2]}   {items[-1]}"
        if fonts.width(f"• {joined}", fonts.REGULAR, SIZE) <= width - fonts.width(
            f"{heading}: ", fonts.BOLD, SIZE
        ):
            items = [*items[:-2], joined]
    if len(items) > 1:
        items = [item if item.startswith("+ ") else f"• {item}" for item in items]
    label = f"{heading}: "
    indent = fonts.width(label, fonts.BOLD, SIZE)
    hang = fonts.width("• ", fonts.REGULAR, SIZE)
    lines.append(Line(x, y, label, fonts.BOLD, SIZE))
    for item in items:
        bullet = item.startswith("• ")
        parts = text.wrap(item, fonts.REGULAR, SIZE, width - indent - (hang if bullet else 0.0))
        for index, part in enumerate(parts):
            lines.append(Line(x + indent + (hang if bullet and index else 0.0), y, part, fonts.REGULAR, SIZE))
            y -= LEADING
    return y


def _one_full_stop(sentence: str) -> str:
    """ "… después de las 8:30 p.m." ends there: a time written with a full stop takes no second one."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def _reason_items(reasons: Sequence[CallReason]) -> list[str]:
    shown = [_reason_text(r) for r in reasons[:MAX_REASONS]]
    rest = reasons[MAX_REASONS:]
    if len(rest) == 1:
        shown.append(_reason_text(rest[0]))
    elif rest:
        value = sum((r.value or Decimal(0) for r in rest), Decimal(0))
        worth = t(", {money} in all", money=formatting.money(value)) if value else ""
        shown.append(t("+ {count} more reasons{worth}", count=len(rest), worth=worth))
    return shown


def _reason_text(reason: CallReason) -> str:
    """The reason in full (stored in English, printed in the reader's language), with its value."""
    return text.plain(reason_with_value(reason.reason, reason.value))


def _more(count: int) -> str:
    return t("+ {count} more", count=formatting.number(count))


def _owned_line(owned: Sequence[OwnedItem], width: float) -> str:
    """As many whole items as fit on one line, oldest first as given, then how many more."""
    shown: list[str] = []
    for index, item in enumerate(owned):
        more = len(owned) - index - 1
        candidate = "  ·  ".join([*shown, _owned_text(item)]) + (f"  ·  {_more(more)}" if more else "")
        if shown and fonts.width(candidate, fonts.REGULAR, SIZE) > width:
            return "  ·  ".join([*shown, _more(len(owned) - index)])
        shown.append(_owned_text(item))
    return "  ·  ".join(shown)


def _owned_text(item: OwnedItem) -> str:
    age = t("{years} yrs", years=item.age_years) if item.age_years is not None else t("age unknown")
    year = f", {item.installed_on.year}" if item.installed_on else ""
    return f"{text.plain(item.description)} ({age}{year})"


def _contact_text(contact: LastContact | None) -> str:
    if contact is None:
        return t("none on record")
    parts = [formatting.long_date(contact.on), contact.channel, contact.outcome, contact.by_whom]
    return " · ".join(text.plain(p) for p in parts if text.plain(p))


def _pitch_text(entry: CallSheetEntry) -> str:
    """ "Pitch (Retiree): Predictable costs… Say: lead with safety · offer financing"."""
    pitch = text.plain(entry.pitch)
    points = [text.plain(p) for p in entry.talking_points.splitlines() if text.plain(p)]
    if not pitch and not points:
        return ""
    said = t("Talking points: {points}", points=" · ".join(points)) if points else ""
    lead = t("Pitch ({segment}): ", segment=text.plain(entry.segment)) if entry.segment else t("Pitch: ")
    return f"{lead}{pitch} {said}".strip() if pitch else said


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
    canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
    for from_x, to_x, at_y in block.rules:
        canvas.line(from_x, at_y, to_x, at_y)
    text.draw(canvas, block.lines)
    canvas.restoreState()
