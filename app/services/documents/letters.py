"""Personalised letters, many to one PDF, with the address placed for a window envelope.

The recipient's address is printed inside the envelope window's rectangle on
the flat page (default: a standard US #10 single-window envelope for Letter
paper, a DIN 5008 DL window for A4; an owner whose envelopes differ sets
"envelope_window" in the settings, in millimetres). An address too big for the
window is shrunk down to 8 pt; one that still does not fit is listed as an
exception, never printed outside the window nor silently left out.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.domain import clock
from app.domain.errors import UserError
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
)
from app.services.documents.text import Line

BODY_SIZE = 10.5
BODY_LEADING = 14.5
PARAGRAPH_GAP = 7.0
ADDRESS_SIZE = 10.0
ADDRESS_MIN_SIZE = 8.0  # smaller than this, the post's readers and the customer's eyes struggle
ADDRESS_LEADING = 1.15
FOLD_MARK = 0.25 * INCH


@dataclass(frozen=True)
class LetterData:
    """One letter: who it goes to and the values of the template's fields (see templates.FIELDS)."""

    key: str  # names the record in the exceptions list: "Customer 12 (Jane Smith)"
    address: MailingAddress
    fields: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class EnvelopeWindow:
    """Where the address must go on the flat page: points from the page's top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @classmethod
    def from_mm(cls, left: float, top: float, width: float, height: float) -> EnvelopeWindow:
        return cls(left * MM, top * MM, width * MM, height * MM)


# A #10 single-window envelope (window 4 1/2" x 1 1/8", 7/8" from the left and 1/2" from the bottom)
# holding a tri-folded Letter page: this rectangle shows through however the page slides inside.
# A4: the address zone of DIN 5008 form B for a DL window envelope.
DEFAULT_WINDOWS = {
    "letter": EnvelopeWindow(1.0 * INCH, 2.05 * INCH, 3.25 * INCH, 0.85 * INCH),
    "a4": EnvelopeWindow.from_mm(25, 50, 75, 35),
}
FOLDS = {"letter": (11 / 3 * INCH, 22 / 3 * INCH), "a4": (105 * MM, 210 * MM)}
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
            raise UserError("Envelope window: give its left, top, width and height in millimetres.") from None
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
            "Envelope window: it must lie in the top half of the page "
            "and be at least 40 mm wide and 15 mm tall."
        )
    return window


@dataclass
class _Layout:
    page: tuple[float, float]
    window: EnvelopeWindow
    left: float
    right: float
    top: float
    bottom: float

    @property
    def body_width(self) -> float:
        return self.page[0] - self.left - self.right


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
    left, right, top, bottom = MARGINS[paper]
    layout = _Layout(page_size(settings), window_for(settings, window), left, right, top, bottom)
    business = business_values(settings, day or clock.today())
    result = BatchResult(Path(out))
    batch = Batch(result, progress=progress, cancel=cancel)
    title = f"{template.title} letters"
    with pdf_canvas(out, layout.page, title=title, author=settings.company_name) as canvas:
        logo = letterhead.load_logo(settings, batch)
        letterhead.check_business(settings, batch)
        rule_at = layout.page[1] - layout.window.top + 0.35 * INCH
        letterhead.define_letterhead(
            canvas,
            settings,
            logo,
            page=layout.page,
            left=left,
            right=right,
            top=layout.page[1] - top,
            rule_at=rule_at,
        )
        _define_fold_marks(canvas, paper, layout.page)

        def prepare(letter: LetterData) -> list[list[Line]]:
            pages = layout_letter(letter, layout, template, settings, business)
            missing = fonts.missing_glyphs(" ".join(line.text for page in pages for line in page))
            if missing:
                batch.warn(letter.key, f"no font has “{missing}”; it prints as a box")
            return pages

        for pages in batch.each(letters, prepare, key=lambda letter: letter.key):
            for index, lines in enumerate(pages):
                if index == 0:
                    canvas.doForm(letterhead.FORM_NAME)
                    canvas.doForm("folds")
                text.draw(canvas, lines)
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
) -> list[list[Line]]:
    """Every line of one letter, page by page; a UserError when it cannot be printed."""
    if not clean_text(letter.address.name) and not clean_text(letter.address.company):
        raise AddressProblem("The address has no name to send it to.")
    address = postal_lines(letter.address, sender_country=settings.country or "US")
    page_w, page_h = layout.page
    first_page = _address_block(address, layout)
    values = letter_values(letter, business)
    filled = fill_letter(template, values, with_postcard=False)
    first_page.append(
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
    flow.y = page_h - layout.window.top - layout.window.height - 0.45 * INCH
    if filled.subject:
        flow.paragraph(filled.subject, fonts.BOLD)
    flow.paragraph(filled.greeting)
    for paragraph in filled.paragraphs:
        flow.paragraph(paragraph)
    flow.paragraph(filled.closing)
    flow.space(BODY_LEADING * 2.2)
    for closing_line in (settings.signature_name, settings.company_name):
        if clean_text(closing_line):
            flow.line(clean_text(closing_line))
    return pages


def _address_block(address: list[str], layout: _Layout) -> list[Line]:
    window = layout.window
    size = text.fit_block(
        address,
        fonts.REGULAR,
        size=ADDRESS_SIZE,
        min_size=ADDRESS_MIN_SIZE,
        max_width=window.width,
        max_height=window.height,
        leading=ADDRESS_LEADING,
    )
    if size is None:
        widest = max(address, key=lambda line: fonts.width(line, fonts.REGULAR, 1.0))
        raise AddressProblem(
            f"The address does not fit the envelope window even at {ADDRESS_MIN_SIZE:g} pt "
            f"({len(address)} lines; the longest is “{widest}”)."
        )
    return text.block_lines(
        window.left, layout.page[1] - window.top, address, fonts.REGULAR, size, ADDRESS_LEADING
    )


class _Flow:
    """Body text flowing down the page and on to continuation pages."""

    def __init__(self, layout: _Layout, pages: list[list[Line]], continuation: str) -> None:
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
        self.pages[-1].append(Line(self.layout.left, self.y, content, font, BODY_SIZE))
        self.y -= BODY_LEADING

    def space(self, height: float) -> None:
        self.y -= height

    def _new_page(self) -> None:
        page_h = self.layout.page[1]
        number = len(self.pages) + 1
        header = Line(
            self.layout.left,
            page_h - self.layout.top - 8,
            f"{self.continuation} · page {number}",
            fonts.REGULAR,
            8,
        )
        self.pages.append([header])
        self.y = page_h - self.layout.top - 0.5 * INCH


def _date_text(day: object) -> str:
    return field_text(day)


def _define_fold_marks(canvas: Canvas, paper: str, page: tuple[float, float]) -> None:
    """Short ticks at the left edge where the page folds so the address lands in the window."""
    canvas.beginForm("folds")
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.setLineWidth(0.4)
    for from_top in FOLDS[paper]:
        canvas.line(0, page[1] - from_top, FOLD_MARK, page[1] - from_top)
    canvas.endForm()
