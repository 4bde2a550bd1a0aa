"""Personalised letters, many to one PDF, with the address placed for a window envelope.

The recipient's address is printed where the envelope's window shows it however the folded
page slides inside: the page is folded at the marks printed at its edges, the folded letter
can rest on the envelope's bottom or be pushed up against the flap (and from side to side),
and the address keeps 1/8" clear of the window's edges at every one of those limits, as the
USPS asks of window envelopes (DMM 601.6.3). ENVELOPES gives the geometry: a US #10
single-window envelope for Letter paper, a DL window envelope for A4 (DIN 5008). An owner
whose envelopes differ sets "envelope_window" in the settings, in millimetres on the flat
page. Nothing else is printed where the window may show.

A long address is wrapped within the window (a 79-character company takes two lines) and
shrunk down to 8 pt; only one that still does not fit is listed as an exception, never
printed outside the window nor silently left out. When a campaign carries an offer, the
template's offer line is printed set apart, after the letter's text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.domain import clock
from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.postal import AddressProblem, MailingAddress, one_line, postal_lines
from app.domain.settings import BusinessSettings
from app.domain.templates import LetterTemplate, field_text, fill_letter
from app.domain.values import clean_text, format_phone
from app.services.documents import fonts, letterhead, text
from app.services.documents.common import (
    INCH,
    MM,
    Batch,
    BatchResult,
    Cancel,
    Progress,
    page_size,
    pdf_canvas,
    refuse_if_empty,
    warn_missing_glyphs,
)
from app.services.documents.text import Line

BODY_SIZE = 10.5
BODY_LEADING = 14.5
PARAGRAPH_GAP = 7.0
ADDRESS_SIZE = 10.0
ADDRESS_MIN_SIZE = 8.0  # smaller than this, the post's readers and the customer's eyes struggle
ADDRESS_LEADING = 1.15
FOLD_MARK = (0.25 * INCH, 0.5 * INCH)  # from the edge: inside what any printer prints, clear of the text
OFFER_PAD = 6.0
OFFER_FILL = (0.93, 0.95, 0.98)
OFFER_RULE = (0.35, 0.45, 0.6)


@dataclass(frozen=True)
class LetterData:
    """One letter: who it goes to and the values of the template's fields (see templates.FIELDS)."""

    key: str  # names the record in the exceptions list: "Customer 12 (Jane Smith)"
    address: MailingAddress
    fields: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class EnvelopeWindow:
    """A rectangle on the flat page: points from the page's top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @classmethod
    def from_mm(cls, left: float, top: float, width: float, height: float) -> EnvelopeWindow:
        return cls(left * MM, top * MM, width * MM, height * MM)

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True)
class Envelope:
    """A window envelope and how the page goes into it, in points.

    inside: the pocket's width and height (the letter slides within it); window: left, bottom,
    width and height of the window, from the envelope's bottom-left corner seen from the front;
    folds: the distances of the folds from the page's top edge (the top panel, with the address,
    faces the window, its top edge toward the flap).
    """

    inside: tuple[float, float]
    window: tuple[float, float, float, float]
    folds: tuple[float, float]
    clearance: float = 0.125 * INCH

    def shown(self, page_width: float) -> EnvelopeWindow:
        """What the window may show of the page, somewhere between the limits (nothing else goes there)."""
        left, bottom, width, height = self.window
        slack_x = self.inside[0] - page_width
        panel = self.folds[0]
        # Resting on the envelope's bottom, the first fold is at the bottom: the window shows from
        # panel - (bottom + height) to panel - bottom below the page's top. Pushed up against the
        # flap, the page's top is at the pocket's top: inside - (bottom + height) to inside - bottom.
        top = panel - bottom - height
        return EnvelopeWindow(left - slack_x, top, width + slack_x, self.inside[1] - bottom - top)

    def address_zone(self, page_width: float) -> EnvelopeWindow:
        """Where the address stays in view, 1/8" clear of the window's edges, at every limit."""
        left, bottom, width, height = self.window
        slack_x = self.inside[0] - page_width
        top = self.inside[1] - bottom - height + self.clearance
        lowest = self.folds[0] - bottom - self.clearance
        right = left + width - slack_x - self.clearance
        return EnvelopeWindow(left + self.clearance, top, right - left - self.clearance, lowest - top)


# US #10 (4 1/8" x 9 1/2"), window 4 1/2" x 1 1/8", 7/8" from the left and 1/2" from the bottom.
# The page folds 3 7/8" and 7 3/4" from its top (a top panel a little longer than a third: folded in
# exact thirds, the page slides 0.46" and the window keeps only 0.67" in view at both limits, too
# little for a four-line address with 1/8" clear; at 3 7/8" it keeps 0.875").
# DL (110 x 220 mm), window 90 x 45 mm, 20 mm from the left and 15 mm from the bottom; A4 folds at
# 105 and 210 mm (DIN 5008).
ENVELOPES = {
    "letter": Envelope(
        (9.5 * INCH, 4.125 * INCH), (0.875 * INCH, 0.5 * INCH, 4.5 * INCH, 1.125 * INCH),
        (3.875 * INCH, 7.75 * INCH),
    ),
    "a4": Envelope((220 * MM, 110 * MM), (20 * MM, 15 * MM, 90 * MM, 45 * MM), (105 * MM, 210 * MM)),
}  # fmt: skip
PAPER_WIDTHS = {"letter": 8.5 * INCH, "a4": 210 * MM}
DEFAULT_WINDOWS = {paper: ENVELOPES[paper].address_zone(PAPER_WIDTHS[paper]) for paper in ENVELOPES}
FOLDS = {paper: envelope.folds for paper, envelope in ENVELOPES.items()}
MARGINS = {
    "letter": (1.0 * INCH, 1.0 * INCH, 0.5 * INCH, 0.85 * INCH),
    "a4": (25 * MM, 20 * MM, 12 * MM, 22 * MM),
}


def window_for(settings: BusinessSettings, override: EnvelopeWindow | None = None) -> EnvelopeWindow:
    """The override, else settings.extra["envelope_window"], else the default for the paper.

    The setting is {"left_mm", "top_mm", "width_mm", "height_mm"}, measured on the flat page.
    """
    if override is not None:
        return _checked_window(override, settings)
    stored = settings.extra.get("envelope_window")
    if isinstance(stored, Mapping):
        try:
            window = EnvelopeWindow.from_mm(
                *(float(stored[k]) for k in ("left_mm", "top_mm", "width_mm", "height_mm"))
            )
        except (KeyError, TypeError, ValueError):
            raise UserError(
                t("Envelope window: give its left, top, width and height in millimetres.")
            ) from None
        return _checked_window(window, settings)
    return DEFAULT_WINDOWS.get(settings.paper_size, DEFAULT_WINDOWS["letter"])


def _checked_window(window: EnvelopeWindow, settings: BusinessSettings) -> EnvelopeWindow:
    page_w, page_h = page_size(settings)
    inside = window.left >= 0 and window.top >= 0 and window.left + window.width <= page_w
    if (
        not inside
        or window.top + window.height > page_h / 2
        or window.width < 40 * MM
        or window.height < 15 * MM
    ):
        raise UserError(
            t(
                "Envelope window: it must lie in the top half of the page "
                "and be at least 40 mm wide and 15 mm tall."
            )
        )
    return window


@dataclass
class _Layout:
    page: tuple[float, float]
    window: EnvelopeWindow  # where the address goes
    shown: EnvelopeWindow  # what the window may show of the page: nothing but the address there
    left: float
    right: float
    top: float
    bottom: float

    @property
    def body_width(self) -> float:
        return self.page[0] - self.left - self.right


@dataclass
class LetterPage:
    """What one page of a letter draws: its lines, and the offer's box when it is on this page."""

    lines: list[Line] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # x, y, width, height


def layout_for(settings: BusinessSettings, window: EnvelopeWindow | None = None) -> _Layout:
    paper = settings.paper_size if settings.paper_size in MARGINS else "letter"
    left, right, top, bottom = MARGINS[paper]
    page = page_size(settings)
    address = window_for(settings, window)
    shown = ENVELOPES[paper].shown(page[0])
    if address != DEFAULT_WINDOWS[paper]:
        shown = address  # the owner measured their own envelope's window on the flat page
    return _Layout(page, address, shown, left, right, top, bottom)


def render_letters(
    letters: Iterable[LetterData],
    out: Path,
    settings: BusinessSettings,
    template: LetterTemplate,
    *,
    window: EnvelopeWindow | None = None,
    day: datetime.date | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> BatchResult:
    """Write one PDF holding a letter for each record; the ones that cannot be printed are listed."""
    paper = settings.paper_size if settings.paper_size in MARGINS else "letter"
    layout = layout_for(settings, window)
    business = business_values(settings, day or clock.today())
    result = BatchResult(Path(out))
    batch = Batch(result, progress=progress, cancel=cancel)
    title = t("{title} letters", title=template.title)
    with pdf_canvas(out, layout.page, title=title, author=settings.company_name) as canvas:
        logo = letterhead.load_logo(settings, batch)
        letterhead.check_business(settings, batch)
        # The rule under the letterhead stays above anything the window may show.
        rule_at = layout.page[1] - min(layout.shown.top, layout.window.top) + 0.15 * INCH
        letterhead.define_letterhead(
            canvas,
            settings,
            logo,
            page=layout.page,
            left=layout.left,
            right=layout.right,
            top=layout.page[1] - layout.top,
            rule_at=rule_at,
        )
        _define_fold_marks(canvas, paper, layout.page)

        def prepare(letter: LetterData) -> list[LetterPage]:
            pages = layout_letter(letter, layout, template, settings, business)
            warn_missing_glyphs(batch, letter.key, (line.text for page in pages for line in page.lines))
            return pages

        for pages in batch.each(letters, prepare, key=lambda letter: letter.key):
            for index, page in enumerate(pages):
                if index == 0:
                    canvas.doForm(letterhead.FORM_NAME)
                    canvas.doForm("folds")
                _draw_boxes(canvas, page.boxes)
                text.draw(canvas, page.lines)
                canvas.showPage()
                result.pages += 1
        refuse_if_empty(batch, "letters")
    return result


def business_values(settings: BusinessSettings, day: datetime.date) -> dict[str, object]:
    return {
        "business_name": settings.company_name,
        "business_phone": format_phone(settings.phone, settings.country or "US"),
        "business_email": settings.email,
        "business_address": ", ".join(_address_lines(settings)),
        "licence_number": settings.licence_number,
        "signature_name": settings.signature_name,
        "date": day,
    }


def _address_lines(settings: BusinessSettings) -> list[str]:
    return [clean_text(line) for line in settings.address.splitlines() if clean_text(line)]


def letter_values(letter: LetterData, business: Mapping[str, object]) -> dict[str, object]:
    """The template's values: the business's, then the record's, then what the address can tell."""
    values = {**business, **letter.fields}
    address = letter.address
    first, last = clean_text(values.get("first_name") or ""), clean_text(values.get("last_name") or "")
    values.setdefault("full_name", " ".join(p for p in (first, last) if p))
    values.setdefault("display_name", clean_text(address.name) or clean_text(address.company))
    values.setdefault("company", address.company)
    values.setdefault("street", address.street)
    values.setdefault("city", address.city)
    values.setdefault("site_address", one_line(address))
    return values


def layout_letter(
    letter: LetterData,
    layout: _Layout,
    template: LetterTemplate,
    settings: BusinessSettings,
    business: Mapping[str, object],
) -> list[LetterPage]:
    """Every line of one letter, page by page; a UserError when it cannot be printed."""
    if not clean_text(letter.address.name) and not clean_text(letter.address.company):
        raise AddressProblem(t("The address has no name to send it to."))
    address = postal_lines(letter.address, sender_country=settings.country or "US")
    page_w, page_h = layout.page
    first_page = LetterPage(_address_block(address, layout))
    values = letter_values(letter, business)
    filled = fill_letter(template, values, with_postcard=False, recent_days=settings.check_in_after_days)
    first_page.lines.append(
        text.line_at(
            page_w - layout.right,
            page_h - layout.window.top - fonts.ASCENT * BODY_SIZE,
            _date_text(values["date"]),
            fonts.REGULAR,
            BODY_SIZE,
            align="right",
        )
    )
    pages = [first_page]
    flow = _Flow(layout, pages, continuation=f"{values['display_name']} · {_date_text(values['date'])}")
    # The text starts below whatever the window may show, with a line's air.
    below = max(layout.shown.bottom, layout.window.bottom) + 0.15 * INCH
    flow.y = page_h - below - fonts.ASCENT * BODY_SIZE
    if filled.subject:
        flow.paragraph(filled.subject, fonts.BOLD)
    flow.paragraph(filled.greeting)
    for paragraph in filled.paragraphs:
        flow.paragraph(paragraph)
    if filled.offer:
        flow.offer(filled.offer)
    flow.paragraph(filled.closing)
    flow.space(BODY_LEADING * 2.2)
    for closing_line in (settings.signature_name, settings.company_name):
        if clean_text(closing_line):
            flow.line(clean_text(closing_line))
    return pages


def _address_block(address: list[str], layout: _Layout) -> list[Line]:
    window = layout.window
    fitted = text.fit_wrapped(
        address,
        fonts.REGULAR,
        size=ADDRESS_SIZE,
        min_size=ADDRESS_MIN_SIZE,
        max_width=window.width,
        max_height=window.height,
        leading=ADDRESS_LEADING,
    )
    if fitted is None:
        raise AddressProblem(
            t(
                "The address does not fit the envelope window even wrapped at {size} pt "
                "({lines} lines; the window holds {held} at that size).",
                size=f"{ADDRESS_MIN_SIZE:g}",
                lines=len(address),
                held=_lines_held(window.height),
            )
        )
    size, lines = fitted
    return text.block_lines(
        window.left, layout.page[1] - window.top, lines, fonts.REGULAR, size, ADDRESS_LEADING
    )


def _lines_held(height: float) -> int:
    count = 1
    while text.block_height(count + 1, ADDRESS_MIN_SIZE, ADDRESS_LEADING) <= height:
        count += 1
    return count


class _Flow:
    """Body text flowing down the page and on to continuation pages."""

    def __init__(self, layout: _Layout, pages: list[LetterPage], continuation: str) -> None:
        self.layout = layout
        self.pages = pages
        self.continuation = continuation
        self.y = 0.0

    def paragraph(self, content: str, font: str = fonts.REGULAR) -> None:
        for line in text.wrap(content, font, BODY_SIZE, self.layout.body_width):
            self.line(line, font)
        self.y -= PARAGRAPH_GAP

    def line(self, content: str, font: str = fonts.REGULAR) -> None:
        if self.y - BODY_LEADING < self.layout.bottom:
            self._new_page()
        self.pages[-1].lines.append(Line(self.layout.left, self.y, content, font, BODY_SIZE))
        self.y -= BODY_LEADING

    def offer(self, content: str) -> None:
        """The offer in bold in a tinted box, kept on one page."""
        width = self.layout.body_width - 2 * OFFER_PAD
        lines = text.wrap(content, fonts.BOLD, BODY_SIZE, width)
        height = text.block_height(len(lines), BODY_SIZE, BODY_LEADING / BODY_SIZE) + 2 * OFFER_PAD
        top = self.y + fonts.ASCENT * BODY_SIZE + 2  # the box starts where a line's letters would
        if top - height - PARAGRAPH_GAP < self.layout.bottom:
            self._new_page()
            top = self.y + fonts.ASCENT * BODY_SIZE + 2
        self.pages[-1].boxes.append((self.layout.left, top - height, self.layout.body_width, height))
        self.pages[-1].lines.extend(
            text.block_lines(
                self.layout.left + OFFER_PAD,
                top - OFFER_PAD,
                lines,
                fonts.BOLD,
                BODY_SIZE,
                BODY_LEADING / BODY_SIZE,
            )
        )
        self.y = top - height - PARAGRAPH_GAP - fonts.ASCENT * BODY_SIZE - 2

    def space(self, height: float) -> None:
        self.y -= height

    def _new_page(self) -> None:
        page_h = self.layout.page[1]
        number = len(self.pages) + 1
        header = Line(
            self.layout.left,
            page_h - self.layout.top - 8,
            f"{self.continuation} · {t('page {number}', number=number)}",
            fonts.REGULAR,
            8,
        )
        self.pages.append(LetterPage([header]))
        self.y = page_h - self.layout.top - 0.5 * INCH


def _draw_boxes(canvas: Canvas, boxes: list[tuple[float, float, float, float]]) -> None:
    if not boxes:
        return
    canvas.saveState()
    canvas.setFillColorRGB(*OFFER_FILL)
    canvas.setStrokeColorRGB(*OFFER_RULE)
    canvas.setLineWidth(0.8)
    for x, y, width, height in boxes:
        canvas.rect(x, y, width, height, stroke=1, fill=1)
    canvas.restoreState()


def _date_text(day: object) -> str:
    return field_text(day)


def _define_fold_marks(canvas: Canvas, paper: str, page: tuple[float, float]) -> None:
    """Short ticks at both edges where the page folds so the address lands in the window.

    They start 1/4" in from the edge, where every printer prints (one drawn at the very edge
    falls in the margin a printer cannot reach and never shows)."""
    near, far = FOLD_MARK
    canvas.beginForm("folds")
    canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
    canvas.setLineWidth(0.5)
    for from_top in FOLDS[paper]:
        y = page[1] - from_top
        canvas.line(near, y, far, y)
        canvas.line(page[0] - far, y, page[0] - near, y)
    canvas.endForm()
